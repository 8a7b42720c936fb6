/**
 * Deadlines, schedule state (序时进度) and warning lights (红黄绿灯预警) of a rectification problem
 * (domain.md §3, §4).
 *
 * Pure module: no I/O and no clock. "today" is always a 'YYYY-MM-DD' parameter, every working-day count
 * goes through the official WorkingCalendar, and nothing here is meant to be stored: callers derive the
 * state and the light whenever they show them, so they can never go stale or be set by hand.
 *
 * ── Effective deadline (整改时限) ──────────────────────────────────────────────────────────────────────
 *  - 'date'      the stored deadline, unless an extension (延期) was approved: then the new date of the
 *                latest approved extension. "Latest" means decided last: by `decidedAt` when both
 *                entries carry it, otherwise by position in the list (the history is append-only, so
 *                the list is in chronological order). Pending and refused requests never count. It is the
 *                latest decision that wins, not the furthest date: a later approval may shorten.
 *  - 'immediate' (立行立改) real ledgers give no date, so one is derived: assignedOn + N working days, with
 *                N = `immediateWorkingDays` (default 10, a setting: the same span practice gives
 *                边督边改 complaints to report back). Counting starts the day after assignment. A stored
 *                `deadline` is ignored for this kind; an approved extension still wins. Not yet assigned
 *                (assignedOn null) → no deadline yet (null).
 *  - 'ongoing'   (长期坚持) never finishes: null. It is followed through periodic reports instead.
 *
 * ── Schedule state (整改进度), first matching rule wins ───────────────────────────────────────────────
 *  1. status 'closed'                                                   → 'closed'      完成销号
 *  2. status self_check_submitted … archived (a rectification claimed)  → 'rectified'   完成整改
 *  3. status registered / assigned / acknowledged and no milestone done → 'not_started' 尚未启动
 *     (even past the deadline: the warning light shows that; the state says what was done)
 *  4. any milestone past its due date (due < today) and not done        → 'behind'      未达到序时进度
 *  5. ongoing, or a dated problem that has no deadline yet:
 *     periodic report overdue (nextReportDue < today) → 'behind', else  → 'on_schedule' 达到序时进度
 *     (never 'ahead': there is no end to be ahead of)
 *  6. the deadline passed (deadline < today) without a self-check        → 'behind'
 *  7. no milestones: nothing to measure progress by                       → 'on_schedule' until the deadline
 *  8. all milestones done before the deadline day (time is left)        → 'ahead'       超过序时进度
 *     (done on the deadline day itself is rule 9, i.e. on schedule)
 *  9. 按序时, with
 *       expected = working days in (start, today] / working days in (start, deadline], clamped to 0..1
 *                  (1 when there are no working days in that span at all)
 *       actual   = milestones done / milestones
 *     actual ≥ expected + aheadMargin (0.2)                              → 'ahead'
 *     actual ≥ expected − tolerance                                      → 'on_schedule'
 *     else                                                               → 'behind'
 *     where tolerance = max(behindTolerance (0.1), 1 / milestones): progress moves in whole milestones,
 *     so being less than one milestone short of the straight-line pace is not yet "behind" (with a
 *     single milestone this is the same as rule 7, as it should be). start = startedOn, or when that
 *     is missing the first milestone's completion date; with neither, rule 9 is skipped (on_schedule).
 *  A milestone counts as done only when doneOn ≤ today, so the functions also answer "as of" a past day.
 *
 * ── Warning light (预警) ────────────────────────────────────────────────────────────────────────────
 *  - rectified or closed (status self_check_submitted and later)                → green, 'done'
 *  - otherwise the EARLIEST unmet due date among: the effective deadline, each undone milestone's due
 *    date, the acknowledgement due date (status 'assigned' only), the next periodic report due date.
 *    Equal dates are named in that order (deadline, milestone, ack, report).
 *      due < today                                  → red, '<kind>_overdue'; severe when the working days
 *                                                     overdue (in (due, today]) > severeAfterWorkingDays
 *      working days in (today, due] ≤ yellowWithin  → yellow, '<kind>_near' (due == today: 0 left, yellow)
 *      else                                         → green, 'on_track' (the nearest due date is still given)
 *    Nothing due at all → green 'on_track' with nulls. The earliest due date is always the worst one:
 *    it has the fewest working days left, or the most overdue.
 *
 * ── Periodic reports (定期报送) ─────────────────────────────────────────────────────────────────────
 *  The next report is due one cadence after the last report (or after the start when none yet): a
 *  cadence is the longest allowed gap between two reports. 'working_days' counts with the calendar;
 *  'days' and 'months' count calendar time (months keep the day of month, clamped to the month's end)
 *  and, like statutory periods (民法典 第二百零三条), a due date on a day off moves to the next working day.
 */
import { civilFromDays, daysFromCivil, daysInMonth, formatIsoDate, parseIsoDate, type WorkingCalendar } from './calendar/calendar.js';

// ---------------------------------------------------------------------------------------------------
// Vocabularies
// ---------------------------------------------------------------------------------------------------

export const DEADLINE_KINDS = ['immediate', 'date', 'ongoing'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const EXTENSION_STATUSES = ['pending', 'approved', 'refused'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

/** The lifecycle statuses this module understands (domain.md §4), in order. */
export const LIFECYCLE_STATUSES = [
  'registered',
  'assigned',
  'acknowledged',
  'rectifying',
  'self_check_submitted',
  'verifying',
  'public_notice',
  'notice_completed',
  'archived',
  'closed',
] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

export const SCHEDULE_STATES = ['not_started', 'behind', 'on_schedule', 'ahead', 'rectified', 'closed'] as const;
export type ScheduleState = (typeof SCHEDULE_STATES)[number];

export const WARNING_LIGHTS = ['green', 'yellow', 'red', 'severe'] as const;
export type WarningLight = (typeof WARNING_LIGHTS)[number];

export const WARNING_REASONS = [
  'deadline_overdue',
  'milestone_overdue',
  'ack_overdue',
  'report_overdue',
  'deadline_near',
  'milestone_near',
  'ack_near',
  'report_near',
  'on_track',
  'done',
] as const;
export type WarningReason = (typeof WARNING_REASONS)[number];

export const PERIOD_GRANULARITIES = ['month', 'quarter', 'half_year', 'year'] as const;
export type PeriodGranularity = (typeof PERIOD_GRANULARITIES)[number];

export const REPORT_CADENCE_UNITS = ['working_days', 'days', 'months'] as const;
export type ReportCadenceUnit = (typeof REPORT_CADENCE_UNITS)[number];

// ---------------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------------

/** Working days allowed for a 立行立改 problem, counted from the day after assignment. */
export const DEFAULT_IMMEDIATE_WORKING_DAYS = 10;

export interface WarningSettings {
  /** Yellow when the nearest due date is at most this many working days away (0 = only on the day). */
  yellowWithinWorkingDays: number;
  /** Severe (严重逾期) when overdue by more than this many working days. */
  severeAfterWorkingDays: number;
}

export const DEFAULT_WARNING_SETTINGS: Readonly<WarningSettings> = Object.freeze({
  yellowWithinWorkingDays: 5,
  severeAfterWorkingDays: 10,
});

export interface ScheduleSettings {
  /** How far above the straight-line pace counts as ahead (fraction of the work). */
  aheadMargin: number;
  /** How far below the pace is still on schedule; at least one milestone's share is always allowed. */
  behindTolerance: number;
}

export const DEFAULT_SCHEDULE_SETTINGS: Readonly<ScheduleSettings> = Object.freeze({
  aheadMargin: 0.2,
  behindTolerance: 0.1,
});

// ---------------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------------

export interface ExtensionInput {
  newDeadline: string;
  status: ExtensionStatus;
  /** When the coordinator decided (a date or an ISO timestamp); orders approvals. */
  decidedAt?: string | null;
}

export interface DeadlineInput {
  deadlineKind: DeadlineKind;
  /** The original deadline (for 'date'); ignored for 'immediate' and 'ongoing'. */
  deadline: string | null;
  assignedOn: string | null;
  extensions: readonly ExtensionInput[];
}

export interface MilestoneInput {
  dueDate: string;
  doneOn: string | null;
}

export interface ScheduleInput {
  status: LifecycleStatus;
  deadlineKind: DeadlineKind;
  /** The effective deadline (see effectiveDeadline). */
  deadline: string | null;
  /** Date of acknowledgement or of the first progress. */
  startedOn: string | null;
  milestones: readonly MilestoneInput[];
  /** Next periodic report due date (see nextReportDue), when the problem has a report cadence. */
  nextReportDue?: string | null;
}

export interface WarningInput extends ScheduleInput {
  /** Acknowledgement due date (see acknowledgementDue); used while the status is 'assigned'. */
  ackDueDate?: string | null;
}

export interface WarningResult {
  light: WarningLight;
  reason: WarningReason;
  /** The due date the light is about (the earliest unmet one), or null when nothing is due. */
  dueDate: string | null;
  /** Working days in (today, dueDate] when not overdue; 0 when due today. */
  workingDaysLeft: number | null;
  /** Working days in (dueDate, today] when overdue (may be 0 when only days off have passed). */
  workingDaysOverdue: number | null;
}

export interface ReportCadence {
  every: number;
  unit: ReportCadenceUnit;
}

// ---------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------

function assertNonNegativeInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
}

/** Rectification claimed: self-check submitted and every later step except closing. */
const RECTIFIED_STATUSES: ReadonlySet<LifecycleStatus> = new Set<LifecycleStatus>([
  'self_check_submitted',
  'verifying',
  'public_notice',
  'notice_completed',
  'archived',
]);

/** Before work starts: a problem here with no milestone done is 尚未启动. */
const PRE_START_STATUSES: ReadonlySet<LifecycleStatus> = new Set<LifecycleStatus>(['registered', 'assigned', 'acknowledged']);

function assertKnownStatus(status: string): asserts status is LifecycleStatus {
  if (!(LIFECYCLE_STATUSES as readonly string[]).includes(status)) {
    throw new RangeError(`Unknown lifecycle status "${status}"`);
  }
}

/** Whether the problem has reached a rectified (or closed) status: its schedule is settled. */
export function isRectifiedOrClosed(status: LifecycleStatus): boolean {
  return status === 'closed' || RECTIFIED_STATUSES.has(status);
}

/** Done as of `today` (a completion recorded for a later day does not count yet). */
function isDoneBy(milestone: MilestoneInput, today: number): boolean {
  return milestone.doneOn !== null && parseIsoDate(milestone.doneOn) <= today;
}

// ---------------------------------------------------------------------------------------------------
// 1. Effective deadline
// ---------------------------------------------------------------------------------------------------

export type DeadlineSource = 'original' | 'immediate' | 'extension' | 'none';

export interface EffectiveDeadlineDetail {
  /** The deadline in force, or null (ongoing, or immediate but not yet assigned, or no date given). */
  deadline: string | null;
  /** Where it comes from. */
  source: DeadlineSource;
  /** The deadline before any extension (derived for 'immediate'). */
  originalDeadline: string | null;
  /** The approved extension in force, if any (to show beside the deadline). */
  extension: ExtensionInput | null;
}

export interface DeadlineOptions {
  immediateWorkingDays?: number;
}

/** The approved extension decided last (see the header), or null. */
export function latestApprovedExtension(extensions: readonly ExtensionInput[]): ExtensionInput | null {
  let winner: ExtensionInput | null = null;
  for (const e of extensions) {
    if (e.status !== 'approved') continue;
    parseIsoDate(e.newDeadline); // validate
    if (winner !== null && winner.decidedAt && e.decidedAt && decisionTime(e.decidedAt) < decisionTime(winner.decidedAt)) {
      continue;
    }
    winner = e;
  }
  return winner;
}

/** Orders decidedAt values given either as 'YYYY-MM-DD' or as ISO timestamps. */
function decisionTime(value: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseIsoDate(value) * 86_400_000 : Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`Invalid decidedAt "${value}"`);
  return ms;
}

/** The deadline in force, with its origin. */
export function effectiveDeadlineDetail(
  problem: DeadlineInput,
  calendar: WorkingCalendar,
  options: DeadlineOptions = {},
): EffectiveDeadlineDetail {
  if (problem.deadlineKind === 'ongoing') {
    return { deadline: null, source: 'none', originalDeadline: null, extension: null };
  }
  let original: string | null;
  let originalSource: DeadlineSource;
  if (problem.deadlineKind === 'immediate') {
    const days = options.immediateWorkingDays ?? DEFAULT_IMMEDIATE_WORKING_DAYS;
    assertNonNegativeInteger('immediateWorkingDays', days);
    original = problem.assignedOn === null ? null : calendar.addWorkingDays(problem.assignedOn, days);
    originalSource = 'immediate';
  } else if (problem.deadlineKind === 'date') {
    original = problem.deadline === null ? null : formatIsoDate(parseIsoDate(problem.deadline));
    originalSource = 'original';
  } else {
    throw new RangeError(`Unknown deadline kind "${String(problem.deadlineKind)}"`);
  }
  const extension = latestApprovedExtension(problem.extensions);
  if (extension !== null) {
    return { deadline: extension.newDeadline, source: 'extension', originalDeadline: original, extension };
  }
  return { deadline: original, source: original === null ? 'none' : originalSource, originalDeadline: original, extension: null };
}

/**
 * The deadline in force: the latest approved extension's new date, else the original; derived for
 * 立行立改 (assignedOn + immediateWorkingDays working days); null for 长期坚持.
 */
export function effectiveDeadline(problem: DeadlineInput, calendar: WorkingCalendar, options: DeadlineOptions = {}): string | null {
  return effectiveDeadlineDetail(problem, calendar, options).deadline;
}

// ---------------------------------------------------------------------------------------------------
// 2. Schedule state
// ---------------------------------------------------------------------------------------------------

const EPSILON = 1e-9;

/**
 * Expected share of the work done by today on a straight line from start to deadline, counted in
 * working days (0..1).
 */
export function expectedFraction(startedOn: string, deadline: string, today: string, calendar: WorkingCalendar): number {
  const total = calendar.workingDaysBetween(startedOn, deadline);
  if (total <= 0) return 1;
  const elapsed = calendar.workingDaysBetween(startedOn, today);
  return Math.min(1, Math.max(0, elapsed / total));
}

export function scheduleState(
  input: ScheduleInput,
  today: string,
  calendar: WorkingCalendar,
  settings: Partial<ScheduleSettings> = {},
): ScheduleState {
  const { aheadMargin, behindTolerance } = { ...DEFAULT_SCHEDULE_SETTINGS, ...settings };
  if (!(aheadMargin >= 0) || !(behindTolerance >= 0)) throw new RangeError('aheadMargin and behindTolerance must be >= 0');
  assertKnownStatus(input.status);
  const t = parseIsoDate(today);

  if (input.status === 'closed') return 'closed';
  if (RECTIFIED_STATUSES.has(input.status)) return 'rectified';

  const milestones = input.milestones;
  const done = milestones.filter((m) => isDoneBy(m, t));
  if (PRE_START_STATUSES.has(input.status) && done.length === 0) return 'not_started';

  if (milestones.some((m) => !isDoneBy(m, t) && parseIsoDate(m.dueDate) < t)) return 'behind';

  if (input.deadlineKind === 'ongoing' || input.deadline === null) {
    const report = input.nextReportDue ?? null;
    return report !== null && parseIsoDate(report) < t ? 'behind' : 'on_schedule';
  }

  const deadline = parseIsoDate(input.deadline);
  if (deadline < t) return 'behind';
  if (milestones.length === 0) return 'on_schedule';
  if (done.length === milestones.length && t < deadline) return 'ahead';

  const start = input.startedOn ?? earliest(done.map((m) => m.doneOn as string));
  if (start === null) return 'on_schedule';

  const expected = expectedFraction(start, input.deadline, today, calendar);
  const actual = done.length / milestones.length;
  const tolerance = Math.max(behindTolerance, 1 / milestones.length);
  if (actual + EPSILON >= expected + aheadMargin) return 'ahead';
  if (actual + EPSILON >= expected - tolerance) return 'on_schedule';
  return 'behind';
}

function earliest(dates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDay = Infinity;
  for (const d of dates) {
    const n = parseIsoDate(d);
    if (n < bestDay) {
      bestDay = n;
      best = d;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------
// 3. Warning light
// ---------------------------------------------------------------------------------------------------

type DueKind = 'deadline' | 'milestone' | 'ack' | 'report';

/** Tie order for equal due dates. */
const DUE_KIND_RANK: Record<DueKind, number> = { deadline: 0, milestone: 1, ack: 2, report: 3 };

export function warningLight(
  input: WarningInput,
  today: string,
  calendar: WorkingCalendar,
  settings: WarningSettings = DEFAULT_WARNING_SETTINGS,
): WarningResult {
  assertNonNegativeInteger('yellowWithinWorkingDays', settings.yellowWithinWorkingDays);
  assertNonNegativeInteger('severeAfterWorkingDays', settings.severeAfterWorkingDays);
  assertKnownStatus(input.status);
  const t = parseIsoDate(today);

  if (isRectifiedOrClosed(input.status)) {
    return { light: 'green', reason: 'done', dueDate: null, workingDaysLeft: null, workingDaysOverdue: null };
  }

  const candidates: { kind: DueKind; date: string; day: number }[] = [];
  const add = (kind: DueKind, date: string | null | undefined) => {
    if (date === null || date === undefined) return;
    candidates.push({ kind, date, day: parseIsoDate(date) });
  };
  if (input.deadlineKind !== 'ongoing') add('deadline', input.deadline);
  for (const m of input.milestones) if (!isDoneBy(m, t)) add('milestone', m.dueDate);
  if (input.status === 'assigned') add('ack', input.ackDueDate);
  add('report', input.nextReportDue);

  if (candidates.length === 0) {
    return { light: 'green', reason: 'on_track', dueDate: null, workingDaysLeft: null, workingDaysOverdue: null };
  }
  candidates.sort((a, b) => a.day - b.day || DUE_KIND_RANK[a.kind] - DUE_KIND_RANK[b.kind]);
  const due = candidates[0]!;

  if (due.day < t) {
    const overdue = calendar.workingDaysBetween(due.date, today);
    return {
      light: overdue > settings.severeAfterWorkingDays ? 'severe' : 'red',
      reason: `${due.kind}_overdue`,
      dueDate: due.date,
      workingDaysLeft: null,
      workingDaysOverdue: overdue,
    };
  }
  const left = calendar.workingDaysBetween(today, due.date);
  return {
    light: left <= settings.yellowWithinWorkingDays ? 'yellow' : 'green',
    reason: left <= settings.yellowWithinWorkingDays ? `${due.kind}_near` : 'on_track',
    dueDate: due.date,
    workingDaysLeft: left,
    workingDaysOverdue: null,
  };
}

// ---------------------------------------------------------------------------------------------------
// 4. Periodic reports and periods (长期坚持)
// ---------------------------------------------------------------------------------------------------

/** The date `months` calendar months after `date`, keeping the day of month clamped to the month's end. */
export function addMonths(date: string, months: number): string {
  if (!Number.isSafeInteger(months)) throw new RangeError(`months must be an integer, got ${String(months)}`);
  const { year, month, day } = civilFromDays(parseIsoDate(date));
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatIsoDate(daysFromCivil(y, m, Math.min(day, daysInMonth(y, m))));
}

/**
 * When the next periodic progress report is due: one cadence after the last report, or after the
 * start when there has been none. Null when the problem has not started (no startedOn and no report).
 */
export function nextReportDue(
  lastReportOn: string | null,
  startedOn: string | null,
  cadence: ReportCadence,
  calendar: WorkingCalendar,
): string | null {
  if (!Number.isSafeInteger(cadence.every) || cadence.every < 1) {
    throw new RangeError(`cadence.every must be a positive integer, got ${String(cadence.every)}`);
  }
  const base = lastReportOn ?? startedOn;
  if (base === null) return null;
  switch (cadence.unit) {
    case 'working_days':
      return calendar.addWorkingDays(base, cadence.every);
    case 'days':
      return calendar.addWorkingDays(formatIsoDate(parseIsoDate(base) + cadence.every), 0);
    case 'months':
      return calendar.addWorkingDays(addMonths(base, cadence.every), 0);
    default:
      throw new RangeError(`Unknown cadence unit "${String((cadence as { unit: unknown }).unit)}"`);
  }
}

/** Period key of a date: '2026-03' (month), '2026-Q1' (quarter), '2026-H1' (half_year), '2026' (year). */
export function periodOf(date: string, granularity: PeriodGranularity): string {
  return periodBounds(date, granularity).key;
}

/** The period containing `date`: its key and its first and last day (inclusive). */
export function periodBounds(date: string, granularity: PeriodGranularity): { key: string; start: string; end: string } {
  const { year, month } = civilFromDays(parseIsoDate(date));
  const y = String(year).padStart(4, '0');
  let first: number; // first month of the period
  let length: number; // months in it
  let key: string;
  switch (granularity) {
    case 'month':
      first = month;
      length = 1;
      key = `${y}-${String(month).padStart(2, '0')}`;
      break;
    case 'quarter': {
      const q = Math.floor((month - 1) / 3) + 1;
      first = (q - 1) * 3 + 1;
      length = 3;
      key = `${y}-Q${q}`;
      break;
    }
    case 'half_year': {
      const h = month <= 6 ? 1 : 2;
      first = h === 1 ? 1 : 7;
      length = 6;
      key = `${y}-H${h}`;
      break;
    }
    case 'year':
      first = 1;
      length = 12;
      key = y;
      break;
    default:
      throw new RangeError(`Unknown period granularity "${String(granularity)}"`);
  }
  const last = first + length - 1;
  return {
    key,
    start: formatIsoDate(daysFromCivil(year, first, 1)),
    end: formatIsoDate(daysFromCivil(year, last, daysInMonth(year, last))),
  };
}

// ---------------------------------------------------------------------------------------------------
// 5. Acknowledgement
// ---------------------------------------------------------------------------------------------------

/** Acknowledgement (签收) due date: assignedOn + N working days (counting from the day after). */
export function acknowledgementDue(assignedOn: string, workingDays: number, calendar: WorkingCalendar): string {
  assertNonNegativeInteger('workingDays', workingDays);
  return calendar.addWorkingDays(assignedOn, workingDays);
}
