import type { WorkingCalendar } from '../../../domain/calendar/calendar.js';
import { formatIsoDate, parseIsoDate } from '../../../domain/calendar/calendar.js';
import { nextReportDue, type ReportCadence } from '../../../domain/schedule.js';

/**
 * The last day D that the warning light still calls "within the yellow window" as of `today`: the light turns yellow
 * when the working days in (today, due] are at most `yellowWithin`, so D is the day before the (yellowWithin + 1)-th
 * working day after today. Every due date on or before D is near or overdue.
 */
export function yellowCutoff(today: string, yellowWithin: number, calendar: WorkingCalendar): string {
  return formatIsoDate(parseIsoDate(calendar.addWorkingDays(today, yellowWithin + 1)) - 1);
}

/**
 * The latest base date (last report, or the start when none yet) whose next periodic report is due on or before
 * `cutoff`. The next due date is a non-decreasing function of the base (domain/schedule.ts `nextReportDue`), so
 * "report due by the cutoff" is exactly "base ≤ this date": one indexed comparison in SQL instead of computing the
 * due date of every problem. Found by binary search over days.
 */
export function latestReportBaseDueBy(cutoff: string, cadence: ReportCadence, calendar: WorkingCalendar): string {
  const due = (day: number) => parseIsoDate(nextReportDue(formatIsoDate(day), null, cadence, calendar)!);
  const limit = parseIsoDate(cutoff);
  // Longest possible cadence (90 months or 90 working days) is well under 4,000 days.
  let lo = limit - 4000; // due(lo) ≤ limit
  let hi = limit; // due(hi) > limit: a cadence is at least one day
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (due(mid) <= limit) lo = mid;
    else hi = mid;
  }
  return formatIsoDate(lo);
}
