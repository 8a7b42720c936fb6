import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from './db/client.js';
import { settings } from './db/schema.js';

/** Settings an admin may change; every value has a sane default so a fresh install works. */
export const loopSettingsSchema = z.object({
  /** Working days the lead unit has to acknowledge (签收) an assignment. */
  ackWorkingDays: z.number().int().min(1).max(30).default(3),
  /** Calendar days a closing stays on public notice (公示). */
  noticeDays: z.number().int().min(1).max(60).default(7),
  /** Yellow light when a due date is within this many working days. */
  yellowWithinWorkingDays: z.number().int().min(0).max(60).default(5),
  /** Severe (严重超期) when overdue by more than this many working days. */
  severeAfterWorkingDays: z.number().int().min(1).max(250).default(10),
  /** 立行立改 problems are due this many working days after assignment. */
  immediateWorkingDays: z.number().int().min(1).max(60).default(10),
  /** Progress reports (进展报送) are due on this cadence. */
  reportCadence: z.object({ every: z.number().int().min(1).max(90), unit: z.enum(['working_days', 'days', 'months']) }).default({ every: 1, unit: 'months' }),
  /** Problem code pattern: {region} region code, {year} 4-digit year, {seq:N} zero-padded sequence per region and year. */
  codePattern: z.string().min(5).max(60).regex(/\{seq(:\d)?\}/, 'must contain {seq} or {seq:N}').default('DC{region}-{year}-{seq:4}'),
});
export type LoopSettings = z.infer<typeof loopSettingsSchema>;

export async function loadLoopSettings(ex: Executor): Promise<LoopSettings> {
  const [row] = await ex.select().from(settings).where(eq(settings.key, 'loop'));
  const parsed = loopSettingsSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : loopSettingsSchema.parse({});
}

export async function saveLoopSettings(ex: Executor, value: LoopSettings): Promise<void> {
  await ex
    .insert(settings)
    .values({ key: 'loop', value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
}
