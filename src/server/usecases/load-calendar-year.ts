import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/access.js';
import type { CalendarYear } from '../../domain/calendar/year-data.js';
import { recordChange } from '../audit/record-change.js';
import type { Database } from '../db/client.js';
import { calendarYears } from '../db/schema.js';

/** An admin loads (or replaces) one year's official holiday arrangement; the previous data stays in the history. */
export async function loadCalendarYear(database: Database, actor: Actor, data: CalendarYear) {
  await database.transaction(async (tx) => {
    const [current] = await tx.select().from(calendarYears).where(eq(calendarYears.year, data.year)).for('update');
    if (current) {
      await tx
        .update(calendarYears)
        .set({ data, loadedAt: new Date(), loadedBy: actor.userId })
        .where(eq(calendarYears.year, data.year));
    } else {
      await tx.insert(calendarYears).values({ year: data.year, data, loadedBy: actor.userId });
    }
    await recordChange(tx, { id: actor.userId, name: actor.displayName }, {
      action: current ? 'calendar.replaced' : 'calendar.loaded',
      entityType: 'calendar',
      entityId: data.year,
      before: current?.data ?? null,
      after: data,
    });
  });
}
