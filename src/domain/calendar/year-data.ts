/**
 * Schema for one year of the official holiday arrangement (国务院办公厅关于××年部分节假日安排的通知).
 *
 * The State Council publishes the arrangement every year, so it is data (data/calendars/<year>.json,
 * or uploaded by an administrator), validated here before it can reach the calendar:
 *   - holidays: every day of each official holiday span (放假调休 …共N天), including the weekend days
 *     inside the span, so the data reads like the notice and "which holiday is this?" can be answered.
 *   - workdays: make-up working days (调休上班). These always fall on a Saturday or Sunday; anything
 *     else is a data-entry mistake (most often the wrong day of month), so we reject it.
 */
import { z } from 'zod';
import { civilFromDays, dayOfWeek, tryParseIsoDate } from './calendar';

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const isoDate = z.string().refine((s) => tryParseIsoDate(s) !== undefined, {
  error: (issue) => `"${String(issue.input)}" is not a valid date: expected an existing calendar date as YYYY-MM-DD`,
  params: { key: 'badDate' },
});

const dayEntry = z.object({
  date: isoDate,
  name: z.string().trim().min(1),
});

export const calendarYearSchema = z
  .object({
    year: z.number().int().min(1).max(9999),
    holidays: z.array(dayEntry),
    workdays: z.array(dayEntry),
    source: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    // Zod 4 runs this even when field-level checks failed (those issues do not abort), so skip
    // whatever is already reported instead of piling derived errors on top of it.
    const yearIsValid = Number.isInteger(value.year) && value.year >= 1 && value.year <= 9999;
    const check = (list: 'holidays' | 'workdays') => {
      const seen = new Set<string>();
      value[list].forEach((entry, index) => {
        const path = [list, index, 'date'];
        const day = tryParseIsoDate(entry.date);
        if (day === undefined) return; // already reported as malformed
        if (yearIsValid && civilFromDays(day).year !== value.year) {
          ctx.addIssue({ code: 'custom', path, message: `${entry.date} is not in year ${value.year}`, params: { key: 'notInYear', date: entry.date, year: value.year } });
        }
        if (seen.has(entry.date)) {
          ctx.addIssue({ code: 'custom', path, message: `${entry.date} is listed more than once in ${list}`, params: { key: 'listedTwice', date: entry.date } });
        }
        seen.add(entry.date);
        if (list === 'workdays') {
          const dow = dayOfWeek(day);
          if (dow !== 0 && dow !== 6) {
            ctx.addIssue({
              code: 'custom',
              path,
              message:
                `make-up workday ${entry.date} is a ${WEEKDAY_NAMES[dow]}; ` +
                'make-up workdays (调休上班) always fall on a Saturday or Sunday',
              params: { key: 'workdayNotWeekend', date: entry.date },
            });
          }
        }
      });
      return seen;
    };
    const holidays = check('holidays');
    check('workdays');
    value.workdays.forEach((entry, index) => {
      if (holidays.has(entry.date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['workdays', index, 'date'],
          message: `${entry.date} is listed both as a holiday and as a make-up workday`,
          params: { key: 'holidayAndWorkday', date: entry.date },
        });
      }
    });
  });

export type CalendarYear = z.infer<typeof calendarYearSchema>;

/** Validate one year's calendar data; returns the typed value or throws a ZodError. */
export function parseCalendarYear(input: unknown): CalendarYear {
  return calendarYearSchema.parse(input);
}
