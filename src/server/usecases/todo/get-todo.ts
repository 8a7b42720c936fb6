import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import { formatIsoDate, parseIsoDate, type WorkingCalendar } from '../../../domain/calendar/calendar.js';
import { nextReportDue } from '../../../domain/schedule.js';
import type { TodoBucket, TodoBucketKey, TodoItem, TodoResponse } from '../../../shared/api/todo.js';
import { problemScopeSql } from '../../access/access.js';
import type { Executor } from '../../db/client.js';
import type { Services } from '../../services.js';
import { loadLoopSettings, type LoopSettings } from '../../settings.js';
import { latestReportBaseDueBy, yellowCutoff } from './report-window.js';

/** Days before its end that a public notice shows up in the coordinator's 公示到期 bucket. */
export const NOTICE_DUE_WITHIN_DAYS = 2;
export const TODO_ITEMS_PER_BUCKET = 10;

export interface Window {
  actor: Actor;
  today: string;
  /** last day inside the yellow window */
  yellowCutoff: string;
  /** problems whose last report (or start) is on or before this day have a report due within the yellow window */
  reportBaseCutoff: string;
  /** open notices ending on or before this day */
  noticeCutoff: string;
  settings: LoopSettings;
  calendar: WorkingCalendar;
}

export interface BucketSql {
  key: TodoBucketKey;
  /** FROM … WHERE …, problems aliased p; selects one row per to-do */
  from: SQL;
  dueOn: SQL;
  refId: SQL;
  /** the reason a returned report was sent back (被退回 only) */
  returnReason?: SQL;
  order: SQL;
  /** fix up the items (at most 10) after the query */
  post?: (item: TodoItem & { base: string | null }, w: Window) => void;
}

const ACTIVE = sql`('acknowledged', 'rectifying')`;

/**
 * The buckets that apply to an actor, each one SQL statement over indexed columns:
 *  - unit buckets go through problems.lead_unit_id (problems_lead_idx) or problem_units (problem_units_unit_idx)
 *    for the caller's own unit (not the units below it: each unit does its own to-do);
 *  - coordinator buckets filter one status (problems_status_idx) inside the coordinator's scope;
 *  - personal buckets go through problems.verifier_user_id and lookback_checks.checker_user_id.
 */
export function bucketsFor(w: Window): BucketSql[] {
  const { actor } = w;
  const has = (role: string) => actor.roles.some((r) => r === role);
  const handler = has('unit_handler');
  const head = has('unit_head');
  const coordinator = has('coordinator');
  const unit = actor.unitId;
  const ofMyUnit = sql`p.id IN (SELECT pu.problem_id FROM problem_units pu WHERE pu.unit_id = ${unit})`;
  const out: BucketSql[] = [];

  // 待签收: assigned to the caller's unit as lead; its handlers and head acknowledge.
  if (handler || head)
    out.push({
      key: 'to_acknowledge',
      from: sql`FROM problems p WHERE p.lead_unit_id = ${unit} AND p.status = 'assigned'`,
      dueOn: sql`p.ack_due_on`,
      refId: sql`NULL::int`,
      order: sql`p.ack_due_on ASC NULLS LAST, p.id ASC`,
    });

  // 待报送: the next periodic report of an acknowledged/rectifying problem of the caller's unit (lead or cooperating)
  // is due within the yellow window or overdue. Computed from last_report_on / acknowledged_on with the report
  // cadence (not from warning_reason, which names only the earliest due date of several).
  if (handler)
    out.push({
      key: 'to_report',
      from: sql`FROM problems p WHERE ${ofMyUnit} AND p.status IN ${ACTIVE} AND p.acknowledged_on IS NOT NULL
        AND coalesce(p.last_report_on, p.acknowledged_on) <= ${w.reportBaseCutoff}`,
      dueOn: sql`coalesce(p.last_report_on, p.acknowledged_on)`,
      refId: sql`NULL::int`,
      order: sql`coalesce(p.last_report_on, p.acknowledged_on) ASC, p.id ASC`,
      post: (item, win) => {
        item.dueOn = item.base ? nextReportDue(item.base, null, win.settings.reportCadence, win.calendar) : null;
      },
    });

  // 被退回: a report of the caller's unit was returned in the current round, the problem is still active, and the unit
  // has not reported again since.
  if (handler || head)
    out.push({
      key: 'returned',
      from: sql`FROM problems p WHERE ${ofMyUnit} AND p.status IN ${ACTIVE} AND EXISTS (
          SELECT 1 FROM progress_reports r
          WHERE r.problem_id = p.id AND r.status = 'returned' AND r.rectification_round = p.rectification_round
            AND r.submitted_by IN (SELECT u.id FROM users u WHERE u.unit_id = ${unit})
            AND NOT EXISTS (SELECT 1 FROM progress_reports r2 WHERE r2.problem_id = p.id AND r2.id > r.id
                            AND r2.submitted_by IN (SELECT u.id FROM users u WHERE u.unit_id = ${unit})))`,
      dueOn: sql`p.warning_due_on`,
      refId: sql`(SELECT max(r.id) FROM progress_reports r WHERE r.problem_id = p.id AND r.status = 'returned')`,
      returnReason: sql`(SELECT r.return_reason FROM progress_reports r WHERE r.problem_id = p.id AND r.status = 'returned' ORDER BY r.id DESC LIMIT 1)`,
      order: sql`p.id ASC`,
    });

  // 待自查: rectifying problems of the caller's unit as lead (not 长期坚持) whose rectification looks complete (every
  // milestone of the round done) or whose deadline is within the yellow window or past. The head signs the self-check.
  if (head)
    out.push({
      key: 'to_self_check',
      from: sql`FROM problems p WHERE p.lead_unit_id = ${unit} AND p.status = 'rectifying' AND p.deadline_kind <> 'ongoing'
        AND (p.deadline_in_force <= ${w.yellowCutoff}
             OR (SELECT count(*) FROM milestones m WHERE m.problem_id = p.id AND m.rectification_round = p.rectification_round AND m.done_on IS NULL) = 0)`,
      dueOn: sql`p.deadline_in_force`,
      refId: sql`NULL::int`,
      order: sql`p.deadline_in_force ASC NULLS LAST, p.id ASC`,
    });

  // 待核查: the caller is the verifier of the current verification and has not recorded it.
  out.push({
    key: 'to_verify',
    from: sql`FROM problems p WHERE p.verifier_user_id = ${actor.userId} AND p.status = 'verifying'
      AND EXISTS (SELECT 1 FROM verifications v WHERE v.problem_id = p.id AND v.verifier_user_id = ${actor.userId}
                  AND v.rectification_round = p.rectification_round AND v.result IS NULL)`,
    dueOn: sql`NULL::text`,
    refId: sql`NULL::int`,
    order: sql`p.id ASC`,
  });

  if (coordinator) {
    const scope = problemScopeSql(actor, 'p');
    // 待交办: registered and not yet assigned, oldest first; the coordinator checks and assigns them.
    out.unshift({
      key: 'to_assign',
      from: sql`FROM problems p WHERE p.status = 'registered' AND ${scope}`,
      dueOn: sql`NULL::text`,
      refId: sql`NULL::int`,
      order: sql`p.created_at ASC, p.id ASC`,
    });
    // 公示到期: the open notice ends within 2 days or has ended (when it ended with objections still pending, the
    // timed job cannot close it: the coordinator must decide them).
    out.push({
      key: 'notice_due',
      from: sql`FROM problems p JOIN public_notices n ON n.problem_id = p.id AND n.status = 'open'
        WHERE p.status = 'public_notice' AND n.ends_on <= ${w.noticeCutoff} AND ${scope}`,
      dueOn: sql`n.ends_on`,
      refId: sql`n.id`,
      order: sql`n.ends_on ASC, p.id ASC`,
    });
    out.push({
      key: 'to_archive',
      from: sql`FROM problems p WHERE p.status = 'notice_completed' AND ${scope}`,
      dueOn: sql`NULL::text`,
      refId: sql`NULL::int`,
      order: sql`p.updated_at ASC, p.id ASC`,
    });
    out.push({
      key: 'to_file',
      from: sql`FROM problems p WHERE p.status = 'archived' AND ${scope}`,
      dueOn: sql`NULL::text`,
      refId: sql`NULL::int`,
      order: sql`p.updated_at ASC, p.id ASC`,
    });
    out.push({
      key: 'extensions',
      from: sql`FROM problems p JOIN extensions e ON e.problem_id = p.id AND e.status = 'pending'
        WHERE p.status IN ('assigned', 'acknowledged', 'rectifying') AND ${scope}`,
      dueOn: sql`e.new_deadline`,
      refId: sql`e.id`,
      order: sql`e.requested_at ASC, e.id ASC`,
    });
  }

  // 回头看: checks assigned to the caller and not recorded yet.
  out.push({
    key: 'lookback',
    from: sql`FROM lookback_checks lc JOIN problems p ON p.id = lc.problem_id WHERE lc.checker_user_id = ${actor.userId} AND lc.result IS NULL`,
    dueOn: sql`NULL::text`,
    refId: sql`lc.id`,
    order: sql`lc.id ASC`,
  });
  return out;
}

export async function windowFor(ex: Executor, services: Services, actor: Actor): Promise<Window> {
  const settings = await loadLoopSettings(ex);
  const calendar = await services.calendar.get(ex);
  const today = services.clock.today();
  const cutoff = yellowCutoff(today, settings.yellowWithinWorkingDays, calendar);
  return {
    actor,
    today,
    yellowCutoff: cutoff,
    reportBaseCutoff: latestReportBaseDueBy(cutoff, settings.reportCadence, calendar),
    noticeCutoff: formatIsoDate(parseIsoDate(today) + NOTICE_DUE_WITHIN_DAYS),
    settings,
    calendar,
  };
}

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

interface ItemRow {
  problem_id: number;
  code: string;
  title: string;
  due_on: string | null;
  warning_light: TodoItem['warningLight'];
  ref_id: number | null;
  return_reason: string | null;
  total: number;
}

/** 待办 of the caller: each bucket's count and first items. One SQL statement per bucket. */
/** The statement of one bucket: its first items, each row carrying the bucket's total. */
export const bucketItemsSql = (b: BucketSql): SQL => sql`
  SELECT p.id AS problem_id, p.code, p.title, ${b.dueOn} AS due_on, p.warning_light, ${b.refId} AS ref_id,
    ${b.returnReason ?? sql`NULL::text`} AS return_reason, count(*) OVER ()::int AS total
  ${b.from} ORDER BY ${b.order} LIMIT ${TODO_ITEMS_PER_BUCKET}`;

export async function getTodo(ex: Executor, services: Services, actor: Actor): Promise<TodoResponse> {
  const w = await windowFor(ex, services, actor);
  const buckets: TodoBucket[] = [];
  for (const b of bucketsFor(w)) {
    const rows = rowsOf<ItemRow>(await ex.execute(bucketItemsSql(b)));
    const items = rows.map((r) => {
      const item = { problemId: Number(r.problem_id), code: r.code, title: r.title, dueOn: r.due_on, warningLight: r.warning_light, refId: r.ref_id == null ? null : Number(r.ref_id), returnReason: r.return_reason ?? null, base: r.due_on };
      b.post?.(item, w);
      const { base: _base, ...rest } = item;
      return rest;
    });
    buckets.push({ key: b.key, count: Number(rows[0]?.total ?? 0), items });
  }
  return { total: buckets.reduce((s, b) => s + b.count, 0), buckets };
}

/** Counts only (the daily digest): one count per bucket that applies to the actor. */
export async function getTodoCounts(ex: Executor, services: Services, actor: Actor): Promise<Partial<Record<TodoBucketKey, number>>> {
  const w = await windowFor(ex, services, actor);
  const counts: Partial<Record<TodoBucketKey, number>> = {};
  for (const b of bucketsFor(w)) {
    const [row] = rowsOf<{ n: number }>(await ex.execute(sql`SELECT count(*)::int AS n ${b.from}`));
    counts[b.key] = Number(row?.n ?? 0);
  }
  return counts;
}
