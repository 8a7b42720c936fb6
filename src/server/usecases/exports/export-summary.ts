import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import { CLOSING_STATUSES, PROBLEM_STATUSES } from '../../../domain/problem/lifecycle.js';
import { PROBLEM_SOURCES } from '../../../domain/problem/vocabulary.js';
import type { ExportSummaryQuery, SummaryGrouping } from '../../../shared/api/exports.js';
import type { Executor } from '../../db/client.js';
import { label, zhDate } from '../../ledger/export/format.js';
import { writeSummaryWorkbook, type SummaryGroupRow } from '../../ledger/export/report-workbooks.js';
import type { Services } from '../../services.js';
import { problemFilterSql } from '../problems/list-problems.js';
import { compactDate, countyNameOf, rowsOf, standardNotes, type PreparedWorkbook } from './export-support.js';

const GROUPS: Record<SummaryGrouping, { key: SQL; header: string; name: string }> = {
  unit: { key: sql`p.lead_unit_id`, header: '牵头单位', name: '按牵头单位' },
  source: { key: sql`p.source`, header: '问题来源', name: '按问题来源' },
  status: { key: sql`p.status`, header: '整改状态', name: '按整改状态' },
};

interface AggregateRow {
  key: string | number | null;
  unit_name: string | null;
  total: number;
  closed: number;
  rectified: number;
  overdue: number;
  due_soon: number;
}

/**
 * 整改任务汇总表: one row per lead unit, source or status, counted by SQL over the user's scope and the ledger's
 * filters; the 合计 row is their sum and equals the filtered ledger's total (the groups partition it).
 */
export async function summaryRows(ex: Executor, actor: Actor, query: ExportSummaryQuery): Promise<SummaryGroupRow[]> {
  const group = GROUPS[query.by];
  const where = problemFilterSql(actor, query);
  const rectifying = sql.join(CLOSING_STATUSES.map((s) => sql`${s}`), sql`, `);
  const rows = rowsOf<AggregateRow>(
    await ex.execute(sql`
      SELECT ${group.key} AS key, max(lu.name) AS unit_name, count(*)::int AS total,
        count(*) FILTER (WHERE p.status = 'closed')::int AS closed,
        count(*) FILTER (WHERE p.status IN (${rectifying}))::int AS rectified,
        count(*) FILTER (WHERE p.warning_light IN ('red', 'severe'))::int AS overdue,
        count(*) FILTER (WHERE p.warning_light = 'yellow')::int AS due_soon
      FROM problems p LEFT JOIN units lu ON lu.id = p.lead_unit_id
      WHERE ${where}
      GROUP BY ${group.key}`),
  );
  const named = rows.map((r) => ({
    group:
      query.by === 'unit' ? (r.unit_name ?? '（未确定牵头单位）') : query.by === 'source' ? label(`source.${String(r.key)}`) : label(`problemStatus.${String(r.key)}`),
    total: r.total,
    closed: r.closed,
    rectified: r.rectified,
    inProgress: r.total - r.closed - r.rectified,
    overdue: r.overdue,
    dueSoon: r.due_soon,
    order: query.by === 'source' ? (PROBLEM_SOURCES as readonly string[]).indexOf(String(r.key)) : query.by === 'status' ? (PROBLEM_STATUSES as readonly string[]).indexOf(String(r.key)) : 0,
    noUnit: r.key === null,
  }));
  named.sort((a, b) =>
    query.by === 'unit' ? Number(a.noUnit) - Number(b.noUnit) || b.total - a.total || a.group.localeCompare(b.group, 'zh-CN') : a.order - b.order,
  );
  return named.map(({ order: _o, noUnit: _n, ...row }) => row);
}

export async function exportSummary(ex: Executor, services: Services, actor: Actor, query: ExportSummaryQuery): Promise<PreparedWorkbook> {
  const rows = await summaryRows(ex, actor, query);
  const county = await countyNameOf(ex, actor);
  const today = services.clock.today();
  const group = GROUPS[query.by];
  const notes = await standardNotes(ex, actor, services.clock.now(), `${county}生态环境保护督察整改任务汇总表（${group.name}）`, query);
  return {
    fileName: `${county}整改任务汇总表（${group.name}）_${compactDate(today)}.xlsx`,
    rows: rows.length,
    write: (out) =>
      writeSummaryWorkbook(out, { title: `${county}生态环境保护督察整改任务汇总表（${group.name}，截至${zhDate(today)}）`, groupHeader: group.header, notes, creator: actor.displayName }, rows),
  };
}
