import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../src/domain/calendar/calendar.js';
import { shippedCalendarYears } from '../../src/domain/calendar/shipped.js';
import {
  DEFAULT_IMMEDIATE_WORKING_DAYS,
  DEFAULT_SCHEDULE_SETTINGS,
  DEFAULT_WARNING_SETTINGS,
  LIFECYCLE_STATUSES,
  SCHEDULE_STATES,
  WARNING_LIGHTS,
  WARNING_REASONS,
  acknowledgementDue,
  addMonths,
  effectiveDeadline,
  effectiveDeadlineDetail,
  expectedFraction,
  isRectifiedOrClosed,
  latestApprovedExtension,
  nextReportDue,
  periodBounds,
  periodOf,
  scheduleState,
  warningLight,
  type DeadlineInput,
  type LifecycleStatus,
  type MilestoneInput,
  type ScheduleInput,
  type WarningInput,
  type WarningReason,
} from '../../src/domain/schedule.js';

const cal = createWorkingCalendar(shippedCalendarYears);

// Facts of the shipped calendars these tests lean on (asserted once, so a data change fails loudly here):
//   2026 春节: 2026-02-15 … 02-23 off; Saturdays 2026-02-14 and 02-28 are make-up working days.
//   2025 国庆+中秋: 2025-10-01 … 10-08 off; Sunday 2025-09-28 and Saturday 2025-10-11 are working days.
describe('calendar facts used below', () => {
  it('matches the official 2025 and 2026 arrangements', () => {
    expect(cal.isWorkingDay('2026-02-13')).toBe(true);
    expect(cal.isWorkingDay('2026-02-14')).toBe(true); // make-up Saturday
    for (const d of ['2026-02-15', '2026-02-16', '2026-02-20', '2026-02-23']) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2026-02-24')).toBe(true);
    expect(cal.isWorkingDay('2026-02-28')).toBe(true); // make-up Saturday
    expect(cal.isWorkingDay('2025-09-28')).toBe(true); // make-up Sunday
    for (const d of ['2025-10-01', '2025-10-08']) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2025-10-09')).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------------------

function schedule(overrides: Partial<ScheduleInput> = {}): ScheduleInput {
  return {
    status: 'rectifying',
    deadlineKind: 'date',
    deadline: '2026-03-30',
    startedOn: '2026-03-02',
    milestones: [],
    ...overrides,
  };
}

function warn(overrides: Partial<WarningInput> = {}): WarningInput {
  return { ...schedule(), ...overrides };
}

const ms = (dueDate: string, doneOn: string | null = null): MilestoneInput => ({ dueDate, doneOn });

/** n milestones all due on the deadline (so the overdue rule stays out of the way), the first k done. */
function milestones(n: number, k: number, dueDate = '2026-03-30', doneOn = '2026-03-03'): MilestoneInput[] {
  return Array.from({ length: n }, (_, i) => ms(dueDate, i < k ? doneOn : null));
}

function deadlineInput(overrides: Partial<DeadlineInput> = {}): DeadlineInput {
  return { deadlineKind: 'date', deadline: '2026-06-30', assignedOn: '2026-03-02', extensions: [], ...overrides };
}

const RECTIFIED: LifecycleStatus[] = ['self_check_submitted', 'verifying', 'public_notice', 'notice_completed', 'archived'];

// ---------------------------------------------------------------------------------------------------
// Vocabularies
// ---------------------------------------------------------------------------------------------------

describe('exported vocabularies', () => {
  it('lists the schedule states, lights and reasons as stable codes', () => {
    expect(SCHEDULE_STATES).toEqual(['not_started', 'behind', 'on_schedule', 'ahead', 'rectified', 'closed']);
    expect(WARNING_LIGHTS).toEqual(['green', 'yellow', 'red', 'severe']);
    expect(WARNING_REASONS).toEqual([
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
    ]);
    for (const list of [SCHEDULE_STATES, WARNING_LIGHTS, WARNING_REASONS, LIFECYCLE_STATUSES]) {
      expect(new Set(list).size).toBe(list.length);
    }
  });

  it('has the documented defaults', () => {
    expect(DEFAULT_IMMEDIATE_WORKING_DAYS).toBe(10);
    expect(DEFAULT_WARNING_SETTINGS).toEqual({ yellowWithinWorkingDays: 5, severeAfterWorkingDays: 10 });
    expect(DEFAULT_SCHEDULE_SETTINGS).toEqual({ aheadMargin: 0.2, behindTolerance: 0.1 });
    expect(Object.isFrozen(DEFAULT_WARNING_SETTINGS)).toBe(true);
  });

  it('isRectifiedOrClosed is true from the self-check on', () => {
    for (const s of LIFECYCLE_STATUSES) {
      expect(isRectifiedOrClosed(s)).toBe(RECTIFIED.includes(s) || s === 'closed');
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// 1. Effective deadline
// ---------------------------------------------------------------------------------------------------

describe('effectiveDeadline', () => {
  it('returns the original date without extensions', () => {
    expect(effectiveDeadline(deadlineInput(), cal)).toBe('2026-06-30');
    expect(effectiveDeadlineDetail(deadlineInput(), cal)).toEqual({
      deadline: '2026-06-30',
      source: 'original',
      originalDeadline: '2026-06-30',
      extension: null,
    });
  });

  it('ignores pending and refused extensions', () => {
    const p = deadlineInput({
      extensions: [
        { newDeadline: '2026-09-30', status: 'pending' },
        { newDeadline: '2026-12-31', status: 'refused', decidedAt: '2026-05-01' },
      ],
    });
    expect(effectiveDeadline(p, cal)).toBe('2026-06-30');
    expect(latestApprovedExtension(p.extensions)).toBeNull();
  });

  it('uses an approved extension', () => {
    const approved = { newDeadline: '2026-09-30', status: 'approved' as const, decidedAt: '2026-06-01' };
    const p = deadlineInput({ extensions: [{ newDeadline: '2026-08-31', status: 'pending' }, approved] });
    expect(effectiveDeadline(p, cal)).toBe('2026-09-30');
    expect(effectiveDeadlineDetail(p, cal)).toEqual({
      deadline: '2026-09-30',
      source: 'extension',
      originalDeadline: '2026-06-30',
      extension: approved,
    });
  });

  it('the latest approved extension wins (by decidedAt), even when it shortens', () => {
    const p = deadlineInput({
      extensions: [
        { newDeadline: '2026-12-31', status: 'approved', decidedAt: '2026-08-01' },
        { newDeadline: '2026-09-30', status: 'approved', decidedAt: '2026-06-01' }, // listed later, decided earlier
        { newDeadline: '2027-03-31', status: 'refused', decidedAt: '2026-10-01' },
        { newDeadline: '2027-06-30', status: 'pending' },
      ],
    });
    expect(effectiveDeadline(p, cal)).toBe('2026-12-31');

    const shortened = deadlineInput({
      extensions: [
        { newDeadline: '2026-12-31', status: 'approved', decidedAt: '2026-06-01' },
        { newDeadline: '2026-10-31', status: 'approved', decidedAt: '2026-07-01' },
      ],
    });
    expect(effectiveDeadline(shortened, cal)).toBe('2026-10-31');
  });

  it('orders by list position when decidedAt is missing, and compares dates with timestamps', () => {
    const byOrder = deadlineInput({
      extensions: [
        { newDeadline: '2026-09-30', status: 'approved' },
        { newDeadline: '2026-08-31', status: 'approved' },
      ],
    });
    expect(effectiveDeadline(byOrder, cal)).toBe('2026-08-31');

    const mixed = deadlineInput({
      extensions: [
        { newDeadline: '2026-09-30', status: 'approved', decidedAt: '2026-06-02T01:00:00+08:00' }, // 2026-06-01T17:00Z
        { newDeadline: '2026-08-31', status: 'approved', decidedAt: '2026-06-01' }, // 2026-06-01T00:00Z: earlier
      ],
    });
    expect(effectiveDeadline(mixed, cal)).toBe('2026-09-30');

    const tie = deadlineInput({
      extensions: [
        { newDeadline: '2026-09-30', status: 'approved', decidedAt: '2026-06-01T08:00:00Z' },
        { newDeadline: '2026-10-31', status: 'approved', decidedAt: '2026-06-01T08:00:00Z' },
      ],
    });
    expect(effectiveDeadline(tie, cal)).toBe('2026-10-31');
  });

  it('derives 立行立改 deadlines: assignedOn + 10 working days by default, across holidays', () => {
    // 2026-02-10 + 10 working days: 11, 12, 13, 14 (make-up Sat), [春节], 24, 25, 26, 27, 28 (make-up Sat), 03-02
    const p = deadlineInput({ deadlineKind: 'immediate', deadline: null, assignedOn: '2026-02-10' });
    expect(effectiveDeadline(p, cal)).toBe('2026-03-02');
    expect(effectiveDeadlineDetail(p, cal).source).toBe('immediate');
    expect(effectiveDeadline(p, cal, { immediateWorkingDays: 5 })).toBe('2026-02-24');
    // 2025-09-26 + 10: 28 (make-up Sun), 29, 30, [国庆], 10-09, 10, 11 (make-up Sat), 13, 14, 15, 16
    expect(effectiveDeadline(deadlineInput({ deadlineKind: 'immediate', assignedOn: '2025-09-26' }), cal)).toBe('2025-10-16');
  });

  it('ignores a stored date for 立行立改, lets an approved extension win, and has none before assignment', () => {
    expect(effectiveDeadline(deadlineInput({ deadlineKind: 'immediate', deadline: '2099-01-01', assignedOn: '2026-02-10' }), cal)).toBe(
      '2026-03-02',
    );
    const extended = deadlineInput({
      deadlineKind: 'immediate',
      assignedOn: '2026-02-10',
      extensions: [{ newDeadline: '2026-04-30', status: 'approved', decidedAt: '2026-02-27' }],
    });
    expect(effectiveDeadlineDetail(extended, cal)).toMatchObject({ deadline: '2026-04-30', source: 'extension', originalDeadline: '2026-03-02' });
    expect(effectiveDeadlineDetail(deadlineInput({ deadlineKind: 'immediate', assignedOn: null }), cal)).toEqual({
      deadline: null,
      source: 'none',
      originalDeadline: null,
      extension: null,
    });
  });

  it('has no final deadline for 长期坚持, even with an extension', () => {
    const p = deadlineInput({
      deadlineKind: 'ongoing',
      deadline: '2026-12-31',
      extensions: [{ newDeadline: '2027-12-31', status: 'approved' }],
    });
    expect(effectiveDeadline(p, cal)).toBeNull();
    expect(effectiveDeadlineDetail(p, cal).source).toBe('none');
  });

  it('returns null for a dated problem without a date, and rejects bad input', () => {
    expect(effectiveDeadlineDetail(deadlineInput({ deadline: null }), cal)).toMatchObject({ deadline: null, source: 'none' });
    expect(() => effectiveDeadline(deadlineInput({ deadline: '2026-02-30' }), cal)).toThrow(RangeError);
    expect(() => effectiveDeadline(deadlineInput({ extensions: [{ newDeadline: '2026/09/30', status: 'approved' }] }), cal)).toThrow(
      RangeError,
    );
    expect(() =>
      effectiveDeadline(
        deadlineInput({
          extensions: [
            { newDeadline: '2026-09-30', status: 'approved', decidedAt: 'yesterday' },
            { newDeadline: '2026-10-30', status: 'approved', decidedAt: '2026-06-01' },
          ],
        }),
        cal,
      ),
    ).toThrow(RangeError);
    expect(() => effectiveDeadline(deadlineInput({ deadlineKind: 'immediate' }), cal, { immediateWorkingDays: -1 })).toThrow(RangeError);
    expect(() => effectiveDeadline(deadlineInput({ deadlineKind: 'someday' as 'date' }), cal)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------
// 2. Schedule state
// ---------------------------------------------------------------------------------------------------

describe('scheduleState: lifecycle', () => {
  it('closed → closed, whatever the dates', () => {
    expect(scheduleState(schedule({ status: 'closed', milestones: [ms('2026-03-05')] }), '2026-12-31', cal)).toBe('closed');
  });

  it('self-check submitted and later → rectified, even past the deadline', () => {
    for (const status of RECTIFIED) {
      expect(scheduleState(schedule({ status, milestones: [ms('2026-03-05')] }), '2026-12-31', cal)).toBe('rectified');
    }
  });

  it('registered / assigned / acknowledged with nothing done → not_started, even past the deadline', () => {
    for (const status of ['registered', 'assigned', 'acknowledged'] as const) {
      expect(scheduleState(schedule({ status, startedOn: null }), '2026-03-10', cal)).toBe('not_started');
      expect(scheduleState(schedule({ status, milestones: milestones(2, 0) }), '2026-12-31', cal)).toBe('not_started');
      expect(scheduleState(schedule({ status, deadlineKind: 'ongoing', deadline: null }), '2026-03-10', cal)).toBe('not_started');
    }
  });

  it('a pre-start status with a milestone done is measured like rectifying', () => {
    const input = schedule({ status: 'acknowledged', milestones: milestones(2, 2) });
    expect(scheduleState(input, '2026-03-10', cal)).toBe('ahead');
    // the completion is recorded for a later day: as of today nothing is done yet
    expect(scheduleState(schedule({ status: 'acknowledged', milestones: milestones(2, 1, '2026-03-30', '2026-03-20') }), '2026-03-10', cal)).toBe(
      'not_started',
    );
  });

  it('rejects an unknown status and an invalid today', () => {
    expect(() => scheduleState(schedule({ status: 'lost' as LifecycleStatus }), '2026-03-10', cal)).toThrow(RangeError);
    expect(() => scheduleState(schedule(), '2026-3-10', cal)).toThrow(RangeError);
  });
});

describe('scheduleState: dated problems', () => {
  it('any milestone past its due date and not done → behind, even when the rest is far ahead', () => {
    const input = schedule({ milestones: [ms('2026-03-05'), ms('2026-03-30', '2026-03-03'), ms('2026-03-30', '2026-03-03')] });
    expect(scheduleState(input, '2026-03-05', cal)).toBe('ahead'); // due today is not overdue; 2/3 done vs 0.15 expected
    expect(scheduleState(input, '2026-03-06', cal)).toBe('behind');
  });

  it('a milestone done late is no longer overdue', () => {
    expect(scheduleState(schedule({ milestones: [ms('2026-03-05', '2026-03-09'), ms('2026-03-30')] }), '2026-03-16', cal)).toBe(
      'on_schedule',
    );
  });

  it('deadline passed without a self-check → behind, even with every milestone done', () => {
    expect(scheduleState(schedule({ milestones: milestones(3, 3) }), '2026-03-30', cal)).toBe('on_schedule');
    expect(scheduleState(schedule({ milestones: milestones(3, 3) }), '2026-03-31', cal)).toBe('behind');
    expect(scheduleState(schedule(), '2026-03-31', cal)).toBe('behind');
  });

  it('without milestones: on_schedule until the deadline (inclusive), then behind', () => {
    expect(scheduleState(schedule(), '2026-03-02', cal)).toBe('on_schedule');
    expect(scheduleState(schedule(), '2026-03-29', cal)).toBe('on_schedule');
    expect(scheduleState(schedule(), '2026-03-30', cal)).toBe('on_schedule');
    expect(scheduleState(schedule(), '2026-03-31', cal)).toBe('behind');
  });

  it('all milestones done while time remains → ahead', () => {
    expect(scheduleState(schedule({ milestones: milestones(4, 4) }), '2026-03-04', cal)).toBe('ahead');
    expect(scheduleState(schedule({ milestones: milestones(1, 1) }), '2026-03-29', cal)).toBe('ahead');
    // on the deadline itself, finishing is on schedule, not ahead
    expect(scheduleState(schedule({ milestones: milestones(1, 1) }), '2026-03-30', cal)).toBe('on_schedule');
  });

  // 2026-03-02 (Mon) → 2026-03-30 (Mon): 20 working days, no holidays. Four milestones all due at the end,
  // so only the 按序时 comparison decides. Tolerance = max(0.1, 1/4) = 0.25, ahead margin 0.2.
  it.each([
    // today, done of 4, expected, state
    ['2026-03-02', 0, 0, 'on_schedule'],
    ['2026-03-06', 0, 0.2, 'on_schedule'], // 0 ≥ 0.2 − 0.25
    ['2026-03-09', 0, 0.25, 'on_schedule'], // 0 ≥ 0.25 − 0.25 (boundary)
    ['2026-03-10', 0, 0.3, 'behind'],
    ['2026-03-10', 1, 0.3, 'on_schedule'],
    ['2026-03-10', 2, 0.3, 'ahead'], // 0.5 ≥ 0.3 + 0.2 (boundary, no float slip)
    ['2026-03-02', 1, 0, 'ahead'],
    ['2026-03-20', 1, 0.7, 'behind'],
    ['2026-03-20', 2, 0.7, 'on_schedule'],
    ['2026-03-20', 3, 0.7, 'on_schedule'], // 0.75 < 0.9
    ['2026-03-13', 3, 0.45, 'ahead'],
    ['2026-03-30', 3, 1, 'on_schedule'], // 0.75 ≥ 1 − 0.25
    ['2026-03-30', 2, 1, 'behind'],
  ] as const)('按序时 on %s with %i of 4 done (expected %f) → %s', (today, done, expected, state) => {
    expect(expectedFraction('2026-03-02', '2026-03-30', today, cal)).toBeCloseTo(expected, 10);
    expect(scheduleState(schedule({ milestones: milestones(4, done, '2026-03-30', '2026-03-02') }), today, cal)).toBe(state);
  });

  it('counts elapsed time in working days across 春节 and make-up days', () => {
    // (2026-02-06, 2026-03-06]: 9–13, 14 (make-up Sat), 24–27, 28 (make-up Sat), 03-02–06 = 16 working days.
    // On 2026-02-23 (last holiday day) only 6 have passed: expected 0.375, not 17/28 ≈ 0.61 of calendar time.
    expect(expectedFraction('2026-02-06', '2026-03-06', '2026-02-23', cal)).toBeCloseTo(6 / 16, 10);
    expect(expectedFraction('2026-02-06', '2026-03-06', '2026-02-14', cal)).toBeCloseTo(6 / 16, 10);
    expect(expectedFraction('2026-02-06', '2026-03-06', '2026-02-13', cal)).toBeCloseTo(5 / 16, 10);
    const input = (done: number) =>
      schedule({ deadline: '2026-03-06', startedOn: '2026-02-06', milestones: milestones(10, done, '2026-03-06', '2026-02-10') });
    // ten milestones: tolerance 0.1
    expect(scheduleState(input(3), '2026-02-23', cal)).toBe('on_schedule'); // 0.3 ≥ 0.275
    expect(scheduleState(input(2), '2026-02-23', cal)).toBe('behind'); // 0.2 < 0.275
    expect(scheduleState(input(6), '2026-02-23', cal)).toBe('ahead'); // 0.6 ≥ 0.575
  });

  it('expectedFraction clamps to 0..1 and is 1 when there is no working time at all', () => {
    expect(expectedFraction('2026-03-02', '2026-03-30', '2026-02-01', cal)).toBe(0);
    expect(expectedFraction('2026-03-02', '2026-03-30', '2026-05-01', cal)).toBe(1);
    expect(expectedFraction('2026-02-16', '2026-02-22', '2026-02-16', cal)).toBe(1); // inside 春节
    expect(expectedFraction('2026-03-30', '2026-03-30', '2026-03-30', cal)).toBe(1);
    expect(scheduleState(schedule({ startedOn: '2026-03-30', milestones: milestones(4, 2) }), '2026-03-30', cal)).toBe('behind');
  });

  it('falls back to the first completion when startedOn is missing, and skips 按序时 with no start at all', () => {
    const input = schedule({ startedOn: null, milestones: [ms('2026-03-30', '2026-03-16'), ...milestones(3, 0)] });
    // start 2026-03-16 → (03-16, 03-30]: 10 working days; on 03-20, 4 elapsed → expected 0.4; actual 0.25 ≥ 0.15
    expect(scheduleState(input, '2026-03-20', cal)).toBe('on_schedule');
    // from 2026-03-02 it would be 0.7 expected → behind: the fallback matters
    expect(scheduleState({ ...input, startedOn: '2026-03-02' }, '2026-03-20', cal)).toBe('behind');
    expect(scheduleState(schedule({ startedOn: null, milestones: milestones(4, 0) }), '2026-03-27', cal)).toBe('on_schedule');
  });

  it('honours custom margins', () => {
    const input = schedule({ milestones: milestones(20, 5, '2026-03-30', '2026-03-02') }); // actual 0.25
    expect(scheduleState(input, '2026-03-11', cal)).toBe('on_schedule'); // expected 0.35, tolerance 0.1
    // the tolerance never drops below one milestone's share (1/20)
    expect(scheduleState(input, '2026-03-10', cal, { behindTolerance: 0 })).toBe('on_schedule'); // 0.25 ≥ 0.3 − 0.05
    expect(scheduleState(input, '2026-03-11', cal, { behindTolerance: 0 })).toBe('behind'); // 0.25 < 0.35 − 0.05
    expect(scheduleState(input, '2026-03-02', cal, { aheadMargin: 0.3 })).toBe('on_schedule');
    expect(scheduleState(input, '2026-03-02', cal)).toBe('ahead');
    expect(() => scheduleState(input, '2026-03-02', cal, { aheadMargin: -1 })).toThrow(RangeError);
  });

  it('immediate problems are measured against their derived deadline', () => {
    const deadline = effectiveDeadline(deadlineInput({ deadlineKind: 'immediate', assignedOn: '2026-02-10' }), cal);
    const input = schedule({ deadlineKind: 'immediate', deadline, startedOn: '2026-02-10' });
    expect(scheduleState(input, '2026-03-02', cal)).toBe('on_schedule');
    expect(scheduleState(input, '2026-03-03', cal)).toBe('behind');
  });

  it('a dated problem without any deadline yet is followed like an ongoing one', () => {
    const input = schedule({ deadlineKind: 'immediate', deadline: null, milestones: milestones(2, 2) });
    expect(scheduleState(input, '2026-03-10', cal)).toBe('on_schedule');
    expect(scheduleState({ ...input, nextReportDue: '2026-03-09' }, '2026-03-10', cal)).toBe('behind');
  });
});

describe('scheduleState: ongoing (长期坚持)', () => {
  const ongoing = (overrides: Partial<ScheduleInput> = {}) =>
    schedule({ deadlineKind: 'ongoing', deadline: null, startedOn: '2025-01-06', ...overrides });

  it('is on schedule while reports are on time, behind once one is overdue', () => {
    expect(scheduleState(ongoing(), '2026-03-10', cal)).toBe('on_schedule');
    expect(scheduleState(ongoing({ nextReportDue: '2026-03-10' }), '2026-03-10', cal)).toBe('on_schedule');
    expect(scheduleState(ongoing({ nextReportDue: '2026-03-09' }), '2026-03-10', cal)).toBe('behind');
    expect(scheduleState(ongoing({ nextReportDue: null }), '2026-03-10', cal)).toBe('on_schedule');
  });

  it('is behind when a milestone is overdue, and never ahead', () => {
    expect(scheduleState(ongoing({ milestones: [ms('2026-03-05')] }), '2026-03-10', cal)).toBe('behind');
    expect(scheduleState(ongoing({ milestones: milestones(3, 3) }), '2026-03-10', cal)).toBe('on_schedule');
  });

  it('ignores a stray deadline value', () => {
    expect(scheduleState(ongoing({ deadline: '2025-12-31' }), '2026-03-10', cal)).toBe('on_schedule');
  });

  it('reaches every state', () => {
    const seen = new Set<string>([
      scheduleState(schedule({ status: 'closed' }), '2026-03-10', cal),
      scheduleState(schedule({ status: 'verifying' }), '2026-03-10', cal),
      scheduleState(schedule({ status: 'assigned' }), '2026-03-10', cal),
      scheduleState(schedule({ milestones: milestones(4, 0) }), '2026-03-20', cal),
      scheduleState(schedule({ milestones: milestones(4, 2) }), '2026-03-20', cal),
      scheduleState(schedule({ milestones: milestones(4, 4) }), '2026-03-20', cal),
    ]);
    expect([...seen].sort()).toEqual([...SCHEDULE_STATES].sort());
  });
});

// ---------------------------------------------------------------------------------------------------
// 3. Warning light
// ---------------------------------------------------------------------------------------------------

describe('warningLight: working days across holidays and make-up days', () => {
  const due0224 = warn({ deadline: '2026-02-24', startedOn: '2026-01-05' });

  it('deadline 2026-02-24 seen on 2026-02-13 (Fri before 春节): 2 working days left → yellow', () => {
    // (02-13, 02-24]: 02-14 (make-up Saturday) and 02-24
    expect(warningLight(due0224, '2026-02-13', cal)).toEqual({
      light: 'yellow',
      reason: 'deadline_near',
      dueDate: '2026-02-24',
      workingDaysLeft: 2,
      workingDaysOverdue: null,
    });
  });

  it('seen on 2026-02-12: 3 working days; on the make-up Saturday 2026-02-14: 1', () => {
    expect(warningLight(due0224, '2026-02-12', cal)).toMatchObject({ light: 'yellow', workingDaysLeft: 3 });
    expect(warningLight(due0224, '2026-02-14', cal)).toMatchObject({ light: 'yellow', workingDaysLeft: 1 });
    // during the holiday the only working day left is the deadline itself
    expect(warningLight(due0224, '2026-02-15', cal)).toMatchObject({ light: 'yellow', workingDaysLeft: 1 });
    expect(warningLight(due0224, '2026-02-23', cal)).toMatchObject({ light: 'yellow', workingDaysLeft: 1 });
  });

  it('the yellow boundary is ≤ N working days, however many calendar days remain', () => {
    expect(warningLight(due0224, '2026-02-10', cal)).toMatchObject({ light: 'yellow', reason: 'deadline_near', workingDaysLeft: 5 });
    expect(warningLight(due0224, '2026-02-09', cal)).toMatchObject({ light: 'green', reason: 'on_track', dueDate: '2026-02-24', workingDaysLeft: 6 });
    expect(warningLight(due0224, '2026-02-06', cal)).toMatchObject({ light: 'green', workingDaysLeft: 7 });
    const n2 = { ...DEFAULT_WARNING_SETTINGS, yellowWithinWorkingDays: 2 };
    expect(warningLight(due0224, '2026-02-12', cal, n2)).toMatchObject({ light: 'green', workingDaysLeft: 3 });
    expect(warningLight(due0224, '2026-02-13', cal, n2)).toMatchObject({ light: 'yellow', workingDaysLeft: 2 });
  });

  it('deadline 2025-10-09 across 国庆 2025 (make-up Sunday 09-28 counts)', () => {
    const input = warn({ deadline: '2025-10-09', startedOn: '2025-09-01' });
    expect(warningLight(input, '2025-09-30', cal)).toMatchObject({ light: 'yellow', workingDaysLeft: 1 });
    expect(warningLight(input, '2025-10-05', cal)).toMatchObject({ light: 'yellow', workingDaysLeft: 1 });
    expect(warningLight(input, '2025-09-26', cal)).toMatchObject({ light: 'yellow', workingDaysLeft: 4 }); // 28, 29, 30, 10-09
    expect(warningLight(input, '2025-09-25', cal)).toMatchObject({ light: 'yellow', workingDaysLeft: 5 });
    expect(warningLight(input, '2025-09-24', cal)).toMatchObject({ light: 'green', reason: 'on_track', workingDaysLeft: 6 });
    expect(warningLight(input, '2025-10-10', cal)).toMatchObject({ light: 'red', reason: 'deadline_overdue', workingDaysOverdue: 1 });
  });

  it('due today → yellow (not red) with 0 working days left; due on a holiday seen the day before → 0 left', () => {
    expect(warningLight(due0224, '2026-02-24', cal)).toEqual({
      light: 'yellow',
      reason: 'deadline_near',
      dueDate: '2026-02-24',
      workingDaysLeft: 0,
      workingDaysOverdue: null,
    });
    const zero = { ...DEFAULT_WARNING_SETTINGS, yellowWithinWorkingDays: 0 };
    expect(warningLight(due0224, '2026-02-24', cal, zero)).toMatchObject({ light: 'yellow', workingDaysLeft: 0 });
    expect(warningLight(due0224, '2026-02-23', cal, zero)).toMatchObject({ light: 'green', workingDaysLeft: 1 });
    expect(warningLight(warn({ deadline: '2026-02-17' }), '2026-02-16', cal, zero)).toMatchObject({ light: 'yellow', workingDaysLeft: 0 });
  });

  it('overdue: red up to severeAfterWorkingDays working days, severe beyond', () => {
    // 2026-03-02 (Mon) + 10 working days = 03-16, + 11 = 03-17
    const input = warn({ deadline: '2026-03-02', startedOn: '2026-02-02' });
    expect(warningLight(input, '2026-03-03', cal)).toMatchObject({ light: 'red', reason: 'deadline_overdue', workingDaysOverdue: 1, workingDaysLeft: null });
    expect(warningLight(input, '2026-03-16', cal)).toEqual({
      light: 'red',
      reason: 'deadline_overdue',
      dueDate: '2026-03-02',
      workingDaysLeft: null,
      workingDaysOverdue: 10,
    });
    expect(warningLight(input, '2026-03-17', cal)).toEqual({
      light: 'severe',
      reason: 'deadline_overdue',
      dueDate: '2026-03-02',
      workingDaysLeft: null,
      workingDaysOverdue: 11,
    });
    const strict = { ...DEFAULT_WARNING_SETTINGS, severeAfterWorkingDays: 0 };
    expect(warningLight(input, '2026-03-03', cal, strict)).toMatchObject({ light: 'severe' });
  });

  it('overdue counts skip 春节: 10 working days late on 2026-02-26, 11 on 02-27', () => {
    // (2026-02-05, 02-26]: 6, 9–13, 14 (make-up Sat), 24, 25, 26 = 10
    const input = warn({ deadline: '2026-02-05', startedOn: '2026-01-05' });
    expect(warningLight(input, '2026-02-23', cal)).toMatchObject({ light: 'red', workingDaysOverdue: 7 });
    expect(warningLight(input, '2026-02-26', cal)).toMatchObject({ light: 'red', workingDaysOverdue: 10 });
    expect(warningLight(input, '2026-02-27', cal)).toMatchObject({ light: 'severe', workingDaysOverdue: 11 });
    // due Friday 02-13, seen 02-24: only the make-up Saturday and 02-24 have passed
    expect(warningLight(warn({ deadline: '2026-02-13' }), '2026-02-24', cal)).toMatchObject({ light: 'red', workingDaysOverdue: 2 });
  });

  it('a due date passed over days off only is red with 0 working days overdue', () => {
    expect(warningLight(warn({ deadline: '2026-03-06' }), '2026-03-07', cal)).toMatchObject({
      light: 'red',
      reason: 'deadline_overdue',
      workingDaysOverdue: 0,
    });
  });
});

describe('warningLight: reasons and ordering', () => {
  const today = '2026-03-10';

  it('done for rectified and closed problems, whatever is overdue', () => {
    for (const status of [...RECTIFIED, 'closed' as const]) {
      expect(
        warningLight(warn({ status, deadline: '2026-01-05', milestones: [ms('2026-01-02')], nextReportDue: '2026-01-01' }), today, cal),
      ).toEqual({ light: 'green', reason: 'done', dueDate: null, workingDaysLeft: null, workingDaysOverdue: null });
    }
  });

  it('on_track with nothing due at all', () => {
    expect(warningLight(warn({ deadlineKind: 'ongoing', deadline: null }), today, cal)).toEqual({
      light: 'green',
      reason: 'on_track',
      dueDate: null,
      workingDaysLeft: null,
      workingDaysOverdue: null,
    });
    expect(warningLight(warn({ status: 'registered', deadline: null }), today, cal).reason).toBe('on_track');
  });

  it('milestone_near / milestone_overdue: an undone milestone earlier than the deadline', () => {
    const input = warn({ deadline: '2026-06-30', milestones: [ms('2026-03-12'), ms('2026-05-29')] });
    expect(warningLight(input, today, cal)).toMatchObject({ light: 'yellow', reason: 'milestone_near', dueDate: '2026-03-12', workingDaysLeft: 2 });
    expect(warningLight(input, '2026-03-13', cal)).toMatchObject({ light: 'red', reason: 'milestone_overdue', dueDate: '2026-03-12', workingDaysOverdue: 1 });
    expect(warningLight(input, '2026-03-27', cal)).toMatchObject({ light: 'severe', reason: 'milestone_overdue', workingDaysOverdue: 11 });
  });

  it('done milestones do not count; one done only after today still does', () => {
    const input = warn({ deadline: '2026-06-30', milestones: [ms('2026-03-05', '2026-03-04'), ms('2026-03-06', '2026-03-20')] });
    expect(warningLight(input, today, cal)).toMatchObject({ reason: 'milestone_overdue', dueDate: '2026-03-06' });
    expect(warningLight(input, '2026-03-20', cal)).toMatchObject({ light: 'green', reason: 'on_track', dueDate: '2026-06-30' });
  });

  it('ack_near / ack_overdue while assigned only', () => {
    const input = warn({ status: 'assigned', startedOn: null, deadline: '2026-06-30', ackDueDate: acknowledgementDue('2026-03-06', 3, cal) });
    expect(input.ackDueDate).toBe('2026-03-11');
    expect(warningLight(input, today, cal)).toMatchObject({ light: 'yellow', reason: 'ack_near', dueDate: '2026-03-11', workingDaysLeft: 1 });
    expect(warningLight(input, '2026-03-12', cal)).toMatchObject({ light: 'red', reason: 'ack_overdue', workingDaysOverdue: 1 });
    for (const status of ['registered', 'acknowledged', 'rectifying'] as const) {
      expect(warningLight({ ...input, status }, '2026-03-12', cal)).toMatchObject({ light: 'green', reason: 'on_track', dueDate: '2026-06-30' });
    }
  });

  it('report_near / report_overdue', () => {
    const input = warn({ deadline: '2026-06-30', nextReportDue: '2026-03-13' });
    expect(warningLight(input, today, cal)).toMatchObject({ light: 'yellow', reason: 'report_near', workingDaysLeft: 3 });
    expect(warningLight(input, '2026-03-16', cal)).toMatchObject({ light: 'red', reason: 'report_overdue', workingDaysOverdue: 1 });
  });

  it('deadline_near / deadline_overdue when the deadline is the earliest', () => {
    const input = warn({ deadline: '2026-03-12', milestones: [ms('2026-03-20')], nextReportDue: '2026-03-31' });
    expect(warningLight(input, today, cal)).toMatchObject({ light: 'yellow', reason: 'deadline_near', dueDate: '2026-03-12' });
    expect(warningLight(input, '2026-03-13', cal)).toMatchObject({ light: 'red', reason: 'deadline_overdue', dueDate: '2026-03-12' });
  });

  it('the earliest unmet due date wins, even over a later one that is already red', () => {
    // milestone overdue since 03-02 beats a deadline overdue since 03-05
    expect(warningLight(warn({ deadline: '2026-03-05', milestones: [ms('2026-03-02')] }), today, cal)).toMatchObject({
      light: 'red',
      reason: 'milestone_overdue',
      dueDate: '2026-03-02',
      workingDaysOverdue: 6,
    });
    // an overdue report beats a near deadline
    expect(warningLight(warn({ deadline: '2026-03-12', nextReportDue: '2026-03-09' }), today, cal)).toMatchObject({
      light: 'red',
      reason: 'report_overdue',
    });
    // a near milestone beats a distant deadline (green would hide it)
    expect(warningLight(warn({ deadline: '2026-09-30', milestones: [ms('2026-04-30'), ms('2026-03-11')] }), today, cal)).toMatchObject({
      light: 'yellow',
      reason: 'milestone_near',
      dueDate: '2026-03-11',
    });
    // the ack due date beats a later milestone
    expect(
      warningLight(warn({ status: 'assigned', ackDueDate: '2026-03-09', milestones: [ms('2026-03-11')] }), today, cal),
    ).toMatchObject({ reason: 'ack_overdue', dueDate: '2026-03-09' });
  });

  it('ties are named deadline, then milestone, then ack, then report', () => {
    const d = '2026-03-12';
    expect(warningLight(warn({ deadline: d, milestones: [ms(d)], nextReportDue: d }), today, cal).reason).toBe('deadline_near');
    expect(warningLight(warn({ deadline: '2026-06-30', milestones: [ms(d)], nextReportDue: d }), today, cal).reason).toBe('milestone_near');
    expect(warningLight(warn({ status: 'assigned', deadline: '2026-06-30', ackDueDate: d, nextReportDue: d }), today, cal).reason).toBe('ack_near');
  });

  it('ongoing problems warn on their reports only', () => {
    const input = warn({ deadlineKind: 'ongoing', deadline: '2026-03-01', startedOn: '2025-01-06', nextReportDue: '2026-03-20' });
    expect(warningLight(input, today, cal)).toMatchObject({ light: 'green', reason: 'on_track', dueDate: '2026-03-20', workingDaysLeft: 8 });
    expect(warningLight(input, '2026-03-16', cal)).toMatchObject({ light: 'yellow', reason: 'report_near' });
    // (03-20, 04-03]: 10 working days → red; 04-04 … 04-06 are 清明 off, so the 11th is 04-07
    expect(warningLight(input, '2026-04-03', cal)).toMatchObject({ light: 'red', reason: 'report_overdue', workingDaysOverdue: 10 });
    expect(warningLight(input, '2026-04-06', cal)).toMatchObject({ light: 'red', workingDaysOverdue: 10 });
    expect(warningLight(input, '2026-04-07', cal)).toMatchObject({ light: 'severe', reason: 'report_overdue', workingDaysOverdue: 11 });
  });

  it('produces every reason code', () => {
    const cases: WarningInput[] = [
      warn({ deadline: '2026-03-09' }),
      warn({ deadline: '2026-06-30', milestones: [ms('2026-03-09')] }),
      warn({ status: 'assigned', deadline: '2026-06-30', ackDueDate: '2026-03-09' }),
      warn({ deadline: '2026-06-30', nextReportDue: '2026-03-09' }),
      warn({ deadline: '2026-03-11' }),
      warn({ deadline: '2026-06-30', milestones: [ms('2026-03-11')] }),
      warn({ status: 'assigned', deadline: '2026-06-30', ackDueDate: '2026-03-11' }),
      warn({ deadline: '2026-06-30', nextReportDue: '2026-03-11' }),
      warn({ deadline: '2026-06-30' }),
      warn({ status: 'closed' }),
    ];
    const reasons: WarningReason[] = cases.map((c) => warningLight(c, today, cal).reason);
    expect(reasons).toEqual([...WARNING_REASONS]);
  });

  it('rejects bad settings, dates and statuses', () => {
    expect(() => warningLight(warn(), today, cal, { yellowWithinWorkingDays: -1, severeAfterWorkingDays: 10 })).toThrow(RangeError);
    expect(() => warningLight(warn(), today, cal, { yellowWithinWorkingDays: 5, severeAfterWorkingDays: 1.5 })).toThrow(RangeError);
    expect(() => warningLight(warn(), '2026-02-30', cal)).toThrow(RangeError);
    expect(() => warningLight(warn({ milestones: [ms('soon')] }), today, cal)).toThrow(RangeError);
    expect(() => warningLight(warn({ status: 'filed' as LifecycleStatus }), today, cal)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------
// 4. Periodic reports and periods
// ---------------------------------------------------------------------------------------------------

describe('nextReportDue', () => {
  it('working_days: counted with the calendar from the last report', () => {
    // 2026-02-12 + 5: 13, 14 (make-up Sat), [春节], 24, 25, 26
    expect(nextReportDue('2026-02-12', '2026-01-05', { every: 5, unit: 'working_days' }, cal)).toBe('2026-02-26');
    expect(nextReportDue('2025-09-30', '2025-01-06', { every: 1, unit: 'working_days' }, cal)).toBe('2025-10-09');
  });

  it('starts from startedOn without a report; null when not started', () => {
    expect(nextReportDue(null, '2026-03-02', { every: 10, unit: 'working_days' }, cal)).toBe('2026-03-16');
    expect(nextReportDue(null, null, { every: 10, unit: 'working_days' }, cal)).toBeNull();
    expect(nextReportDue('2026-03-02', null, { every: 1, unit: 'months' }, cal)).toBe('2026-04-02');
  });

  it('days: calendar days, a due date on a day off moving to the next working day', () => {
    expect(nextReportDue('2026-03-02', null, { every: 7, unit: 'days' }, cal)).toBe('2026-03-09');
    expect(nextReportDue('2026-03-01', null, { every: 7, unit: 'days' }, cal)).toBe('2026-03-09'); // Sunday 03-08 → Monday
    expect(nextReportDue('2026-02-08', null, { every: 7, unit: 'days' }, cal)).toBe('2026-02-24'); // 02-15 is 春节
    expect(nextReportDue('2026-01-28', null, { every: 17, unit: 'days' }, cal)).toBe('2026-02-14'); // make-up Saturday stays
  });

  it('months: same day of month, clamped to the month end, then rolled to a working day', () => {
    expect(nextReportDue('2026-01-31', null, { every: 1, unit: 'months' }, cal)).toBe('2026-02-28'); // make-up Saturday
    expect(nextReportDue('2025-01-31', null, { every: 1, unit: 'months' }, cal)).toBe('2025-02-28');
    expect(nextReportDue('2024-01-31', null, { every: 1, unit: 'months' }, cal)).toBe('2024-02-29');
    expect(nextReportDue('2025-09-01', null, { every: 1, unit: 'months' }, cal)).toBe('2025-10-09'); // 国庆
    expect(nextReportDue('2025-12-15', null, { every: 1, unit: 'months' }, cal)).toBe('2026-01-15');
    expect(nextReportDue('2025-03-31', null, { every: 3, unit: 'months' }, cal)).toBe('2025-06-30');
    expect(nextReportDue('2025-01-04', null, { every: 12, unit: 'months' }, cal)).toBe('2026-01-04'); // make-up Sunday (元旦)
    expect(nextReportDue('2024-12-01', null, { every: 1, unit: 'months' }, cal)).toBe('2025-01-02'); // 元旦 2025-01-01
  });

  it('rejects a non-positive or fractional cadence and an unknown unit', () => {
    for (const every of [0, -1, 1.5, Number.NaN]) {
      expect(() => nextReportDue('2026-03-02', null, { every, unit: 'days' }, cal)).toThrow(RangeError);
    }
    expect(() => nextReportDue('2026-03-02', null, { every: 1, unit: 'weeks' as 'days' }, cal)).toThrow(RangeError);
  });

  it('feeds the warning light and the schedule state of an ongoing problem', () => {
    const due = nextReportDue('2026-02-12', '2025-06-02', { every: 5, unit: 'working_days' }, cal);
    const input = warn({ deadlineKind: 'ongoing', deadline: null, startedOn: '2025-06-02', nextReportDue: due });
    expect(warningLight(input, '2026-02-24', cal)).toMatchObject({ light: 'yellow', reason: 'report_near', workingDaysLeft: 2 });
    expect(scheduleState(input, '2026-02-26', cal)).toBe('on_schedule');
    expect(warningLight(input, '2026-02-27', cal)).toMatchObject({ light: 'red', reason: 'report_overdue', workingDaysOverdue: 1 });
    expect(scheduleState(input, '2026-02-27', cal)).toBe('behind');
  });
});

describe('addMonths', () => {
  it('clamps to month ends and handles negative and year-crossing steps', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
    expect(addMonths('2026-01-15', 0)).toBe('2026-01-15');
    expect(() => addMonths('2026-01-15', 0.5)).toThrow(RangeError);
  });
});

describe('periodOf / periodBounds', () => {
  it.each([
    ['2026-01-01', 'month', '2026-01'],
    ['2026-12-31', 'month', '2026-12'],
    ['2026-03-31', 'quarter', '2026-Q1'],
    ['2026-04-01', 'quarter', '2026-Q2'],
    ['2026-09-30', 'quarter', '2026-Q3'],
    ['2026-10-01', 'quarter', '2026-Q4'],
    ['2026-06-30', 'half_year', '2026-H1'],
    ['2026-07-01', 'half_year', '2026-H2'],
    ['2026-12-31', 'year', '2026'],
  ] as const)('%s by %s → %s', (date, granularity, key) => {
    expect(periodOf(date, granularity)).toBe(key);
  });

  it('gives inclusive bounds', () => {
    expect(periodBounds('2024-02-10', 'month')).toEqual({ key: '2024-02', start: '2024-02-01', end: '2024-02-29' });
    expect(periodBounds('2026-02-10', 'quarter')).toEqual({ key: '2026-Q1', start: '2026-01-01', end: '2026-03-31' });
    expect(periodBounds('2026-11-10', 'quarter')).toEqual({ key: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
    expect(periodBounds('2026-08-10', 'half_year')).toEqual({ key: '2026-H2', start: '2026-07-01', end: '2026-12-31' });
    expect(periodBounds('2026-08-10', 'year')).toEqual({ key: '2026', start: '2026-01-01', end: '2026-12-31' });
  });

  it('keys sort chronologically within a granularity', () => {
    const keys = ['2026-11-01', '2025-12-31', '2026-01-01', '2026-04-15'].map((d) => periodOf(d, 'quarter'));
    expect([...keys].sort()).toEqual(['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q4']);
  });

  it('rejects bad input', () => {
    expect(() => periodOf('2026-13-01', 'month')).toThrow(RangeError);
    expect(() => periodOf('2026-01-01', 'week' as 'month')).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------
// 5. Acknowledgement
// ---------------------------------------------------------------------------------------------------

describe('acknowledgementDue', () => {
  it('adds working days counting from the day after assignment', () => {
    expect(acknowledgementDue('2026-03-02', 3, cal)).toBe('2026-03-05');
    expect(acknowledgementDue('2026-03-06', 1, cal)).toBe('2026-03-09'); // Friday → Monday
    expect(acknowledgementDue('2026-02-13', 3, cal)).toBe('2026-02-25'); // 14 (make-up Sat), [春节], 24, 25
    expect(acknowledgementDue('2025-09-30', 1, cal)).toBe('2025-10-09'); // across 国庆
    expect(acknowledgementDue('2025-09-26', 1, cal)).toBe('2025-09-28'); // make-up Sunday
  });

  it('0 means the same day, or the next working day when assigned on a day off', () => {
    expect(acknowledgementDue('2026-03-02', 0, cal)).toBe('2026-03-02');
    expect(acknowledgementDue('2026-02-16', 0, cal)).toBe('2026-02-24');
  });

  it('rejects bad input', () => {
    expect(() => acknowledgementDue('2026-03-02', -1, cal)).toThrow(RangeError);
    expect(() => acknowledgementDue('2026-03-02', 2.5, cal)).toThrow(RangeError);
    expect(() => acknowledgementDue('20260302', 2, cal)).toThrow(RangeError);
  });
});
