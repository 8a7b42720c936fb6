import ExcelJS from 'exceljs';
import type { Cell, SheetGrid } from '../../src/domain/ledger/import/types.js';

/**
 * The .xlsx reader ducha had before its own (src/server/ledger/xlsx-reader.ts, ADR 11), kept verbatim as the reference
 * the new reader must match grid for grid: exceljs loads the workbook, every sheet becomes a SheetGrid. It answers
 * `{ error }` where the old reader refused the file (IMPORT_FILE_UNREADABLE).
 */
export async function referenceGrids(buffer: Buffer): Promise<SheetGrid[] | { error: string }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (!workbook.worksheets.length) return { error: 'no worksheets' };
  return workbook.worksheets.map(gridOf);
}

/** A cell value as exceljs gives it → our Cell. */
export function cellOf(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return null;
  if ('formula' in value || 'sharedFormula' in value) return cellOf((value as { result?: ExcelJS.CellValue }).result);
  if ('hyperlink' in value) return cellOf((value as { text?: ExcelJS.CellValue }).text ?? value.hyperlink);
  return null;
}

function gridOf(sheet: ExcelJS.Worksheet): SheetGrid {
  const rows: Cell[][] = [];
  // Merged slave cells exist after loading (exceljs creates them) and answer with the master's value.
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const value = cellOf(cell.value);
      if (value !== null && value !== '') cells[column - 1] = value;
    });
    rows[rowNumber - 1] = Array.from(cells, (c) => c ?? null);
  });
  const grid: SheetGrid = { name: sheet.name, rows: Array.from(rows, (r) => r ?? []) };
  if (sheet.state !== 'visible') grid.hidden = true;
  return grid;
}
