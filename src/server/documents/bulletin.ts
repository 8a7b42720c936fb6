import { AlignmentType, ImageRun, Paragraph, type Table } from 'docx';
import { PROBLEM_STATUSES, type ProblemStatus } from '../../domain/problem/lifecycle.js';
import { chineseDate } from '../../domain/reports/chinese-date.js';
import { changeText, percentText } from '../../domain/reports/figures.js';
import type { BulletinSummary } from '../../shared/api/documents.js';
import { vocabularyCatalog } from '../../shared/i18n/vocabulary.js';
import { barChartPng, type ChartImage } from './charts.js';
import { blank, body, cell, FONT, heading, imprint, issuerMark, numberAndSeparator, officialDocument, packDocument, recipients, run, signature, SIZE, subheading, table, title } from './gbt9704.js';

/**
 * 调度通报: the periodic bulletin on rectification progress, from the figures of the bulletin summary. Pure apart from
 * rendering its two charts (status distribution, overdue by unit) to PNG.
 */

export interface BulletinData {
  summary: BulletinSummary;
  /** 发文机关 */
  issuer: string;
  /** 机关代字, for the 文号 line left for the office to number ("青督办〔2026〕 号", with an ideographic space) */
  numberPrefix: string;
  /** 成文日期 'YYYY-MM-DD' */
  issuedOn: string;
}

/** Rows of the long tables the document shows in full; beyond it, the top and the bottom. */
export const TABLE_ROWS = 20;

export function bulletinTitle(summary: Pick<BulletinSummary, 'period'>): string {
  return `关于${summary.period.label}生态环境保护督察整改工作进展情况的通报`;
}

const statusLabel = (s: ProblemStatus) => vocabularyCatalog[`problemStatus.${s}`]['zh-CN'];
const n = (value: number) => `${value}个`;
const withChange = (c: { current: number; previous: number; delta: number }) => `${n(c.current)}（上期${c.previous}个，${changeText(c)}）`;
const pct = (rate: number | null) => (rate === null ? '—' : percentText(Math.round(rate * 1_000_000), 1_000_000));

/** A chart and its caption (图N, an ideographic space, the title) under it. */
function figure(chart: ChartImage, caption: string): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new ImageRun({ type: 'png', data: chart.png, transformation: { width: chart.width, height: chart.height } })],
    }),
    body([run(caption, { font: FONT.heading, size: SIZE.xiaosi })], { indent: false, align: 'center' }),
  ];
}

function overall(s: BulletinSummary): (Paragraph | Table)[] {
  const t = s.totals;
  const f = s.flows;
  const notHanded = t.byStatus.registered;
  return [
    heading('一、总体进展'),
    body(
      `截至${chineseDate(s.asOf)}，${s.scopeName}纳入整改台账的问题共${t.total}个，其中已完成整改销号${t.closed}个，` +
        `已完成整改、正在履行验收销号程序${t.rectifiedNotClosed}个，正在整改${t.inProgress}个` +
        `${notHanded ? `，尚未交办${notHanded}个` : ''}；已交办未完成整改且超过整改时限的问题${t.overdue}个。`,
    ),
    body(
      `${s.period.label}，新增问题${withChange(f.newProblems)}，完成整改${withChange(f.rectified)}，完成销号${withChange(f.closed)}，` +
        `新增逾期${withChange(f.newlyOverdue)}。`,
    ),
    table(
      [34, 22, 22, 22],
      [
        ['指标', '本期', '上期', '增减'].map((h) => cell(h, { align: 'center', bold: true, shade: true })),
        ...(
          [
            ['新增问题', f.newProblems],
            ['完成整改', f.rectified],
            ['完成销号', f.closed],
            ['新增逾期', f.newlyOverdue],
          ] as const
        ).map(([name, c]) => [cell(name, { align: 'center' }), cell(String(c.current), { align: 'center' }), cell(String(c.previous), { align: 'center' }), cell(c.delta > 0 ? `+${c.delta}` : String(c.delta), { align: 'center' })]),
      ],
      { header: true },
    ),
    body(`（本期：${chineseDate(s.period.from)}至${chineseDate(s.period.to)}；上期：${chineseDate(s.previousPeriod.from)}至${chineseDate(s.previousPeriod.to)}。）`, { align: 'center', indent: false }),
  ];
}

function targets(s: BulletinSummary): (Paragraph | Table)[] {
  const { year, plans, all } = s.targets;
  const out: (Paragraph | Table)[] = [heading('二、年度目标完成情况')];
  if (!plans.length) {
    out.push(body(`各整改方案未设定${year}年度目标。${year}年以来，${s.scopeName}共完成问题销号${all.closed}个。`));
    return out;
  }
  out.push(
    body(
      `对照整改方案年度目标，${year}年计划完成问题销号${all.target ?? 0}个，截至${chineseDate(s.period.to)}已完成销号${all.closed}个，` +
        `完成年度目标的${percentText(all.closed, all.target ?? 0)}。各方案完成情况如下：`,
    ),
  );
  out.push(
    table(
      [46, 18, 18, 18],
      [
        ['整改方案', `${year}年目标`, '已销号', '完成率'].map((h) => cell(h, { align: 'center', bold: true, shade: true })),
        ...plans.map((p) => [cell(`${'　'.repeat(p.depth * 2)}${p.name}`), cell(String(p.target), { align: 'center' }), cell(String(p.closed), { align: 'center' }), cell(pct(p.rate), { align: 'center' })]),
      ],
      { header: true },
    ),
  );
  return out;
}

/** The first and last rows of a long list, with what was left out. */
function headAndTail<T>(rows: readonly T[], limit = TABLE_ROWS): { head: T[]; tail: T[]; omitted: number } {
  if (rows.length <= limit) return { head: [...rows], tail: [], omitted: 0 };
  const half = Math.floor(limit / 2);
  return { head: rows.slice(0, half), tail: rows.slice(rows.length - half), omitted: rows.length - 2 * half };
}

function warnings(s: BulletinSummary, overdueChart: ChartImage | null): (Paragraph | Table)[] {
  const w = s.warnings;
  const units = s.overdueByUnit;
  const out: (Paragraph | Table)[] = [
    heading('三、预警及逾期情况'),
    body(
      `截至${chineseDate(s.asOf)}，亮灯预警问题${w.yellow + w.red + w.severe}个，其中黄灯（临期）${w.yellow}个、红灯（逾期）${w.red}个、严重逾期${w.severe}个。` +
        (units.length ? `已超过整改时限尚未完成整改的问题${s.totals.overdue}个，涉及${units.length}个牵头单位，具体如下：` : '目前无超过整改时限尚未完成整改的问题。'),
    ),
  ];
  if (units.length) {
    const shown = units.slice(0, TABLE_ROWS);
    out.push(
      table(
        [10, 54, 18, 18],
        [
          ['序号', '牵头单位', '逾期问题', '其中严重逾期'].map((h) => cell(h, { align: 'center', bold: true, shade: true })),
          ...shown.map((u, i) => [cell(String(i + 1), { align: 'center' }), cell(u.unitName), cell(String(u.overdue), { align: 'center' }), cell(String(u.severe), { align: 'center' })]),
        ],
        { header: true },
      ),
    );
    if (units.length > shown.length) {
      const rest = units.slice(shown.length);
      out.push(body(`（仅列逾期问题最多的${shown.length}个单位；其余${rest.length}个单位共逾期${rest.reduce((a, u) => a + u.overdue, 0)}个。）`, { indent: false, align: 'center' }));
    }
    if (overdueChart) out.push(blank(), ...figure(overdueChart, '图2　逾期问题较多的牵头单位（个）'));
  }
  return out;
}

function rebounds(s: BulletinSummary): (Paragraph | Table)[] {
  const r = s.rebounds;
  const out: (Paragraph | Table)[] = [heading('四、问题反弹情况')];
  if (!r.count) {
    out.push(body(`${s.period.label}，“回头看”核查未发现问题反弹（上期${r.previous}个）。`));
    return out;
  }
  out.push(body(`${s.period.label}，“回头看”核查发现问题反弹${r.count}个（上期${r.previous}个），已重新交由牵头单位整改，反弹问题单独计入所在单位考核：`));
  out.push(
    table(
      [8, 26, 38, 28],
      [
        ['序号', '问题编号', '问题简述', '牵头单位'].map((h) => cell(h, { align: 'center', bold: true, shade: true })),
        ...r.items.slice(0, TABLE_ROWS * 2).map((item, i) => [cell(String(i + 1), { align: 'center' }), cell(item.code), cell(item.title), cell(item.leadUnitName ?? '—')]),
      ],
      { header: true },
    ),
  );
  if (r.count > Math.min(r.items.length, TABLE_ROWS * 2)) out.push(body(`（仅列前${Math.min(r.items.length, TABLE_ROWS * 2)}个，其余见平台。）`, { indent: false, align: 'center' }));
  return out;
}

function ranking(s: BulletinSummary): (Paragraph | Table)[] {
  const rows = s.ranking.filter((u) => u.rank !== null);
  const out: (Paragraph | Table)[] = [heading('五、按期完成率排名')];
  if (!rows.length) {
    out.push(body(`截至${chineseDate(s.period.to)}，尚无到期问题，暂不排名。`));
    return out;
  }
  out.push(
    body(
      `按期完成率 = 在整改时限内完成整改（或销号）的问题数 ÷ 整改时限已到期的问题数，统计截至${chineseDate(s.period.to)}整改时限已到期的问题，按牵头单位排名如下：`,
    ),
  );
  const { head, tail, omitted } = headAndTail(rows);
  const line = (u: (typeof rows)[number]) => [
    cell(String(u.rank), { align: 'center' }),
    cell(u.unitName),
    cell(String(u.due), { align: 'center' }),
    cell(String(u.onTime), { align: 'center' }),
    cell(String(u.late), { align: 'center' }),
    cell(pct(u.rate), { align: 'center' }),
  ];
  out.push(
    table(
      [10, 40, 12, 12, 12, 14],
      [
        ['名次', '牵头单位', '到期', '按期完成', '逾期', '按期完成率'].map((h) => cell(h, { align: 'center', bold: true, shade: true })),
        ...head.map(line),
        ...(omitted ? [[cell(`……（中间${omitted}个单位从略）`, { span: 6, align: 'center' })]] : []),
        ...tail.map(line),
      ],
      { header: true },
    ),
  );
  return out;
}

function requirements(s: BulletinSummary): Paragraph[] {
  const overdueUnits = s.overdueByUnit.length;
  return [
    heading('六、工作要求'),
    subheading('（一）压紧压实整改责任。', '各牵头单位要切实履行整改主体责任，主要负责同志要亲自研究部署、亲自协调推动，对照整改方案和时间节点倒排工期，确保按期完成整改任务。'),
    subheading(
      '（二）加快推进逾期问题整改。',
      overdueUnits
        ? `有逾期问题的${overdueUnits}个单位要逐一分析原因，制定针对性措施，限期整改到位；对严重逾期的问题将发出督办通知单，必要时约谈单位主要负责同志。`
        : '各单位要密切关注临期问题，提前谋划、加快推进，坚决防止出现新的逾期问题。',
    ),
    subheading('（三）严格验收销号程序。', '严格落实自查、核查、公示、归档、备案“五步法”，坚持“谁验收谁负责”，严禁表面整改、敷衍整改、虚假整改。'),
    subheading('（四）持续巩固整改成效。', '各单位要建立健全长效机制，对已销号问题开展“回头看”，坚决防止问题反弹回潮；对发现反弹的问题，重新纳入整改台账，从严从快整改。'),
  ];
}

/** A unit's name as a chart shows it: its short name when it has one, at most 12 characters. */
const chartLabel = (name: string) => ([...name].length > 12 ? `${[...name].slice(0, 11).join('')}…` : name);

/** The two charts, rendered together: status distribution and overdue by unit (the ten units with most). */
async function charts(s: BulletinSummary): Promise<{ status: ChartImage; overdue: ChartImage | null }> {
  const [status, overdue] = await Promise.all([
    barChartPng({ data: PROBLEM_STATUSES.map((st) => ({ label: statusLabel(st), value: s.totals.byStatus[st] ?? 0 })) }),
    s.overdueByUnit.length
      ? barChartPng({
          data: s.overdueByUnit.slice(0, 10).map((u) => ({ label: chartLabel(u.shortName ?? u.unitName), value: u.overdue })),
          color: '#c0392b',
        })
      : Promise.resolve(null),
  ]);
  return { status, overdue };
}

/** Build the .docx. */
export async function buildBulletin(data: BulletinData): Promise<Buffer> {
  const s = data.summary;
  const chartImages = await charts(s);
  const docTitle = bulletinTitle(s);
  const year = Number(data.issuedOn.slice(0, 4));
  const children = [
    issuerMark(data.issuer),
    blank(),
    ...numberAndSeparator(`${data.numberPrefix}〔${year}〕\u3000号`),
    blank(),
    title(docTitle),
    blank(),
    recipients(['各有关单位']),
    body(`为全面掌握生态环境保护督察整改工作进展，压紧压实整改责任，现将${s.period.label}${s.scopeName}生态环境保护督察整改工作进展情况通报如下。`),
    ...overall(s),
    blank(),
    ...figure(chartImages.status, '图1　整改问题状态分布（个）'),
    ...targets(s),
    ...warnings(s, chartImages.overdue),
    ...rebounds(s),
    ...ranking(s),
    ...requirements(s),
    ...signature(data.issuer, chineseDate(data.issuedOn)),
    ...imprint(data.issuer, chineseDate(data.issuedOn)),
  ];
  return packDocument(officialDocument({ title: docTitle, subject: '调度通报', children }));
}
