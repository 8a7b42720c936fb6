import { describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS, normalizeHeader } from '../../src/domain/ledger/columns.js';
import { HEADER_SCAN_ROWS, columnLetter, detectLedger, matchHeader } from '../../src/domain/ledger/import/detect.js';
import type { Cell, SheetGrid } from '../../src/domain/ledger/import/types.js';

const sheet = (name: string, rows: Cell[][], hidden = false): SheetGrid => (hidden ? { name, rows, hidden } : { name, rows });

describe('columnLetter', () => {
  it.each([
    [0, 'A'],
    [1, 'B'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('%i ⇒ %s', (index, letters) => {
    expect(columnLetter(index)).toBe(letters);
  });
});

describe('the column dictionary', () => {
  it('never gives one header to two columns', () => {
    const owner = new Map<string, string>();
    for (const column of LEDGER_COLUMNS) {
      for (const text of [column.header, ...column.synonyms]) {
        const key = normalizeHeader(text);
        expect(owner.get(key) ?? column.key, `${text} is claimed by ${owner.get(key)} and ${column.key}`).toBe(column.key);
        owner.set(key, column.key);
      }
    }
  });
});

describe('matchHeader', () => {
  it.each([
    ['问题描述', 'description', 3],
    [' 问题 描述： ', 'description', 3],
    ['整改时限（年月日）', 'deadline', 3],
    ['乡镇（街道）', 'region', 3],
    ['督察轮次/批次', 'round', 3],
    ['轮次/交办批次', 'round', 2],
    ['责任人/联系电话', 'responsiblePerson', 2],
    ['责任人及联系电话', 'responsiblePerson', 2],
    ['涉及企业/统一社会信用代码', 'enterpriseName', 2],
    ['经度/纬度', 'coordinates', 2],
    ['经纬度', 'coordinates', 3],
    ['具体整改措施', 'measures', 1],
    ['县级责任领导', 'leader', 3],
  ] as const)('%s ⇒ %s', (text, key, quality) => {
    expect(matchHeader(text)).toEqual({ key, quality });
  });

  it('recognises nothing in titles, notes and unknown headers', () => {
    expect(matchHeader('青溪县第三轮中央生态环境保护督察反馈问题整改台账')).toBeNull();
    expect(matchHeader('填报单位：青溪县督察办　　填报时间：2026年5月10日')).toBeNull();
    expect(matchHeader('照片')).toBeNull();
    expect(matchHeader('')).toBeNull();
  });
});

const EXPORT_HEADERS = LEDGER_COLUMNS.filter((c) => c.exported).map((c) => c.header);

describe('detectLedger', () => {
  it('reads the export layout (title row, one header row) column by column', () => {
    const [found] = detectLedger([sheet('问题清单', [['青溪县生态环境保护督察整改问题清单（导出时间：2026年11月23日）'], EXPORT_HEADERS, [1, 'DC-1']])]);
    expect(found).toMatchObject({ sheetIndex: 0, headerRow: 1, headerRowCount: 1, firstDataRow: 2, unmapped: [] });
    for (const [i, column] of LEDGER_COLUMNS.filter((c) => c.exported).entries()) expect(found!.mapping[column.key]).toBe(i);
    expect(found!.score).toBe(EXPORT_HEADERS.length);
  });

  it('joins a two-row header under a merged group (filled in every cell by the reader)', () => {
    const title = Array<Cell>(8).fill('青溪县第三轮中央环保督察反馈问题整改台账');
    const upper = ['序号', '问题编号', '问题描述', '责任单位', '责任单位', '责任领导', '整改时限', '整改时限'];
    const lower = ['序号', '问题编号', '问题描述', '牵头单位', '配合单位', '责任领导', '时限类型', '完成时间'];
    const [found] = detectLedger([sheet('台账', [title, upper, lower, [1, 'A-1', '描述', '县水利局', null, null, null, '2025年底']])]);
    expect(found).toMatchObject({ headerRow: 1, headerRowCount: 2, firstDataRow: 3 });
    expect(found!.mapping).toEqual({ seq: 0, code: 1, description: 2, leadUnit: 3, cooperatingUnits: 4, leader: 5, deadline: 7 });
    expect(found!.headers).toEqual(['序号', '问题编号', '问题描述', '责任单位/牵头单位', '责任单位/配合单位', '责任领导', '整改时限/时限类型', '整改时限/完成时间']);
    expect(found!.unmapped).toEqual([6]);
  });

  it('joins a two-row header whose group is written once (not merged)', () => {
    const upper = ['问题编号', '问题描述', '责任单位', null, '整改时限'];
    const lower = [null, null, '牵头单位', '配合单位', null];
    const [found] = detectLedger([sheet('台账', [upper, lower, ['A-1', '描述', '县水利局', '县住建局', '2025年底']])]);
    expect(found).toMatchObject({ headerRow: 0, headerRowCount: 2, firstDataRow: 2 });
    expect(found!.mapping).toEqual({ code: 0, description: 1, leadUnit: 2, cooperatingUnits: 3, deadline: 4 });
  });

  it('does not take a data row of short texts for a second header row', () => {
    const header = ['序号', '问题编号', '问题类型', '问题描述', '牵头单位', '备注'];
    const data = ['1', 'A-1', '其他', '短描述', '县水利局', ''];
    const [found] = detectLedger([sheet('csv', [header, data])]);
    expect(found).toMatchObject({ headerRow: 0, headerRowCount: 1, firstDataRow: 1 });
    expect(found!.mapping.category).toBe(2);
  });

  it('maps combined headers to their first part', () => {
    const [found] = detectLedger([sheet('台账', [['问题描述', '督察轮次/批次', '责任人/联系电话', '涉及企业/统一社会信用代码', '经度/纬度', '牵头单位']])]);
    expect(found!.mapping).toEqual({ description: 0, round: 1, responsiblePerson: 2, enterpriseName: 3, coordinates: 4, leadUnit: 5 });
  });

  it('keeps the first of two columns naming the same field, unless the second is a better match', () => {
    const [found] = detectLedger([sheet('台账', [['编号', '问题编号', '问题描述', '牵头单位', '具体整改措施', '整改措施']])]);
    expect(found!.mapping.code).toBe(0);
    expect(found!.mapping.measures).toBe(5);
    expect(found!.unmapped).toEqual([1, 4]);
  });

  it('prefers the town column for the region', () => {
    const [found] = detectLedger([sheet('台账', [['所属区县', '所属乡镇', '问题描述', '牵头单位']])]);
    expect(found!.mapping.region).toBe(1);
    expect(found!.unmapped).toEqual([0]);
  });

  it('skips a row of column numbers under the header and ignores our own result column', () => {
    const [found] = detectLedger([sheet('台账', [['序号', '问题描述', '牵头单位', '整改时限', '校验结果'], [1, 2, 3, 4], ['1', 'x', 'y', 'z']])]);
    expect(found).toMatchObject({ headerRow: 0, firstDataRow: 2, unmapped: [] });
    const [numbered] = detectLedger([sheet('台账', [['序号', '问题描述', '牵头单位', '整改时限'], ['(1)', '(2)', '(3)', '(4)']])]);
    expect(numbered!.firstDataRow).toBe(2);
  });

  it('leaves out sheets that are not ledgers', () => {
    expect(detectLedger([sheet('说明', [['填报说明'], ['1. 每个问题填写一行']])])).toEqual([]);
    // Three columns but nothing that describes a problem.
    expect(detectLedger([sheet('统计', [['牵头单位', '整改时限', '整改状态']])])).toEqual([]);
    expect(detectLedger([sheet('空', [])])).toEqual([]);
  });

  it('finds the header only within the first rows', () => {
    const padding = Array.from({ length: HEADER_SCAN_ROWS }, (): Cell[] => ['说明文字']);
    expect(detectLedger([sheet('台账', [...padding, ['问题编号', '问题描述', '牵头单位', '整改时限']])])).toEqual([]);
    expect(detectLedger([sheet('台账', [...padding.slice(1), ['问题编号', '问题描述', '牵头单位', '整改时限']])])[0]!.headerRow).toBe(HEADER_SCAN_ROWS - 1);
  });

  it('orders sheets by recognised columns, visible before hidden, then workbook order', () => {
    const small = [['问题编号', '问题描述', '牵头单位']];
    const large = [['问题编号', '问题描述', '牵头单位', '整改时限', '整改状态']];
    const found = detectLedger([sheet('说明', [['x']]), sheet('旧', large, true), sheet('小', small), sheet('新', large)]);
    expect(found.map((d) => [d.sheetIndex, d.sheetName, d.score])).toEqual([
      [3, '新', 5],
      [1, '旧', 5],
      [2, '小', 3],
    ]);
  });
});
