import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { deriveProblem, type Derived } from '../../../domain/problem/derive.js';
import type { ProblemStatus } from '../../../domain/problem/lifecycle.js';
import type { DeadlineKind } from '../../../domain/problem/vocabulary.js';
import type { Executor } from '../../db/client.js';
import { extensions, milestones, problems } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { loadLoopSettings, type LoopSettings } from '../../settings.js';
import type { WorkingCalendar } from '../../../domain/calendar/calendar.js';

/**
 * Recompute and cache the derived timing of problems (deadline in force, schedule state, warning light) as of the
 * clock's today. Called after every change of a problem and by the daily job for all open problems.
 */
export async function refreshDerived(tx: Executor, services: Services, ...problemIds: number[]): Promise<Map<number, Derived>> {
  const out = new Map<number, Derived>();
  if (problemIds.length === 0) return out;
  const calendar = await services.calendar.get(tx);
  const settings = await loadLoopSettings(tx);
  const today = services.clock.today();
  const rows = await tx.select().from(problems).where(inArray(problems.id, problemIds));
  const ms = await tx.select().from(milestones).where(inArray(milestones.problemId, problemIds));
  const exts = await tx.select().from(extensions).where(inArray(extensions.problemId, problemIds));
  for (const p of rows) {
    const derived = deriveFromRows(p, ms, exts, today, calendar, settings);
    out.set(p.id, derived);
    await tx
      .update(problems)
      .set({
        deadlineInForce: derived.deadlineInForce,
        scheduleState: derived.scheduleState,
        warningLight: derived.warning.light,
        warningReason: derived.warning.reason,
        warningDueOn: derived.warning.dueDate,
        warningComputedOn: today,
      })
      .where(eq(problems.id, p.id));
  }
  return out;
}

type ProblemRowT = typeof problems.$inferSelect;
type MilestoneRowT = typeof milestones.$inferSelect;
type ExtensionRowT = typeof extensions.$inferSelect;

function deriveFromRows(p: ProblemRowT, ms: MilestoneRowT[], exts: ExtensionRowT[], today: string, calendar: WorkingCalendar, settings: LoopSettings): Derived {
  return deriveProblem(
    {
      status: p.status as ProblemStatus,
      deadlineKind: p.deadlineKind as DeadlineKind,
      deadline: p.deadline,
      assignedOn: p.assignedOn,
      ackDueOn: p.ackDueOn,
      acknowledgedOn: p.acknowledgedOn,
      lastReportOn: p.lastReportOn,
      milestones: ms.filter((m) => m.problemId === p.id && m.rectificationRound === p.rectificationRound),
      extensions: exts
        .filter((e) => e.problemId === p.id)
        .map((e) => ({ newDeadline: e.newDeadline, status: e.status as 'pending' | 'approved' | 'refused', decidedAt: e.decidedAt?.toISOString() ?? null })),
    },
    today,
    calendar,
    settings,
  );
}

/** The derived timing of one problem from rows already loaded (for the detail page; writes nothing). */
export async function deriveDetails(ex: Executor, services: Services, p: ProblemRowT, ms: MilestoneRowT[], exts: ExtensionRowT[]): Promise<Derived> {
  return deriveFromRows(p, ms, exts, services.clock.today(), await services.calendar.get(ex), await loadLoopSettings(ex));
}

/** The daily refresh: every problem not closed whose cache is older than today, in batches. Returns the count. */
export async function refreshAllDerived(run: <T>(fn: (tx: Executor) => Promise<T>) => Promise<T>, services: Services, batch = 500): Promise<number> {
  const today = services.clock.today();
  let total = 0;
  for (;;) {
    const done = await run(async (tx) => {
      const ids = await tx
        .select({ id: problems.id })
        .from(problems)
        .where(and(notInArray(problems.status, ['closed']), sql`(${problems.warningComputedOn} IS NULL OR ${problems.warningComputedOn} < ${today})`))
        .limit(batch);
      await refreshDerived(tx, services, ...ids.map((r) => r.id));
      return ids.length;
    });
    total += done;
    if (done < batch) return total;
  }
}
