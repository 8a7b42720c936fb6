import { asc, sql } from 'drizzle-orm';
import { createWorkingCalendar, type WorkingCalendar } from '../domain/calendar/calendar.js';
import { shippedCalendarYears } from '../domain/calendar/shipped.js';
import { parseCalendarYear, type CalendarYear } from '../domain/calendar/year-data.js';
import type { Database } from './db/client.js';
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

  async years(): Promise<{ year: CalendarYear; loadedAt: Date; loadedBy: number | null }[]> {
    const rows = await this.database.db.select().from(calendarYears).orderBy(asc(calendarYears.year));
    return rows.map((r) => ({ year: parseCalendarYear(r.data), loadedAt: r.loadedAt, loadedBy: r.loadedBy }));
  }

  async get(): Promise<WorkingCalendar> {
    const now = Date.now();
    if (this.calendar && now - this.checkedAt < this.recheckMs) return this.calendar;
    const [stamp] = await this.database.db
      .select({ s: sql<string>`coalesce(max(${calendarYears.loadedAt})::text, '') || count(*)::text` })
      .from(calendarYears);
    this.checkedAt = now;
    if (!this.calendar || stamp?.s !== this.loadedStamp) {
      this.calendar = createWorkingCalendar((await this.years()).map((y) => y.year));
      this.loadedStamp = stamp?.s ?? '';
    }
    return this.calendar;
  }

  /** Forget the cached calendar (after this instance loaded a year). */
  invalidate(): void {
    this.calendar = null;
  }
}

export interface Services {
  calendar: CalendarService;
}

export function createServices(database: Database): Services {
  return { calendar: new CalendarService(database) };
}
