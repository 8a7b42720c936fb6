import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { ParsedRow } from '../../../domain/ledger/import/types.js';
import { counterKey, formatProblemCode } from '../../../domain/problem/code.js';
import { deriveProblem } from '../../../domain/problem/derive.js';
import type { ImportOptionsInput } from '../../../shared/api/imports.js';
import { errorCatalog } from '../../../shared/i18n/errors.js';
import { translate } from '../../../shared/i18n/translate.js';
import type { Language } from '../../../shared/roles.js';
import { problemScopeSql, unitScopeSql } from '../../access/access.js';
import { recordChanges, type Change } from '../../audit/record-change.js';
import type { Executor } from '../../db/client.js';
import { codeCounters, ledgerImports, problemEvents, problems, problemUnits, regions, units } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { ImportChoice } from '../../ledger/import-analysis.js';
import type { Services } from '../../services.js';
import { loadLoopSettings } from '../../settings.js';
import { refreshDerived } from '../problems/derive-problem.js';
import { analyzeFor, assertChangeable, EDITABLE_STATUSES as editable, loadImport, loadImportContent, type ImportContext } from './analyze-import.js';
import { ledgerColumns } from './ledger-columns.js';
import { commitProgress, IMPORT_COLUMNS, packRows, presentImport } from './present-import.js';

/** Rows per INSERT statement. */
const BATCH = 500;

/**
 * 确认导入: start writing the checked rows. Answers at once (202) with status `committing`; the rows are checked again
 * against what is stored now and written in ONE transaction (all or nothing) in the background, with progress for
 * the page to poll. A row with an error anywhere stops the whole import.
 */
export async function commitImport(ctx: ImportContext, actor: Actor, id: number, version: number, lang: Language) {
  const current = await loadImport(ctx.database, actor, id, lang);
  assertChangeable(current.status);
  // A failed attempt (a code taken meanwhile…) is checked again before another one.
  if (current.status === 'failed') throw new AppError('IMPORT_RECHECK_NEEDED', { error: current.error ?? '' }, 409);
  if (current.version !== version) throw new AppError('CONFLICT');
  const summary = current.summary as { errors: number; create: number; update: number } | null;
  if (!summary) throw new AppError('IMPORT_NOT_LEDGER', {}, 422);
  if (summary.errors > 0) throw new AppError('IMPORT_HAS_ERRORS', { n: summary.errors }, 422);
  if (summary.create + summary.update === 0) throw new AppError('IMPORT_NOTHING_TO_DO', {}, 422);
  const [claimed] = await ctx.database.transaction((tx) =>
    tx
      .update(ledgerImports)
      .set({ status: 'committing', version: sql`${ledgerImports.version} + 1`, updatedAt: new Date() })
      .where(and(eq(ledgerImports.id, id), eq(ledgerImports.version, version), eq(ledgerImports.status, 'analyzed')))
      .returning(IMPORT_COLUMNS),
  );
  if (!claimed) throw new AppError('CONFLICT');
  commitProgress.set(id, { done: 0, total: summary.create + summary.update });
  const done = runCommit(ctx, actor, claimed.id, current.updatedAt, lang).finally(() => commitProgress.delete(id));
  running.set(id, done);
  void done.finally(() => running.delete(id));
  return presentImport(ctx.database.db, claimed, lang);
}

/** Commits running in this process (tests and shutdown wait for them). */
export const running = new Map<number, Promise<void>>();

async function runCommit(ctx: ImportContext, actor: Actor, id: number, checkedAt: Date, lang: Language): Promise<void> {
  try {
    const row = await loadImport(ctx.database, actor, id, lang);
    const content = await loadImportContent(ctx.database.db, id);
    const checked = content.rows;
    let rows: ParsedRow[];
    if (checked && (await stillValid(ctx.database.db, actor, checked, checkedAt))) {
      // Nothing the rows refer to changed since they were checked: write them as checked.
      rows = checked;
    } else {
      // Something changed (a unit disabled, a problem edited meanwhile…): check the file again against what is stored now.
      const choice: ImportChoice = { sheetIndex: row.sheetIndex!, headerRow: row.headerRow!, firstDataRow: row.firstDataRow!, mapping: row.mapping as ImportChoice['mapping'] };
      const { result, stored } = await analyzeFor(ctx, actor, content.file, row.fileName, row.options as ImportOptionsInput, choice);
      const analysis = result.analysis;
      if (!analysis) throw new AppError('IMPORT_NOT_LEDGER', {}, 422);
      if (analysis.summary.errors > 0) {
        const checkedRows = await packRows(stored.rows);
        await ctx.database.transaction((tx) =>
          tx
            .update(ledgerImports)
            .set({ status: 'analyzed', summary: stored.summary, issues: stored.issues, preview: stored.preview, checkedRows, error: translate(errorCatalog, lang, 'IMPORT_HAS_ERRORS', { n: analysis.summary.errors }), version: sql`${ledgerImports.version} + 1`, updatedAt: new Date() })
            .where(eq(ledgerImports.id, id)),
        );
        return;
      }
      rows = analysis.rows.filter((r) => r.problem && r.action !== 'skip');
    }
    await ctx.database.transaction(async (tx) => {
      const written = await writeImportedRows(tx, ctx.services, actor, { id, fileName: row.fileName }, rows, (done) => commitProgress.set(id, { done, total: rows.length }));
      await tx
        .update(ledgerImports)
        .set({ status: 'committed', result: written, checkedRows: null, committedAt: new Date(), error: null, version: sql`${ledgerImports.version} + 1`, updatedAt: new Date() })
        .where(eq(ledgerImports.id, id));
    });
  } catch (error) {
    const message = error instanceof AppError ? translate(errorCatalog, lang, error.code, error.params) : translate(errorCatalog, lang, 'INTERNAL', { ref: `import-${id}` });
    if (!(error instanceof AppError)) console.error(`ledger import ${id} failed`, error);
    await ctx.database
      .transaction((tx) => tx.update(ledgerImports).set({ status: 'failed', error: message, version: sql`${ledgerImports.version} + 1`, updatedAt: new Date() }).where(eq(ledgerImports.id, id)))
      .catch(() => undefined);
  }
}

const ids = (values: Iterable<number | null | undefined>) => [...new Set([...values].filter((v): v is number => typeof v === 'number'))];
const inList = (values: number[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);
const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;
const countOf = async (ex: Executor, query: ReturnType<typeof sql>) => Number(((await ex.execute(query)) as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);

/** Which of `codes` stored problems already use (the list goes as one JSON parameter, however long). */
const codesTaken = async (ex: Executor, codes: string[]) =>
  rowsOf<{ code: string }>(await ex.execute(sql`SELECT code FROM problems WHERE code IN (SELECT json_array_elements_text(${JSON.stringify(codes)}::json))`));

/**
 * Whether checked rows can be written as they are: every region, unit, leader, round and batch they name is still
 * there and usable by the actor, and no problem they update changed since the check. Cheap (one query per kind),
 * so the commit does not read and check the whole file a second time.
 */
async function stillValid(ex: Executor, actor: Actor, rows: ParsedRow[], checkedAt: Date): Promise<boolean> {
  const problemsOf = rows.map((r) => r.problem!).filter(Boolean);
  const units = ids(problemsOf.flatMap((p) => [p.leadUnitId, ...p.cooperatingUnitIds]));
  const regionIds = ids(problemsOf.map((p) => p.regionId));
  const leaders = ids(problemsOf.map((p) => p.leaderUserId));
  const roundIds = ids(problemsOf.map((p) => p.roundId));
  const batchIds = ids(problemsOf.map((p) => p.batchId));
  const updated = ids(rows.filter((r) => r.action === 'update').map((r) => r.existingId));
  const checks: [number[], ReturnType<typeof sql>][] = [
    [units, sql`SELECT count(*)::int AS n FROM units u WHERE u.id IN (${inList(units)}) AND u.enabled AND ${unitScopeSql(actor, 'u')}`],
    [regionIds, sql`SELECT count(*)::int AS n FROM regions WHERE id IN (${inList(regionIds)}) AND enabled AND (path LIKE ${`${actor.regionPath}%`} OR ${actor.roles.includes('admin')})`],
    [leaders, sql`SELECT count(DISTINCT u.id)::int AS n FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'leader' WHERE u.id IN (${inList(leaders)}) AND u.enabled`],
    [roundIds, sql`SELECT count(*)::int AS n FROM rounds WHERE id IN (${inList(roundIds)}) AND enabled`],
    [batchIds, sql`SELECT count(*)::int AS n FROM batches WHERE id IN (${inList(batchIds)})`],
    [updated, sql`SELECT count(*)::int AS n FROM problems p WHERE p.id IN (${inList(updated)}) AND p.updated_at <= ${checkedAt.toISOString()}::timestamptz AND p.status IN (${sql.join([...editable].map((s) => sql`${s}`), sql`, `)}) AND ${problemScopeSql(actor, 'p')}`],
  ];
  for (const [list, query] of checks) if (list.length && (await countOf(ex, query)) !== list.length) return false;
  return true;
}

/**
 * Write checked rows in the caller's transaction: new problems in batches (codes allocated per counter in one step,
 * derived timing computed here, units, timeline events and chained history rows in batches too), and updates by
 * code one by one. Returns the counts and the first codes created.
 */
export async function writeImportedRows(
  tx: Executor,
  services: Services,
  actor: Actor,
  source: { id: number; fileName: string },
  rows: ParsedRow[],
  onProgress: (done: number) => void = () => undefined,
): Promise<{ created: number; updated: number; codes: string[] }> {
  const settings = await loadLoopSettings(tx);
  const calendar = await services.calendar.get(tx);
  const today = services.clock.today();
  const now = services.clock.now();
  const year = Number(today.slice(0, 4));
  const creates = rows.filter((r) => r.action === 'create');
  const updates = rows.filter((r) => r.action === 'update' && r.existingId);
  const [unit] = await tx.select({ name: units.name }).from(units).where(eq(units.id, actor.unitId));
  const actorUnitName = unit?.name ?? null;

  // Codes written in the file must be free everywhere (the analysis only saw the actor's scope).
  const fileCodes = creates.map((r) => r.problem!.code).filter((c): c is string => Boolean(c));
  if (fileCodes.length) {
    const taken = await codesTaken(tx, fileCodes);
    if (taken.length) throw new AppError('IMPORT_CODE_TAKEN', { codes: taken.slice(0, 5).map((t) => t.code).join('、') }, 409);
  }
  const reserved = new Set(fileCodes);
  const regionIds = [...new Set(creates.map((r) => r.problem!.regionId))];
  const regionCode = new Map(
    regionIds.length ? (await tx.select({ id: regions.id, code: regions.code }).from(regions).where(inArray(regions.id, regionIds))).map((r) => [r.id, r.code]) : [],
  );
  const needing = new Map<string, { region: string; rows: ParsedRow[] }>();
  for (const r of creates) {
    if (r.problem!.code) continue;
    const region = regionCode.get(r.problem!.regionId) ?? '';
    const key = counterKey(settings.codePattern, { region, year });
    const group = needing.get(key) ?? { region, rows: [] };
    group.rows.push(r);
    needing.set(key, group);
  }
  const codeOf = new Map<ParsedRow, string>();
  for (const [key, group] of needing) {
    let pending = group.rows;
    while (pending.length) {
      const [counter] = await tx
        .insert(codeCounters)
        .values({ key, last: pending.length })
        .onConflictDoUpdate({ target: codeCounters.key, set: { last: sql`${codeCounters.last} + ${pending.length}` } })
        .returning({ last: codeCounters.last });
      const first = counter!.last - pending.length + 1;
      const candidates = pending.map((_r, i) => formatProblemCode(settings.codePattern, { region: group.region, year, seq: first + i }));
      const clash = new Set((await codesTaken(tx, candidates)).map((c) => c.code));
      const next: ParsedRow[] = [];
      pending.forEach((r, i) => {
        const code = candidates[i]!;
        if (clash.has(code) || reserved.has(code)) next.push(r);
        else codeOf.set(r, code);
      });
      pending = next;
    }
  }

  let done = 0;
  const codes: string[] = [];
  for (let i = 0; i < creates.length; i += BATCH) {
    const batch = creates.slice(i, i + BATCH);
    const values = batch.map((r) => {
      const p = r.problem!;
      const dates =
        p.status === 'rectifying'
          ? { assigned_on: today, ack_due_on: today, acknowledged_on: today }
          : p.status === 'closed'
            ? { rectified_on: p.closedOn ?? today, closed_on: p.closedOn ?? today }
            : {};
      const c = ledgerColumns(p);
      const derived = deriveProblem(
        { status: p.status, deadlineKind: p.deadlineKind, deadline: c.deadline, assignedOn: dates.assigned_on ?? null, ackDueOn: dates.ack_due_on ?? null, acknowledgedOn: dates.acknowledged_on ?? null, lastReportOn: null, milestones: [], extensions: [] },
        today,
        calendar,
        settings,
      );
      // Column names as stored: the batch goes to the database as one JSON parameter (json_populate_recordset).
      return {
        code: p.code ?? codeOf.get(r)!,
        source: c.source,
        round_id: c.roundId,
        batch_id: c.batchId,
        category: c.category,
        title: c.title,
        description: c.description,
        region_id: c.regionId,
        address: c.address,
        lng: c.lng,
        lat: c.lat,
        enterprise_name: c.enterpriseName,
        enterprise_uscc: c.enterpriseUscc,
        lead_unit_id: c.leadUnitId,
        leader_user_id: c.leaderUserId,
        responsible_person: c.responsiblePerson,
        responsible_phone: c.responsiblePhone,
        goal: c.goal,
        measures: c.measures,
        closing_criteria: c.closingCriteria,
        deadline_kind: c.deadlineKind,
        deadline: c.deadline,
        flagged: c.flagged,
        flag_level: c.flagLevel,
        is_public: c.isPublic,
        remarks: c.remarks,
        status: p.status,
        latest_progress: p.latestProgress,
        ...dates,
        created_by: actor.userId,
        deadline_in_force: derived.deadlineInForce,
        schedule_state: derived.scheduleState,
        warning_light: derived.warning.light,
        warning_reason: derived.warning.reason,
        warning_due_on: derived.warning.dueDate,
        warning_computed_on: today,
      };
    });
    const columns = Object.keys(values[0]!).concat(['assigned_on', 'ack_due_on', 'acknowledged_on', 'rectified_on', 'closed_on']).filter((k, i, all) => all.indexOf(k) === i);
    const list = sql.raw(columns.join(', '));
    const inserted = rowsOf<{ id: number; code: string; status: string }>(
      await tx.execute(sql`INSERT INTO problems (${list}) SELECT ${list} FROM json_populate_recordset(NULL::problems, ${JSON.stringify(values)}::json) RETURNING id, code, status`),
    );
    const idOf = new Map(inserted.map((p) => [p.code, Number(p.id)]));
    const links = batch.flatMap((r, k) => {
      const p = r.problem!;
      const problemId = idOf.get(values[k]!.code)!;
      return [
        ...(p.leadUnitId ? [{ problem_id: problemId, unit_id: p.leadUnitId, role: 'lead' }] : []),
        ...[...new Set(p.cooperatingUnitIds)].filter((u) => u !== p.leadUnitId).map((unitId) => ({ problem_id: problemId, unit_id: unitId, role: 'cooperating' })),
      ];
    });
    if (links.length)
      await tx.execute(sql`INSERT INTO problem_units (problem_id, unit_id, role) SELECT problem_id, unit_id, role FROM json_populate_recordset(NULL::problem_units, ${JSON.stringify(links)}::json)`);
    const details = (k: number) => ({ importId: source.id, fileName: source.fileName, row: batch[k]!.row });
    const events = batch.map((_r, k) => ({
      problem_id: idOf.get(values[k]!.code)!,
      rectification_round: 1,
      action: 'import',
      from_status: null,
      to_status: values[k]!.status,
      actor_id: actor.userId,
      actor_name: actor.displayName,
      actor_unit_name: actorUnitName,
      at: now.toISOString(),
      details: details(k),
    }));
    await tx.execute(
      sql`INSERT INTO problem_events (problem_id, rectification_round, action, from_status, to_status, actor_id, actor_name, actor_unit_name, at, details)
          SELECT problem_id, rectification_round, action, from_status, to_status, actor_id, actor_name, actor_unit_name, at, details FROM json_populate_recordset(NULL::problem_events, ${JSON.stringify(events)}::json)`,
    );
    const changes: Change[] = batch.map((_r, k) => {
      const code = values[k]!.code;
      return { action: 'problem.import', entityType: 'problem', entityId: idOf.get(code)!, before: null, after: { status: values[k]!.status, code, round: 1, ...details(k) } };
    });
    await recordChanges(tx, { id: actor.userId, name: actor.displayName }, changes);
    codes.push(...values.map((v) => v.code));
    done += batch.length;
    onProgress(done);
    // Let the event loop breathe between batches (on PGlite the queries run on the server's own thread).
    await new Promise((resolve) => setImmediate(resolve));
  }
  for (const r of updates) {
    const p = r.problem!;
    const id = r.existingId!;
    const [before] = await tx.select().from(problems).where(eq(problems.id, id)).for('update');
    if (!before || !editable.has(before.status)) throw new AppError('IMPORT_HAS_ERRORS', { n: 1 }, 409);
    const columns = ledgerColumns(p);
    const changed = (Object.keys(columns) as (keyof typeof columns)[]).filter((k) => JSON.stringify(columns[k]) !== JSON.stringify(before[k]));
    await tx
      .update(problems)
      .set({ ...columns, ...(p.latestProgress ? { latestProgress: p.latestProgress } : {}), version: sql`${problems.version} + 1`, updatedAt: now })
      .where(eq(problems.id, id));
    await tx.delete(problemUnits).where(eq(problemUnits.problemId, id));
    const links = [
      ...(p.leadUnitId ? [{ problemId: id, unitId: p.leadUnitId, role: 'lead' }] : []),
      ...[...new Set(p.cooperatingUnitIds)].filter((u) => u !== p.leadUnitId).map((unitId) => ({ problemId: id, unitId, role: 'cooperating' })),
    ];
    if (links.length) await tx.insert(problemUnits).values(links);
    const details = { importId: source.id, fileName: source.fileName, row: r.row, changed };
    await tx.insert(problemEvents).values({ problemId: id, rectificationRound: before.rectificationRound, action: 'import_update', fromStatus: before.status, toStatus: before.status, actorId: actor.userId, actorName: actor.displayName, actorUnitName, at: now, details });
    await recordChanges(tx, { id: actor.userId, name: actor.displayName }, [
      { action: 'problem.import_update', entityType: 'problem', entityId: id, before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: { code: before.code, round: before.rectificationRound, ...details } },
    ]);
    done += 1;
    if (done % 100 === 0) onProgress(done);
  }
  // Derived timing of the updated problems, recomputed once for all of them.
  await refreshDerived(tx, services, ...updates.map((r) => r.existingId!));
  onProgress(done);
  return { created: creates.length, updated: updates.length, codes: codes.slice(0, 20) };
}
