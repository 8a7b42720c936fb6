import { LEDGER_COLUMNS, type LedgerColumnKey } from '../../../domain/ledger/columns';
import { matchHeader } from '../../../domain/ledger/import/detect';
import type { ImportOptionsInput, ImportView, UpdateImportInput } from './api';

export type Mapping = UpdateImportInput['mapping'];

/**
 * What the user is editing on 核对列 (and the unit names picked on 校验结果): kept apart from the last checked view,
 * so a failed request loses nothing and the screens can say "changed, not checked yet".
 */
export interface ImportDraft {
  /** The import this draft belongs to. */
  importId: number;
  sheetIndex: number | null;
  /** 0-based, as the API counts (Excel row = index + 1). */
  headerRow: number | null;
  firstDataRow: number | null;
  mapping: Mapping;
  options: ImportOptionsInput;
  saveMapping: boolean;
  /** Sheet or header row changed: the columns are read again from the new header on the next check. */
  layoutChanged: boolean;
}

export const draftOf = (view: ImportView): ImportDraft => ({
  importId: view.id,
  sheetIndex: view.sheetIndex,
  headerRow: view.headerRow,
  firstDataRow: view.firstDataRow,
  mapping: { ...view.mapping },
  options: { ...view.options, defaults: { ...view.options.defaults }, unitAliases: { ...view.options.unitAliases } },
  saveMapping: false,
  layoutChanged: false,
});

const comparable = (d: ImportDraft) =>
  JSON.stringify({
    s: d.sheetIndex,
    h: d.headerRow,
    f: d.firstDataRow,
    m: Object.entries(d.mapping).sort(([a], [b]) => a.localeCompare(b)),
    u: d.options.updateExisting,
    d: Object.entries(d.options.defaults).filter(([, v]) => v !== undefined && v !== null).sort(([a], [b]) => a.localeCompare(b)),
    a: Object.entries(d.options.unitAliases).sort(([a], [b]) => a.localeCompare(b)),
  });

/** Whether the draft differs from what the view was checked with (a re-check is needed before importing). */
export const isChanged = (draft: ImportDraft, view: ImportView) => draft.saveMapping || comparable(draft) !== comparable(draftOf(view));

/** The body of PUT /imports/:id; null while the sheet or header row is not chosen yet. */
export function bodyOf(draft: ImportDraft, version: number): UpdateImportInput | null {
  if (draft.sheetIndex === null || draft.headerRow === null) return null;
  const firstDataRow = draft.firstDataRow !== null && draft.firstDataRow > draft.headerRow ? draft.firstDataRow : draft.headerRow + 1;
  const defaults = Object.fromEntries(Object.entries(draft.options.defaults).filter(([, v]) => v !== undefined)) as ImportOptionsInput['defaults'];
  return {
    version,
    sheetIndex: draft.sheetIndex,
    headerRow: draft.headerRow,
    firstDataRow,
    mapping: draft.layoutChanged ? {} : draft.mapping,
    options: { ...draft.options, defaults },
    saveMapping: draft.layoutChanged ? false : draft.saveMapping,
  };
}

/** The columns recognised from header texts alone, as the upload does (used after the user moved the header row). */
export function mappingFromHeaders(headers: readonly string[]): Mapping {
  const best = new Map<LedgerColumnKey, { column: number; quality: number }>();
  headers.forEach((header, column) => {
    const match = header ? matchHeader(header) : null;
    if (!match) return;
    const current = best.get(match.key);
    if (!current || match.quality > current.quality) best.set(match.key, { column, quality: match.quality });
  });
  return Object.fromEntries([...best].map(([key, { column }]) => [key, column]));
}

/** Which ledger field each file column is imported as. */
export const fieldOfColumn = (mapping: Mapping): Map<number, LedgerColumnKey> =>
  new Map(Object.entries(mapping).map(([key, column]) => [column, key as LedgerColumnKey]));

/** Fields a clerk expects in every ledger; named when no column is mapped to them. */
export const IMPORTANT_FIELDS: readonly LedgerColumnKey[] = ['leadUnit', 'deadline', 'region', 'status'];

export { LEDGER_COLUMNS };
