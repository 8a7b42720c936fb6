import { once, type EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { translate } from '../../../shared/i18n/translate.js';
import { vocabularyCatalog, type VocabularyKey } from '../../../shared/i18n/vocabulary.js';

/**
 * What every exported workbook shares: the streaming writer, the house style (title row, bold header with a fill,
 * thin borders, wrapped text), print setup (A4 landscape, fit to width, header row repeated, page numbers), dates as
 * real date cells, and the 说明 sheet. Builders here are pure: data in, bytes out to a stream; no database.
 */

export type Workbook = ExcelJS.stream.xlsx.WorkbookWriter;
export type Sheet = ExcelJS.Worksheet;
export type CellValue = string | number | Date | null;

/** 2026年11月23日 — how Chinese documents write a date. */
export const DATE_FORMAT = 'yyyy"年"m"月"d"日"';
export const PERCENT_FORMAT = '0.0%';
/** Excel refuses longer cell texts. */
const MAX_CELL_TEXT = 32_000;

const thin = { style: 'thin' as const, color: { argb: 'FF8C8C8C' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };
const bodyFont = { name: '宋体', size: 10 };

/**
 * Shared style objects. exceljs remembers a style by object identity, so every cell of a kind gets the same object:
 * that keeps 100,000-row sheets fast and the styles part small. Never mutate these.
 */
export const STYLES = {
  title: { font: { name: '黑体', size: 16, bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } },
  subtitle: { font: { ...bodyFont, size: 10, color: { argb: 'FF595959' } }, alignment: { horizontal: 'right', vertical: 'middle' } },
  header: {
    font: { ...bodyFont, size: 10, bold: true },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    border,
  },
  text: { font: bodyFont, alignment: { vertical: 'top', wrapText: true }, border },
  center: { font: bodyFont, alignment: { horizontal: 'center', vertical: 'top', wrapText: true }, border },
  date: { font: bodyFont, numFmt: DATE_FORMAT, alignment: { horizontal: 'center', vertical: 'top' }, border },
  number: { font: bodyFont, alignment: { horizontal: 'right', vertical: 'top' }, border },
  percent: { font: bodyFont, numFmt: PERCENT_FORMAT, alignment: { horizontal: 'right', vertical: 'top' }, border },
  danger: { font: { ...bodyFont, color: { argb: 'FFC00000' }, bold: true }, alignment: { horizontal: 'center', vertical: 'top', wrapText: true }, border },
  totalText: { font: { ...bodyFont, bold: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } }, alignment: { horizontal: 'center', vertical: 'middle' }, border },
  totalNumber: { font: { ...bodyFont, bold: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } }, alignment: { horizontal: 'right', vertical: 'middle' }, border },
  totalPercent: {
    font: { ...bodyFont, bold: true },
    numFmt: PERCENT_FORMAT,
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
    alignment: { horizontal: 'right', vertical: 'middle' },
    border,
  },
  noteKey: { font: { ...bodyFont, bold: true }, alignment: { vertical: 'top', wrapText: true }, border },
} as const satisfies Record<string, Partial<ExcelJS.Style>>;
export type StyleName = keyof typeof STYLES;

/** A zh-CN label of a stored vocabulary value (exports are Chinese documents whatever the UI language). */
export const label = (key: VocabularyKey | string): string => translate(vocabularyCatalog, 'zh-CN', key);

/** A calendar day as an Excel date (midnight UTC, which exceljs writes as a whole serial number). */
export function excelDate(iso: string | null | undefined): Date | null {
  if (!iso || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return null;
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** 2026-11-23 → 2026年11月23日. */
export function zhDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

/** An instant as China time, 2026-11-23 14:05. */
export function chinaDateTime(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Column letters of a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** A streaming workbook writing into `out` (nothing is kept in memory beyond the row being written). */
export function openWorkbook(out: Writable, creator: string): Workbook {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = creator;
  workbook.created = new Date();
  return workbook;
}

export interface SheetColumn {
  header: string;
  width: number;
}

/**
 * A sheet with the house layout: row 1 the title merged across, row 2 the header (frozen, repeated on every printed
 * page, with an auto filter), data from row 3. `freezeColumns` keeps the first columns in view when scrolling right.
 */
export function addTableSheet(workbook: Workbook, name: string, title: string, columns: readonly SheetColumn[], options: { freezeColumns?: number } = {}): Sheet {
  const last = columnLetter(columns.length);
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 2, xSplit: options.freezeColumns ?? 0, topLeftCell: `${columnLetter((options.freezeColumns ?? 0) + 1)}3`, activeCell: 'A3' }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: '2:2',
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页 共 &N 页', evenFooter: '&C第 &P 页 共 &N 页' },
    properties: { defaultRowHeight: 18 },
  });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  const titleRow = sheet.addRow([title]);
  titleRow.height = 36;
  titleRow.getCell(1).style = STYLES.title as Partial<ExcelJS.Style>;
  sheet.mergeCells(`A1:${last}1`);
  titleRow.commit();
  const header = sheet.addRow(columns.map((c) => c.header));
  header.height = 30;
  for (let i = 1; i <= columns.length; i++) header.getCell(i).style = STYLES.header as Partial<ExcelJS.Style>;
  header.commit();
  return sheet;
}

/**
 * Append one data row; `styles[i]` names the style of column i + 1. `mergeFirst` merges the first that many cells
 * (a 合计 label over 序号 and the name); merges must be declared before the row is committed. `notes[i]` is a
 * comment on column i + 1 (shown on hover, never read by the import).
 */
export function addDataRow(
  sheet: Sheet,
  values: readonly CellValue[],
  styles: readonly StyleName[],
  options: { mergeFirst?: number; notes?: readonly (string | null)[] } = {},
): void {
  const mergeFirst = options.mergeFirst ?? 0;
  const row = sheet.addRow([]);
  if (mergeFirst > 1) sheet.mergeCells(row.number, 1, row.number, mergeFirst);
  options.notes?.forEach((note, i) => {
    if (note) row.getCell(i + 1).note = note;
  });
  for (let i = 0; i < values.length; i++) {
    const cell = row.getCell(i + 1);
    const v = values[i];
    if (i === 0 || i >= mergeFirst) cell.value = typeof v === 'string' && v.length > MAX_CELL_TEXT ? `${v.slice(0, MAX_CELL_TEXT)}…` : (v ?? null);
    cell.style = STYLES[styles[i] ?? 'text'] as Partial<ExcelJS.Style>;
  }
  row.commit();
}

/** Close a table sheet: the auto filter over the header and every data row, then commit it to the zip. */
export function finishTableSheet(sheet: Sheet, columnCount: number, dataRows: number): void {
  sheet.autoFilter = `A2:${columnLetter(columnCount)}${2 + Math.max(dataRows, 0)}`;
  sheet.commit();
}

/** The 说明 sheet: what this file is, when and by whom it was made, with which filters, and how many rows. */
export function addNotesSheet(workbook: Workbook, notes: readonly [string, string][]): void {
  const sheet = workbook.addWorksheet('说明', { views: [{ state: 'normal' }], pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.columns = [{ width: 16 }, { width: 80 }];
  for (const [key, value] of notes) {
    const row = sheet.addRow([key, value]);
    row.getCell(1).style = STYLES.noteKey as Partial<ExcelJS.Style>;
    row.getCell(2).style = STYLES.text as Partial<ExcelJS.Style>;
    row.commit();
  }
  sheet.commit();
}

/** Rows written between two yields to the event loop (a few tens of milliseconds of work at most). */
export const ROWS_PER_BREATH = 200;

/** Pages cut into slices of ROWS_PER_BREATH rows, so a builder that breathes after each slice never holds the loop long. */
export async function* inSlices<T>(pages: AsyncIterable<readonly T[]>, size = ROWS_PER_BREATH): AsyncGenerator<readonly T[]> {
  for await (const page of pages) for (let i = 0; i < page.length; i += size) yield page.slice(i, i + size);
}

/** Sheet XML waiting to be compressed beyond which the writer waits for the compressor. */
const MAX_PENDING_SHEET_BYTES = 1024 * 1024;

/** How far a streamed sheet's XML is ahead of the zip compressor, and where to wait for it. */
export interface PendingSheetBuffer {
  bytes(): number;
  emitter: EventEmitter;
}

/**
 * Where a streamed sheet's XML waits for the zip compressor. exceljs writes each sheet into a buffer that ignores
 * backpressure, and archiver reads it through a PassThrough of readable-stream 2 (archiver-utils
 * normalizeInputSource): that PassThrough's buffered length is how far the writer is ahead of the compressor.
 * Undefined if a library changed its insides (then only the reply's backpressure applies; a test notices).
 */
export function pendingSheetBuffer(sheet: Sheet): PendingSheetBuffer | undefined {
  const pipes = (sheet as unknown as { _stream?: { pipes?: unknown[] } })._stream?.pipes;
  const first = pipes?.[0] as (EventEmitter & { writableLength?: number; _writableState?: { length?: number } }) | undefined;
  if (!first || typeof first.once !== 'function') return undefined;
  if (typeof first.writableLength === 'number') return { bytes: () => first.writableLength ?? 0, emitter: first };
  if (typeof first._writableState?.length === 'number') return { bytes: () => first._writableState?.length ?? 0, emitter: first };
  return undefined;
}

/** Resolves on the first of `events` of `emitter`, or when `out` closes; leaves no listener behind. */
async function whicheverFirst(emitter: EventEmitter, event: string, out: Writable): Promise<void> {
  const ac = new AbortController();
  try {
    await Promise.race([once(emitter, event, { signal: ac.signal }), once(out, 'close', { signal: ac.signal })]);
  } catch (error) {
    if ((error as { name?: string }).name !== 'AbortError') throw error;
  } finally {
    ac.abort();
  }
}

/**
 * Let the readers catch up, so that memory holds about one slice of rows however many there are: wait while the zip
 * compressor is more than 1 MiB behind the sheet, and while the consumer of `out` (the HTTP reply) has not taken what
 * was sent; then yield to the event loop so other requests are served meanwhile. Throws ExportCancelled when the
 * consumer went away (the download was cancelled).
 */
export async function breathe(out: Writable, sheet?: Sheet): Promise<void> {
  const pending = sheet ? pendingSheetBuffer(sheet) : undefined;
  while (pending && pending.bytes() > MAX_PENDING_SHEET_BYTES && !out.destroyed) await whicheverFirst(pending.emitter, 'drain', out);
  if (out.destroyed) throw new ExportCancelled();
  if (out.writableNeedDrain) {
    await whicheverFirst(out, 'drain', out);
    if (out.destroyed) throw new ExportCancelled();
  }
  await new Promise<void>((resolve) => setImmediate(resolve));
}

/** The reader of an export went away; writing stops quietly. */
export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled by the client');
    this.name = 'ExportCancelled';
  }
}
