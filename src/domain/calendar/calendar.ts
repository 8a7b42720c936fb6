/**
 * Working-day calendar (工作日历) for the mainland-China official holiday arrangement.
 *
 * Pure module: no I/O, no clock, no local time. A calendar date is a 'YYYY-MM-DD' string at the API
 * boundary and an integer "day number" (days since 1970-01-01, proleptic Gregorian) inside. All
 * arithmetic is integer arithmetic on day numbers, so time zones and DST can never shift a date.
 *
 * Rules (domain.md §3): Saturdays and Sundays are off, statutory holidays (法定节假日, the whole official
 * span) are off, and make-up working days (调休上班) turn a weekend day into a working day. The
 * arrangement is published by the State Council every year, so it is loaded as data (see year-data.ts),
 * never hard-coded here.
 *
 * Years with no loaded data fall back to plain Monday–Friday. We deliberately do not throw: a deadline
 * two years out must still be computable before that year's notice exists (it is published each
 * November). Callers that need certainty check `isCovered(date)` and show a warning instead.
 */
import type { CalendarYear } from './year-data';

// ---------------------------------------------------------------------------------------------------
// Date helpers
// ---------------------------------------------------------------------------------------------------

/** A calendar date as an integer: days since 1970-01-01 (which is day 0, a Thursday). */
export type DayNumber = number;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Smallest and largest day numbers we accept: 0000-01-01 and 9999-12-31 (four-digit years only). */
const MIN_DAY: DayNumber = daysFromCivil(0, 1, 1);
const MAX_DAY: DayNumber = daysFromCivil(9999, 12, 31);

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/**
 * Day number of a (year, month, day) triple, no validation. Howard Hinnant's days_from_civil: pure
 * integer arithmetic, valid for any year, and much cheaper than going through Date.
 */
export function daysFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400; // [0, 399]
  const mp = (month + 9) % 12; // March = 0 … February = 11
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1; // [0, 365]
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146097 + doe - 719468;
}

/** Inverse of daysFromCivil. */
export function civilFromDays(dayNumber: DayNumber): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * Strictly parse 'YYYY-MM-DD' into a day number, or return undefined. Rejects anything else: other
 * separators, missing zero padding, times, and impossible dates such as 2025-02-30 or 2025-13-01
 * (Date.parse would silently roll those over).
 */
export function tryParseIsoDate(value: string): DayNumber | undefined {
  const m = ISO_DATE.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

/** Strictly parse 'YYYY-MM-DD' into a day number; throws RangeError on anything invalid. */
export function parseIsoDate(value: string): DayNumber {
  if (typeof value !== 'string') throw new RangeError(`Invalid date: expected a 'YYYY-MM-DD' string, got ${typeof value}`);
  const n = tryParseIsoDate(value);
  if (n === undefined) throw new RangeError(`Invalid date "${value}": expected an existing calendar date as YYYY-MM-DD`);
  return n;
}

export function isValidIsoDate(value: unknown): value is string {
  return typeof value === 'string' && tryParseIsoDate(value) !== undefined;
}

/** Format a day number as 'YYYY-MM-DD'; throws RangeError outside years 0000–9999. */
export function formatIsoDate(dayNumber: DayNumber): string {
  if (!Number.isInteger(dayNumber) || dayNumber < MIN_DAY || dayNumber > MAX_DAY) {
    throw new RangeError(`Day number ${dayNumber} is outside the supported range 0000-01-01 … 9999-12-31`);
  }
  const { year, month, day } = civilFromDays(dayNumber);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Day of week like Date#getUTCDay: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(dayNumber: DayNumber): number {
  // Day 0 (1970-01-01) was a Thursday (4). Double modulo keeps negative day numbers correct.
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function isWeekend(dayNumber: DayNumber): boolean {
  const d = dayOfWeek(dayNumber);
  return d === 0 || d === 6;
}

// ---------------------------------------------------------------------------------------------------
// Closed-form Monday–Friday counting, used outside the precomputed table
// ---------------------------------------------------------------------------------------------------

// 1969-12-29 (day -3) is a Monday. Shifting by this makes "x mod 7" equal 0 on Mondays.
const MONDAY_SHIFT = 3;

/**
 * Number of Monday–Friday days in [anchor, d) for some fixed anchor (negative when d precedes it).
 * Only differences of this function matter. Floor division makes it exact for negative inputs too.
 */
function weekdaysBefore(d: DayNumber): number {
  const x = d + MONDAY_SHIFT;
  const weeks = Math.floor(x / 7);
  return weeks * 5 + Math.min(x - weeks * 7, 5);
}

/** Smallest day t with weekdaysBefore(t + 1) >= target, i.e. the target-th weekday in that count. */
function weekdayAtCount(target: number): DayNumber {
  const k = target - 1;
  const weeks = Math.floor(k / 5);
  return weeks * 7 + (k - weeks * 5) - MONDAY_SHIFT;
}

// ---------------------------------------------------------------------------------------------------
// WorkingCalendar
// ---------------------------------------------------------------------------------------------------

/**
 * Immutable working-day calendar built from per-year official data.
 *
 * Performance: on construction we build one contiguous table spanning Jan 1 of the first loaded year to
 * Dec 31 of the last (uncovered years in between are filled with the Monday–Friday fallback) holding a
 * working flag per day and a prefix sum of working days. Conceptually there is one monotone function
 * F(d) = number of working days before d (relative to a fixed anchor) that is:
 *   - the closed-form weekday count before the table,
 *   - table prefix sums inside it,
 *   - the closed-form weekday count again after it (offset to stay continuous).
 * Counting working days is then F(b) − F(a): O(1) everywhere, including spans crossing years or running
 * into uncovered years. Moving by n working days inverts F: O(1) outside the table, a binary search
 * (≈ 10 steps for three years) inside.
 */
export class WorkingCalendar {
  private readonly years: ReadonlySet<number>;
  /** First day of the table, or 0 with length 0 when nothing is loaded. */
  private readonly tableStart: DayNumber;
  private readonly tableEnd: DayNumber; // exclusive
  private readonly working: Uint8Array; // 1 = working day, indexed by day - tableStart
  private readonly prefix: Int32Array; // prefix[i] = working days in [tableStart, tableStart + i)
  private readonly countAtStart: number; // F(tableStart)
  private readonly countAtEnd: number; // F(tableEnd)

  constructor(calendarYears: readonly CalendarYear[]) {
    const seen = new Set<number>();
    for (const cy of calendarYears) {
      if (seen.has(cy.year)) throw new RangeError(`Calendar data for year ${cy.year} was supplied more than once`);
      seen.add(cy.year);
    }
    this.years = seen;

    if (seen.size === 0) {
      this.tableStart = 0;
      this.tableEnd = 0;
      this.working = new Uint8Array(0);
      this.prefix = new Int32Array(1);
      this.countAtStart = this.countAtEnd = weekdaysBefore(0);
      return;
    }

    const firstYear = Math.min(...seen);
    const lastYear = Math.max(...seen);
    this.tableStart = daysFromCivil(firstYear, 1, 1);
    this.tableEnd = daysFromCivil(lastYear + 1, 1, 1);
    const length = this.tableEnd - this.tableStart;

    // Start from the Monday–Friday rule, then apply each year's holidays and make-up days.
    const working = new Uint8Array(length);
    for (let i = 0; i < length; i++) working[i] = isWeekend(this.tableStart + i) ? 0 : 1;
    for (const cy of calendarYears) {
      // CalendarYear values should come from parseCalendarYear, but a hand-built literal type-checks
      // too; re-check the few invariants that would corrupt the table if violated.
      const holidays = new Set<DayNumber>();
      for (const h of cy.holidays) {
        const d = this.dayInYear(h.date, cy.year);
        holidays.add(d);
        working[d - this.tableStart] = 0;
      }
      for (const w of cy.workdays) {
        const d = this.dayInYear(w.date, cy.year);
        if (holidays.has(d)) throw new RangeError(`${w.date} is both a holiday and a make-up workday`);
        working[d - this.tableStart] = 1;
      }
    }

    const prefix = new Int32Array(length + 1);
    for (let i = 0; i < length; i++) prefix[i + 1] = prefix[i]! + working[i]!;
    this.working = working;
    this.prefix = prefix;
    this.countAtStart = weekdaysBefore(this.tableStart);
    this.countAtEnd = this.countAtStart + prefix[length]!;
  }

  private dayInYear(date: string, year: number): DayNumber {
    const d = parseIsoDate(date);
    if (civilFromDays(d).year !== year) throw new RangeError(`${date} is not in calendar year ${year}`);
    return d;
  }

  // --- coverage -------------------------------------------------------------------------------------

  /** Whether official data for this year is loaded. */
  hasYear(year: number): boolean {
    return this.years.has(year);
  }

  /** Loaded years, ascending. */
  coveredYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  /**
   * Whether the date's year has loaded data. When false, answers for that date use the Monday–Friday
   * fallback and callers should warn that the result may change once the year's notice is loaded.
   */
  isCovered(date: string): boolean {
    return this.years.has(civilFromDays(parseIsoDate(date)).year);
  }

  // --- queries --------------------------------------------------------------------------------------

  isWorkingDay(date: string): boolean {
    return this.isWorkingDayNumber(parseIsoDate(date));
  }

  /**
   * The date n working days away from `date`.
   *
   * - n > 0: counting starts the day after `date`; returns the n-th working day strictly after it
   *   (Friday + 1 = the next Monday, unless Monday is a holiday). Equivalently the working day t > date
   *   with exactly n working days in (date, t], so workingDaysBetween(date, result) === n.
   * - n = 0: `date` itself if it is a working day, otherwise the next working day ("roll forward").
   *   Note workingDaysBetween(date, result) is then 1, not 0, when `date` is not a working day.
   * - n < 0: the mirror image: counting starts the day before `date`; returns the |n|-th working day
   *   strictly before it (Monday − 1 = the previous Friday), i.e. the working day t < date with exactly
   *   |n| working days in [t, date). When `date` is itself a working day this means
   *   workingDaysBetween(result, date) === |n|.
   *
   * Throws RangeError for a non-integer n or an invalid date.
   */
  addWorkingDays(date: string, n: number): string {
    const d = parseIsoDate(date);
    if (!Number.isSafeInteger(n)) throw new RangeError(`n must be an integer, got ${String(n)}`);
    const target = n > 0 ? this.countBefore(d + 1) + n : this.countBefore(d) + n + 1;
    return formatIsoDate(this.dayAtCount(target));
  }

  /**
   * Number of working days in (from, to]: `from` excluded, `to` included. Negative (the same count,
   * negated) when to < from, 0 when equal. For n > 0: workingDaysBetween(d, addWorkingDays(d, n)) === n.
   */
  workingDaysBetween(from: string, to: string): number {
    const a = parseIsoDate(from);
    const b = parseIsoDate(to);
    return this.countBefore(b + 1) - this.countBefore(a + 1);
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): string {
    return this.addWorkingDays(date, 1);
  }

  /** The last working day strictly before `date`. */
  previousWorkingDay(date: string): string {
    return this.addWorkingDays(date, -1);
  }

  // --- day-number variants (no string parsing, for hot loops) ----------------------------------------

  isWorkingDayNumber(d: DayNumber): boolean {
    if (d >= this.tableStart && d < this.tableEnd) return this.working[d - this.tableStart] === 1;
    return !isWeekend(d);
  }

  // --- internals ------------------------------------------------------------------------------------

  /** F(d): working days before d, relative to a fixed anchor. Monotone, steps by isWorkingDay(d). */
  private countBefore(d: DayNumber): number {
    if (d <= this.tableStart) return weekdaysBefore(d);
    if (d >= this.tableEnd) return this.countAtEnd + weekdaysBefore(d) - weekdaysBefore(this.tableEnd);
    return this.countAtStart + this.prefix[d - this.tableStart]!;
  }

  /** Smallest day t with F(t + 1) >= target: the working day at which the count reaches target. */
  private dayAtCount(target: number): DayNumber {
    if (target <= this.countAtStart) {
      // F equals the plain weekday count up to tableStart, and F(tableStart) >= target guarantees
      // the answer lies before the table.
      return weekdayAtCount(target);
    }
    if (target > this.countAtEnd) {
      return weekdayAtCount(target - this.countAtEnd + weekdaysBefore(this.tableEnd));
    }
    // Smallest i in [1, length] with prefix[i] >= local; the day is tableStart + i - 1.
    const local = target - this.countAtStart;
    let lo = 1;
    let hi = this.prefix.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.prefix[mid]! >= local) hi = mid;
      else lo = mid + 1;
    }
    return this.tableStart + lo - 1;
  }
}

export function createWorkingCalendar(years: readonly CalendarYear[]): WorkingCalendar {
  return new WorkingCalendar(years);
}
