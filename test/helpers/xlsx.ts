import ExcelJS from 'exceljs';

/** Open a workbook the API answered with. */
export async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** The values of one row (1-based columns, index 0 = column A). */
export function rowValues(sheet: ExcelJS.Worksheet, row: number): unknown[] {
  const r = sheet.getRow(row);
  const out: unknown[] = [];
  for (let c = 1; c <= sheet.columnCount; c++) out.push(r.getCell(c).value);
  return out;
}

/** Every data row below the two heading rows (title, header). */
export function dataRows(sheet: ExcelJS.Worksheet, firstDataRow = 3): unknown[][] {
  const rows: unknown[][] = [];
  for (let r = firstDataRow; r <= sheet.rowCount; r++) rows.push(rowValues(sheet, r));
  return rows;
}

/** All the text of a workbook, every cell of every sheet, to search for what must not be there. */
export function workbookText(workbook: ExcelJS.Workbook): string {
  const parts: string[] = [];
  workbook.eachSheet((sheet) => {
    parts.push(sheet.name);
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value;
        parts.push(v instanceof Date ? v.toISOString() : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
      });
    });
  });
  return parts.join('\n');
}
