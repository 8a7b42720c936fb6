import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { ImportReferences, ParsedRow } from '../../../domain/ledger/import/types.js';
import { counterKey, formatProblemCode } from '../../../domain/problem/code.js';
import { deriveProblem } from '../../../domain/problem/derive.js';
import type { ImportOptionsInput } from '../../../shared/api/imports.js';
import { errorCatalog } from '../../../shared/i18n/errors.js';
import { translate } from '../../../shared/i18n/translate.js';
import type { Language } from '../../../shared/roles.js';
import { recordChanges, type Change } from '../../audit/record-change.js';
import type { Executor } from '../../db/client.js';
import { codeCounters, ledgerImports, problemEvents, problems, problemUnits, units } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { ImportChoice } from '../../ledger/import-analysis.js';
import type { Services } from '../../services.js';
import { loadLoopSettings } from '../../settings.js';
import { refreshDerived } from '../problems/derive-problem.js';
import { analyzeFor, assertChangeable, EDITABLE_STATUSES as editable, loadImport, type ImportContext } from './analyze-import.js';
import { ledgerColumns } from './ledger-columns.js';
import { commitProgress, presentImport } from './present-import.js';

/** Rows per INSERT statement. */
const BATCH = 500;

/**
 * 确认导入: start writing the checked rows. Answers at once (202) with status `committing`; the rows are checked again
 * against what is stored now and written in ONE transaction (all or nothing) in the background, with progress for
 * the page to poll. A row with an error anywhere stops the whole import.
 */
export async function commitImport(ctx: ImportContext, actor: Actor, id: number, version: number, lang: Language) {
  const current = await loadImport(ctx.database.db, actor, id);
  assertChangeable(current.status);
  if (current.status === 'failed') throw new AppError('IMPORT_HAS_ERRORS', { n: (current.summary as { errors?: number } | null)?.errors ?? 0 }, 422);
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
      .returning(),
  );
  if (!claimed) throw new AppError('CONFLICT');
  commitProgress.set(id, { done: 0, total: summary.create + summary.update });
  const done = runCommit(ctx, actor, claimed.id, lang).finally(() => commitProgress.delete(id));
  running.set(id, done);
  void done.finally(() => running.delete(id));
  return presentImport(ctx.database.db, claimed, lang);
}

/** Commits running in this process (tests and shutdown wait for them). */
export const running = new Map<number, Promise<void>>();

async function runCommit(ctx: ImportContext, actor: Actor, id: number, lang: Language): Promise<void> {
  try {
    const row = await loadImport(ctx.database.db, actor, id);
    const choice: ImportChoice = { sheetIndex: row.sheetIndex!, headerRow: row.headerRow!, firstDataRow: row.firstDataRow!, mapping: row.mapping as ImportChoice['mapping'] };
    const { result, refs, stored } = await analyzeFor(ctx, actor, row.file, row.fileName, row.options as ImportOptionsInput, choice);
    const analysis = result.analysis;
    if (!analysis) throw new AppError('IMPORT_NOT_LEDGER', {}, 422);
    if (analysis.summary.errors > 0) {
      // Something changed since the check (a unit disabled, a code taken): show the fresh result and stop.
      await ctx.database.transaction((tx) =>
        tx
          .update(ledgerImports)
          .set({ status: 'analyzed', summary: stored.summary, issues: stored.issues, preview: stored.preview, error: translate(errorCatalog, lang, 'IMPORT_HAS_ERRORS', { n: analysis.summary.errors }), version: sql`${ledgerImports.version} + 1`, updatedAt: new Date() })
          .where(eq(ledgerImports.id, id)),
      );
      return;
    }
    const rows = analysis.rows.filter((r) => r.problem && r.action !== 'skip');
    await ctx.database.transaction(async (tx) => {
      const written = await writeImportedRows(tx, ctx.services, actor, { id, fileName: row.fileName }, rows, refs, (done) => commitProgress.set(id, { done, total: rows.length }));
      await tx
        .update(ledgerImports)
        .set({ status: 'committed', result: written, committedAt: new Date(), error: null, version: sql`${ledgerImports.version} + 1`, updatedAt: new Date() })
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
  refs: ImportReferences,
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
    const taken = await tx.select({ code: problems.code }).from(problems).where(inArray(problems.code, fileCodes));
    if (taken.length) throw new AppError('IMPORT_CODE_TAKEN', { codes: taken.slice(0, 5).map((t) => t.code).join('、') }, 409);
  }
  const reserved = new Set(fileCodes);
  const regionCode = new Map(refs.regions.map((r) => [r.id, r.code]));
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
      const clash = new Set((await tx.select({ code: problems.code }).from(problems).where(inArray(problems.code, candidates))).map((c) => c.code));
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
          ? { assignedOn: today, ackDueOn: today, acknowledgedOn: today }
          : p.status === 'closed'
            ? { rectifiedOn: p.closedOn ?? today, closedOn: p.closedOn ?? today }
            : {};
      const columns = ledgerColumns(p);
      const derived = deriveProblem(
        {
          status: p.status,
          deadlineKind: p.deadlineKind,
          deadline: columns.deadline,
          assignedOn: dates.assignedOn ?? null,
          ackDueOn: dates.ackDueOn ?? null,
          acknowledgedOn: dates.acknowledgedOn ?? null,
          lastReportOn: null,
          milestones: [],
          extensions: [],
        },
        today,
        calendar,
        settings,
      );
      return {
        ...columns,
        ...dates,
        code: p.code ?? codeOf.get(r)!,
        status: p.status,
        latestProgress: p.latestProgress,
        createdBy: actor.userId,
        deadlineInForce: derived.deadlineInForce,
        scheduleState: derived.scheduleState,
        warningLight: derived.warning.light,
        warningReason: derived.warning.reason,
        warningDueOn: derived.warning.dueDate,
        warningComputedOn: today,
      };
    });
    const inserted = await tx.insert(problems).values(values).returning({ id: problems.id, code: problems.code, status: problems.status });
    const links = batch.flatMap((r, k) => {
      const p = r.problem!;
      const problemId = inserted[k]!.id;
      return [
        ...(p.leadUnitId ? [{ problemId, unitId: p.leadUnitId, role: 'lead' }] : []),
        ...[...new Set(p.cooperatingUnitIds)].filter((u) => u !== p.leadUnitId).map((unitId) => ({ problemId, unitId, role: 'cooperating' })),
      ];
    });
    if (links.length) await tx.insert(problemUnits).values(links);
    const details = (k: number) => ({ importId: source.id, fileName: source.fileName, row: batch[k]!.row });
    await tx.insert(problemEvents).values(
      inserted.map((p, k) => ({ problemId: p.id, rectificationRound: 1, action: 'import', fromStatus: null, toStatus: p.status, actorId: actor.userId, actorName: actor.displayName, actorUnitName, at: now, details: details(k) })),
    );
    const changes: Change[] = inserted.map((p, k) => ({ action: 'problem.import', entityType: 'problem', entityId: p.id, before: null, after: { status: p.status, code: p.code, round: 1, ...details(k) } }));
    await recordChanges(tx, { id: actor.userId, name: actor.displayName }, changes);
    codes.push(...inserted.map((p) => p.code));
    done += batch.length;
    onProgress(done);
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
    await refreshDerived(tx, services, id);
    done += 1;
    if (done % 100 === 0) onProgress(done);
  }
  onProgress(done);
  return { created: creates.length, updated: updates.length, codes: codes.slice(0, 20) };
}
