import ExcelJS from 'exceljs';
import { desc, eq } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import { LEDGER_COLUMNS } from '../../../domain/ledger/columns.js';
import type { ImportAnalysis, ParsedRow, RowIssue } from '../../../domain/ledger/import/types.js';
import type { ImportStatus, ImportView } from '../../../shared/api/imports.js';
import type { Language } from '../../../shared/roles.js';
import type { Executor } from '../../db/client.js';
import { ledgerImports, users } from '../../db/schema.js';
import { annotateWorkbook } from '../../ledger/annotate-workbook.js';
import type { ImportRow } from './present-import.js';

/** The annotated workbook of an import: the user's file with every issue written into it. */
export async function annotatedWorkbook(row: ImportRow, file: Buffer, lang: Language): Promise<{ buffer: Buffer; fileName: string }> {
  const issues = row.issues as RowIssue[];
  const byRow = new Map<number, RowIssue[]>();
  for (const issue of issues) byRow.set(issue.row, [...(byRow.get(issue.row) ?? []), issue]);
  const rows: ParsedRow[] = [...byRow].map(([r, list]) => ({ row: r, action: 'create', existingId: null, problem: null, issues: list }));
  const summary = (row.summary as ImportAnalysis['summary'] | null) ?? { create: 0, update: 0, skip: 0, invalid: 0, errors: 0, warnings: 0 };
  const placement = { sheetIndex: row.sheetIndex ?? 0, headerRow: row.headerRow ?? 0, firstDataRow: row.firstDataRow ?? 1 };
  const buffer = await annotateWorkbook(file, row.fileName, placement, { rows, summary }, lang);
  const base = row.fileName.replace(/\.(xlsx|csv)$/i, '');
  return { buffer, fileName: `${base}（校验结果）.xlsx` };
}

/** The actor's 20 most recent imports (the list's columns only: not the file, issues or rows). */
export async function listImports(ex: Executor, actor: Actor) {
  const rows = await ex
    .select({
      id: ledgerImports.id,
      fileName: ledgerImports.fileName,
      status: ledgerImports.status,
      createdAt: ledgerImports.createdAt,
      summary: ledgerImports.summary,
      result: ledgerImports.result,
      creatorName: users.displayName,
    })
    .from(ledgerImports)
    .innerJoin(users, eq(users.id, ledgerImports.createdBy))
    .where(eq(ledgerImports.createdBy, actor.userId))
    .orderBy(desc(ledgerImports.id))
    .limit(20);
  return rows.map((r) => ({
    id: r.id,
    fileName: r.fileName,
    status: r.status as ImportStatus,
    createdAt: r.createdAt.toISOString(),
    createdBy: { id: actor.userId, name: r.creatorName },
    summary: r.summary as ImportView['summary'],
    result: r.result as ImportView['result'],
  }));
}

/** 导入模板: the ledger's columns as ducha writes them, a title row, one example row, frozen header. */
export async function ledgerTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('问题清单', { views: [{ state: 'frozen', ySplit: 2 }] });
  const columns = LEDGER_COLUMNS.filter((c) => c.exported && c.key !== 'closedOn');
  sheet.columns = columns.map((c) => ({ width: c.width }));
  sheet.mergeCells(1, 1, 1, columns.length);
  sheet.getCell(1, 1).value = '生态环境保护督察整改问题台账';
  sheet.getCell(1, 1).font = { bold: true, size: 16 };
  sheet.getCell(1, 1).alignment = { horizontal: 'center' };
  const header = sheet.getRow(2);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  });
  const example: Record<string, string | number> = {
    seq: 1,
    source: '中央生态环境保护督察',
    category: '水',
    title: '（示例）某河段排污口污水直排',
    description: '（示例）群众反映某河段排污口长期有污水直排，河水发黑发臭。',
    region: '（所属乡镇）',
    leadUnit: '（牵头单位全称）',
    cooperatingUnits: '（配合单位，多个用“、”分隔）',
    deadline: '2026年12月底前',
    status: '整改中',
    isPublic: '是',
  };
  const row = sheet.getRow(3);
  columns.forEach((c, i) => {
    if (example[c.key] !== undefined) row.getCell(i + 1).value = example[c.key]!;
    row.getCell(i + 1).font = { color: { argb: 'FF888888' } };
  });
  sheet.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
