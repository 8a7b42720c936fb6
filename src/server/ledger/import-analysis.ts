import { analyzeLedger } from '../../domain/ledger/import/analyze.js';
import { detectLedger } from '../../domain/ledger/import/detect.js';
import { cellText } from '../../domain/ledger/import/values.js';
import type { ColumnMapping, HeaderDetection, ImportAnalysis, ImportOptions, ImportReferences, SheetGrid } from '../../domain/ledger/import/types.js';
import { readWorkbook } from './read-workbook.js';
import type { StoredDuplicates } from '../../domain/ledger/import/analyze.js';

const SAMPLE_ROWS = 5;

/** What the user settled on for reading the file: which sheet, where the data starts, which column is which. */
export interface ImportChoice {
  sheetIndex: number;
  headerRow: number;
  firstDataRow: number;
  mapping: ColumnMapping;
}

export interface AnalysisRequest {
  file: Uint8Array;
  fileName: string;
  refs: ImportReferences;
  options: ImportOptions;
  /** Unit names in the file the user pointed at a stored unit (名称 → unit id), for names ducha cannot match. */
  unitAliases: Record<string, number>;
  /** The user's choice; null to detect it (then `savedMappings` may override the detected mapping). */
  choice: ImportChoice | null;
  /** Mappings saved by users, by header signature. */
  savedMappings: Record<string, ColumnMapping>;
}

export interface AnalysisResult {
  sheets: { name: string; rows: number }[];
  detections: HeaderDetection[];
  choice: ImportChoice | null;
  headers: string[];
  /** The first data rows of the chosen sheet as text, to help the user map the columns. */
  sample: string[][];
  signature: string | null;
  /** Whether the mapping came from one saved for the same headers. */
  savedMappingUsed: boolean;
  analysis: ImportAnalysis | null;
}

/** The key under which a mapping is saved: the header texts, normalized, in order. */
export function headerSignature(headers: readonly string[]): string {
  return headers.map((h) => h.replace(/\s+/g, '')).join('|');
}

function headersAt(grid: SheetGrid, headerRow: number, firstDataRow: number): string[] {
  const width = Math.max(0, ...grid.rows.slice(headerRow, firstDataRow).map((r) => r.length));
  const out: string[] = [];
  for (let c = 0; c < width; c++) {
    const parts: string[] = [];
    for (let r = headerRow; r < firstDataRow; r++) {
      const text = cellText(grid.rows[r]?.[c] ?? null).trim();
      if (text && !parts.includes(text)) parts.push(text);
    }
    out.push(parts.join('/'));
  }
  return out;
}

/**
 * Read the workbook, find (or take) the header and mapping, and check every row (`stored`: the analysis thread's
 * copy of the stored problems, whose scope `req.refs.existing` lists; without it `refs.existing` is indexed here). CPU-bound and free of I/O besides
 * parsing the bytes: it runs in a worker thread (see analyze-in-worker.ts) so a 10,000-row file never blocks the
 * server's event loop.
 */
export async function runAnalysis(req: AnalysisRequest, stored?: StoredDuplicates): Promise<AnalysisResult> {
  const grids = await readWorkbook(Buffer.from(req.file), req.fileName);
  const sheets = grids.map((g) => ({ name: g.name, rows: g.rows.length }));
  const detections = detectLedger(grids);
  let choice = req.choice;
  let savedMappingUsed = false;
  if (!choice) {
    const best = detections[0];
    if (!best) return { sheets, detections, choice: null, headers: [], sample: [], signature: null, savedMappingUsed, analysis: null };
    choice = { sheetIndex: best.sheetIndex, headerRow: best.headerRow, firstDataRow: best.firstDataRow, mapping: best.mapping };
  }
  const grid = grids[choice.sheetIndex];
  if (!grid) return { sheets, detections, choice: null, headers: [], sample: [], signature: null, savedMappingUsed, analysis: null };
  const headers = headersAt(grid, choice.headerRow, choice.firstDataRow);
  if (!req.choice) {
    const saved = req.savedMappings[headerSignature(headers)];
    if (saved) {
      choice = { ...choice, mapping: saved };
      savedMappingUsed = true;
    }
  }
  const aliases = Object.entries(req.unitAliases).flatMap(([name, id]) => {
    const unit = req.refs.units.find((u) => u.id === id);
    return unit ? [{ ...unit, name, shortName: null }] : [];
  });
  const refs = aliases.length ? { ...req.refs, units: [...req.refs.units, ...aliases] } : req.refs;
  const analysis = analyzeLedger(grid, { firstDataRow: choice.firstDataRow, mapping: choice.mapping }, refs, req.options, stored);
  const sample = grid.rows.slice(choice.firstDataRow, choice.firstDataRow + SAMPLE_ROWS).map((r) => headers.map((_h, c) => cellText(r[c] ?? null).slice(0, 60)));
  return { sheets, detections, choice, headers, sample, signature: headerSignature(headers), savedMappingUsed, analysis };
}
