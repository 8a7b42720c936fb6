import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeLedger } from '../../src/domain/ledger/import/analyze.js';
import { detectLedger } from '../../src/domain/ledger/import/detect.js';
import type { ImportAnalysis, SheetGrid } from '../../src/domain/ledger/import/types.js';
import { annotateWorkbook } from '../../src/server/ledger/annotate-workbook.js';
import { csvSheetName, decodeText, parseCsv, readWorkbook } from '../../src/server/ledger/read-workbook.js';
import { AppError } from '../../src/server/errors.js';
import { GBK_CSV_TEXT, REALISTIC_TITLE, buildGbkCsvLedger, buildLedgerRows, buildRealisticLedger, demoImportReferences, encodeGbk, excelSerial } from '../helpers/ledger-fixtures.js';

const refs = demoImportReferences();
const options = { updateExisting: false, defaults: {} };

async function workbookOf(build: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet('台账'), workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function open(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

const noteText = (cell: ExcelJS.Cell) => {
  const note = cell.note as string | ExcelJS.Comment | undefined;
  return typeof note === 'string' ? note : (note?.texts?.map((t) => t.text).join('') ?? '');
};
const fillOf = (cell: ExcelJS.Cell) => ((cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb ?? null);

async function expectUnreadable(promise: Promise<unknown>, reason: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: 'IMPORT_FILE_UNREADABLE', status: 400, params: { reason } });
}

describe('readWorkbook: xlsx', () => {
  let grids: SheetGrid[];
  beforeAll(async () => {
    grids = await readWorkbook(await buildRealisticLedger(), '台账.xlsx');
  });

  it('reads every sheet in order, hidden ones marked', () => {
    expect(grids.map((g) => [g.name, g.hidden ?? false])).toEqual([
      ['填报说明', false],
      ['整改台账', false],
      ['旧版台账', true],
    ]);
  });

  it('fills merged ranges with the master value', () => {
    const rows = grids[1]!.rows;
    expect(rows[0]).toEqual(Array(22).fill(REALISTIC_TITLE));
    expect([rows[4]![2], rows[5]![2], rows[6]![2]]).toEqual(['中央环保督察', '中央环保督察', '中央环保督察']);
    expect([rows[4]![11], rows[5]![11], rows[6]![11]]).toEqual(['县水利局', '县水利局', '县水利局']);
    expect([rows[2]![11], rows[2]![12], rows[3]![11], rows[3]![12]]).toEqual(['责任单位', '责任单位', '牵头单位', '配合单位']);
    expect(rows[3]![0]).toBe('序号');
    expect(rows[22]!.length).toBe(22);
  });

  it('gives Date cells as dates, serials as numbers and text as text', () => {
    const rows = grids[1]!.rows;
    expect(rows[4]![16]).toEqual(new Date('2027-06-30T00:00:00Z'));
    expect(rows[5]![16]).toBe(excelSerial('2027-12-31'));
    expect(rows[6]![16]).toBe('2027年6月底前');
    expect(rows[10]).toEqual([]);
  });

  it('turns rich text, formulas, hyperlinks and errors into plain values', async () => {
    const [grid] = await readWorkbook(
      await workbookOf((sheet) => {
        sheet.getCell('A1').value = { richText: [{ text: '县水利局' }, { font: { bold: true }, text: '、县住建局' }] };
        sheet.getCell('B1').value = { formula: 'C1*2', result: 4 };
        sheet.getCell('C1').value = 2;
        sheet.getCell('D1').value = { text: '整改方案', hyperlink: 'https://example.org/plan' };
        sheet.getCell('E1').value = { error: '#N/A' };
        sheet.getCell('F1').value = { formula: 'DATE(2027,6,30)', result: new Date('2027-06-30T00:00:00Z') };
        sheet.getCell('G1').value = true;
        sheet.getCell('H1').value = 45838;
        sheet.getCell('H1').numFmt = 'yyyy"年"m"月"d"日"';
      }),
      'x.xlsx',
    );
    expect(grid!.rows[0]).toEqual(['县水利局、县住建局', 4, 2, '整改方案', null, new Date('2027-06-30T00:00:00Z'), true, new Date('2025-06-30T00:00:00Z')]);
  });

  it('fills merged ranges also when the file has no cells for the merged-away part (as Excel writes them)', async () => {
    const original = await workbookOf((sheet) => {
      sheet.getCell('A1').value = '标题';
      sheet.mergeCells('A1:C1');
      sheet.getCell('A2').value = '问题描述';
    });
    const files = unzipSync(original);
    const path = Object.keys(files).find((f) => /worksheets\/sheet\d+\.xml$/.test(f))!;
    const xml = strFromU8(files[path]!);
    const stripped = xml.replace(/<c r="[BC]1"[^>]*\/>/g, '').replace(/<c r="[BC]1"[^>]*>.*?<\/c>/g, '');
    expect(stripped).not.toMatch(/r="B1"/);
    files[path] = strToU8(stripped);
    const [grid] = await readWorkbook(Buffer.from(zipSync(files)), 'x.xlsx');
    expect(grid!.rows[0]).toEqual(['标题', '标题', '标题']);
  });

  it('reads the 10,000-row ledger', async () => {
    const [grid] = await readWorkbook(await buildLedgerRows(10_000), '问题清单.xlsx');
    expect(grid!.rows.length).toBe(10_002);
    const [detection] = detectLedger([grid!]);
    expect(analyzeLedger(grid!, detection!, refs, options).summary).toMatchObject({ create: 10_000, invalid: 0, warnings: 0 });
  });
});

describe('readWorkbook: csv', () => {
  it('reads the GBK CSV Chinese Excel writes, with quotes, commas and line breaks inside fields', async () => {
    const grids = await readWorkbook(buildGbkCsvLedger(), '台账（导出）.csv');
    expect(grids).toHaveLength(1);
    expect(grids[0]!.name).toBe('台账（导出）');
    const rows = grids[0]!.rows;
    expect(rows).toHaveLength(4);
    expect(rows[0]![4]).toBe('问题描述');
    expect(rows[1]![4]).toBe('东湖街道一处工地夜间施工，噪声扰民，群众称"无法入睡"。');
    expect(rows[2]![4]).toBe('白沙镇养殖场粪污直排沟渠，\r\n雨天溢流进入白沙河。');
    expect(rows[2]![7]).toBe('县农业农村局、县生态环境局');
    expect(rows[3]![7]).toBeNull();
    const [detection] = detectLedger(grids);
    const analysis = analyzeLedger(grids[0]!, detection!, refs, options);
    expect(analysis.rows.map((r) => [r.row, r.action, r.issues.map((i) => i.code)])).toEqual([
      [2, 'create', []],
      [3, 'create', []],
      [4, 'create', []],
    ]);
    expect(analysis.rows[2]!.problem).toMatchObject({ status: 'registered', deadlineKind: 'immediate', leadUnitId: expect.any(Number) });
  });

  it('decodes UTF-8 with and without BOM, UTF-16 with BOM, and GB18030', () => {
    const text = '问题描述,牵头单位\n排口,县水利局';
    expect(decodeText(Buffer.from(text, 'utf8'))).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(text);
    expect(decodeText(encodeGbk(text))).toBe(text);
    expect(decodeText(encodeGbk(GBK_CSV_TEXT))).toBe(GBK_CSV_TEXT);
  });

  it('parses separators, quotes and empty fields', () => {
    expect(parseCsv('a;b;c\n1;"x;y";')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x;y', null],
    ]);
    expect(parseCsv('a\tb\r\n1\t2\r\n\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('a,b\n,\n1,"say ""hi"""')).toEqual([['a', 'b'], [], ['1', 'say "hi"']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('names the sheet after the file', () => {
    expect(csvSheetName('C:\\导出\\青溪县台账.csv')).toBe('青溪县台账');
    expect(csvSheetName('a[1]:b?.csv')).toBe('a 1 b');
    expect([...csvSheetName(`${'长'.repeat(40)}.csv`)]).toHaveLength(31);
  });
});

describe('readWorkbook: refusals', () => {
  it('refuses legacy .xls, unknown types and broken workbooks', async () => {
    await expectUnreadable(readWorkbook(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), '台账.xls'), 'xls');
    await expectUnreadable(readWorkbook(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), '加密.xlsx'), 'encrypted');
    await expectUnreadable(readWorkbook(Buffer.from('%PDF-1.4'), '台账.pdf'), 'type');
    await expectUnreadable(readWorkbook(Buffer.from('not a zip at all'), '台账.xlsx'), 'corrupt');
    const good = await buildRealisticLedger();
    await expectUnreadable(readWorkbook(good.subarray(0, good.length >> 1), '截断.xlsx'), 'corrupt');
    await expectUnreadable(readWorkbook(Buffer.from(zipSync({ 'hello.txt': strToU8('hi') })), '假的.xlsx'), 'corrupt');
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('annotateWorkbook', () => {
  let original: Buffer;
  let analysis: ImportAnalysis;
  let annotated: ExcelJS.Workbook;
  let annotatedBuffer: Buffer;

  async function check(buffer: Buffer, fileName: string) {
    const grids = await readWorkbook(buffer, fileName);
    const detection = detectLedger(grids)[0]!;
    return { detection, analysis: analyzeLedger(grids[detection.sheetIndex]!, detection, refs, options) };
  }

  beforeAll(async () => {
    original = await buildRealisticLedger();
    const checked = await check(original, '台账.xlsx');
    analysis = checked.analysis;
    annotatedBuffer = await annotateWorkbook(original, '台账.xlsx', checked.detection, analysis, 'zh-CN');
    annotated = await open(annotatedBuffer);
  });

  it('puts the summary sheet first and keeps the other sheets in order', () => {
    expect(annotated.worksheets.map((s) => s.name)).toEqual(['导入校验汇总', '填报说明', '整改台账', '旧版台账']);
  });

  it('lists every issue on the summary sheet', () => {
    const sheet = annotated.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '行', '列', '字段', '类别', '问题', '修改建议']);
    const issues = analysis.rows.flatMap((r) => r.issues);
    expect(sheet.rowCount).toBe(issues.length + 1);
    const lines = Array.from({ length: issues.length }, (_, i) => (sheet.getRow(i + 2).values as unknown[]).slice(1));
    expect(lines).toContainEqual([12, 'L', '牵头单位', '错误', '找不到单位“青溪县生态环保局”', '请改为单位全称或简称，或先在“单位管理”中新增该单位。相近的有：青溪县生态环境局']);
    expect(lines).toContainEqual([17, 'B', '问题编号', '错误', '问题编号“QX-2026-002”与第 6 行重复', '同一编号只能出现一次：请核对编号，或删除重复的行']);
    expect(lines).toContainEqual([21, 'Q', '整改时限', '提示', '整改时限 2024-12-31 已过', expect.stringContaining('已销号')]);
    expect(lines).toContainEqual([22, '', '', '提示', '合计行（“合计”），已跳过', '无需处理，合计行不会导入']);
    expect(lines.map((l) => l[0])).toEqual(issues.map((i) => i.row));
  });

  it('adds the 校验结果 column with each row’s issues', () => {
    const sheet = annotated.getWorksheet('整改台账')!;
    expect(sheet.getCell('W3').value).toBe('校验结果');
    expect(sheet.getCell('W5').value).toBe('通过');
    expect(sheet.getCell('W12').value).toBe('【错误】L列 牵头单位：找不到单位“青溪县生态环保局”。请改为单位全称或简称，或先在“单位管理”中新增该单位。相近的有：青溪县生态环境局');
    expect(String(sheet.getCell('W15').value)).toContain(`最后一位应为`);
    expect(String(sheet.getCell('W11').value)).toBe('【提示】空行，已跳过。无需处理');
    expect(fillOf(sheet.getCell('W12'))).toBe('FFFFC7CE');
    expect(fillOf(sheet.getCell('W21'))).toBe('FFFFEB9C');
    expect(fillOf(sheet.getCell('W5'))).toBeNull();
  });

  it('fills error cells red and warning cells yellow, with a note', () => {
    const sheet = annotated.getWorksheet('整改台账')!;
    expect(fillOf(sheet.getCell('L12'))).toBe('FFFFC7CE');
    expect(noteText(sheet.getCell('L12'))).toContain('找不到单位“青溪县生态环保局”');
    expect(fillOf(sheet.getCell('O14'))).toBe('FFFFC7CE');
    expect(fillOf(sheet.getCell('Q16'))).toBe('FFFFC7CE');
    expect(fillOf(sheet.getCell('Q21'))).toBe('FFFFEB9C');
    expect(noteText(sheet.getCell('Q21'))).toContain('整改时限 2024-12-31 已过');
    expect(fillOf(sheet.getCell('L13'))).toBeNull();
    expect(noteText(sheet.getCell('L13'))).toBe('');
    // The data is untouched.
    expect(sheet.getCell('F5').value).toBe('白沙河东岸3处入河排污口晴天仍有生活污水直排，周边群众反映气味明显。');
  });

  it('annotates a file annotated before without piling up results', async () => {
    const again = await check(annotatedBuffer, '台账（校验结果）.xlsx');
    expect(again.detection).toMatchObject({ sheetIndex: 2, headerRow: 2, firstDataRow: 4, unmapped: [] });
    expect(again.analysis.rows.map((r) => r.issues.map((i) => i.code))).toEqual(analysis.rows.map((r) => r.issues.map((i) => i.code)));
    const twice = await open(await annotateWorkbook(annotatedBuffer, '台账（校验结果）.xlsx', again.detection, again.analysis, 'zh-CN'));
    expect(twice.worksheets.map((s) => s.name)).toEqual(['导入校验汇总', '填报说明', '整改台账', '旧版台账']);
    const sheet = twice.getWorksheet('整改台账')!;
    expect(sheet.getCell('X3').value).toBeNull();
    expect(sheet.getCell('W12').value).toBe(annotated.getWorksheet('整改台账')!.getCell('W12').value);
    expect(noteText(sheet.getCell('L12')).match(/找不到单位/g)).toHaveLength(1);
  });

  it('clears marks of issues fixed since', async () => {
    const fixed = await open(annotatedBuffer);
    fixed.getWorksheet('整改台账')!.getCell('L12').value = '青溪县生态环境局';
    const buffer = Buffer.from(await fixed.xlsx.writeBuffer());
    const again = await check(buffer, '台账.xlsx');
    expect(again.analysis.rows.find((r) => r.row === 12)!.issues).toEqual([]);
    const sheet = (await open(await annotateWorkbook(buffer, '台账.xlsx', again.detection, again.analysis, 'zh-CN'))).getWorksheet('整改台账')!;
    expect(fillOf(sheet.getCell('L12'))).toBeNull();
    expect(noteText(sheet.getCell('L12'))).toBe('');
    expect(sheet.getCell('W12').value).toBe('通过');
  });

  it('writes English when asked', async () => {
    const { detection } = await check(original, '台账.xlsx');
    const english = await open(await annotateWorkbook(original, '台账.xlsx', detection, analysis, 'en'));
    expect(english.worksheets[0]!.name).toBe('Import check');
    expect(english.getWorksheet('整改台账')!.getCell('W3').value).toBe('Check result');
    expect(english.getWorksheet('整改台账')!.getCell('W12').value).toBe(
      '【Error】column L Lead unit: No unit "青溪县生态环保局". Write the unit’s full or short name, or add the unit under Units first. Similar: 青溪县生态环境局',
    );
  });

  it('turns a CSV into a workbook of its cells', async () => {
    const csv = encodeGbk('问题编号,问题描述,牵头单位,整改时限,问题来源,问题类型\r\nC-1,排口污水直排。,县水务局,2027-06-30,自查,水\r\n');
    const { detection, analysis: checked } = await check(csv, '台账.csv');
    const workbook = await open(await annotateWorkbook(csv, '台账.csv', detection, checked, 'zh-CN'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['导入校验汇总', '台账']);
    const sheet = workbook.getWorksheet('台账')!;
    expect(sheet.getRow(2).values).toEqual([undefined, 'C-1', '排口污水直排。', '县水务局', '2027-06-30', '自查', '水', expect.stringContaining('找不到单位“县水务局”')]);
    expect(sheet.getCell('G1').value).toBe('校验结果');
    expect(fillOf(sheet.getCell('C2'))).toBe('FFFFC7CE');
  });
});
