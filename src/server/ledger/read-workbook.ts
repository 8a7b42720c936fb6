import ExcelJS from 'exceljs';
import type { Cell, SheetGrid } from '../../domain/ledger/import/types.js';
import { AppError } from '../errors.js';
import { XlsxError, readXlsx } from './xlsx-reader.js';

/**
 * Reading an uploaded ledger into SheetGrids for the pure import core (src/domain/ledger/import/).
 *
 * .xlsx (and .xlsm) through our own reader (xlsx-reader.ts: the zip inflated with node:zlib, the XML read by a small
 * scanner), about five times faster than exceljs and giving exactly the grids the exceljs-based reader gave (ADR 11):
 * every sheet in workbook order, hidden ones included and marked; merged ranges carry the master cell's value in
 * every cell; rich text becomes plain text, formulas their cached result, hyperlinks their text, date-formatted cells
 * Dates (exceljs's UTC reading of the serial: midnight for a date), error values (#N/A) null. Zip bombs are refused by
 * declared and inflated size (reason too_large).
 * .csv through our own RFC 4180 parser: UTF-8 with or without BOM, UTF-16 with BOM, and GB18030/GBK (what Chinese Excel
 * writes by default), detected by trying strict UTF-8 first; comma, semicolon or tab separated.
 * Anything else, and broken files, are refused with IMPORT_FILE_UNREADABLE (400).
 */

export type WorkbookKind = 'xlsx' | 'csv';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** OLE compound file: legacy .xls, or an encrypted .xlsx. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

function unreadable(fileName: string, reason: string): AppError {
  return new AppError('IMPORT_FILE_UNREADABLE', { fileName, reason }, 400);
}

/** Which reader a file needs, by its content first and its name second; refuses .xls and unknown types. */
export function workbookKind(buffer: Uint8Array, fileName: string): WorkbookKind {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (startsWith(buffer, ZIP_MAGIC)) {
    if (['xlsx', 'xlsm', ''].includes(extension)) return 'xlsx';
    throw unreadable(fileName, 'type');
  }
  if (startsWith(buffer, OLE_MAGIC)) throw unreadable(fileName, extension === 'xlsx' ? 'encrypted' : 'xls');
  if (extension === 'csv' || extension === 'txt') return 'csv';
  throw unreadable(fileName, extension === 'xlsx' || extension === 'xlsm' ? 'corrupt' : 'type');
}

export async function readWorkbook(buffer: Buffer, fileName: string): Promise<SheetGrid[]> {
  const kind = workbookKind(buffer, fileName);
  if (kind === 'csv') return [{ name: csvSheetName(fileName), rows: parseCsv(decodeText(buffer, fileName)) }];
  let grids: SheetGrid[];
  try {
    grids = readXlsx(buffer);
  } catch (error) {
    throw unreadable(fileName, error instanceof XlsxError ? error.reason : 'corrupt');
  }
  // A zip without a workbook inside reads as no sheets; every real workbook has a sheet.
  if (!grids.length) throw unreadable(fileName, 'corrupt');
  return grids;
}

/**
 * Load an .xlsx with exceljs, for writing into the user's own workbook (annotate-workbook.ts); any failure (not a
 * workbook, truncated zip, bad XML) is IMPORT_FILE_UNREADABLE. Reading cells for the import goes through readWorkbook.
 */
export async function loadXlsx(buffer: Buffer, fileName: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw unreadable(fileName, 'corrupt');
  }
  // A zip without a workbook inside loads as an empty workbook; every real workbook has a sheet.
  if (!workbook.worksheets.length) throw unreadable(fileName, 'corrupt');
  return workbook;
}

// ---------------------------------------------------------------------------------------------------------------
// csv

/** Text of a CSV file: BOM-marked UTF-8/UTF-16, else strict UTF-8, else GB18030 (a superset of GBK and GB2312). */
export function decodeText(buffer: Uint8Array, fileName = ''): string {
  try {
    if (startsWith(buffer, [0xef, 0xbb, 0xbf])) return new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(3));
    if (startsWith(buffer, [0xff, 0xfe])) return new TextDecoder('utf-16le', { fatal: true }).decode(buffer.subarray(2));
    if (startsWith(buffer, [0xfe, 0xff])) return new TextDecoder('utf-16be', { fatal: true }).decode(buffer.subarray(2));
  } catch {
    throw unreadable(fileName, 'encoding');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(buffer);
    } catch {
      throw unreadable(fileName, 'encoding');
    }
  }
}

/** The separator of a CSV: the most frequent of comma, semicolon and tab on the first line (outside quotes). */
function separatorOf(text: string): string {
  const firstLine = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((s) => [s, firstLine.split(s).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/**
 * RFC 4180: fields separated by the separator, rows by CRLF or LF, fields in double quotes may hold separators, line
 * breaks and doubled quotes. Empty fields are null; trailing empty rows are dropped.
 */
export function parseCsv(text: string): Cell[][] {
  const separator = separatorOf(text);
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field === '' ? null : field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row.every((c) => c === null) ? [] : row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === separator) endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else field += ch;
  }
  if (field !== '' || row.length) endRow();
  while (rows.length && rows[rows.length - 1]!.length === 0) rows.pop();
  return rows;
}

/** A sheet name from a file name: no extension, none of []:*?/\, at most 31 characters (Excel's limits). */
export function csvSheetName(fileName: string): string {
  const base = fileName
    .replace(/^.*[/\\]/, '')
    .replace(/\.[^.]*$/, '')
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return [...(base || 'Sheet1')].slice(0, 31).join('');
}
