import ExcelJS from 'exceljs';
import type { HeaderDetection, ImportAnalysis, ParsedRow, RowIssue } from '../../domain/ledger/import/types.js';
import { formatImportIssue, importWorkbookCatalog } from '../../shared/i18n/import.js';
import { translate } from '../../shared/i18n/translate.js';
import type { Language } from '../../shared/roles.js';
import { loadXlsx, readWorkbook, workbookKind } from './read-workbook.js';

/**
 * The user's workbook handed back with the import check written into it, so the clerk fixes the file where they
 * keep it: on the ledger sheet a last column 校验结果 lists each row's issues (message and how to fix), cells with an
 * error are filled light red and cells with a warning light yellow, each with a note; a first sheet 导入校验汇总 lists
 * every issue (row, column, field, kind, problem, fix). A file annotated before can be uploaded again: the old summary
 * sheet, result column, fills and notes are replaced.
 */

const ERROR_FILL = 'FFFFC7CE';
const WARNING_FILL = 'FFFFEB9C';
const HEADER_FILL = 'FFD9E1F2';
const RESULT_COLUMN_WIDTH = 60;
/** Every language's name of the result column and summary sheet, to find them in a file annotated before. */
const RESULT_HEADERS = new Set(Object.values(importWorkbookCatalog['import.column.result']));
const SUMMARY_SHEETS = new Set(Object.values(importWorkbookCatalog['import.sheet.summary']));
/** Notes written by us start with the localized result header and a colon. */
const NOTE_PREFIXES = [...RESULT_HEADERS].map((h) => `${h}:`).concat([...RESULT_HEADERS].map((h) => `${h}：`));

type Placement = Pick<HeaderDetection, 'sheetIndex' | 'headerRow' | 'firstDataRow'>;

const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

/**
 * Change a cell's style through a copy: after loading, exceljs shares one style object among all cells with the same
 * style (and a merged range shares its master's), so assigning `cell.fill` would colour every cell alike.
 */
function restyle(cell: ExcelJS.Cell, patch: Partial<ExcelJS.Style>) {
  cell.style = { ...cell.style, ...patch };
}

export async function annotateWorkbook(original: Buffer, fileName: string, detection: Placement, analysis: ImportAnalysis, lang: Language): Promise<Buffer> {
  const workbook = workbookKind(original, fileName) === 'csv' ? await workbookFromCsv(original, fileName) : await loadXlsx(original, fileName);
  const sheet = workbook.worksheets[detection.sheetIndex];
  if (!sheet) throw new RangeError(`no sheet ${detection.sheetIndex} in ${fileName}`);
  for (const old of workbook.worksheets) if (old !== sheet && SUMMARY_SHEETS.has(old.name)) workbook.removeWorksheet(old.id);
  annotateLedgerSheet(sheet, detection, analysis, lang);
  addSummarySheet(workbook, analysis, lang);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A CSV as a fresh workbook of its cells, one sheet named after the file. */
async function workbookFromCsv(original: Buffer, fileName: string): Promise<ExcelJS.Workbook> {
  const [grid] = await readWorkbook(original, fileName);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(grid!.name);
  grid!.rows.forEach((cells, r) => {
    cells.forEach((value, c) => {
      if (value !== null) sheet.getCell(r + 1, c + 1).value = value;
    });
  });
  return workbook;
}

function issueLine(issue: RowIssue, lang: Language): string {
  const f = formatImportIssue(issue, lang);
  const where = [issue.columnLetter ? (lang === 'en' ? `column ${issue.columnLetter}` : `${issue.columnLetter}列`) : '', f.field].filter(Boolean).join(' ');
  const sep = lang === 'en' ? ': ' : '：';
  const stop = lang === 'en' ? '. ' : '。';
  return `【${f.severity}】${where ? where + sep : ''}${f.message}${stop}${f.fix}`;
}

/** The result column: reuse one from an earlier annotation, else the first column after everything on the sheet. */
function resultColumn(sheet: ExcelJS.Worksheet, headerRow: number): number {
  const header = sheet.getRow(headerRow);
  for (let c = 1; c <= sheet.columnCount; c++) {
    const text = header.getCell(c).value;
    if (typeof text === 'string' && RESULT_HEADERS.has(text.trim())) return c;
  }
  return sheet.columnCount + 1;
}

/**
 * exceljs has no API to delete a note: a loaded note lives both in the cell's private `_comment` and in the model of
 * its value, so drop the first and give the cell a fresh value object (same value) for the second.
 */
function removeNote(cell: ExcelJS.Cell) {
  (cell as unknown as { _comment?: unknown })._comment = undefined;
  if (!cell.isMerged) {
    const { value } = cell;
    cell.value = value;
  }
}

/** Remove what an earlier annotation left in the data rows: our fills, our notes and the old results. */
function clearEarlierAnnotation(sheet: ExcelJS.Worksheet, firstRow: number, resultCol: number) {
  for (let r = firstRow; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const fill = cell.fill as ExcelJS.FillPattern | undefined;
      const argb = fill?.type === 'pattern' ? fill.fgColor?.argb : undefined;
      if (argb === ERROR_FILL || argb === WARNING_FILL) restyle(cell, { fill: { type: 'pattern', pattern: 'none' } });
      const note = cell.note;
      const noteText = typeof note === 'string' ? note : note?.texts?.map((t) => t.text).join('');
      if (noteText && NOTE_PREFIXES.some((p) => noteText.startsWith(p))) removeNote(cell);
      if (c === resultCol) cell.value = null;
    });
  }
}

function annotateLedgerSheet(sheet: ExcelJS.Worksheet, detection: Placement, analysis: ImportAnalysis, lang: Language) {
  const headerRow = detection.headerRow + 1;
  const firstRow = detection.firstDataRow + 1;
  const resultCol = resultColumn(sheet, headerRow);
  clearEarlierAnnotation(sheet, firstRow, resultCol);
  const title = translate(importWorkbookCatalog, lang, 'import.column.result');
  const header = sheet.getCell(headerRow, resultCol);
  header.value = title;
  restyle(header, { font: { bold: true }, fill: solid(HEADER_FILL), alignment: { vertical: 'middle', horizontal: 'center', wrapText: true } });
  sheet.getColumn(resultCol).width = RESULT_COLUMN_WIDTH;

  const notes = new Map<ExcelJS.Cell, { lines: string[]; error: boolean }>();
  for (const row of analysis.rows) {
    writeRowResult(sheet, row, resultCol, lang);
    for (const issue of row.issues) {
      if (!issue.columnLetter) continue;
      const cell = sheet.getCell(`${issue.columnLetter}${issue.row}`);
      const target = cell.isMerged ? cell.master : cell;
      const entry = notes.get(target) ?? { lines: [], error: false };
      entry.lines.push(issueLine(issue, lang));
      entry.error ||= issue.severity === 'error';
      notes.set(target, entry);
    }
  }
  for (const [cell, { lines, error }] of notes) {
    restyle(cell, { fill: solid(error ? ERROR_FILL : WARNING_FILL) });
    cell.note = `${title}${lang === 'en' ? ':' : '：'}\n${lines.join('\n')}`;
  }
}

function writeRowResult(sheet: ExcelJS.Worksheet, row: ParsedRow, resultCol: number, lang: Language) {
  const cell = sheet.getCell(row.row, resultCol);
  restyle(cell, { alignment: { vertical: 'top', wrapText: true }, fill: { type: 'pattern', pattern: 'none' } });
  if (!row.issues.length) {
    cell.value = translate(importWorkbookCatalog, lang, 'import.result.ok');
    return;
  }
  cell.value = row.issues.map((i) => issueLine(i, lang)).join('\n');
  if (row.action === 'skip') return;
  restyle(cell, { fill: solid(row.issues.some((i) => i.severity === 'error') ? ERROR_FILL : WARNING_FILL) });
}

const SUMMARY_COLUMNS = [
  { key: 'import.summary.row', width: 8 },
  { key: 'import.summary.column', width: 8 },
  { key: 'import.summary.field', width: 16 },
  { key: 'import.summary.severity', width: 8 },
  { key: 'import.summary.problem', width: 50 },
  { key: 'import.summary.fix', width: 60 },
] as const;

/** The first sheet: one line per issue, errors and warnings in row order. */
function addSummarySheet(workbook: ExcelJS.Workbook, analysis: ImportAnalysis, lang: Language) {
  const sheet = workbook.addWorksheet(translate(importWorkbookCatalog, lang, 'import.sheet.summary'), { views: [{ state: 'frozen', ySplit: 1 }] });
  // exceljs orders sheets by orderNo (untyped): go before every other sheet.
  const ordered = (w: ExcelJS.Worksheet) => w as ExcelJS.Worksheet & { orderNo: number };
  ordered(sheet).orderNo = Math.min(0, ...workbook.worksheets.map((w) => ordered(w).orderNo)) - 1;
  sheet.columns = SUMMARY_COLUMNS.map((c) => ({ header: translate(importWorkbookCatalog, lang, c.key), width: c.width }));
  const headerRow = sheet.getRow(1);
  headerRow.eachCell((cell) => restyle(cell, { font: { bold: true }, fill: solid(HEADER_FILL) }));
  const issues = analysis.rows.flatMap((r) => r.issues);
  for (const issue of issues) {
    const f = formatImportIssue(issue, lang);
    const added = sheet.addRow([issue.row, issue.columnLetter ?? '', f.field, f.severity, f.message, f.fix]);
    added.eachCell({ includeEmpty: true }, (cell) => restyle(cell, { alignment: { vertical: 'top', wrapText: true } }));
    restyle(added.getCell(4), { fill: solid(issue.severity === 'error' ? ERROR_FILL : WARNING_FILL) });
  }
  if (!issues.length) sheet.addRow(['', '', '', '', translate(importWorkbookCatalog, lang, 'import.summary.none'), '']);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, issues.length + 1), column: SUMMARY_COLUMNS.length } };
  workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
}
