import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import { PROBLEM_STATUSES, type ProblemStatus } from '../../../domain/problem/lifecycle.js';
import { change, planProgress, totalTarget, type PlanNode } from '../../../domain/reports/figures.js';
import { dayAfter, dayBefore, defaultPeriod, minDate, periodLabel, periodProblem, previousPeriod, type Period } from '../../../domain/reports/period.js';
import { rankUnits } from '../../../domain/reports/ranking.js';
import type { BulletinQuery, BulletinSummary } from '../../../shared/api/documents.js';
import { problemScopeSql, requirePermission } from '../../access/access.js';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { chinaDate, type Services } from '../../services.js';

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;
const int = (v: unknown) => Number(v ?? 0);

/** With its units and not yet rectified: where "overdue" and warnings apply. */
const OPEN: readonly ProblemStatus[] = ['assigned', 'acknowledged', 'rectifying'];
/** Rectification claimed, closing steps under way. */
const CLOSING: readonly ProblemStatus[] = ['self_check_submitted', 'verifying', 'public_notice', 'notice_completed', 'archived'];

/** Rebounds listed at most (the count is always complete). */
export const REBOUND_ITEMS = 200;

const list = (values: readonly string[]) => sql.raw(`(${values.map((v) => `'${v}'`).join(',')})`);
/** The China day `date` starts, as an instant (PostgreSQL parses the offset). */
const dayStart = (date: string) => `${date}T00:00:00+08:00`;
const nextDay = (date: string) => dayStart(dayAfter(date));

export interface BulletinParams {
  period: Period;
  previous: Period;
  /** the day the figures are counted on */
  today: string;
}

/** The period asked for (default: the last full month), checked. */
export function bulletinParams(query: BulletinQuery, today: string): BulletinParams {
  const period = query.from && query.to ? { from: query.from, to: query.to } : defaultPeriod(today);
  if (periodProblem(period) !== null) throw new AppError('REPORT_PERIOD_INVALID', { from: period.from, to: period.to }, 400);
  return { period, previous: previousPeriod(period), today };
}

/**
 * The statements behind the bulletin, every one restricted to the actor's problem scope and aggregated in the
 * database, so no problem row reaches JavaScript (what comes back grows with the units, not the problems): ONE pass
 * over the problems grouped by (lead unit, plan) computes every count — the totals, flows, warnings and targets are
 * sums of its rows, the figures per unit sums by unit — plus the small plan and look-back tables. Exported for the
 * bench.
 *
 * Completion of a problem (rectified) is rectified_on, else closed_on (see src/domain/reports/ranking.ts).
 */
export function bulletinStatements(actor: Actor, { period, previous, today }: BulletinParams) {
  const scope = problemScopeSql(actor, 'p');
  const done = sql`coalesce(p.rectified_on, p.closed_on)`;
  const yesterday = dayBefore(today);
  const yearStart = `${period.to.slice(0, 4)}-01-01`;
  const inPeriod = (column: SQL, p: Period) => sql`${column} BETWEEN ${p.from} AND ${p.to}`;
  const createdIn = (p: Period) => sql`p.created_at >= ${dayStart(p.from)}::timestamptz AND p.created_at < ${nextDay(p.to)}::timestamptz`;
  const becameOverdue = (p: Period) => sql`p.deadline_in_force BETWEEN ${p.from} AND ${minDate(p.to, yesterday)} AND (${done} IS NULL OR ${done} > p.deadline_in_force)`;
  const open = sql`p.status IN ${list(OPEN)}`;
  const overdueNow = sql`${open} AND p.deadline_in_force < ${today}`;
  const statusCounts = sql.join(
    PROBLEM_STATUSES.map((s) => sql`count(*) FILTER (WHERE p.status = ${s})::int AS ${sql.identifier(`st_${s}`)}`),
    sql`, `,
  );

  const aggregate = sql`
    SELECT x.*, u.name AS unit_name, u.short_name
    FROM (
      SELECT p.lead_unit_id AS unit_id, p.plan_id, count(*)::int AS total, ${statusCounts},
        count(*) FILTER (WHERE ${overdueNow})::int AS overdue,
        count(*) FILTER (WHERE ${overdueNow} AND p.warning_light = 'severe')::int AS severe,
        count(*) FILTER (WHERE ${open} AND p.warning_light = 'yellow')::int AS w_yellow,
        count(*) FILTER (WHERE ${open} AND p.warning_light = 'red')::int AS w_red,
        count(*) FILTER (WHERE ${open} AND p.warning_light = 'severe')::int AS w_severe,
        count(*) FILTER (WHERE ${createdIn(period)})::int AS new_cur,
        count(*) FILTER (WHERE ${createdIn(previous)})::int AS new_prev,
        count(*) FILTER (WHERE ${inPeriod(done, period)})::int AS rect_cur,
        count(*) FILTER (WHERE ${inPeriod(done, previous)})::int AS rect_prev,
        count(*) FILTER (WHERE ${inPeriod(sql`p.closed_on`, period)})::int AS closed_cur,
        count(*) FILTER (WHERE ${inPeriod(sql`p.closed_on`, previous)})::int AS closed_prev,
        count(*) FILTER (WHERE ${becameOverdue(period)})::int AS overdue_cur,
        count(*) FILTER (WHERE ${becameOverdue(previous)})::int AS overdue_prev,
        count(*) FILTER (WHERE p.closed_on BETWEEN ${yearStart} AND ${period.to})::int AS closed_year,
        count(*) FILTER (WHERE p.deadline_in_force <= ${period.to} AND ${done} <= p.deadline_in_force)::int AS on_time,
        count(*) FILTER (WHERE p.deadline_in_force <= ${period.to} AND p.deadline_in_force < ${today} AND (${done} IS NULL OR ${done} > p.deadline_in_force))::int AS late
      FROM problems p WHERE ${scope}
      GROUP BY p.lead_unit_id, p.plan_id
    ) x LEFT JOIN units u ON u.id = x.unit_id`;

  const plans = sql`SELECT id, parent_id, name, yearly_targets FROM plans`;

  const reboundCounts = sql`
    SELECT count(*) FILTER (WHERE lc.checked_at >= ${dayStart(period.from)}::timestamptz)::int AS cur,
           count(*) FILTER (WHERE lc.checked_at < ${dayStart(period.from)}::timestamptz)::int AS prev
    FROM lookback_checks lc JOIN problems p ON p.id = lc.problem_id
    WHERE lc.result = 'rebound' AND lc.checked_at >= ${dayStart(previous.from)}::timestamptz AND lc.checked_at < ${nextDay(period.to)}::timestamptz
      AND ${scope}`;

  const reboundItems = sql`
    SELECT p.id, p.code, p.title, u.name AS lead_unit_name, lc.checked_at
    FROM lookback_checks lc JOIN problems p ON p.id = lc.problem_id LEFT JOIN units u ON u.id = p.lead_unit_id
    WHERE lc.result = 'rebound' AND lc.checked_at >= ${dayStart(period.from)}::timestamptz AND lc.checked_at < ${nextDay(period.to)}::timestamptz
      AND ${scope}
    ORDER BY lc.checked_at, lc.id LIMIT ${REBOUND_ITEMS}`;

  const scopeName = sql`SELECT name FROM regions WHERE id = ${actor.regionId}`;

  return { aggregate, plans, reboundCounts, reboundItems, scopeName };
}

/**
 * The figures of the 调度通报 for a period, in the actor's scope (report.read: coordinators, leaders, admins). Stocks
 * (totals, warnings, overdue by unit) are as of today; flows (new, rectified, closed, newly overdue) are counted in the
 * period and in the previous one; targets are the plans' targets for the year of the period's end.
 */
export async function getBulletinSummary(ex: Executor, services: Services, actor: Actor, query: BulletinQuery): Promise<BulletinSummary> {
  requirePermission(actor, 'report.read');
  const params = bulletinParams(query, services.clock.today());
  const q = bulletinStatements(actor, params);
  const [aggregateRes, plansRes, reboundCountsRes, reboundItemsRes, scopeRes] = await Promise.all([
    ex.execute(q.aggregate),
    ex.execute(q.plans),
    ex.execute(q.reboundCounts),
    ex.execute(q.reboundItems),
    ex.execute(q.scopeName),
  ]);
  return presentSummary(params, {
    groups: rowsOf(aggregateRes),
    plans: rowsOf(plansRes),
    reboundCounts: rowsOf<{ cur: number; prev: number }>(reboundCountsRes)[0] ?? { cur: 0, prev: 0 },
    reboundItems: rowsOf(reboundItemsRes),
    scopeName: rowsOf<{ name: string }>(scopeRes)[0]?.name ?? '',
  });
}

/** One row of the aggregate: the counts of the problems of one (lead unit, plan) pair; counts are additive. */
export type BulletinGroup = { unit_id: number | null; plan_id: number | null; unit_name: string | null; short_name: string | null } & Record<string, unknown>;

export interface BulletinRows {
  groups: BulletinGroup[];
  plans: { id: number; parent_id: number | null; name: string; yearly_targets: unknown }[];
  reboundCounts: { cur: number; prev: number };
  reboundItems: { id: number; code: string; title: string; lead_unit_name: string | null; checked_at: Date | string }[];
  scopeName: string;
}

const COUNTS = ['total', ...PROBLEM_STATUSES.map((s) => `st_${s}` as const), 'overdue', 'severe', 'w_yellow', 'w_red', 'w_severe', 'new_cur', 'new_prev', 'rect_cur', 'rect_prev', 'closed_cur', 'closed_prev', 'overdue_cur', 'overdue_prev', 'closed_year', 'on_time', 'late'] as const;
type Counts = Record<(typeof COUNTS)[number], number>;
const zero = (): Counts => Object.fromEntries(COUNTS.map((c) => [c, 0])) as Counts;
const add = (into: Counts, row: Record<string, unknown>) => {
  for (const c of COUNTS) into[c] += int(row[c]);
};

/** The summary from the rows of bulletinStatements. */
export function presentSummary({ period, previous, today }: BulletinParams, rows: BulletinRows): BulletinSummary {
  const t = zero();
  const byUnit = new Map<number, { name: string; shortName: string | null; counts: Counts }>();
  const closedByPlan = new Map<number, number>();
  for (const g of rows.groups) {
    add(t, g);
    if (g.unit_id !== null && g.unit_id !== undefined) {
      const id = Number(g.unit_id);
      const unit = byUnit.get(id) ?? { name: g.unit_name ?? '', shortName: g.short_name ?? null, counts: zero() };
      add(unit.counts, g);
      byUnit.set(id, unit);
    }
    if (g.plan_id !== null && g.plan_id !== undefined) closedByPlan.set(Number(g.plan_id), (closedByPlan.get(Number(g.plan_id)) ?? 0) + int(g.closed_year));
  }
  const byStatus = Object.fromEntries(PROBLEM_STATUSES.map((s) => [s, t[`st_${s}`]])) as Record<ProblemStatus, number>;
  const sum = (statuses: readonly ProblemStatus[]) => statuses.reduce((a, s) => a + byStatus[s], 0);
  const year = Number(period.to.slice(0, 4));
  const plans: PlanNode[] = rows.plans.map((p) => ({
    id: Number(p.id),
    parentId: p.parent_id === null ? null : Number(p.parent_id),
    name: p.name,
    yearlyTargets: (p.yearly_targets ?? {}) as Record<string, number>,
  }));
  const progress = planProgress(plans, closedByPlan, year);
  const units = [...byUnit].map(([unitId, u]) => ({ unitId, unitName: u.name, shortName: u.shortName, overdue: u.counts.overdue, severe: u.counts.severe, onTime: u.counts.on_time, late: u.counts.late }));
  const collator = new Intl.Collator('zh-CN');
  return {
    period: { ...period, label: periodLabel(period) },
    previousPeriod: { ...previous, label: periodLabel(previous) },
    asOf: today,
    scopeName: rows.scopeName,
    totals: {
      total: t.total,
      byStatus,
      closed: byStatus.closed,
      rectifiedNotClosed: sum(CLOSING),
      inProgress: sum(OPEN),
      overdue: t.overdue,
    },
    flows: {
      newProblems: change(t.new_cur, t.new_prev),
      rectified: change(t.rect_cur, t.rect_prev),
      closed: change(t.closed_cur, t.closed_prev),
      newlyOverdue: change(t.overdue_cur, t.overdue_prev),
    },
    warnings: { yellow: t.w_yellow, red: t.w_red, severe: t.w_severe },
    targets: { year, plans: progress, all: { target: progress.length ? totalTarget(progress) : null, closed: t.closed_year } },
    overdueByUnit: units
      .filter((u) => u.overdue > 0)
      .map(({ unitId, unitName, shortName, overdue, severe }) => ({ unitId, unitName, shortName, overdue, severe }))
      .sort((a, b) => b.overdue - a.overdue || b.severe - a.severe || collator.compare(a.unitName, b.unitName) || a.unitId - b.unitId),
    rebounds: {
      count: int(rows.reboundCounts.cur),
      previous: int(rows.reboundCounts.prev),
      items: rows.reboundItems.map((r) => ({ problemId: Number(r.id), code: r.code, title: r.title, leadUnitName: r.lead_unit_name, checkedOn: chinaDate(new Date(r.checked_at)) })),
    },
    ranking: rankUnits(units.filter((u) => u.onTime + u.late > 0).map(({ unitId, unitName, onTime, late }) => ({ unitId, unitName, onTime, late }))),
  };
}
