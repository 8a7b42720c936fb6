import { asc, sql } from 'drizzle-orm';
import { createWorkingCalendar, type WorkingCalendar } from '../domain/calendar/calendar.js';
import { shippedCalendarYears } from '../domain/calendar/shipped.js';
import { parseCalendarYear, type CalendarYear } from '../domain/calendar/year-data.js';
import type { Database, Executor } from './db/client.js';
import { calendarYears } from './db/schema.js';

/**
 * The working-day calendar as the server uses it: built from the years stored in the database. Another app
 * instance may load a year, so the cached calendar is re-checked against the newest load time at most every
 * `recheckMs`.
 */
export class CalendarService {
  private calendar: WorkingCalendar | null = null;
  private loadedStamp = '';
  private checkedAt = 0;

  constructor(
    private readonly database: Database,
    private readonly recheckMs = 30_000,
  ) {}

  /** Store the shipped years that are missing (never overwrite a year an admin loaded). */
  async installShippedYears(): Promise<void> {
    for (const year of shippedCalendarYears) {
      await this.database.db.insert(calendarYears).values({ year: year.year, data: year }).onConflictDoNothing();
    }
  }

  async years(ex: Executor = this.database.db): Promise<{ year: CalendarYear; loadedAt: Date; loadedBy: number | null }[]> {
    const rows = await ex.select().from(calendarYears).orderBy(asc(calendarYears.year));
    return rows.map((r) => ({ year: parseCalendarYear(r.data), loadedAt: r.loadedAt, loadedBy: r.loadedBy }));
  }

  /**
   * The current calendar. Inside a transaction pass its executor: PGlite has one connection, and a query on the
   * pool while the transaction holds it would wait for ever.
   */
  async get(ex: Executor = this.database.db): Promise<WorkingCalendar> {
    const now = Date.now();
    if (this.calendar && now - this.checkedAt < this.recheckMs) return this.calendar;
    const [stamp] = await ex
      .select({ s: sql<string>`coalesce(max(${calendarYears.loadedAt})::text, '') || count(*)::text` })
      .from(calendarYears);
    this.checkedAt = now;
    if (!this.calendar || stamp?.s !== this.loadedStamp) {
      this.calendar = createWorkingCalendar((await this.years(ex)).map((y) => y.year));
      this.loadedStamp = stamp?.s ?? '';
    }
    return this.calendar;
  }

  /** Forget the cached calendar (after this instance loaded a year). */
  invalidate(): void {
    this.calendar = null;
  }
}

/**
 * The clock every rule reads. Dates are China Standard Time calendar days (UTC+8, no daylight saving), because
 * deadlines and working days are the district's days. Tests replace it to travel in time.
 */
export interface Clock {
  now(): Date;
  today(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => chinaDate(new Date()),
};

export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A clock fixed at a given China date (noon), for tests and the benchmark. */
export function fixedClock(today: string): Clock & { set(day: string): void } {
  let day = today;
  return {
    now: () => new Date(`${day}T04:00:00.000Z`),
    today: () => day,
    set(next: string) {
      day = next;
    },
  };
}

export interface Services {
  calendar: CalendarService;
  clock: Clock;
}

export function createServices(database: Database, clock: Clock = systemClock): Services {
  return { calendar: new CalendarService(database), clock };
}
