import { describe, expect, it } from 'vitest';
import { PROBLEM_STATUSES } from '../../src/domain/problem/lifecycle.js';
import { rankUnits } from '../../src/domain/reports/ranking.js';
import { barChartPng } from '../../src/server/documents/charts.js';
import { buildBulletin, bulletinTitle, TABLE_ROWS } from '../../src/server/documents/bulletin.js';
import type { BulletinSummary } from '../../src/shared/api/documents.js';
import { docxParts, documentText, expectInOrder, expectOfficialPage, partXml } from '../helpers/docx.js';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const byStatus = Object.fromEntries(PROBLEM_STATUSES.map((s) => [s, 0])) as BulletinSummary['totals']['byStatus'];
Object.assign(byStatus, { registered: 2, assigned: 3, acknowledged: 1, rectifying: 10, self_check_submitted: 2, verifying: 1, public_notice: 1, archived: 1, closed: 9 });

const summary: BulletinSummary = {
  period: { from: '2026-10-01', to: '2026-10-31', label: '2026年10月' },
  previousPeriod: { from: '2026-09-01', to: '2026-09-30', label: '2026年9月' },
  asOf: '2026-11-23',
  scopeName: '青溪县',
  totals: { total: 30, byStatus, closed: 9, rectifiedNotClosed: 5, inProgress: 14, overdue: 6 },
  flows: {
    newProblems: { current: 5, previous: 3, delta: 2 },
    rectified: { current: 4, previous: 4, delta: 0 },
    closed: { current: 2, previous: 3, delta: -1 },
    newlyOverdue: { current: 1, previous: 2, delta: -1 },
  },
  warnings: { yellow: 3, red: 4, severe: 2 },
  targets: {
    year: 2026,
    plans: [
      { planId: 1, name: '青溪县整改总体方案', depth: 0, target: 6, closed: 4, rate: 4 / 6 },
      { planId: 2, name: '水污染防治任务清单', depth: 1, target: 2, closed: 1, rate: 0.5 },
    ],
    all: { target: 6, closed: 9 },
  },
  overdueByUnit: [
    { unitId: 3, unitName: '青溪县水利局', shortName: '县水利局', overdue: 4, severe: 2 },
    { unitId: 4, unitName: '青溪县住房和城乡建设局', shortName: null, overdue: 2, severe: 0 },
  ],
  rebounds: { count: 1, previous: 0, items: [{ problemId: 7, code: 'DC339901-2025-0031', title: '城区河道水体黑臭反弹', leadUnitName: '青溪县城市管理局', checkedOn: '2026-10-12' }] },
  ranking: rankUnits([
    { unitId: 4, unitName: '青溪县住房和城乡建设局', onTime: 3, late: 1 },
    { unitId: 3, unitName: '青溪县水利局', onTime: 2, late: 4 },
    { unitId: 5, unitName: '白沙镇人民政府', onTime: 5, late: 0 },
  ]),
};

const data = { summary, issuer: '青溪县生态环境保护督察整改工作领导小组办公室', numberPrefix: '青督办', issuedOn: '2026-11-23' };

describe('调度通报', () => {
  it('reads in order: issuer, 文号 left to fill, title, 主送, progress, targets, warnings, rebounds, ranking, requirements, signature', async () => {
    const text = documentText(await buildBulletin(data));
    expectInOrder(text, [
      '青溪县生态环境保护督察整改工作领导小组办公室',
      '青督办〔2026〕　号',
      '关于2026年10月生态环境保护督察整改工作进展情况的通报',
      '各有关单位：',
      '现将2026年10月青溪县生态环境保护督察整改工作进展情况通报如下',
      '一、总体进展',
      '截至2026年11月23日，青溪县纳入整改台账的问题共30个，其中已完成整改销号9个，已完成整改、正在履行验收销号程序5个，正在整改14个，尚未交办2个；已交办未完成整改且超过整改时限的问题6个。',
      '2026年10月，新增问题5个（上期3个，增加2个），完成整改4个（上期4个，持平），完成销号2个（上期3个，减少1个），新增逾期1个（上期2个，减少1个）。',
      '指标',
      '新增问题',
      '+2',
      '完成销号',
      '-1',
      '（本期：2026年10月1日至2026年10月31日；上期：2026年9月1日至2026年9月30日。）',
      '图1　整改问题状态分布（个）',
      '二、年度目标完成情况',
      '2026年计划完成问题销号6个，截至2026年10月31日已完成销号9个，完成年度目标的150%',
      '青溪县整改总体方案',
      '66.7%',
      '水污染防治任务清单',
      '50%',
      '三、预警及逾期情况',
      '亮灯预警问题9个，其中黄灯（临期）3个、红灯（逾期）4个、严重逾期2个',
      '涉及2个牵头单位',
      '青溪县水利局',
      '青溪县住房和城乡建设局',
      '图2　逾期问题较多的牵头单位（个）',
      '四、问题反弹情况',
      '“回头看”核查发现问题反弹1个（上期0个）',
      'DC339901-2025-0031',
      '城区河道水体黑臭反弹',
      '五、按期完成率排名',
      '白沙镇人民政府',
      '100%',
      '青溪县住房和城乡建设局',
      '75%',
      '青溪县水利局',
      '33.3%',
      '六、工作要求',
      '（一）压紧压实整改责任。',
      '有逾期问题的2个单位',
      '（四）持续巩固整改成效。',
      '2026年11月23日',
    ]);
  });

  it('embeds two charts as PNG images', async () => {
    const docx = await buildBulletin(data);
    const parts = docxParts(docx);
    const media = Object.keys(parts).filter((n) => n.startsWith('word/media/'));
    expect(media).toHaveLength(2);
    for (const name of media) {
      expect(name).toMatch(/\.png$/);
      expect([...parts[name]!.subarray(0, 8)]).toEqual(PNG_MAGIC);
      expect(parts[name]!.length).toBeGreaterThan(2000);
    }
    const xml = partXml(docx);
    expect(xml.match(/<pic:pic /g)).toHaveLength(2);
    expect(partXml(docx, '[Content_Types].xml')).toContain('Extension="png"');
  });

  it('uses the official page and fonts', async () => {
    const xml = partXml(await buildBulletin(data));
    expectOfficialPage(xml);
    expect(xml).toMatch(/w:eastAsia="方正小标宋简体"[^>]*\/><w:sz w:val="44"\/>/);
    expect(xml).toMatch(/w:eastAsia="仿宋_GB2312"/);
    expect(xml).toMatch(/w:eastAsia="楷体_GB2312"/);
  });

  it('says so when there is nothing overdue, no rebound, no target and nothing due; one chart then', async () => {
    const quiet: BulletinSummary = {
      ...summary,
      totals: { ...summary.totals, overdue: 0 },
      overdueByUnit: [],
      rebounds: { count: 0, previous: 2, items: [] },
      targets: { year: 2026, plans: [], all: { target: null, closed: 9 } },
      ranking: [],
    };
    const docx = await buildBulletin({ ...data, summary: quiet });
    const text = documentText(docx);
    expect(text).toContain('各整改方案未设定2026年度目标。2026年以来，青溪县共完成问题销号9个。');
    expect(text).toContain('目前无超过整改时限尚未完成整改的问题。');
    expect(text).toContain('“回头看”核查未发现问题反弹（上期2个）');
    expect(text).toContain('尚无到期问题，暂不排名');
    expect(text).toContain('各单位要密切关注临期问题');
    expect(Object.keys(docxParts(docx)).filter((n) => n.startsWith('word/media/'))).toHaveLength(1);
  });

  it('shows the top and the bottom of a long ranking and the worst units of a long overdue list', async () => {
    const many = Array.from({ length: 45 }, (_, i) => ({ unitId: 100 + i, unitName: `第${i + 1}单位`, onTime: 45 - i, late: i }));
    const long: BulletinSummary = {
      ...summary,
      ranking: rankUnits(many),
      overdueByUnit: many.map((u) => ({ unitId: u.unitId, unitName: u.unitName, shortName: null, overdue: u.late + 1, severe: 0 })).sort((a, b) => b.overdue - a.overdue),
    };
    const text = documentText(await buildBulletin({ ...data, summary: long }));
    expect(text).toContain(`……（中间${45 - TABLE_ROWS}个单位从略）`);
    expect(text).toContain(`（仅列逾期问题最多的${TABLE_ROWS}个单位；其余${45 - TABLE_ROWS}个单位共逾期`);
    expectInOrder(text, ['五、按期完成率排名', '第1单位', '第10单位', '中间', '第36单位', '第45单位']);
  });

  it('titles the bulletin by its period', () => {
    expect(bulletinTitle({ period: { from: '2026-11-16', to: '2026-11-22', label: '2026年11月16日至22日' } })).toBe('关于2026年11月16日至22日生态环境保护督察整改工作进展情况的通报');
  });
});

describe('charts', () => {
  it('renders a bar chart to a PNG twice the display size', async () => {
    const chart = await barChartPng({ data: [{ label: '县水利局', value: 3 }, { label: '县住建局', value: 5 }] });
    expect([...chart.png.subarray(0, 8)]).toEqual(PNG_MAGIC);
    // IHDR width and height (big-endian) at bytes 16–23
    expect(chart.png.readUInt32BE(16)).toBe(chart.width * 2);
    expect(chart.png.readUInt32BE(20)).toBe(chart.height * 2);
  });
  it('renders an empty chart too', async () => {
    const chart = await barChartPng({ data: [] });
    expect([...chart.png.subarray(0, 8)]).toEqual(PNG_MAGIC);
  });
});
