import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DUPLICATE_SIMILARITY, IMPORT_LIMITS, analyzeLedger, deriveTitle, splitCriteria } from '../../src/domain/ledger/import/analyze.js';
import { detectLedger } from '../../src/domain/ledger/import/detect.js';
import { findPossibleDuplicates, StoredTokens, type RowCandidate } from '../../src/domain/ledger/import/duplicates.js';
import type { Cell, HeaderDetection, ImportAnalysis, ImportOptions, ImportReferences, ImportedProblem, ParsedRow, SheetGrid } from '../../src/domain/ledger/import/types.js';
import { createProblemBody } from '../../src/shared/api/problems.js';
import { IMPORT_ISSUE_CODES, formatImportIssue, importIssueCatalog } from '../../src/shared/i18n/import.js';
import { readWorkbook } from '../../src/server/ledger/read-workbook.js';
import {
  BAD_USCC,
  DEMO_BATCH_IDS,
  DEMO_LEADER_ID,
  DEMO_REGION_IDS,
  DEMO_ROUND_ID,
  DEMO_USCC,
  LARGE_LEDGER_HEADERS,
  LEDGER_TODAY,
  buildRealisticLedger,
  demoImportReferences,
  demoUnitId,
  ledgerRowValues,
} from '../helpers/ledger-fixtures.js';

const NO_DEFAULTS: ImportOptions = { updateExisting: false, defaults: {} };
const refs = demoImportReferences();

/** Every issue of a row as [code, column letter, severity]. */
const issuesOf = (row: ParsedRow | undefined) => row?.issues.map((i) => [i.code, i.columnLetter, i.severity]);

/** The problem fields the API accepts, from an imported problem (what the server's import use case sends on). */
function apiInput(p: ImportedProblem) {
  const { code: _code, status: _status, closedOn: _closedOn, latestProgress: _progress, ...fields } = p;
  return fields;
}

// ---------------------------------------------------------------------------------------------------------------

describe('the realistic ledger', () => {
  let grids: SheetGrid[];
  let detection: HeaderDetection;
  let analysis: ImportAnalysis;
  let updating: ImportAnalysis;
  const row = (n: number, a = analysis) => a.rows.find((r) => r.row === n);

  beforeAll(async () => {
    grids = await readWorkbook(await buildRealisticLedger(), '青溪县整改台账.xlsx');
    detection = detectLedger(grids)[0]!;
    analysis = analyzeLedger(grids[detection.sheetIndex]!, detection, refs, NO_DEFAULTS);
    updating = analyzeLedger(grids[detection.sheetIndex]!, detection, refs, { updateExisting: true, defaults: {} });
  });

  it('is found on its sheet below the title, with its two-row header', () => {
    expect(detection).toMatchObject({ sheetIndex: 1, sheetName: '整改台账', headerRow: 2, headerRowCount: 2, firstDataRow: 4, score: 22, unmapped: [] });
    expect(detection.headers[11]).toBe('责任单位/牵头单位');
    expect(detection.headers[12]).toBe('责任单位/配合单位');
    expect(detection.mapping).toMatchObject({ round: 3, leadUnit: 11, cooperatingUnits: 12, responsiblePerson: 14, deadline: 16 });
  });

  it('reports every row from 5 to 24 and nothing after', () => {
    expect(analysis.rows.map((r) => r.row)).toEqual(Array.from({ length: 20 }, (_, i) => i + 5));
  });

  it('accepts the good rows without issues', () => {
    for (const n of [5, 6, 7, 9, 10]) {
      expect(issuesOf(row(n)), `row ${n}`).toEqual([]);
      expect(row(n)!.action).toBe('create');
      expect(row(n)!.problem).not.toBeNull();
    }
  });

  it('accepts rows with warnings, each on its column', () => {
    expect(issuesOf(row(8))).toEqual([['status_completed_as_closed', 'T', 'warning']]);
    expect(issuesOf(row(18))).toEqual([['possible_duplicate_in_file', 'F', 'warning']]);
    expect(row(18)!.issues[0]!.params).toEqual({ row: 5 });
    expect(issuesOf(row(20))).toEqual([['lead_unit_also_cooperating', 'M', 'warning']]);
    expect(issuesOf(row(21))).toEqual([['deadline_past', 'Q', 'warning']]);
    expect(row(21)!.issues[0]!.params).toEqual({ date: '2024-12-31' });
    for (const n of [8, 18, 20, 21]) expect(row(n)!.problem, `row ${n}`).not.toBeNull();
  });

  it('rejects the bad rows, each with its row, column and code', () => {
    expect(issuesOf(row(12))).toEqual([['unit_unknown', 'L', 'error']]);
    expect(row(12)!.issues[0]).toMatchObject({ params: { name: '青溪县生态环保局' }, suggestions: ['青溪县生态环境局'], column: 'leadUnit' });
    expect(issuesOf(row(13))).toEqual([['description_missing', 'F', 'error']]);
    expect(issuesOf(row(14))).toEqual([['phone_invalid', 'O', 'error']]);
    expect(row(14)!.issues[0]!.params).toEqual({ value: '139057100' });
    expect(issuesOf(row(15))).toEqual([['uscc_invalid_checksum', 'K', 'error']]);
    expect(row(15)!.issues[0]!.params).toEqual({ value: BAD_USCC.code, expected: BAD_USCC.expected });
    expect(issuesOf(row(16))).toEqual([['date_invalid', 'Q', 'error']]);
    expect(row(16)!.issues[0]!.params).toEqual({ value: '2027年2月30日' });
    expect(issuesOf(row(17))).toEqual([['duplicate_code_in_file', 'B', 'error']]);
    expect(row(17)!.issues[0]!.params).toEqual({ code: 'QX-2026-002', row: 6 });
    expect(issuesOf(row(19))).toEqual([['duplicate_code_stored', 'B', 'error']]);
    for (const n of [12, 13, 14, 15, 16, 17, 19]) {
      expect(row(n)!.problem, `row ${n}`).toBeNull();
      expect(row(n)!.action).toBe('create');
    }
  });

  it('skips the empty, total and note rows', () => {
    expect(issuesOf(row(11))).toEqual([['row_skipped_empty', null, 'warning']]);
    expect(issuesOf(row(22))).toEqual([['row_skipped_summary', null, 'warning']]);
    expect(issuesOf(row(23))).toEqual([['row_skipped_note', null, 'warning']]);
    expect(row(23)!.issues[0]!.params).toEqual({ text: '填表人：周督办 审核人：刘副县长' });
    expect(issuesOf(row(24))).toEqual([['row_skipped_note', null, 'warning']]);
    for (const n of [11, 22, 23, 24]) expect(row(n)).toMatchObject({ action: 'skip', problem: null, existingId: null });
  });

  it('counts', () => {
    expect(analysis.summary).toEqual({ create: 9, update: 0, skip: 4, invalid: 7, errors: 7, warnings: 8 });
    expect(updating.summary).toEqual({ create: 9, update: 1, skip: 4, invalid: 6, errors: 6, warnings: 8 });
  });

  it('updates the stored problem by code when asked to, without calling it its own duplicate', () => {
    expect(row(19, updating)).toMatchObject({ action: 'update', existingId: 101, issues: [] });
    expect(row(19, updating)!.problem).toMatchObject({ code: 'DC339901-2026-0001', leadUnitId: demoUnitId('县水利局'), latestProgress: '已完成2处排口整改' });
  });

  it('reads merged cells, multi-unit cells, people with phones and Date cells (row 5)', () => {
    expect(row(5)!.problem).toEqual({
      code: 'QX-2026-001',
      source: 'central_inspection',
      roundId: DEMO_ROUND_ID,
      batchId: DEMO_BATCH_IDS.first,
      category: 'water',
      title: '白沙河东岸3处入河排污口晴天仍有生活污水直排，周边群众反映气味明显',
      description: '白沙河东岸3处入河排污口晴天仍有生活污水直排，周边群众反映气味明显。',
      regionId: DEMO_REGION_IDS.白沙镇,
      address: '白沙镇白沙河东岸',
      lng: 120.1234,
      lat: 30.4567,
      enterpriseName: null,
      enterpriseUscc: null,
      leadUnitId: demoUnitId('县水利局'),
      cooperatingUnitIds: [demoUnitId('白沙镇人民政府'), demoUnitId('县生态环境局')],
      leaderUserId: DEMO_LEADER_ID,
      responsiblePerson: '李水清',
      responsiblePhone: '13905710001',
      goal: null,
      measures: '1.排查雨污管网；2.完成截污纳管',
      closingCriteria: [],
      deadlineKind: 'date',
      deadline: '2027-06-30',
      flagged: true,
      flagLevel: 'province',
      isPublic: false,
      latestProgress: '已完成2处排口截污',
      status: 'rectifying',
      closedOn: null,
      remarks: null,
    } satisfies ImportedProblem);
  });

  it('fills rows 6 and 7 from the merged source, round and lead unit above', () => {
    for (const n of [6, 7]) {
      expect(row(n)!.problem).toMatchObject({ source: 'central_inspection', roundId: DEMO_ROUND_ID, batchId: DEMO_BATCH_IDS.first, leadUnitId: demoUnitId('县水利局') });
    }
  });

  it('reads serials, swapped coordinates and ；-separated units (row 6)', () => {
    expect(row(6)!.problem).toMatchObject({
      deadline: '2027-12-31',
      lng: 120.1102,
      lat: 30.4501,
      enterpriseUscc: DEMO_USCC.qingyuan,
      cooperatingUnitIds: [demoUnitId('县住建局'), demoUnitId('县生态环境局')],
      responsiblePerson: '陈建华',
      responsiblePhone: null,
      flagged: false,
      status: 'rectifying',
    });
  });

  it('normalizes full-width text and reads units on two lines (row 7)', () => {
    expect(row(7)!.problem).toMatchObject({
      description: '宏达化工有限公司原料堆场未全封闭，装卸作业粉尘和异味明显，VOCs无组织排放。',
      enterpriseUscc: DEMO_USCC.hongda,
      cooperatingUnitIds: [demoUnitId('县生态环境局'), demoUnitId('白沙镇人民政府')],
      responsiblePerson: '陈建华',
      responsiblePhone: '13905710002',
      deadline: '2027-06-30',
      flagLevel: 'city',
      status: 'registered',
    });
  });

  it('reads 立行立改, a closing date and batch 2 (row 8), 长期坚持 (row 9), a unit without county prefix (row 10)', () => {
    expect(row(8)!.problem).toMatchObject({ deadlineKind: 'immediate', deadline: null, status: 'closed', closedOn: '2026-03-15', batchId: DEMO_BATCH_IDS.second, category: 'solid_waste' });
    expect(row(9)!.problem).toMatchObject({ deadlineKind: 'ongoing', deadline: null, roundId: null, source: 'warning_film', category: 'yangtze_fishing_ban', lng: 120.2, lat: 30.3 });
    expect(row(10)!.problem).toMatchObject({ leadUnitId: demoUnitId('县住建局'), source: 'complaint', deadline: '2027-03-31', flagged: true, flagLevel: null, responsiblePhone: '0571-88886666' });
  });

  it('drops the lead unit from the cooperating units (row 20)', () => {
    expect(row(20)!.problem).toMatchObject({ leadUnitId: demoUnitId('县城管局'), cooperatingUnitIds: [demoUnitId('城关街道办事处')], source: 'central_lookback' });
  });

  it('produces only problems the API accepts', () => {
    const valid = [...analysis.rows, ...updating.rows].flatMap((r) => (r.problem ? [r.problem] : []));
    expect(valid.length).toBe(19);
    for (const p of valid) expect(() => createProblemBody.parse(apiInput(p)), p.code ?? '').not.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Rules, on small grids

const HEADERS = ['问题编号', '问题来源', '问题类型', '问题简述', '问题描述', '行政区划', '地址', '牵头单位', '配合单位', '责任领导', '整改时限', '整改状态', '销号日期'] as const;
type Header = (typeof HEADERS)[number] | '经度' | '纬度' | '联系电话' | '责任人' | '督察轮次' | '交办批次' | '验收标准' | '是否公开' | '挂牌督办';

const GOOD: Partial<Record<Header, Cell>> = {
  问题编号: 'T-1',
  问题来源: '群众举报',
  问题类型: '噪声',
  问题描述: '东湖街道工地夜间施工噪声扰民。',
  牵头单位: '县住建局',
  整改时限: '2027-06-30',
  整改状态: '整改中',
};

/** A grid with a header row and the given rows (cells by header), analyzed with `detectLedger`'s mapping. */
function analyze(rows: Partial<Record<Header, Cell>>[], options: Partial<ImportOptions> = {}, references: ImportReferences = refs, extra: Header[] = []) {
  const headers: Header[] = [...HEADERS, ...extra.filter((h) => !(HEADERS as readonly string[]).includes(h))];
  const grid: SheetGrid = { name: 't', rows: [headers, ...rows.map((r) => headers.map((h) => r[h] ?? null))] };
  const [detection] = detectLedger([grid]);
  return analyzeLedger(grid, detection!, references, { ...NO_DEFAULTS, ...options });
}

const one = (row: Partial<Record<Header, Cell>>, options: Partial<ImportOptions> = {}, extra: Header[] = []) => analyze([{ ...GOOD, ...row }], options, refs, extra).rows[0]!;
const codes = (r: ParsedRow) => r.issues.map((i) => i.code);

describe('titles and descriptions', () => {
  it('derives the title from the first sentence, cut to 60 characters', () => {
    expect(deriveTitle('工地夜间施工噪声扰民。群众多次投诉。')).toBe('工地夜间施工噪声扰民');
    const long = '一'.repeat(80);
    expect(deriveTitle(long)).toBe(`${'一'.repeat(59)}…`);
    expect([...deriveTitle(long)].length).toBe(60);
    expect(one({ 问题描述: '第一句话；第二句话' }).problem!.title).toBe('第一句话');
  });

  it('uses a lone title as the description, with a warning', () => {
    const r = one({ 问题描述: null, 问题简述: '夜间施工噪声' });
    expect(codes(r)).toEqual(['description_from_title']);
    expect(r.problem).toMatchObject({ title: '夜间施工噪声', description: '夜间施工噪声' });
  });

  it('refuses texts over the API limits, and accepts them at the limit', () => {
    expect(codes(one({ 问题简述: '题'.repeat(IMPORT_LIMITS.title) }))).toEqual([]);
    const r = one({ 问题简述: '题'.repeat(IMPORT_LIMITS.title + 1), 问题描述: '述'.repeat(IMPORT_LIMITS.description + 1) });
    expect(r.issues.map((i) => [i.code, i.column, i.params])).toEqual([
      ['text_too_long', 'title', { length: 201, max: 200 }],
      ['text_too_long', 'description', { length: 5001, max: 5000 }],
    ]);
    expect(r.problem).toBeNull();
    expect(codes(one({ 地址: '址'.repeat(IMPORT_LIMITS.address + 1) }))).toEqual(['text_too_long']);
  });

  it('keeps limits in step with the problem API', () => {
    const shape = createProblemBody.shape;
    const fits = (schema: { safeParse: (v: unknown) => { success: boolean } }, max: number) =>
      schema.safeParse('x'.repeat(max)).success && !schema.safeParse('x'.repeat(max + 1)).success;
    expect(fits(shape.title, IMPORT_LIMITS.title)).toBe(true);
    expect(fits(shape.description, IMPORT_LIMITS.description)).toBe(true);
    expect(fits(shape.address, IMPORT_LIMITS.address)).toBe(true);
    expect(fits(shape.enterpriseName, IMPORT_LIMITS.enterpriseName)).toBe(true);
    expect(fits(shape.responsiblePerson, IMPORT_LIMITS.responsiblePerson)).toBe(true);
    expect(fits(shape.goal, IMPORT_LIMITS.goal)).toBe(true);
    expect(fits(shape.measures, IMPORT_LIMITS.measures)).toBe(true);
    expect(fits(shape.remarks, IMPORT_LIMITS.remarks)).toBe(true);
    expect(shape.closingCriteria.safeParse(Array(IMPORT_LIMITS.closingCriteria).fill('x')).success).toBe(true);
    expect(shape.closingCriteria.safeParse(Array(IMPORT_LIMITS.closingCriteria + 1).fill('x')).success).toBe(false);
    expect(shape.closingCriteria.safeParse(['x'.repeat(IMPORT_LIMITS.closingCriterion + 1)]).success).toBe(false);
    expect(shape.cooperatingUnitIds.safeParse(Array(IMPORT_LIMITS.cooperatingUnits + 1).fill(1)).success).toBe(false);
  });

  it('splits closing criteria into items', () => {
    expect(splitCriteria('1.排口封堵\n2.水质达标')).toEqual(['排口封堵', '水质达标']);
    expect(splitCriteria('1.排口封堵；2.水质达标；')).toEqual(['排口封堵', '水质达标']);
    expect(splitCriteria('（1）排口封堵（2）不拆分')).toEqual(['排口封堵（2）不拆分']);
    expect(one({ 验收标准: '①排口封堵\n②水质达标' }, {}, ['验收标准']).problem!.closingCriteria).toEqual(['排口封堵', '水质达标']);
    expect(codes(one({ 验收标准: Array.from({ length: 31 }, (_, i) => `${i + 1}.标准`).join('\n') }, {}, ['验收标准']))).toEqual(['closing_criteria_too_many']);
  });
});

describe('vocabularies and defaults', () => {
  it('takes source and category from the defaults when the cell is empty, else refuses the row', () => {
    expect(one({ 问题来源: null, 问题类型: null }, { defaults: { source: 'self_inspection', category: 'water' } }).problem).toMatchObject({ source: 'self_inspection', category: 'water' });
    const r = one({ 问题来源: null, 问题类型: null });
    expect(r.issues.map((i) => [i.code, i.columnLetter])).toEqual([
      ['source_missing', 'B'],
      ['category_missing', 'C'],
    ]);
    expect(codes(one({ 问题来源: '天上', 问题类型: '不明' }))).toEqual(['source_unknown', 'category_unknown']);
  });

  it('reads the batch from the round cell, warns about unknown rounds and batches, and applies default round and batch', () => {
    expect(one({ 督察轮次: '第三轮中央环保督察（第二批）' }, {}, ['督察轮次']).problem).toMatchObject({ roundId: DEMO_ROUND_ID, batchId: DEMO_BATCH_IDS.second });
    expect(one({ 交办批次: '第2批' }, {}, ['交办批次']).problem).toMatchObject({ roundId: DEMO_ROUND_ID, batchId: DEMO_BATCH_IDS.second });
    const unknown = one({ 督察轮次: '第二轮中央环保督察', 交办批次: '第9批' }, { defaults: { roundId: DEMO_ROUND_ID } }, ['督察轮次', '交办批次']);
    expect(unknown.issues.map((i) => [i.code, i.severity])).toEqual([
      ['round_unknown', 'warning'],
      ['batch_unknown', 'warning'],
    ]);
    expect(unknown.problem).toMatchObject({ roundId: DEMO_ROUND_ID, batchId: null });
    expect(one({}, { defaults: { roundId: DEMO_ROUND_ID, batchId: DEMO_BATCH_IDS.first } }).problem).toMatchObject({ roundId: DEMO_ROUND_ID, batchId: DEMO_BATCH_IDS.first });
    expect(one({}, { defaults: { batchId: DEMO_BATCH_IDS.second } }).problem).toMatchObject({ roundId: DEMO_ROUND_ID, batchId: DEMO_BATCH_IDS.second });
  });

  it('applies the isPublic default and reads flags', () => {
    expect(one({}, { defaults: { isPublic: true } }).problem!.isPublic).toBe(true);
    expect(one({ 是否公开: '否' }, { defaults: { isPublic: true } }, ['是否公开']).problem!.isPublic).toBe(false);
    expect(codes(one({ 是否公开: '也许' }, {}, ['是否公开']))).toEqual(['public_unknown']);
    expect(codes(one({ 挂牌督办: '看情况' }, {}, ['挂牌督办']))).toEqual(['flag_unknown']);
  });
});

describe('region, coordinates, people', () => {
  it('defaults the region to the county and refuses unknown regions with suggestions', () => {
    expect(one({}).problem!.regionId).toBe(DEMO_REGION_IDS.county);
    expect(one({ 行政区划: '青溪县石门镇' }).problem!.regionId).toBe(DEMO_REGION_IDS.石门镇);
    const r = one({ 行政区划: '石们镇' });
    expect(r.issues).toEqual([expect.objectContaining({ code: 'region_unknown', columnLetter: 'F', severity: 'error', suggestions: ['石门镇'] })]);
  });

  it('reads separate longitude and latitude columns and warns when they are swapped', () => {
    expect(one({ 经度: 120.5, 纬度: 30.25 }, {}, ['经度', '纬度']).problem).toMatchObject({ lng: 120.5, lat: 30.25 });
    const swapped = one({ 经度: 30.25, 纬度: 120.5 }, {}, ['经度', '纬度']);
    expect(codes(swapped)).toEqual(['coordinates_swapped']);
    expect(swapped.problem).toMatchObject({ lng: 120.5, lat: 30.25 });
    expect(codes(one({ 经度: 'abc', 纬度: 30 }, {}, ['经度', '纬度']))).toEqual(['coordinates_invalid']);
  });

  it('checks a separate phone column and keeps the person as written', () => {
    expect(one({ 责任人: '李水清', 联系电话: '13905710001' }, {}, ['责任人', '联系电话']).problem).toMatchObject({ responsiblePerson: '李水清', responsiblePhone: '13905710001' });
    const bad = one({ 责任人: '李水清 13905710001', 联系电话: '12345' }, {}, ['责任人', '联系电话']);
    expect(bad.issues.map((i) => [i.code, i.column])).toEqual([['phone_invalid', 'responsiblePhone']]);
  });

  it('warns about unknown and several leaders', () => {
    expect(one({ 责任领导: '刘副县长' }).problem!.leaderUserId).toBe(DEMO_LEADER_ID);
    const unknown = one({ 责任领导: '张县长' });
    expect(unknown.issues.map((i) => [i.code, i.severity])).toEqual([['leader_unknown', 'warning']]);
    expect(unknown.problem!.leaderUserId).toBeNull();
    expect(codes(one({ 责任领导: '刘副县长、周督办' }))).toEqual(['leader_multiple']);
  });
});

describe('units', () => {
  it('requires a lead unit unless the row is only registered', () => {
    expect(one({ 牵头单位: null }).issues.map((i) => [i.code, i.severity])).toEqual([['lead_unit_required', 'error']]);
    const registered = one({ 牵头单位: null, 整改状态: '待交办' });
    expect(registered.issues.map((i) => [i.code, i.severity])).toEqual([['lead_unit_missing', 'warning']]);
    expect(registered.problem).toMatchObject({ status: 'registered', leadUnitId: null });
  });

  it('makes the first of several lead units the lead, the others cooperating', () => {
    const r = one({ 牵头单位: '县住建局、东湖街道', 配合单位: '县生态环境局' });
    expect(r.issues).toEqual([expect.objectContaining({ code: 'lead_unit_multiple', params: { lead: '县住建局', others: '东湖街道' } })]);
    expect(r.problem).toMatchObject({ leadUnitId: demoUnitId('县住建局'), cooperatingUnitIds: [demoUnitId('东湖街道办事处'), demoUnitId('县生态环境局')] });
  });

  it('splits space-separated names when the whole text is no unit', () => {
    expect(one({ 配合单位: '县水利局 县林业局' }).problem!.cooperatingUnitIds).toEqual([demoUnitId('县水利局'), demoUnitId('县林业局')]);
  });

  it('reports each unknown unit, with suggestions, and ambiguous ones', () => {
    const r = one({ 配合单位: '县水务局、火星局' });
    expect(r.issues.map((i) => [i.code, i.params.name, i.columnLetter])).toEqual([
      ['unit_unknown', '县水务局', 'I'],
      ['unit_unknown', '火星局', 'I'],
    ]);
    expect(r.issues[0]!.suggestions).toContain('青溪县水利局');
    const twins: ImportReferences = { ...refs, units: [...refs.units, { id: 900, name: '青溪县林业局', shortName: '县林业局', kind: 'department' }] };
    expect(analyze([{ ...GOOD, 牵头单位: '县林业局' }], {}, twins).rows[0]!.issues.map((i) => i.code)).toEqual(['unit_ambiguous']);
  });
});

describe('status, closing date and deadline', () => {
  it('defaults a missing closing date of a closed row to today', () => {
    const r = one({ 整改状态: '已销号' });
    expect(r.issues.map((i) => [i.code, i.params])).toEqual([['closed_on_defaulted', { date: LEDGER_TODAY }]]);
    expect(r.problem).toMatchObject({ status: 'closed', closedOn: LEDGER_TODAY });
  });

  it('takes a closing date, refuses a future one and ignores one on an open row', () => {
    expect(one({ 整改状态: '已销号', 销号日期: '2026年3月1日' }).problem).toMatchObject({ status: 'closed', closedOn: '2026-03-01' });
    expect(codes(one({ 整改状态: '已销号', 销号日期: '2026-06-01' }))).toEqual(['closed_on_future']);
    expect(codes(one({ 整改状态: '已销号', 销号日期: '尽快' }))).toEqual(['date_unrecognised']);
    const open = one({ 整改状态: '整改中', 销号日期: '2026-03-01' });
    expect(codes(open)).toEqual(['closed_on_ignored']);
    expect(open.problem).toMatchObject({ status: 'rectifying', closedOn: null });
  });

  it('infers closed from a closing date when the status is empty', () => {
    const r = one({ 整改状态: null, 销号日期: '2026-03-01' });
    expect(codes(r)).toEqual(['status_inferred_closed']);
    expect(r.problem).toMatchObject({ status: 'closed', closedOn: '2026-03-01' });
  });

  it('refuses an unknown status', () => {
    expect(one({ 整改状态: '研究研究' }).issues.map((i) => [i.code, i.columnLetter])).toEqual([['status_unknown', 'L']]);
  });

  it('warns about a past deadline only for rows still open', () => {
    expect(codes(one({ 整改时限: '2025-12-31' }))).toEqual(['deadline_past']);
    expect(codes(one({ 整改时限: '2025-12-31', 整改状态: '已销号', 销号日期: '2026-01-10' }))).toEqual([]);
    expect(codes(one({ 整改时限: LEDGER_TODAY }))).toEqual([]);
  });

  it('requires a deadline and warns about an assumed year or a date next to 长期坚持', () => {
    expect(one({ 整改时限: null }).issues.map((i) => [i.code, i.columnLetter, i.severity])).toEqual([['deadline_missing', 'K', 'error']]);
    expect(codes(one({ 整改时限: '尽快' }))).toEqual(['deadline_unrecognised']);
    expect(one({ 整改时限: '12月底前' }).issues.map((i) => [i.code, i.params])).toEqual([['deadline_year_assumed', { date: '2026-12-31', year: 2026 }]]);
    expect(codes(one({ 整改时限: '2027年底前完成，长期坚持' }))).toEqual(['deadline_kind_ambiguous']);
  });
});

describe('codes and duplicates', () => {
  it('finds a repeated code whatever its case and spaces', () => {
    const a = analyze([GOOD, { ...GOOD, 问题编号: ' t-1 ', 问题描述: '完全不同的另一个问题描述。' }]);
    expect(a.rows[1]!.issues.map((i) => [i.code, i.params])).toEqual([['duplicate_code_in_file', { code: 't-1', row: 2 }]]);
  });

  it('updates by code, warning when the stored problem is past rectifying', () => {
    const a = analyze([{ ...GOOD, 问题编号: 'dc339901-2026-0002', 问题描述: '另外的描述。' }], { updateExisting: true });
    expect(a.rows[0]).toMatchObject({ action: 'update', existingId: 102 });
    expect(a.rows[0]!.issues.map((i) => [i.code, i.params])).toEqual([['update_ledger_fields_only', { code: 'dc339901-2026-0002', storedStatus: 'verifying' }]]);
    expect(formatImportIssue(a.rows[0]!.issues[0]!, 'zh-CN').message).toContain('核查中');
  });

  it('warns about a description near-identical to a stored problem, naming its code', () => {
    const r = one({ 问题描述: '清源污水处理厂2026年5月以来多次出水总磷超过一级A标准！' });
    expect(r.issues.map((i) => [i.code, i.params, i.columnLetter])).toEqual([['possible_duplicate_stored', { code: 'DC339901-2026-0002' }, 'E']]);
  });

  it('does not call rows in different towns or at different addresses duplicates', () => {
    const base = { ...GOOD, 问题描述: '工地夜间施工噪声扰民，群众多次投诉。' };
    const towns = analyze([{ ...base, 问题编号: 'A', 行政区划: '东湖街道' }, { ...base, 问题编号: 'B', 行政区划: '城关街道' }]);
    expect(towns.rows.flatMap(codes)).toEqual([]);
    const places = analyze([{ ...base, 问题编号: 'A', 地址: '东湖路1号' }, { ...base, 问题编号: 'B', 地址: '滨江大道999弄' }]);
    expect(places.rows.flatMap(codes)).toEqual([]);
    const same = analyze([{ ...base, 问题编号: 'A', 地址: '东湖路1号' }, { ...base, 问题编号: 'B', 地址: '东湖路1号工地' }]);
    expect(same.rows[1]!.issues.map((i) => [i.code, i.params])).toEqual([['possible_duplicate_in_file', { row: 2 }]]);
  });

  it('finds the same pairs as comparing every pair', () => {
    const words = '白沙石门云台东湖城关河道排口工地堆场粉尘污水异味噪声养殖垃圾渗滤液企业厂区雨水管网'.split('');
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const rows: RowCandidate[] = [];
    for (let i = 0; i < 90; i++) {
      const base = i % 3 === 2 ? rows[i - 1]!.description : Array.from({ length: 20 + Math.floor(random() * 30) }, () => words[Math.floor(random() * words.length)]).join('');
      const description = i % 3 === 2 ? base.slice(0, -1 - Math.floor(random() * 3)) + '。' : base;
      rows.push({ row: i + 2, description, address: null, regionId: 1, updatesId: null });
    }
    const bigrams = (s: string) => new Set(Array.from({ length: s.length - 1 }, (_, i) => s.slice(i, i + 2)).filter((b) => !/。/.test(b)));
    const dice = (a: Set<string>, b: Set<string>) => (2 * [...a].filter((x) => b.has(x)).length) / (a.size + b.size);
    const expected = rows.flatMap((r, i) => {
      const earlier = rows.slice(0, i).filter((o) => dice(bigrams(r.description), bigrams(o.description)) >= DUPLICATE_SIMILARITY);
      return earlier.length ? [r.row] : [];
    });
    const found = findPossibleDuplicates(rows, [], DUPLICATE_SIMILARITY).map((f) => f.row);
    expect(expected.length).toBeGreaterThan(10);
    expect(found).toEqual(expected);
  });

  it('finds the same stored matches as comparing every pair, and follows stored problems as they change', () => {
    const words = '白沙石门云台东湖城关河道排口工地堆场粉尘污水异味噪声养殖垃圾渗滤液企业厂区雨水管网'.split('');
    let seed = 11;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const text = () => Array.from({ length: 20 + Math.floor(random() * 30) }, () => words[Math.floor(random() * words.length)]).join('');
    const near = (t: string) => t.slice(0, -1 - Math.floor(random() * 3)) + '。';
    const stored = Array.from({ length: 120 }, (_, i) => ({ id: 1000 + i, description: text(), address: null }));
    const rows: RowCandidate[] = Array.from({ length: 60 }, (_, i) => ({
      row: i + 2,
      description: i % 2 ? near(stored[(i * 7) % stored.length]!.description) : text(),
      address: null,
      regionId: i,
      updatesId: i === 5 ? stored[(5 * 7) % stored.length]!.id : null,
    }));
    const bigrams = (s: string) => new Set(Array.from({ length: s.length - 1 }, (_, i) => s.slice(i, i + 2)).filter((b) => !/。/.test(b)));
    const dice = (a: Set<string>, b: Set<string>) => (2 * [...a].filter((x) => b.has(x)).length) / (a.size + b.size);
    const expected = (list: typeof stored, visible: (id: number) => boolean = () => true) =>
      rows.flatMap((r) => {
        let best: { id: number; score: number } | null = null;
        for (const s of list) {
          const score = dice(bigrams(r.description), bigrams(s.description));
          if (score >= DUPLICATE_SIMILARITY && s.id !== r.updatesId && visible(s.id) && (!best || score > best.score)) best = { id: s.id, score };
        }
        return best ? [[r.row, best.id]] : [];
      });
    const found = (tokens: StoredTokens | typeof stored, visible?: (id: number) => boolean) =>
      findPossibleDuplicates(rows, tokens, DUPLICATE_SIMILARITY, visible).filter((f) => f.storedId !== null).map((f) => [f.row, f.storedId]);
    expect(expected(stored).length).toBeGreaterThan(20);
    expect(found(stored)).toEqual(expected(stored));

    // Kept between imports: built once, then changed problem by problem, it answers as one built from scratch.
    const tokens = StoredTokens.of(stored.slice(0, 100), DUPLICATE_SIMILARITY);
    tokens.upsert(stored.slice(100));
    const edited = stored.map((s, i) => (i % 10 === 3 ? { ...s, description: text() } : s));
    tokens.upsert(edited.filter((_s, i) => i % 10 === 3));
    const gone = new Set(edited.filter((_s, i) => i % 10 === 1).map((s) => s.id));
    tokens.remove(gone);
    const now = edited.filter((s) => !gone.has(s.id));
    expect(tokens.size).toBe(now.length);
    expect(found(tokens)).toEqual(expected(now));
    // Only the problems the user may see are named.
    const visible = (id: number) => id % 2 === 0;
    expect(found(tokens, visible)).toEqual(expected(now, visible));
    expect(found(tokens, visible).every(([, id]) => visible(id!))).toBe(true);
  });
});

describe('rows that are not problems', () => {
  it('skips section rows, repeated headers and pre-numbered empty rows, and drops trailing empty rows', () => {
    const headers = ['序号', '问题描述', '牵头单位', '整改时限', '问题来源', '问题类型', '整改状态'];
    const data = (n: number, d: string): Cell[] => [n, d, '县水利局', '2027-06-30', '自查', '水', '整改中'];
    const grid: SheetGrid = {
      name: 't',
      rows: [headers, ['一、水污染问题'], data(1, '河道排口污水直排。'), Array(7).fill('二、大气污染问题'), headers, data(2, '工地扬尘。'), [3], [], [null, '']],
    };
    const [detection] = detectLedger([grid]);
    const a = analyzeLedger(grid, detection!, refs, NO_DEFAULTS);
    expect(a.rows.map((r) => [r.row, r.action, codes(r)])).toEqual([
      [2, 'skip', ['row_skipped_section']],
      [3, 'create', []],
      [4, 'skip', ['row_skipped_section']],
      [5, 'skip', ['row_skipped_header']],
      [6, 'create', []],
    ]);
    expect(a.rows[0]!.issues[0]!.params).toEqual({ text: '一、水污染问题' });
  });
});

describe('issue messages', () => {
  it('has a message and a fix hint in both languages for every code', () => {
    for (const code of IMPORT_ISSUE_CODES) {
      for (const key of [`import.${code}`, `import.${code}.fix`]) {
        expect(importIssueCatalog[key]?.['zh-CN'], key).toMatch(/\S/);
        expect(importIssueCatalog[key]?.en, key).toMatch(/\S/);
      }
    }
  });

  it('lists every code the import can emit', () => {
    const sources = ['analyze.ts', 'values.ts'].map((f) => readFileSync(new URL(`../../src/domain/ledger/import/${f}`, import.meta.url), 'utf8')).join('\n');
    const literal = [...sources.matchAll(/(?:'(?:error|warning)', (?:'\w+'|null|column|codeColumn|phoneColumn|batchColumn), '([a-z_]+)'|fail(?:<[^>]+>)?\('([a-z_]+)')/g)].map((m) => m[1] ?? m[2]);
    const dynamic = ['round', 'batch', 'region', 'unit', 'leader'].flatMap((p) => [`${p}_unknown`, `${p}_ambiguous`]);
    const skip = ['empty', 'summary', 'note', 'section', 'header'].map((k) => `row_skipped_${k}`);
    const uscc = ['length', 'charset', 'division', 'checksum'].map((r) => `uscc_invalid_${r}`);
    const emitted = new Set([...literal, ...dynamic, ...skip, ...uscc, 'possible_duplicate_stored', 'possible_duplicate_in_file']);
    expect(literal.length).toBeGreaterThan(30);
    expect([...emitted].filter((c) => !(IMPORT_ISSUE_CODES as readonly string[]).includes(c!))).toEqual([]);
  });

  it('every issue of the rule tests above is known', () => {
    const r = one({ 配合单位: '县水务局' });
    const f = formatImportIssue(r.issues[0]!, 'zh-CN');
    expect(f).toEqual({
      message: '找不到单位“县水务局”',
      fix: '请改为单位全称或简称，或先在“单位管理”中新增该单位。相近的有：青溪县水利局',
      field: '配合单位',
      severity: '错误',
    });
    expect(formatImportIssue(r.issues[0]!, 'en')).toMatchObject({ message: 'No unit "县水务局"', field: 'Cooperating units', severity: 'Error' });
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('speed', () => {
  const stored: ImportReferences['existing'] = Array.from({ length: 200 }, (_, i) => ({
    id: 1000 + i,
    code: `DC339901-2025-${String(i).padStart(4, '0')}`,
    title: `已有问题${i}`,
    description: `第${i}号已有问题：${['城关', '白沙', '石门', '云台', '东湖'][i % 5]}片区${i * 37}号点位存在污水直排和异味扰民，群众多次反映。`,
    address: null,
    status: 'rectifying',
  }));
  const bigRefs: ImportReferences = { ...refs, existing: [...refs.existing, ...stored] };
  const grid = (n: number): SheetGrid => ({ name: 'x', rows: [['问题清单'], [...LARGE_LEDGER_HEADERS], ...(ledgerRowValues(n) as Cell[][])] });
  // Speed is measured by `npm run bench` (import of 10,000 rows), never timed here; this checks the result at size.
  it('analyzes 10,000 valid rows against 200 stored problems: all valid, no false duplicates', () => {
    const g = grid(10_000);
    const analysis = analyzeLedger(g, detectLedger([g])[0]!, bigRefs, NO_DEFAULTS);
    expect(analysis.summary).toEqual({ create: 10_000, update: 0, skip: 0, invalid: 0, errors: 0, warnings: 0 });
  });
});
