import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import { TRANSITIONS } from '../../../domain/problem/lifecycle.js';
import type { ColumnMapping, ImportOptions, ParsedRow } from '../../../domain/ledger/import/types.js';
import type { ImportOptionsInput, UpdateImportInput } from '../../../shared/api/imports.js';
import { errorCatalog } from '../../../shared/i18n/errors.js';
import { translate } from '../../../shared/i18n/translate.js';
import type { Language } from '../../../shared/roles.js';
import { requirePermission } from '../../access/access.js';
import { recordChange } from '../../audit/record-change.js';
import type { Database, Executor } from '../../db/client.js';
import { ledgerImportMappings, ledgerImports, problems, problemUnits } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { analyzeInWorker } from '../../ledger/analyze-in-worker.js';
import type { ImportChoice } from '../../ledger/import-analysis.js';
import type { Services } from '../../services.js';
import { loadImportReferences, loadStoredView } from './import-references.js';
import { changedColumns } from './ledger-columns.js';
import { commitProgress, IMPORT_COLUMNS, packRows, presentImport, storedAnalysis, unpackRows, type ImportRow } from './present-import.js';

export interface ImportContext {
  database: Database;
  services: Services;
}

/** Largest ledger file accepted (bytes). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export const DEFAULT_IMPORT_OPTIONS: ImportOptionsInput = { updateExisting: true, defaults: {}, unitAliases: {} };

const domainOptions = (o: ImportOptionsInput): ImportOptions => ({ updateExisting: o.updateExisting, defaults: o.defaults });

/** Analyze (in a worker thread) against what the actor may use now; returns the columns to store. */
export async function analyzeFor(ctx: ImportContext, actor: Actor, file: Uint8Array, fileName: string, options: ImportOptionsInput, choice: ImportChoice | null) {
  const refs = await loadImportReferences(ctx.database.db, actor, ctx.services.clock.today());
  const saved = choice ? [] : await ctx.database.db.select().from(ledgerImportMappings);
  const result = await analyzeInWorker(
    {
      file,
      fileName,
      refs,
      options: domainOptions(options),
      unitAliases: options.unitAliases,
      choice,
      savedMappings: Object.fromEntries(saved.map((m) => [m.signature, m.mapping as ColumnMapping])),
    },
    (held) => loadStoredView(ctx.database.db, actor, held),
  );
  let codes = new Map<number, string>();
  if (result.analysis) {
    codes = await checkUpdates(ctx.database.db, result.analysis.rows);
    result.analysis.summary = summarize(result.analysis.rows);
  }
  const stored = storedAnalysis(result, refs, codes);
  return { result, refs, stored };
}

/** 上传台账: read and check an uploaded ledger; nothing is written to the ledger until the commit. */
export async function createImport(ctx: ImportContext, actor: Actor, upload: { data: Buffer; fileName: string }, lang: Language) {
  requirePermission(actor, 'ledger.import');
  if (upload.data.length > MAX_IMPORT_BYTES) throw new AppError('IMPORT_TOO_LARGE', { max: '20 MB' }, 413);
  const { result, stored } = await analyzeFor(ctx, actor, upload.data, upload.fileName, DEFAULT_IMPORT_OPTIONS, null);
  const checkedRows = await packRows(stored.rows);
  const row = await ctx.database.transaction(async (tx) => {
    const [created] = await tx
      .insert(ledgerImports)
      .values({
        createdBy: actor.userId,
        fileName: upload.fileName,
        fileSha256: createHash('sha256').update(upload.data).digest('hex'),
        file: upload.data,
        status: 'analyzed',
        sheets: result.sheets,
        detections: result.detections.map((d) => ({ sheetIndex: d.sheetIndex, sheetName: d.sheetName, headerRow: d.headerRow, firstDataRow: d.firstDataRow, score: d.score })),
        sheetIndex: result.choice?.sheetIndex ?? null,
        headerRow: result.choice?.headerRow ?? null,
        firstDataRow: result.choice?.firstDataRow ?? null,
        headers: result.headers,
        sample: result.sample,
        savedMappingUsed: result.savedMappingUsed,
        mapping: result.choice?.mapping ?? {},
        options: DEFAULT_IMPORT_OPTIONS,
        summary: stored.summary,
        issues: stored.issues,
        preview: stored.preview,
        checkedRows,
      })
      .returning(IMPORT_COLUMNS);
    await recordChange(tx, { id: actor.userId, name: actor.displayName }, {
      action: 'import.uploaded',
      entityType: 'ledger_import',
      entityId: created!.id,
      after: { fileName: upload.fileName, sheets: result.sheets.length, summary: stored.summary },
    });
    return created!;
  });
  return presentImport(ctx.database.db, row, lang);
}

/** Statuses in which a problem's ledger fields may still change (the lifecycle's `edit`). */
export const EDITABLE_STATUSES: ReadonlySet<string> = new Set(TRANSITIONS.edit.from);

/**
 * Rows that name a stored problem by code: a row that changes nothing is skipped (an exported ledger imports back as
 * "no change", and no history row is written for nothing); a row that changes a problem already in the closing
 * steps is an error, since its file is frozen (domain §4). Returns the stored codes of the problems the rows name.
 */
export async function checkUpdates(ex: Executor, rows: ParsedRow[]): Promise<Map<number, string>> {
  const updates = rows.filter((r) => r.action === 'update' && r.existingId && r.problem);
  if (updates.length === 0) return new Map();
  const ids = updates.map((r) => r.existingId!);
  const stored = await ex.select().from(problems).where(inArray(problems.id, ids));
  const links = await ex.select().from(problemUnits).where(and(inArray(problemUnits.problemId, ids), eq(problemUnits.role, 'cooperating')));
  const byId = new Map(stored.map((p) => [p.id, p]));
  for (const r of updates) {
    const p = byId.get(r.existingId!);
    if (!p) continue;
    const changed = changedColumns(r.problem!, { ...p, cooperatingUnitIds: links.filter((l) => l.problemId === p.id).map((l) => l.unitId) });
    if (changed.length === 0) {
      r.action = 'skip';
      r.problem = null;
      // Warnings about the row's values (an overdue deadline…) concern the stored problem, not this import.
      r.issues = [{ row: r.row, column: 'code', columnLetter: null, code: 'row_unchanged', params: { code: p.code }, severity: 'warning' }];
    } else if (!EDITABLE_STATUSES.has(p.status)) {
      r.problem = null;
      r.issues.push({ row: r.row, column: 'code', columnLetter: null, code: 'update_not_editable', params: { code: p.code, fields: changed.join(', ') }, severity: 'error' });
    }
  }
  return new Map(stored.map((p) => [p.id, p.code]));
}

/** Only an import not yet written (or whose writing failed) can be changed or committed. */
export function assertChangeable(status: string): void {
  if (status === 'committed') throw new AppError('IMPORT_ALREADY_COMMITTED', {}, 409);
  if (status === 'committing') throw new AppError('IMPORT_IN_PROGRESS', {}, 409);
}

/** Counts of an analysis, recomputed after the server's own checks were added. */
export function summarize(rows: ParsedRow[]) {
  const issues = rows.flatMap((r) => r.issues);
  return {
    create: rows.filter((r) => r.problem && r.action === 'create').length,
    update: rows.filter((r) => r.problem && r.action === 'update').length,
    skip: rows.filter((r) => r.action === 'skip').length,
    invalid: rows.filter((r) => r.action !== 'skip' && !r.problem).length,
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
  };
}

/** A commit not running in this instance and silent this long was cut off (the server stopped while writing). */
export const INTERRUPTED_AFTER_MS = 15 * 60_000;

/**
 * An import of the actor's own making (coordinators see only theirs). A commit cut off by a restart wrote nothing
 * (one transaction), so it is marked failed here and can be checked again, instead of showing 正在导入 forever.
 */
export async function loadImport(database: Database, actor: Actor, id: number, lang: Language = 'zh-CN'): Promise<ImportRow> {
  requirePermission(actor, 'ledger.import');
  const [row] = await database.db.select(IMPORT_COLUMNS).from(ledgerImports).where(and(eq(ledgerImports.id, id), eq(ledgerImports.createdBy, actor.userId)));
  if (!row) throw notFound();
  if (row.status === 'committing' && !commitProgress.has(row.id) && Date.now() - row.updatedAt.getTime() > INTERRUPTED_AFTER_MS) {
    const [failed] = await database.transaction((tx) =>
      tx
        .update(ledgerImports)
        .set({ status: 'failed', error: translate(errorCatalog, lang, 'IMPORT_INTERRUPTED'), version: sql`${ledgerImports.version} + 1`, updatedAt: new Date() })
        .where(and(eq(ledgerImports.id, id), eq(ledgerImports.status, 'committing'), eq(ledgerImports.version, row.version)))
        .returning(IMPORT_COLUMNS),
    );
    if (failed) return failed;
  }
  return row;
}

/** The uploaded file and the checked rows of an import (see ImportRow); gone after the retention period (410). */
export async function loadImportContent(ex: Executor, id: number): Promise<{ file: Buffer; rows: ParsedRow[] | null }> {
  const [content] = await ex
    .select({ file: ledgerImports.file, checkedRows: ledgerImports.checkedRows, purgedAt: ledgerImports.filePurgedAt })
    .from(ledgerImports)
    .where(eq(ledgerImports.id, id));
  if (!content) throw notFound();
  if (content.purgedAt) throw new AppError('IMPORT_FILE_PURGED', {}, 410);
  return { file: content.file, rows: await unpackRows(content.checkedRows) };
}

/** 调整: the user corrects the sheet, the header row or the column mapping (and may save it); checked again. */
export async function updateImport(ctx: ImportContext, actor: Actor, id: number, input: UpdateImportInput, lang: Language) {
  const current = await loadImport(ctx.database, actor, id, lang);
  assertChangeable(current.status);
  if (current.version !== input.version) throw new AppError('CONFLICT');
  const sheets = current.sheets as { name: string; rows: number }[];
  if (input.sheetIndex >= sheets.length) throw new AppError('IMPORT_MAPPING_INVALID', { detail: `sheet ${input.sheetIndex + 1}` }, 400);
  if (input.firstDataRow <= input.headerRow) throw new AppError('IMPORT_MAPPING_INVALID', { detail: 'firstDataRow ≤ headerRow' }, 400);
  const used = Object.values(input.mapping);
  if (new Set(used).size !== used.length) throw new AppError('IMPORT_MAPPING_INVALID', { detail: 'one column mapped twice' }, 400);
  const choice: ImportChoice = { sheetIndex: input.sheetIndex, headerRow: input.headerRow, firstDataRow: input.firstDataRow, mapping: input.mapping as ColumnMapping };
  const { file } = await loadImportContent(ctx.database.db, id);
  const { result, stored } = await analyzeFor(ctx, actor, file, current.fileName, input.options, choice);
  const checkedRows = await packRows(stored.rows);
  const row = await ctx.database.transaction(async (tx) => {
    const [updated] = await tx
      .update(ledgerImports)
      .set({
        status: 'analyzed',
        error: null,
        sheetIndex: choice.sheetIndex,
        headerRow: choice.headerRow,
        firstDataRow: choice.firstDataRow,
        headers: result.headers,
        sample: result.sample,
        savedMappingUsed: false,
        mapping: choice.mapping,
        options: input.options,
        summary: stored.summary,
        issues: stored.issues,
        preview: stored.preview,
        checkedRows,
        version: sql`${ledgerImports.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(ledgerImports.id, id), eq(ledgerImports.version, input.version), eq(ledgerImports.status, current.status)))
      .returning(IMPORT_COLUMNS);
    if (!updated) throw new AppError('CONFLICT');
    if (input.saveMapping && result.signature) {
      await tx
        .insert(ledgerImportMappings)
        .values({ signature: result.signature, mapping: choice.mapping, updatedBy: actor.userId })
        .onConflictDoUpdate({ target: ledgerImportMappings.signature, set: { mapping: choice.mapping, updatedBy: actor.userId, updatedAt: new Date() } });
      await recordChange(tx, { id: actor.userId, name: actor.displayName }, {
        action: 'import.mapping_saved',
        entityType: 'ledger_import_mapping',
        entityId: result.signature.slice(0, 200),
        after: { mapping: choice.mapping },
      });
    }
    return updated;
  });
  return presentImport(ctx.database.db, row, lang);
}
