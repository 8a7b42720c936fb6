import { LEDGER_COLUMNS, normalizeHeader, normalizeText, type LedgerColumnKey } from '../columns.js';
import type { Cell, ColumnMapping, HeaderDetection, SheetGrid } from './types.js';
import { cellText, freeText } from './values.js';

/**
 * Finding the ledger in a workbook: per sheet, the header row among the first rows (below any title rows), a second
 * header row under merged group cells, and which column holds which ledger field.
 *
 * Header cells are recognised by LEDGER_COLUMNS' header and synonyms after normalizeHeader. Combined headers are
 * mapped to their FIRST recognised part and the analysis takes the second part out of the same cell when the sheet
 * has no column of its own for it:
 *   督察轮次/批次            → round   (the batch "第2批" is read from the round cell)
 *   责任人/联系电话          → responsiblePerson (the phone is read from the person cell)
 *   涉及企业/统一社会信用代码 → enterpriseName (the 18-character code is read from the name cell)
 *   经度/纬度, 经纬度        → coordinates ("120.1,30.2" in one cell)
 */

/** How many rows from the top are searched for the header. */
export const HEADER_SCAN_ROWS = 15;
/** A header longer than this is a title or a note, not a column name. */
const MAX_HEADER_LENGTH = 24;
/** Only headers this short are searched for a known header inside ("具体整改措施"); longer ones are titles. */
const MAX_CONTAINING_LENGTH = 12;
/** Our own annotation column (src/server/ledger/annotate-workbook.ts): neither mapped nor reported as unknown. */
const IGNORED_HEADERS = new Set(['校验结果', 'checkresult', 'importcheck']);

/** 0-based column index → Excel column letters: 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

const HEADER_TERMS: ReadonlyMap<string, LedgerColumnKey> = new Map(
  LEDGER_COLUMNS.flatMap((c) => [c.header, ...c.synonyms].map((h) => [normalizeHeader(h), c.key] as const)),
);
/** Terms long enough to be recognised inside a longer header ("具体整改措施" → 整改措施), longest first. */
const CONTAINED_TERMS = [...HEADER_TERMS].filter(([term]) => term.length >= 3).sort((a, b) => b[0].length - a[0].length);

export interface HeaderMatch {
  key: LedgerColumnKey;
  /** 3 exact header or synonym, 2 one part of a combined header, 1 a known header inside a longer one. */
  quality: 1 | 2 | 3;
}

/** The ledger column a header text names, or null. See the module comment for combined headers. */
export function matchHeader(text: string): HeaderMatch | null {
  const normalized = normalizeHeader(text);
  if (!normalized || normalized.length > MAX_HEADER_LENGTH) return null;
  const exact = HEADER_TERMS.get(normalized);
  if (exact) return { key: exact, quality: 3 };
  const parts = normalizeText(text)
    .split(/[/／、&＆]|及|与|和|或/)
    .map((p) => HEADER_TERMS.get(normalizeHeader(p)))
    .filter((k): k is LedgerColumnKey => !!k);
  if (parts.includes('lng') && parts.includes('lat')) return { key: 'coordinates', quality: 2 };
  if (parts[0]) return { key: parts[0], quality: 2 };
  if (normalized.length > MAX_CONTAINING_LENGTH) return null;
  const contained = CONTAINED_TERMS.find(([term]) => normalized.includes(term));
  return contained ? { key: contained[1], quality: 1 } : null;
}

/** A header cell as shown to the user: Chinese punctuation kept, white space collapsed (matching normalizes anyway). */
const textAt = (row: readonly Cell[] | undefined, c: number) => (row ? freeText(row[c]).replace(/\s+/g, ' ') : '');

interface HeaderReading {
  headers: string[];
  mapping: ColumnMapping;
  unmapped: number[];
  score: number;
}

/** Of two columns naming the same field, which one wins: the better match, then (for regions) the finer level. */
function better(key: LedgerColumnKey, a: { header: string; quality: number }, b: { header: string; quality: number }): boolean {
  if (a.quality !== b.quality) return a.quality > b.quality;
  if (key === 'region') return /乡|镇|街道/.test(a.header) && !/乡|镇|街道/.test(b.header);
  return false;
}

/**
 * Read header texts into a mapping. For a two-row header each column is named by its lower cell when that is
 * recognised (责任单位 over 牵头单位 | 配合单位), else by its upper cell (a vertically merged 序号), else by both joined.
 */
function readHeaders(top: readonly Cell[], bottom: readonly Cell[] | null): HeaderReading {
  const width = Math.max(top.length, bottom?.length ?? 0);
  const headers: string[] = [];
  const chosen = new Map<LedgerColumnKey, { column: number; header: string; quality: number }>();
  const named: number[] = [];
  for (let c = 0; c < width; c++) {
    const upper = textAt(top, c);
    const lower = bottom ? textAt(bottom, c) : '';
    const header = !lower || lower === upper ? upper : !upper ? lower : `${upper}/${lower}`;
    headers.push(header);
    if (!header || IGNORED_HEADERS.has(normalizeHeader(header))) continue;
    named.push(c);
    const subHeader = lower && lower !== upper ? lower : '';
    const lowerMatch = subHeader ? matchHeader(subHeader) : null;
    const upperMatch = lowerMatch ? null : (matchHeader(upper) ?? (subHeader && upper ? matchHeader(upper + subHeader) : null));
    const match = lowerMatch ?? upperMatch;
    if (!match) continue;
    const current = chosen.get(match.key);
    // A group name inherited by an unrecognised sub-header (整改时限 over 时限类型) yields to a recognised sub-header.
    const quality = upperMatch && subHeader ? 1 : match.quality;
    const candidate = { column: c, header, quality };
    if (!current || better(match.key, candidate, current)) chosen.set(match.key, candidate);
  }
  const mapping: ColumnMapping = {};
  for (const [key, { column }] of chosen) mapping[key] = column;
  const mappedColumns = new Set(Object.values(mapping));
  while (headers.length && !headers[headers.length - 1]) headers.pop();
  return { headers, mapping, unmapped: named.filter((c) => !mappedColumns.has(c)), score: chosen.size };
}

/**
 * Whether the row under a header row is a second header row: it adds recognised columns and holds nothing that looks
 * like data (no numbers or dates, no long text) apart from cells merged down from the row above.
 */
function isSubHeader(top: readonly Cell[], candidate: readonly Cell[] | undefined, single: HeaderReading): boolean {
  if (!candidate) return false;
  let differs = false;
  for (let c = 0; c < candidate.length; c++) {
    const value = candidate[c];
    const text = textAt(candidate, c);
    if (!text || text === textAt(top, c)) continue;
    if (typeof value !== 'string' || text.length > 20 || /^\d+$/.test(text)) return false;
    differs = true;
  }
  return differs && readHeaders(top, candidate).score > single.score;
}

/** A row of column numbers under the header ("1 2 3 …" or "(1) (2) …"), which some ledgers have. */
function isColumnNumberRow(row: readonly Cell[] | undefined): boolean {
  if (!row) return false;
  const numbers = row.map((cell) => cellText(cell).replace(/[()（）]/g, '')).filter(Boolean);
  return numbers.length >= 3 && numbers.every((n, i) => n === String(i + 1));
}

/** A minimum of recognised columns for a row to be a header at all (also the top row of a two-row header). */
const MIN_SCORE = 3;

interface HeaderCandidate {
  row: number;
  rowCount: 1 | 2;
  reading: HeaderReading;
}

/**
 * The best header among the first rows: for each row, the row alone and, when the next row is a sub-header and the
 * row itself names columns (so a title row above a header is never taken for a group row), the pair. The most
 * recognised columns win; on a tie the earlier candidate, and at one row the pair, wins.
 */
function bestHeader(sheet: SheetGrid): HeaderCandidate | null {
  let best: HeaderCandidate | null = null;
  const scan = Math.min(HEADER_SCAN_ROWS, sheet.rows.length);
  for (let r = 0; r < scan; r++) {
    const top = sheet.rows[r] ?? [];
    const single = readHeaders(top, null);
    const below = sheet.rows[r + 1];
    if (single.score >= MIN_SCORE && isSubHeader(top, below, single)) {
      const pair = readHeaders(top, below ?? []);
      if (!best || pair.score > best.reading.score) best = { row: r, rowCount: 2, reading: pair };
    }
    if (!best || single.score > best.reading.score) best = { row: r, rowCount: 1, reading: single };
  }
  return best;
}

function detectSheet(sheet: SheetGrid, sheetIndex: number): HeaderDetection | null {
  const best = bestHeader(sheet);
  if (!best) return null;
  const { reading, rowCount: headerRowCount } = best;
  const { mapping } = reading;
  if (reading.score < MIN_SCORE || (mapping.description === undefined && mapping.title === undefined)) return null;
  let firstDataRow = best.row + headerRowCount;
  if (isColumnNumberRow(sheet.rows[firstDataRow])) firstDataRow++;
  return {
    sheetIndex,
    sheetName: sheet.name,
    headerRow: best.row,
    headerRowCount,
    firstDataRow,
    headers: reading.headers,
    mapping,
    unmapped: reading.unmapped,
    score: reading.score,
  };
}

/**
 * The ledger sheets of a workbook, best first (most recognised columns; visible sheets before hidden ones; then
 * workbook order). A sheet is a ledger when its header names at least three ledger columns, one of them the
 * description or the title; sheets without one (instructions, statistics) are left out.
 */
export function detectLedger(sheets: SheetGrid[]): HeaderDetection[] {
  const found = sheets.map((s, i) => detectSheet(s, i)).filter((d): d is HeaderDetection => d !== null);
  const hidden = (d: HeaderDetection) => (sheets[d.sheetIndex]?.hidden ? 1 : 0);
  return found.sort((a, b) => b.score - a.score || hidden(a) - hidden(b) || a.sheetIndex - b.sheetIndex);
}
