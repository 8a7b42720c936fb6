import type { WorkingCalendar } from '../calendar/calendar.js';
import {
  effectiveDeadlineDetail,
  nextReportDue,
  scheduleState,
  warningLight,
  type ExtensionInput,
  type ReportCadence,
  type ScheduleState,
  type WarningResult,
} from '../schedule.js';
import type { ProblemStatus } from './lifecycle.js';
import type { DeadlineKind } from './vocabulary.js';

export interface DerivationInput {
  status: ProblemStatus;
  deadlineKind: DeadlineKind;
  deadline: string | null;
  assignedOn: string | null;
  ackDueOn: string | null;
  acknowledgedOn: string | null;
  lastReportOn: string | null;
  milestones: { dueOn: string; doneOn: string | null }[];
  extensions: ExtensionInput[];
}

export interface DerivationSettings {
  immediateWorkingDays: number;
  yellowWithinWorkingDays: number;
  severeAfterWorkingDays: number;
  reportCadence: ReportCadence;
}

export interface Derived {
  deadlineInForce: string | null;
  originalDeadline: string | null;
  extended: boolean;
  scheduleState: ScheduleState;
  warning: WarningResult;
  nextReportDue: string | null;
}

/**
 * Everything about a problem's timing that is derived, never typed: the deadline in force (after extensions and
 * for 立行立改), the schedule state and the warning light. Reports are due on the cadence once the unit has started.
 */
export function deriveProblem(p: DerivationInput, today: string, calendar: WorkingCalendar, settings: DerivationSettings): Derived {
  const detail = effectiveDeadlineDetail(
    { deadlineKind: p.deadlineKind, deadline: p.deadline, assignedOn: p.assignedOn, extensions: p.extensions },
    calendar,
    { immediateWorkingDays: settings.immediateWorkingDays },
  );
  const working = p.status === 'acknowledged' || p.status === 'rectifying';
  const startedOn = p.acknowledgedOn;
  const reportDue = working && startedOn ? nextReportDue(p.lastReportOn, startedOn, settings.reportCadence, calendar) : null;
  const ackDueDate = p.ackDueOn;
  const input = {
    status: p.status,
    deadlineKind: p.deadlineKind,
    deadline: detail.deadline,
    startedOn,
    milestones: p.milestones.map((m) => ({ dueDate: m.dueOn, doneOn: m.doneOn })),
    nextReportDue: reportDue,
  };
  // A registered problem has not been handed to anyone yet: nothing is due from a unit.
  const warning: WarningResult =
    p.status === 'registered'
      ? { light: 'green', reason: 'on_track', dueDate: detail.deadline, workingDaysLeft: null, workingDaysOverdue: null }
      : warningLight({ ...input, ackDueDate }, today, calendar, {
          yellowWithinWorkingDays: settings.yellowWithinWorkingDays,
          severeAfterWorkingDays: settings.severeAfterWorkingDays,
        });
  return {
    deadlineInForce: detail.deadline,
    originalDeadline: detail.originalDeadline,
    extended: detail.source === 'extension',
    scheduleState: scheduleState(input, today, calendar),
    warning,
    nextReportDue: reportDue,
  };
}
