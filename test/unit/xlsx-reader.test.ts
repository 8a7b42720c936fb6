import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { strToU8 } from 'fflate';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildBenchLedger } from '../../bench/import.js';
import { analyzeLedger } from '../../src/domain/ledger/import/analyze.js';
import { detectLedger } from '../../src/domain/ledger/import/detect.js';
import type { SheetGrid } from '../../src/domain/ledger/import/types.js';
import { AppError } from '../../src/server/errors.js';
import { annotateWorkbook } from '../../src/server/ledger/annotate-workbook.js';
import { writeDisclosureWorkbook } from '../../src/server/ledger/export/disclosure-workbook.js';
import { writeLedgerWorkbook, type LedgerExportRow } from '../../src/server/ledger/export/ledger-workbook.js';
import { writeClosedWorkbook, writeOverdueWorkbook, writeSummaryWorkbook } from '../../src/server/ledger/export/report-workbooks.js';
import { readWorkbook } from '../../src/server/ledger/read-workbook.js';
import { mulberry32 } from '../../src/domain/sampling.js';
import { XLSX_LIMITS, XlsxError, readXlsx } from '../../src/server/ledger/xlsx-reader.js';
import { referenceGrids } from '../helpers/exceljs-reference.js';
import { DEMO_EXISTING, buildLedgerRows, buildRealisticLedger, demoImportReferences, encodeGbk } from '../helpers/ledger-fixtures.js';
import { editPart, handWorkbook, partsOf, rawWorkbook, rawZip, sheetXml, stylesXml, zipParts, type HandWorkbook } from '../helpers/xlsx-variants.js';

/**
 * The .xlsx reader of our own (src/server/ledger/xlsx-reader.ts) against the exceljs-based reader it replaced
 * (test/helpers/exceljs-reference.ts): the same grids for every workbook the tests build and for hand-written variants
 * of what other programs save, and a refusal wherever exceljs refused.
 */

/** Both readers read `xlsx` and give equal grids (Dates by instant, NaN equal to NaN, no extra fields). */
async function same(xlsx: Buffer): Promise<SheetGrid[]> {
  const reference = await referenceGrids(xlsx);
  if ('error' in reference) throw new Error(`exceljs refused the workbook: ${reference.error}`);
  const grids = await readWorkbook(xlsx, 'x.xlsx');
  expect(grids).toStrictEqual(reference);
  return grids;
}

async function unreadable(promise: Promise<unknown>, reason = 'corrupt') {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: 'IMPORT_FILE_UNREADABLE', status: 400, params: { reason } });
}

/** exceljs refused `xlsx` and so does our reader, with IMPORT_FILE_UNREADABLE. */
async function bothRefuse(xlsx: Buffer) {
  expect(await referenceGrids(xlsx)).toHaveProperty('error');
  await unreadable(readWorkbook(xlsx, 'x.xlsx'));
}

async function bufferOf(write: (out: PassThrough) => Promise<unknown>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await write(out);
  return Buffer.concat(chunks);
}

async function* pagesOf<T>(rows: T[], size = 3): AsyncIterable<readonly T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

async function exceljsWorkbook(build: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet('台账'), workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One sheet named 台账 with these rows (and parts). */
const oneSheet = (rows: string, book: Omit<HandWorkbook, 'sheets'> & { after?: string; before?: string; rels?: string } = {}) =>
  handWorkbook({ ...book, sheets: [{ name: '台账', xml: sheetXml(rows, { after: book.after, before: book.before }), rels: book.rels }] });

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

// ---------------------------------------------------------------------------------------------------------------

describe('xlsx reader: every workbook the tests build reads as exceljs read it', () => {
  it('the realistic ledger (merged title and header cells, dates, hidden sheet), also with a stored code', async () => {
    const grids = await same(await buildRealisticLedger());
    expect(grids.map((g) => g.name)).toEqual(['填报说明', '整改台账', '旧版台账']);
    await same(await buildRealisticLedger({ existingCode: DEMO_EXISTING[1]!.code }));
  });

  it('the large generated ledger', async () => {
    const grids = await same(await buildLedgerRows(1500));
    expect(grids[0]!.rows).toHaveLength(1502);
  });

  it('the bench ledger', async () => {
    const units = ['青溪县水利局', '青溪县生态环境局', '白沙镇人民政府', '县住建局'];
    const grids = await same(await buildBenchLedger(1500, units, ['城关街道', '白沙镇']));
    expect(grids[0]!.rows).toHaveLength(1502);
  });

  it('the cell kinds of the read-workbook tests: rich text, formulas, hyperlinks, errors, booleans, date formats', async () => {
    const [grid] = await same(
      await exceljsWorkbook((sheet) => {
        sheet.getCell('A1').value = { richText: [{ text: '县水利局' }, { font: { bold: true }, text: '、县住建局' }] };
        sheet.getCell('B1').value = { formula: 'C1*2', result: 4 };
        sheet.getCell('C1').value = 2;
        sheet.getCell('D1').value = { text: '整改方案', hyperlink: 'https://example.org/plan' };
        sheet.getCell('E1').value = { error: '#N/A' };
        sheet.getCell('F1').value = { formula: 'DATE(2027,6,30)', result: new Date('2027-06-30T00:00:00Z') };
        sheet.getCell('G1').value = true;
        sheet.getCell('H1').value = 45838;
        sheet.getCell('H1').numFmt = 'yyyy"年"m"月"d"日"';
        sheet.getCell('A2').value = { formula: 'B2', result: 0 };
        sheet.getCell('B2').value = { formula: 'C2', result: '' };
        sheet.getCell('C2').value = { formula: 'A1', result: '<&>' };
        sheet.getCell('D2').value = { formula: 'NA()', result: { error: '#N/A' } };
        sheet.getCell('E2').value = { formula: 'TRUE()', result: true };
        sheet.getCell('F2').value = { text: '', hyperlink: 'https://example.org/empty' };
        sheet.getCell('G2').value = 'a & b < c "q" \'s\' 中文 _x000D_';
        sheet.getCell('H2').value = 0.1 + 0.2;
        sheet.getCell('A3').value = new Date('1900-01-01T00:00:00Z');
        sheet.getCell('B3').value = { richText: [] };
        sheet.getCell('C3').value = -12.5e-7;
        sheet.getCell('D3').value = false;
        sheet.getCell('E3').numFmt = 'yyyy-mm-dd';
      }),
    );
    expect(grid!.rows[0]).toEqual(['县水利局、县住建局', 4, 2, '整改方案', null, utc('2027-06-30'), true, utc('2025-06-30')]);
  });

  it('merged ranges without cells for the merged-away part (as Excel writes them)', async () => {
    const original = await exceljsWorkbook((sheet) => {
      sheet.getCell('A1').value = '标题';
      sheet.mergeCells('A1:C1');
      sheet.getCell('A2').value = '问题描述';
      sheet.mergeCells('B4:B9');
      sheet.getCell('D5').value = '无主合并';
      sheet.mergeCells('E5:F6');
    });
    const stripped = editPart(original, 'xl/worksheets/sheet1.xml', (xml) => xml.replace(/<c r="([BC]1|B[5-9]|[EF]6|F5)"[^>]*\/>/g, ''));
    const [grid] = await same(stripped);
    expect(grid!.rows[0]).toEqual(['标题', '标题', '标题']);
  });

  it('annotated workbooks (comments, fills, a summary sheet), in both languages and annotated twice', async () => {
    const refs = demoImportReferences();
    const original = await buildRealisticLedger();
    const grids = await readWorkbook(original, '台账.xlsx');
    const detection = detectLedger(grids)[0]!;
    const analysis = analyzeLedger(grids[detection.sheetIndex]!, detection, refs, { updateExisting: false, defaults: {} });
    const annotated = await annotateWorkbook(original, '台账.xlsx', detection, analysis, 'zh-CN');
    await same(annotated);
    await same(await annotateWorkbook(original, '台账.xlsx', detection, analysis, 'en'));
    const again = await readWorkbook(annotated, '台账.xlsx');
    const detectionAgain = detectLedger(again)[0]!;
    const analysisAgain = analyzeLedger(again[detectionAgain.sheetIndex]!, detectionAgain, refs, { updateExisting: false, defaults: {} });
    await same(await annotateWorkbook(annotated, '台账.xlsx', detectionAgain, analysisAgain, 'zh-CN'));
    const csv = encodeGbk('问题编号,问题描述,牵头单位,整改时限\r\nC-1,排口污水直排。,县水务局,2027-06-30\r\n');
    const csvGrids = await readWorkbook(csv, '台账.csv');
    const csvDetection = detectLedger(csvGrids)[0]!;
    const csvAnalysis = analyzeLedger(csvGrids[0]!, csvDetection, refs, { updateExisting: false, defaults: {} });
    await same(await annotateWorkbook(csv, '台账.csv', csvDetection, csvAnalysis, 'zh-CN'));
  });

  it('workbooks written by our own exporter (streamed, inline str cells, notes, dates, percentages)', async () => {
    const problem = (i: number): LedgerExportRow => ({
      code: `QX-2026-${String(i).padStart(3, '0')}`,
      source: i % 2 ? 'central_inspection' : 'self_inspection',
      roundName: i % 2 ? '第三轮中央生态环境保护督察' : null,
      batchNumber: i % 2 ? 1 : null,
      category: 'water',
      title: `白沙河排口${i}`,
      description: `白沙河东岸排口晴天仍有污水直排 & <问题> "引号" ${'长'.repeat(i * 40)}`,
      regionName: '白沙镇',
      address: i % 3 ? '白沙镇白沙河东岸' : null,
      lng: '120.123400',
      lat: '30.456700',
      enterpriseName: null,
      enterpriseUscc: null,
      leadUnitName: '青溪县水利局',
      cooperatingUnitNames: i % 2 ? ['白沙镇人民政府', '青溪县生态环境局'] : [],
      leaderName: i % 2 ? '刘副县长' : null,
      responsiblePerson: '李水清',
      responsiblePhone: '13905710001',
      goal: null,
      measures: '1.排查雨污管网\n2.完成截污纳管',
      closingCriteria: ['排口无污水直排', '群众满意'],
      deadlineKind: ['date', 'immediate', 'ongoing'][i % 3]!,
      deadline: i % 3 ? null : '2027-06-30',
      deadlineInForce: i % 3 ? null : i % 2 ? '2027-09-30' : '2027-06-30',
      flagged: i % 4 === 0,
      flagLevel: i % 4 === 0 ? 'city' : null,
      isPublic: i % 2 === 0,
      latestProgress: i % 2 ? '已完成2处排口截污' : null,
      status: i % 5 === 0 ? 'closed' : 'rectifying',
      closedOn: i % 5 === 0 ? '2026-03-15' : null,
      remarks: null,
    });
    const meta = { title: '青溪县生态环境保护督察整改问题清单（导出时间：2026年11月23日）', notes: [['导出人', '周督办']] as [string, string][], creator: '周督办' };
    await same(await bufferOf((out) => writeLedgerWorkbook(out, meta, pagesOf(Array.from({ length: 12 }, (_, i) => problem(i + 1))))));
    const group = (name: string, n: number) => ({ group: name, total: n, closed: n >> 2, rectified: n >> 3, inProgress: n >> 1, overdue: n % 3, dueSoon: n % 2 });
    await same(await bufferOf((out) => writeSummaryWorkbook(out, { ...meta, groupHeader: '牵头单位' }, [group('青溪县水利局', 12), group('白沙镇人民政府', 0), group('县住建局', 7)])));
    const overdue = (i: number) => ({
      code: `QX-${i}`,
      title: `逾期问题${i}`,
      leadUnitName: i % 2 ? '青溪县水利局' : null,
      deadlineKind: i % 3 ? 'date' : 'immediate',
      deadline: '2026-01-31',
      warningReason: ['deadline_overdue', 'milestone_overdue', 'ack_overdue', 'report_overdue', null][i % 5]!,
      warningDueOn: '2026-02-10',
      workingDaysOverdue: i % 4 ? i * 3 : null,
      warningLight: i % 2 ? 'red' : 'seriously_overdue',
      status: 'rectifying',
    });
    await same(await bufferOf((out) => writeOverdueWorkbook(out, meta, pagesOf(Array.from({ length: 7 }, (_, i) => overdue(i))))));
    const closed = (i: number) => ({ code: `QX-C${i}`, title: `已销号${i}`, regionName: '城关街道', leadUnitName: null, verifiedOn: '2026-03-01', closedOn: i % 2 ? '2026-03-15' : null, filingNumber: i % 2 ? `备-${i}` : null, filingDate: null });
    await same(await bufferOf((out) => writeClosedWorkbook(out, meta, pagesOf(Array.from({ length: 5 }, (_, i) => closed(i))))));
    await same(
      await bufferOf((out) =>
        writeDisclosureWorkbook(
          out,
          { title: '青溪县生态环境保护督察整改公开情况', asOf: '2026-11-23', notes: [['说明', '公开信息']] },
          pagesOf([{ code: 'QX-1', title: '排口', regionName: '白沙镇', category: 'water', leadUnitName: '青溪县水利局', measuresSummary: '截污纳管', closedOn: '2026-03-15' }]),
          pagesOf([{ code: 'QX-2', title: '扬尘', regionName: '石门镇', category: 'air', leadUnitName: null, deadlineKind: 'date', deadline: '2027-06-30', status: 'rectifying', latestProgress: null }]),
        ),
      ),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('xlsx reader: workbooks as other programs save them', () => {
  it('inline strings: plain, rich, with entities, kept spaces, _xHHHH_ left as written, and CDATA dropped', async () => {
    const [grid] = await same(
      oneSheet(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>整改台账</t></is></c><c r="B1" t="inlineStr"><is><r><rPr><b/><sz val="11"/></rPr><t>县水利局</t></r><r><t xml:space="preserve">、县住建局 </t></r></is></c>' +
          '<c r="C1" t="inlineStr"><is><t>a &amp; b &lt;c&gt; &#x4E2D;&#25991; &quot;q&quot; &apos;s&apos;</t></is></c><c r="D1" t="inlineStr"><is><t xml:space="preserve">  前后空格  </t></is></c>' +
          '<c r="E1" t="inlineStr"><is><t>_x000D_换行</t></is></c><c r="F1" t="inlineStr"><is><t><![CDATA[被丢弃]]></t></is></c><c r="G1" t="inlineStr"><is><t></t></is></c>' +
          '<c r="H1" t="inlineStr"><is><r><t>a</t></r><r><t>_x0041_</t></r></is></c></row>',
      ),
    );
    expect(grid!.rows[0]).toEqual(['整改台账', '县水利局、县住建局 ', 'a & b <c> 中文 "q" \'s\'', '  前后空格  ', '_x000D_换行', null, null, 'aA']);
  });

  it('shared strings: rich runs, xml:space, numeric references, _xHHHH_ escapes, phonetic runs, empty items', async () => {
    const [grid] = await same(
      oneSheet(
        `<row r="1">${Array.from({ length: 12 }, (_, i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`).join('')}</row>`,
        {
          sharedStrings: [
            '<t>问题描述</t>',
            '<r><rPr><b/><sz val="11"/><color rgb="FFFF0000"/><rFont val="宋体"/><family val="3"/><charset val="134"/></rPr><t>县水利局</t></r><r><rPr><sz val="11"/></rPr><t xml:space="preserve">、 县住建局</t></r>',
            '<t xml:space="preserve"> 两头空格 </t>',
            '<t>&#20013;&#x6587;&amp;&lt;&gt;</t>',
            '<t>第一行_x000D__x000A_第二行_x0009_</t>',
            '<t>小写_x000d_不解</t>',
            '<t>ふりがな</t><rPh sb="0" eb="4"><t>フリガナ</t></rPh><phoneticPr fontId="1"/>',
            '',
            '<t/>',
            '<r><t>只有</t></r><r><rPr><i/></rPr></r>',
            '<t>a\nb</t>',
            '<t>后</t><t>再</t>',
          ],
        },
      ),
    );
    expect(grid!.rows[0]).toEqual(['问题描述', '县水利局、 县住建局', ' 两头空格 ', '中文&<>', '第一行\r\n第二行\t', '小写_x000d_不解', 'ふりがな', null, null, '只有', 'a\nb', '再']);
  });

  it('str cells (as the streamed export writes text) are entity-decoded twice, as exceljs did', async () => {
    const [grid] = await same(oneSheet('<row r="1"><c r="A1" t="str"><v>a &amp;lt; b &amp;amp; c</v></c><c r="B1" t="str"><v>&amp;nbsp;</v></c></row>'));
    expect(grid!.rows[0]).toEqual(['a < b & c', '&nbsp;']);
  });

  it('formulas: shared (master with ref, followers by si), array, cached results of every type, and no result', async () => {
    const [grid] = await same(
      oneSheet(
        '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B4" si="0">A1*2</f><v>2</v></c><c r="C1" t="str"><f>"中"&amp;"文"</f><v>中文</v></c><c r="D1" t="b"><f>TRUE()</f><v>1</v></c><c r="E1" t="e"><f>NA()</f><v>#N/A</v></c></row>' +
          '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>4</v></c><c r="C2"><f>A2-2</f><v>0</v></c><c r="D2" t="b"><f>FALSE()</f><v>0</v></c><c r="E2"><f>A2</f></c></row>' +
          '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/><v>6</v></c><c r="C3"><f t="array" ref="C3">SUM(A1:A3)</f><v>6</v></c><c r="D3"><f t="shared" si="7"/><v>9</v></c><c r="E3" t="str"><f>""</f><v></v></c></row>' +
          '<row r="4"><c r="A4"><v>4</v></c><c r="B4"><f t="shared" si="0"/><v>8</v></c><c r="C4"><f t="shared" ref="C4:C5" si="1"></f><v>5</v></c></row>' +
          '<row r="5"><c r="C5"><f t="shared" si="1"/><v>7</v></c></row>',
      ),
    );
    expect(grid!.rows).toEqual([
      [1, 2, '中文', true],
      [2, 4],
      [3, 6, 6],
      [4, 8],
      [null, null, 7],
    ]);
  });

  it('number formats: built-in date ids, custom formats with quotes, brackets, escapes; ids exceljs has no code for stay numbers', async () => {
    const ids = [0, 14, 22, 31, 57, 45, 46, 47, 49, 164, 165, 166, 167, 168, 169, 170, 20];
    const numFmts: [number, string][] = [
      [164, 'yyyy"年"m"月"d"日"'],
      [165, '"年"0.00'],
      [166, '[Red]0.00;[Blue]-0.00'],
      [167, 'yyyy\\-mm\\-dd'],
      [168, '[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy'],
      [169, '0.00_ ;[红色]\\-0.00\\ '],
      [170, '#,##0" bytes"'],
      [20, '0.00'],
    ];
    const cells = ids.map((_, i) => `<c r="${String.fromCharCode(65 + i)}1" s="${i}"><v>45838.5</v></c>`).join('');
    const [grid] = await same(oneSheet(`<row r="1">${cells}</row><row r="2"><c r="A2" s="1"><v>-1</v></c><c r="B2" s="1"><v>1e6</v></c><c r="C2" s="1"/></row>`, { styles: stylesXml(numFmts, ids) }));
    const date = new Date(Date.UTC(2025, 5, 30, 12));
    expect(grid!.rows[0]).toEqual([45838.5, date, date, 45838.5, 45838.5, date, date, date, 45838.5, date, 45838.5, 45838.5, date, date, 45838.5, 45838.5, 45838.5]);
  });

  it('1904 dates with date1904="1", and date1904="true" read as 1900 dates (as exceljs did)', async () => {
    const rows = '<row r="1"><c r="A1" s="1"><v>44376</v></c><c r="B1" s="1"><f>A1</f><v>44376</v></c></row>';
    const [grid1904] = await same(oneSheet(rows, { styles: stylesXml([], [0, 14]), workbookPr: 'date1904="1"' }));
    expect(grid1904!.rows[0]).toEqual([utc('2025-06-30'), utc('2025-06-30')]);
    const [gridTrue] = await same(oneSheet(rows, { styles: stylesXml([], [0, 14]), workbookPr: 'date1904="true"' }));
    expect(gridTrue!.rows[0]).toEqual([utc('2021-06-29'), utc('2021-06-29')]);
  });

  it('WPS/Excel layout: no dimension, spans, pretty-printed with CRLF, a BOM, comments, cells without r, styled empty cells', async () => {
    const xml =
      '\uFEFF<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<!-- 由 WPS 表格 保存 -->\r\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\r\n' +
      '  <sheetPr><outlinePr summaryBelow="0"/></sheetPr>\r\n  <sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" state="frozen"/></sheetView></sheetViews>\r\n' +
      '  <cols><col min="1" max="3" width="20" customWidth="1"/></cols>\r\n  <sheetData>\r\n' +
      '    <row r="1" spans="1:4" ht="20" customHeight="1">\r\n      <c r="A1" s="1" t="s"><v>0</v></c>\r\n      <c s="1" t="s"><v>1</v></c>\r\n      <c t="n"><v> 12 </v></c>\r\n      <c/>\r\n      <c t="b"><v>1</v></c>\r\n    </row>\r\n' +
      '    <row r="3"><c r="B3" s="1"/><c r="C3" s="2"><v>45838</v></c><c r="F3"><v>1.5E-3</v></c><c r="E3"><v>-0</v></c></row>\r\n' +
      '    <row r="4"><c r="A4" t="e"><v>#DIV/0!</v></c><c r="B4" t="d"><v>2027-06-30T00:00:00</v></c><c r="C4"><v>abc</v></c><c r="D4" t="x"><v>7</v></c></row>\r\n' +
      '    <row r="5" s="1" customFormat="1"><c r="A5" s="1"/></row>\r\n' +
      '    <row r="2"><c r="A2" t="s"><v>2</v></c><c r="A2" t="s"><v>0</v></c></row>\r\n' +
      '  </sheetData>\r\n  <pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>\r\n  <pageSetup paperSize="9" orientation="landscape"/>\r\n</worksheet>\r\n';
    const [grid] = await same(
      handWorkbook({
        sheets: [{ name: '整改台账', xml }],
        sharedStrings: `\uFEFF<?xml version="1.0" encoding="UTF-8"?>\r\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">\r\n  <si>\r\n    <t>序号</t>\r\n  </si>\r\n  <si><t>问题\r\n描述</t></si>\r\n  <si><t>后来</t></si>\r\n</sst>`,
        styles: stylesXml([[176, 'yyyy/m/d;@']], [0, 0, 176]),
      }),
    );
    // <c/> (no r, style or value) was dropped, so the next cell without r took its column.
    expect(grid!.rows.slice(0, 2)).toEqual([['序号', '问题\n描述', 12, true], ['序号']]);
    expect(grid!.rows[2]).toEqual([null, null, utc('2025-06-30'), null, -0, 0.0015]);
  });

  it('rows and cells out of order, a repeated row number, and rows past the data', async () => {
    const [grid] = await same(
      oneSheet(
        '<row r="3"><c r="C3"><v>3</v></c><c r="A3"><v>1</v></c></row><row r="1"><c r="A1" t="inlineStr"><is><t>一</t></is></c></row><row r="3"><c r="B3"><v>2</v></c></row>' +
          '<row r="7"><c r="A7" s="0"/></row><row r="0"><c r="A0"><v>0</v></c></row><row r="9"><c r="A9" t="inlineStr"><is><t></t></is></c></row><row r="12"><c r="A12" t="e"><v>#N/A</v></c></row>',
      ),
    );
    expect(grid!.rows).toEqual([['一'], [], [null, 2], [], [], [], [], [], [], [], [], []]);
  });

  it('sheets: order of <sheets> not of ids, hidden and veryHidden, absolute targets, names with entities, a chartsheet left out', async () => {
    const sheet = (text: string) => sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c></row>`);
    const parts = {
      sheets: [
        { name: '说明', sheetId: 5, xml: sheet('说明') },
        { name: 'A&B <旧>', sheetId: 2, state: 'hidden' as const, xml: sheet('旧') },
        { name: '隐藏很深', sheetId: 9, state: 'veryHidden' as const, xml: sheet('深'), path: 'xl/worksheets/sheet10.xml' },
        { name: '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一', sheetId: 3, state: 'visible' as const, xml: sheet('长') },
      ],
    };
    const book = editPart(handWorkbook(parts), 'xl/_rels/workbook.xml.rels', (xml) =>
      xml.replace('Target="worksheets/sheet4.xml"', 'Target="/xl/worksheets/sheet4.xml"').replace('</Relationships>', '<Relationship Id="rId9" Type="x/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>'),
    );
    const withChart = editPart(book, 'xl/workbook.xml', (xml) => xml.replace('</sheets>', '<sheet name="图表" sheetId="11" r:id="rId9"/></sheets>'));
    const grids = await same(withChart);
    expect(grids.map((g) => [g.name, g.hidden ?? false, g.rows[0]![0]])).toEqual([
      ['说明', false, '说明'],
      ['A&B <旧>', true, '旧'],
      ['隐藏很深', true, '深'],
      ['一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一', false, '长'],
    ]);
  });

  it('merged ranges: empty master, vertical, a slave with its own value, one-cell and row/column references', async () => {
    const [grid] = await same(
      oneSheet('<row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c><c r="B1"><v>9</v></c></row><row r="2"><c r="A2"><v>1</v></c></row><row r="6"><c r="D6"><v>4</v></c></row>', {
        after: '<mergeCells count="6"><mergeCell ref="A1:C1"/><mergeCell ref="A2:A4"/><mergeCell ref="C3:D5"/><mergeCell ref="D6"/><mergeCell ref="F8:F8"/><mergeCell ref="$G$10:$H$10"/></mergeCells>',
      }),
    );
    // Rows 7–10 hold only merged-away cells of empty masters: they count, empty.
    expect(grid!.rows).toEqual([['标题', '标题', '标题'], [1], [1], [1], [], [null, null, null, 4], [], [], [], []]);
  });

  it('an element exceljs did not know inside a cell cuts the cell short (null), and inside <is> the sheet data too', async () => {
    const after = '<row r="2"><c r="A2"><v>2</v></c></row>';
    expect((await same(oneSheet(`<row r="1"><c r="A1"><v>1</v><extLst/></c><c r="B1"><v>3</v></c></row>${after}`)))[0]!.rows).toEqual([[null, 3], [2]]);
    const phonetic = '<row r="1"><c r="A1" t="inlineStr"><is><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></is></c></row>';
    expect((await same(oneSheet(phonetic + after)))[0]!.rows).toEqual([[]]);
    const rels = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="hyperlink" Target="https://example.org/"/></Relationships>';
    const linked = oneSheet('<row r="1"><c r="A1"><v>1</v><extLst/></c></row>', { rels, after: '<hyperlinks><hyperlink ref="A1" r:id="rId1"/></hyperlinks>' });
    expect((await same(linked))[0]!.rows).toEqual([['1']]);
  });

  it('hyperlinks: the text of a linked cell, the link of an empty one, internal links ignored', async () => {
    const rels =
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/a?x=1&amp;y=2" TargetMode="External"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/b" TargetMode="External"/></Relationships>';
    const [grid] = await same(
      oneSheet('<row r="1"><c r="A1" t="inlineStr"><is><t>方案</t></is></c><c r="B1" s="1"/><c r="C1"><v>0</v></c><c r="D1"><f>A1</f><v>0</v></c><c r="E1" t="inlineStr"><is><t>内部</t></is></c></row><row r="2"><c r="A2"/></row>', {
        rels,
        styles: stylesXml([], [0, 0]),
        after: '<hyperlinks><hyperlink ref="A1" r:id="rId1"/><hyperlink ref="B1" r:id="rId2" tooltip="提示"/><hyperlink ref="C1" r:id="rId2"/><hyperlink ref="D1" r:id="rId1"/><hyperlink ref="E1" location="\'说明\'!A1" display="内部"/><hyperlink ref="A2" r:id="rId2"/></hyperlinks>',
      }),
    );
    expect(grid!.rows).toEqual([['方案', 'https://example.org/b', 0, 0, '内部'], ['https://example.org/b']]);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('xlsx reader: random sheets read as exceljs read them', () => {
  it('200 seeded sheets of mixed cells, styles, formulas, merges and hyperlinks: same grids or both refused', async () => {
    const random = mulberry32(20_261_123);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const letter = (c: number) => String.fromCharCode(64 + c);
    const texts = ['问题', 'a &amp; b', ' 空格 ', '_x0041_', '&#x4E2D;', '12', 'x\ny'];
    const cell = (row: number, col: number) => {
      const r = random() < 0.1 ? '' : ` r="${letter(col)}${row}"`;
      const s = random() < 0.4 ? ` s="${Math.floor(random() * 6)}"` : '';
      return pick([
        `<c${r}${s}><v>${pick(['1', '0', '45838', '45838.25', '-3', '1e3', ' 7', 'abc', '0.1'])}</v></c>`,
        `<c${r}${s} t="s"><v>${Math.floor(random() * 5)}</v></c>`,
        `<c${r}${s} t="str"><v>${pick(texts)}</v></c>`,
        `<c${r}${s} t="inlineStr"><is><t>${pick(texts)}</t></is></c>`,
        `<c${r}${s} t="inlineStr"><is><r><rPr><b/></rPr><t>${pick(texts)}</t></r><r><t>${pick(texts)}</t></r></is></c>`,
        `<c${r}${s} t="b"><v>${pick(['0', '1'])}</v></c>`,
        `<c${r}${s} t="e"><v>#N/A</v></c>`,
        `<c${r}${s}><f>A1</f><v>${pick(['0', '5', '45838'])}</v></c>`,
        `<c${r}${s}><f t="shared" ref="A1:A9" si="${Math.floor(random() * 2)}">B1</f><v>3</v></c>`,
        `<c${r}${s}><f t="shared" si="${Math.floor(random() * 2)}"/><v>${pick(['4', '0'])}</v></c>`,
        `<c${r}${s}/>`,
      ]);
    };
    const outcomes = { same: 0, refused: 0 };
    for (let n = 0; n < 200; n++) {
      const rows = Array.from({ length: 1 + Math.floor(random() * 5) }, (_, i) => {
        const row = random() < 0.1 ? 1 + Math.floor(random() * 6) : i + 1;
        return `<row r="${row}">${Array.from({ length: Math.floor(random() * 5) }, (_, c) => cell(row, c + 1)).join('')}</row>`;
      });
      const merges = random() < 0.4 ? `<mergeCells><mergeCell ref="${letter(1 + Math.floor(random() * 3))}${1 + Math.floor(random() * 4)}:D${4 + Math.floor(random() * 3)}"/></mergeCells>` : '';
      const link = random() < 0.3;
      const xlsx = handWorkbook({
        sheets: [
          {
            name: '台账',
            xml: sheetXml(rows.join(''), { after: merges + (link ? `<hyperlinks><hyperlink ref="${letter(1 + Math.floor(random() * 3))}${1 + Math.floor(random() * 3)}" r:id="rId1"/></hyperlinks>` : '') }),
            rels: link ? '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="hyperlink" Target="https://example.org/"/></Relationships>' : undefined,
          },
        ],
        sharedStrings: ['<t>甲</t>', '<r><t>乙</t></r><r><t>丙</t></r>', '', '<t>_x0042_</t>', '<t xml:space="preserve"> </t>'],
        styles: stylesXml([[164, 'yyyy"年"m"月"'], [165, '0.00"h"']], [0, 14, 164, 165, 31, 22]),
        workbookPr: random() < 0.2 ? 'date1904="1"' : '',
      });
      const reference = await referenceGrids(xlsx);
      let ours: SheetGrid[] | { error: string };
      try {
        ours = readXlsx(xlsx);
      } catch (error) {
        ours = { error: (error as Error).message };
      }
      if ('error' in reference && 'error' in ours) outcomes.refused++;
      else if (isDeepStrictEqual(ours, reference)) outcomes.same++;
      else expect({ rows, merges, ours }).toEqual({ rows, merges, ours: reference });
    }
    expect(outcomes.same).toBeGreaterThan(100);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('xlsx reader: refuses what exceljs refused', () => {
  const cellRow = '<row r="1"><c r="A1"><v>1</v></c></row>';

  it('a row without r, or whose first cell has no r (exceljs failed on both)', async () => {
    await bothRefuse(oneSheet('<row><c r="A1"><v>1</v></c></row>'));
    await bothRefuse(oneSheet('<row r="1"><c><v>1</v></c></row>'));
    await bothRefuse(oneSheet('<row r="1"><c r="1"><v>1</v></c></row>'));
    await bothRefuse(oneSheet('<row r="1"><c r="XFE1"><v>1</v></c></row>'));
  });

  it('overlapping merged ranges, a shared string that is not there', async () => {
    await bothRefuse(oneSheet(cellRow, { after: '<mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells>' }));
    await bothRefuse(oneSheet('<row r="1"><c r="A1" t="s"><v>1</v></c></row>', { sharedStrings: ['<t>只有一个</t>'] }));
    await bothRefuse(oneSheet('<row r="1"><c r="A1" t="s"><v>x</v></c></row>', { sharedStrings: ['<t>只有一个</t>'] }));
  });

  it('a hyperlink without its relationship, a styled row without styles, a styled cell without cellXfs', async () => {
    await bothRefuse(oneSheet(cellRow, { after: '<hyperlinks><hyperlink ref="A1" r:id="rId1"/></hyperlinks>' }));
    await bothRefuse(oneSheet('<row r="1" s="1" customFormat="1"><c r="A1"><v>1</v></c></row>'));
    await bothRefuse(oneSheet('<row r="1"><c r="A1" s="1"><v>1</v></c></row>', { styles: '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="0"/></styleSheet>' }));
  });

  it('sheet names exceljs refused: too long, reserved, duplicated, with : / ? * [ ] or quotes at the ends', async () => {
    for (const name of ['一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二', 'History', 'a/b', "'引号'"]) {
      await bothRefuse(handWorkbook({ sheets: [{ name, xml: sheetXml(cellRow) }] }));
    }
    await bothRefuse(handWorkbook({ sheets: [{ name: '台账', xml: sheetXml(cellRow) }, { name: '台账', xml: sheetXml(cellRow) }] }));
    await bothRefuse(handWorkbook({ sheets: [{ name: 'Sheet', xml: sheetXml(cellRow) }, { name: 'SHEET', xml: sheetXml(cellRow) }] }));
  });

  it('broken XML: an unknown entity, a wrong closing tag, a control character, a truncated part; a workbook without sheets', async () => {
    await bothRefuse(oneSheet('<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>'));
    await bothRefuse(oneSheet('<row r="1"><c r="A1"><v>1</v></row></c>'));
    await bothRefuse(oneSheet('<row r="1"><c r="A1" t="inlineStr"><is><t>\u0001</t></is></c></row>'));
    await bothRefuse(oneSheet('<row r="1"><c r="A1" r="B1"><v>1</v></c></row>'));
    await bothRefuse(oneSheet('<row r="1"><c r="A1"t="n"><v>1</v></c></row>'));
    await bothRefuse(oneSheet('<row r="1"><c r="A1"><v>1]]>2</v></c></row>'));
    await bothRefuse(oneSheet('<row r="1"><c r="A1"><v>1</v></c></row><1x/>'));
    await bothRefuse(editPart(oneSheet(cellRow), 'xl/worksheets/sheet1.xml', (xml) => `${xml}<worksheet/>`));
    await same(editPart(oneSheet(cellRow), 'xl/worksheets/sheet1.xml', (xml) => `${xml}\n<!-- 结束 -->\n`));
    await bothRefuse(editPart(oneSheet(cellRow), 'xl/worksheets/sheet1.xml', (xml) => xml.slice(0, -30)));
    await bothRefuse(editPart(oneSheet(cellRow), 'xl/workbook.xml', (xml) => xml.replace(/<sheet [^>]*\/>/, '')));
    await bothRefuse(oneSheet(cellRow, { afterSheets: '<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0"></definedName></definedNames>' }));
  });

  it('a shared-strings or relationships part that only lost its end reads as far as it goes, as exceljs read it', async () => {
    const book = oneSheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', { sharedStrings: ['<t>有</t>', '<t>丢</t>'] });
    expect((await same(editPart(book, 'xl/sharedStrings.xml', (xml) => xml.slice(0, xml.lastIndexOf('<si>') + 6))))[0]!.rows).toEqual([['有']]);
    // An "&" with no ";" anywhere after it: exceljs's parser waited for the end of that entity until the part ended.
    const amp = editPart(book, 'xl/sharedStrings.xml', (xml) => xml.replace('<t>丢</t>', '<t>丢 & 失</t>'));
    expect((await same(amp))[0]!.rows).toEqual([['有']]);
    await same(editPart(book, 'xl/_rels/workbook.xml.rels', (xml) => xml.replace(/<\/Relationships>$/, '')));
    await bothRefuse(editPart(book, 'xl/workbook.xml', (xml) => xml.replace(/<\/workbook>$/, '')));
  });

  it('a zip without xl/workbook.xml, and no zip at all', async () => {
    const parts = partsOf(oneSheet(cellRow));
    delete parts['xl/workbook.xml'];
    await bothRefuse(zipParts(parts));
    await bothRefuse(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]));
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('xlsx reader: the zip', () => {
  const book: HandWorkbook = { sheets: [{ name: '台账', xml: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>2</v></c></row>') }], sharedStrings: ['<t>问题描述</t>'] };

  it('reads stored and deflated parts of a zip written byte by byte', async () => {
    expect(await same(rawWorkbook(book))).toEqual([{ name: '台账', rows: [['问题描述', 2]] }]);
    expect(await same(rawWorkbook(book, (e) => ({ ...e, method: 0 })))).toEqual([{ name: '台账', rows: [['问题描述', 2]] }]);
  });

  it('decodes parts as UTF-8 as exceljs did: ASCII, Chinese, four-byte characters, and invalid bytes replaced', async () => {
    const sheet = sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>ASCII only</t></is></c></row>');
    const zip = rawWorkbook({ sheets: [{ name: '台账', xml: sheet }], sharedStrings: ['<t>中文😀</t>', '<t>bad:@@@@</t>'] }, (e) => {
      if (e.name !== 'xl/sharedStrings.xml') return e;
      const data = Buffer.from(e.data);
      data.set([0xff, 0xc3, 0xe4, 0xb8], data.indexOf('@@@@'));
      return { ...e, data };
    });
    const [grid] = await same(zip);
    expect(grid!.rows[0]![0]).toBe('中文😀');
    expect(grid!.rows[0]![1]).toMatch(/^bad:\uFFFD+$/);
  });

  it('refuses encrypted parts, unknown compression, zip64 and a corrupt central directory', async () => {
    await bothRefuse(rawWorkbook(book, (e) => (e.name === 'xl/worksheets/sheet1.xml' ? { ...e, flags: 1 } : e)));
    await bothRefuse(rawWorkbook(book, (e) => (e.name === 'xl/styles.xml' || e.name === '_rels/.rels' ? { ...e, method: 14 } : e)));
    const zip64 = rawZip([{ name: 'xl/workbook.xml', data: strToU8('<workbook/>') }], { zip64End: true });
    await unreadable(readWorkbook(zip64, 'x.xlsx'));
    const good = rawWorkbook(book);
    const broken = Buffer.from(good);
    broken.fill(0x55, broken.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])), broken.length - 22);
    await unreadable(readWorkbook(broken, 'x.xlsx'));
    await unreadable(readWorkbook(good.subarray(0, good.length - 10), 'x.xlsx'));
  });

  it('refuses a part declaring more than 200 MB before inflating anything, and caps what one file inflates', async () => {
    const bomb = rawWorkbook(book, (e) => (e.name === 'xl/worksheets/sheet1.xml' ? { ...e, declaredSize: XLSX_LIMITS.entryBytes + 1 } : e));
    await unreadable(readWorkbook(bomb, 'x.xlsx'), 'too_large');
    const small = { ...XLSX_LIMITS, totalBytes: 800 };
    expect(() => readXlsx(rawWorkbook(book), small)).toThrow(XlsxError);
    expect(() => readXlsx(rawWorkbook(book), small)).toThrow(/inflated/);
    expect(readXlsx(rawWorkbook(book), { ...XLSX_LIMITS, totalBytes: 4000 })).toHaveLength(1);
  });

  it('stops a part inflating to more than it declares (a zip bomb lying about its size)', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');
    const lying = rawWorkbook({ sheets: [{ name: '台账', xml: sheetXml(rows) }] }, (e) => (e.name === 'xl/worksheets/sheet1.xml' ? { ...e, declaredSize: 1000 } : e));
    await unreadable(readWorkbook(lying, 'x.xlsx'));
    const short = rawWorkbook(book, (e) => (e.name === 'xl/workbook.xml' ? { ...e, declaredSize: e.data.length + 10 } : e));
    await unreadable(readWorkbook(short, 'x.xlsx'));
  });

  it('caps the cells merged ranges fill, and refuses rows past Excel’s last row', async () => {
    const merged = oneSheet('<row r="1"><c r="A1"><v>1</v></c></row>', { after: '<mergeCells><mergeCell ref="A1:Z1000"/></mergeCells>' });
    expect(readXlsx(merged)[0]!.rows).toHaveLength(1000);
    expect(() => readXlsx(merged, { ...XLSX_LIMITS, mergedCells: 10_000 })).toThrow(/merged/);
    await unreadable(readWorkbook(oneSheet('<row r="1048577"><c r="A1048577"><v>1</v></c></row>'), 'x.xlsx'));
  });
});
