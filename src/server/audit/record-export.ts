import type { Actor } from '../../domain/access.js';
import type { Database } from '../db/client.js';
import { recordChange } from './record-change.js';

/** What leaves the system as a file and is written to the history (never the anonymous public disclosure). */
export type ExportKind = 'ledger' | 'summary' | 'overdue' | 'closed' | 'bulletin' | 'closing_form' | 'supervision_notice';

export interface ExportRecord {
  kind: ExportKind;
  format: 'xlsx' | 'docx';
  /** the download name (places, dates, codes and 文号 only: no personal data) */
  fileName: string;
  /** rows the workbook holds; for a document, the problems it covers */
  rows: number;
  /** the filters as the caller gave them (ids and vocabulary codes, not the rows' contents) */
  filters?: Record<string, unknown>;
  /** a report's period */
  period?: { from: string; to: string };
  /** the record the file is about, when it is one record (default: entity 'export', id = kind) */
  entity?: { type: string; id: string | number };
  /** identifying facts of that record (a problem code, a 文号) */
  about?: Record<string, string | number | null>;
}

/** Paging and sorting change nothing about what was exported; unset filters are left out. */
const IGNORED = new Set(['page', 'pageSize', 'sort']);

/** The filters of an export query worth keeping: set, and not paging. */
export function exportFilters(query: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(query).filter(([key, value]) => !IGNORED.has(key) && value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0)),
  );
}

/**
 * Write one history row saying who exported what: `export.<kind>` with the file, its format, the row count and the
 * filters or period — never values from the rows (names, phones, descriptions). Called after the export was checked
 * (permission, scope, cap) and before the first byte is sent, in its own transaction: if the history cannot be
 * written, nothing is sent.
 */
export async function recordExport(database: Database, actor: Actor, record: ExportRecord): Promise<void> {
  const after = {
    format: record.format,
    fileName: record.fileName,
    rows: record.rows,
    ...(record.filters ? { filters: record.filters } : {}),
    ...(record.period ? { reportPeriod: record.period } : {}),
    ...(record.about ?? {}),
  };
  await database.transaction((tx) =>
    recordChange(tx, { id: actor.userId, name: actor.displayName }, {
      action: `export.${record.kind}`,
      entityType: record.entity?.type ?? 'export',
      entityId: record.entity?.id ?? record.kind,
      after,
    }),
  );
}
