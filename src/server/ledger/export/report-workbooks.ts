import type { Writable } from 'node:stream';
import {
  addDataRow,
  addNotesSheet,
  addTableSheet,
  breathe,
  excelDate,
  finishTableSheet,
  inSlices,
  label,
  openWorkbook,
  type CellValue,
  type SheetColumn,
  type StyleName,
} from './format.js';

/**
 * Report layouts sent upward (报表): 整改任务汇总表, 逾期问题清单, 已销号问题清单. Same house style as the ledger;
 * figures come from SQL aggregates computed by the caller.
 */

export interface ReportMeta {
  title: string;
  notes: [string, string][];
  creator: string;
}

// ───────────────────────────── 整改任务汇总表 ─────────────────────────────

export interface SummaryGroupRow {
  /** the group's name as shown (unit name, source label, status label) */
  group: string;
  total: number;
  closed: number;
  /** 完成整改未销号: self-check submitted up to archived */
  rectified: number;
  /** 整改中: everything not yet rectified */
  inProgress: number;
  /** 逾期: red and seriously overdue lights */
  overdue: number;
  /** 临期: yellow lights */
  dueSoon: number;
}

export const SUMMARY_COLUMNS: readonly SheetColumn[] = [
  { header: '序号', width: 6 },
  { header: '', width: 30 }, // the grouping's name, set per layout
  { header: '问题总数', width: 10 },
  { header: '已销号', width: 10 },
  { header: '完成整改未销号', width: 14 },
  { header: '整改中', width: 10 },
  { header: '逾期', width: 10 },
  { header: '临期', width: 10 },
  { header: '完成率', width: 10 },
];

/** 完成率: problems rectified or closed over all problems (0 when there are none). */
export const completionRate = (r: Pick<SummaryGroupRow, 'total' | 'closed' | 'rectified'>) => (r.total === 0 ? 0 : (r.closed + r.rectified) / r.total);

/** The 合计 row: the sum of every group. */
export function summaryTotal(rows: readonly SummaryGroupRow[]): SummaryGroupRow {
  const sum = (k: keyof Omit<SummaryGroupRow, 'group'>) => rows.reduce((s, r) => s + r[k], 0);
  return { group: '合计', total: sum('total'), closed: sum('closed'), rectified: sum('rectified'), inProgress: sum('inProgress'), overdue: sum('overdue'), dueSoon: sum('dueSoon') };
}

const summaryValues = (r: SummaryGroupRow, seq: number | null): CellValue[] => [seq, r.group, r.total, r.closed, r.rectified, r.inProgress, r.overdue, r.dueSoon, completionRate(r)];

export async function writeSummaryWorkbook(out: Writable, meta: ReportMeta & { groupHeader: string }, rows: readonly SummaryGroupRow[]): Promise<SummaryGroupRow> {
  const workbook = openWorkbook(out, meta.creator);
  const columns = SUMMARY_COLUMNS.map((c, i) => (i === 1 ? { ...c, header: meta.groupHeader } : c));
  const sheet = addTableSheet(workbook, '整改任务汇总表', meta.title, columns, { freezeColumns: 2 });
  const styles: StyleName[] = ['center', 'text', 'number', 'number', 'number', 'number', 'number', 'number', 'percent'];
  rows.forEach((r, i) => {
    const values = summaryValues(r, i + 1);
    addDataRow(sheet, values, styles.map((s, c) => ((c === 6 && r.overdue > 0) ? 'danger' : s)));
  });
  const total = summaryTotal(rows);
  addDataRow(
    sheet,
    summaryValues(total, null).map((v, i) => (i === 0 ? '合计' : i === 1 ? null : v)),
    ['totalText', 'totalText', 'totalNumber', 'totalNumber', 'totalNumber', 'totalNumber', 'totalNumber', 'totalNumber', 'totalPercent'],
    { mergeFirst: 2 },
  );
  finishTableSheet(sheet, columns.length, rows.length);
  addNotesSheet(workbook, [
    ...meta.notes,
    ['分组数', `${rows.length}`],
    ['口径', '问题总数 = 已销号 + 完成整改未销号 + 整改中；完成整改未销号 = 自查申请、核查中、公示中、公示期满待归档、已归档；逾期 = 红灯（逾期）和严重逾期；临期 = 黄灯；完成率 = （已销号 + 完成整改未销号）÷ 问题总数。'],
  ]);
  await workbook.commit();
  return total;
}

// ───────────────────────────── 逾期问题清单 ─────────────────────────────

export interface OverdueRow {
  code: string;
  title: string;
  leadUnitName: string | null;
  deadlineKind: string;
  deadline: string | null;
  /** what ran out: deadline_overdue | milestone_overdue | ack_overdue | report_overdue */
  warningReason: string | null;
  warningDueOn: string | null;
  /** working days past `warningDueOn`, when the calendar covers it */
  workingDaysOverdue: number | null;
  warningLight: string;
  status: string;
}

/** What ran out (the warning reasons of src/domain/schedule.ts that make a light red). */
const OVERDUE_REASONS: Record<string, string> = {
  deadline_overdue: '已超过整改时限',
  milestone_overdue: '时间节点已逾期',
  ack_overdue: '超期未签收',
  report_overdue: '进展报送逾期',
};

export const OVERDUE_COLUMNS: readonly SheetColumn[] = [
  { header: '序号', width: 6 },
  { header: '问题编号', width: 22 },
  { header: '问题简述', width: 36 },
  { header: '牵头单位', width: 22 },
  { header: '整改时限', width: 16 },
  { header: '逾期事项', width: 16 },
  { header: '应完成日期', width: 16 },
  { header: '逾期工作日', width: 11 },
  { header: '预警', width: 10 },
  { header: '整改状态', width: 12 },
];

const deadlineCell = (kind: string, deadline: string | null): CellValue =>
  kind === 'immediate' ? label('deadlineKind.immediate') : kind === 'ongoing' ? label('deadlineKind.ongoing') : excelDate(deadline);

export async function writeOverdueWorkbook(out: Writable, meta: ReportMeta, pages: AsyncIterable<readonly OverdueRow[]>): Promise<number> {
  const workbook = openWorkbook(out, meta.creator);
  const sheet = addTableSheet(workbook, '逾期问题清单', meta.title, OVERDUE_COLUMNS, { freezeColumns: 2 });
  let seq = 0;
  for await (const page of inSlices(pages)) {
    for (const r of page) {
      seq += 1;
      const deadline = deadlineCell(r.deadlineKind, r.deadline);
      addDataRow(
        sheet,
        [seq, r.code, r.title, r.leadUnitName, deadline, r.warningReason ? (OVERDUE_REASONS[r.warningReason] ?? r.warningReason) : null, excelDate(r.warningDueOn), r.workingDaysOverdue, label(`warning.${r.warningLight}`), label(`problemStatus.${r.status}`)],
        ['center', 'text', 'text', 'text', deadline instanceof Date ? 'date' : 'center', 'center', 'date', 'number', 'danger', 'center'],
      );
    }
    await breathe(out, sheet);
  }
  finishTableSheet(sheet, OVERDUE_COLUMNS.length, seq);
  addNotesSheet(workbook, [...meta.notes, ['行数', `${seq} 条逾期问题`], ['口径', '预警为红灯（逾期）或严重逾期的问题；逾期工作日按法定工作日历自应完成日期起计算。']]);
  await workbook.commit();
  return seq;
}

// ───────────────────────────── 已销号问题清单 ─────────────────────────────

export interface ClosedRow {
  code: string;
  title: string;
  regionName: string;
  leadUnitName: string | null;
  verifiedOn: string | null;
  closedOn: string | null;
  filingNumber: string | null;
  filingDate: string | null;
}

export const CLOSED_COLUMNS: readonly SheetColumn[] = [
  { header: '序号', width: 6 },
  { header: '问题编号', width: 22 },
  { header: '问题简述', width: 36 },
  { header: '行政区划', width: 12 },
  { header: '牵头单位', width: 22 },
  { header: '核查通过日期', width: 16 },
  { header: '销号日期', width: 16 },
  { header: '备案号', width: 24 },
  { header: '备案日期', width: 16 },
];

export async function writeClosedWorkbook(out: Writable, meta: ReportMeta, pages: AsyncIterable<readonly ClosedRow[]>): Promise<number> {
  const workbook = openWorkbook(out, meta.creator);
  const sheet = addTableSheet(workbook, '已销号问题清单', meta.title, CLOSED_COLUMNS, { freezeColumns: 2 });
  let seq = 0;
  for await (const page of inSlices(pages)) {
    for (const r of page) {
      seq += 1;
      addDataRow(
        sheet,
        [seq, r.code, r.title, r.regionName, r.leadUnitName, excelDate(r.verifiedOn), excelDate(r.closedOn), r.filingNumber, excelDate(r.filingDate)],
        ['center', 'text', 'text', 'center', 'text', 'date', 'date', 'text', 'date'],
      );
    }
    await breathe(out, sheet);
  }
  finishTableSheet(sheet, CLOSED_COLUMNS.length, seq);
  addNotesSheet(workbook, [...meta.notes, ['行数', `${seq} 条已销号问题`]]);
  await workbook.commit();
  return seq;
}
