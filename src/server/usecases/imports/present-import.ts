import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { eq, getTableColumns } from 'drizzle-orm';
import type { ImportAnalysis, ImportReferences, ParsedRow, RowIssue } from '../../../domain/ledger/import/types.js';
import type { ImportOptionsInput, ImportStatus, ImportView } from '../../../shared/api/imports.js';
import { formatImportIssue } from '../../../shared/i18n/import.js';
import { translate } from '../../../shared/i18n/translate.js';
import { vocabularyCatalog } from '../../../shared/i18n/vocabulary.js';
import type { Language } from '../../../shared/roles.js';
import type { Executor } from '../../db/client.js';
import { ledgerImports, users } from '../../db/schema.js';
import type { AnalysisResult } from '../../ledger/import-analysis.js';

/**
 * An import record without its two large columns (the uploaded file and the checked rows, megabytes for a big
 * ledger): what the pages poll and show. `loadImportContent` reads those two when they are needed.
 */
export type ImportRow = Omit<typeof ledgerImports.$inferSelect, 'file' | 'checkedRows'>;
const { file: _file, checkedRows: _checkedRows, ...importColumns } = getTableColumns(ledgerImports);
/** The columns of ImportRow, for select() and returning(). */
export const IMPORT_COLUMNS = importColumns;

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export const ISSUES_IN_VIEW = 1_000;
export const PREVIEW_ROWS = 100;

/** In-memory progress of the commits running in this instance (other instances show the status only). */
export const commitProgress = new Map<number, { done: number; total: number }>();

/** One issue in the user's language: what is wrong and how to fix it (with the near misses named). */
export function presentIssue(issue: RowIssue, lang: Language) {
  const f = formatImportIssue(issue, lang);
  return {
    row: issue.row,
    column: issue.column,
    columnLetter: issue.columnLetter,
    code: issue.code,
    severity: issue.severity,
    message: f.message,
    fix: f.fix,
    suggestions: issue.suggestions ?? [],
    params: issue.params ?? {},
  };
}

/** Checked rows as stored: JSON, gzip-compressed off the event loop (libuv's thread pool). */
export async function packRows(rows: readonly unknown[] | null): Promise<Buffer | null> {
  return rows ? gzipAsync(JSON.stringify(rows), { level: 1 }) : null;
}

export async function unpackRows(packed: Buffer | null): Promise<ParsedRow[] | null> {
  return packed ? (JSON.parse((await gunzipAsync(packed)).toString('utf8')) as ParsedRow[]) : null;
}

/** The stored shape of an analysis: every issue, and the first rows to be written with names resolved. */
export function storedAnalysis(result: AnalysisResult, refs: ImportReferences, storedCodes: ReadonlyMap<number, string>) {
  const analysis: ImportAnalysis | null = result.analysis;
  const regionName = new Map(refs.regions.map((r) => [r.id, r.name]));
  const unitName = new Map(refs.units.map((u) => [u.id, u.name]));
  const issues = analysis ? analysis.rows.flatMap((r) => r.issues) : [];
  const preview = analysis
    ? analysis.rows
        .filter((r) => r.problem && r.action !== 'skip')
        .slice(0, PREVIEW_ROWS)
        .map((r) => {
          const p = r.problem!;
          return {
            row: r.row,
            action: r.action as 'create' | 'update',
            code: r.existingId ? (storedCodes.get(r.existingId) ?? p.code) : p.code,
            title: p.title,
            regionName: regionName.get(p.regionId) ?? '',
            leadUnitName: p.leadUnitId ? (unitName.get(p.leadUnitId) ?? null) : null,
            cooperatingUnitNames: p.cooperatingUnitIds.map((id) => unitName.get(id) ?? ''),
            deadlineKind: p.deadlineKind,
            deadline: p.deadline,
            status: p.status,
          };
        })
    : [];
  const rows = analysis ? analysis.rows.filter((r) => r.problem && r.action !== 'skip').map((r) => ({ row: r.row, action: r.action, existingId: r.existingId, problem: r.problem })) : null;
  return { issues, preview, summary: analysis?.summary ?? null, rows };
}

export async function presentImport(ex: Executor, row: ImportRow, lang: Language): Promise<ImportView> {
  const [creator] = await ex.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.id, row.createdBy));
  const issues = row.issues as RowIssue[];
  const detections = row.detections as { sheetIndex: number; sheetName: string; headerRow: number; firstDataRow: number; score: number }[];
  const status = row.status as ImportStatus;
  return {
    id: row.id,
    version: row.version,
    fileName: row.fileName,
    status,
    createdAt: row.createdAt.toISOString(),
    createdBy: { id: row.createdBy, name: creator?.name ?? '' },
    sheets: row.sheets as { name: string; rows: number }[],
    detections: detections.map((d) => ({ sheetIndex: d.sheetIndex, sheetName: d.sheetName, headerRow: d.headerRow, firstDataRow: d.firstDataRow, score: d.score })),
    sheetIndex: row.sheetIndex,
    headerRow: row.headerRow,
    firstDataRow: row.firstDataRow,
    headers: row.headers as string[],
    sampleRows: row.sample as string[][],
    mapping: row.mapping as ImportView['mapping'],
    savedMappingUsed: row.savedMappingUsed,
    options: row.options as ImportOptionsInput,
    summary: row.summary as ImportView['summary'],
    issues: issues.slice(0, ISSUES_IN_VIEW).map((i) => presentIssue(i, lang)),
    issuesTotal: issues.length,
    preview: (row.preview as ImportView['preview']).map((p) => ({ ...p, status: translate(vocabularyCatalog, lang, `problemStatus.${p.status}`) })),
    progress: status === 'committing' ? (commitProgress.get(row.id) ?? null) : null,
    result: row.result as ImportView['result'],
    error: row.error,
  };
}
