import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { ProblemAction, ProblemStatus } from '../../../domain/problem/lifecycle.js';
import { recordChange } from '../../audit/record-change.js';
import type { Database, Executor } from '../../db/client.js';
import { problemEvents, problems, units } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { refreshDerived } from './derive-problem.js';
import { assertAllowed, loadProblem, type LoadedProblem } from './load-problem.js';

export interface ActionContext {
  database: Database;
  services: Services;
}

export interface ActionOutcome {
  /** the status after the action; omitted when it stays */
  to?: ProblemStatus;
  /** other columns of the problem to change */
  patch?: Partial<typeof problems.$inferInsert>;
  /** what the timeline and the history show about this step */
  details?: Record<string, unknown>;
}

export interface ActionStep {
  tx: Executor;
  loaded: LoadedProblem;
  today: string;
  now: Date;
}

/**
 * The shape of every step of the loop (documenso's "cancel document"): find the problem through the actor's scope
 * and lock it; ask the lifecycle table; run the step's own checks and writes; then, in the same transaction, move the
 * status, write the timeline event and the history row, and recompute the derived schedule and warning.
 */
export async function runAction(
  ctx: ActionContext,
  actor: Actor | 'system',
  problemId: number,
  action: ProblemAction,
  step: (s: ActionStep) => Promise<ActionOutcome>,
): Promise<{ status: ProblemStatus }> {
  return ctx.database.transaction(async (tx) => {
    const now = ctx.services.clock.now();
    const today = ctx.services.clock.today();
    const loaded = actor === 'system' ? await loadForSystem(tx, problemId) : await loadProblem(tx, actor, problemId, { forUpdate: true });
    assertAllowed(action, loaded);
    const outcome = await step({ tx, loaded, today, now });
    const from = loaded.problem.status;
    const to = outcome.to ?? from;
    await tx
      .update(problems)
      .set({ ...outcome.patch, status: to, version: sql`${problems.version} + 1`, updatedAt: now })
      .where(eq(problems.id, problemId));
    await recordProblemEvent(tx, actor, { ...loaded.problem, ...outcome.patch }, action, from, to, outcome.details ?? {}, now);
    await refreshDerived(tx, ctx.services, problemId);
    return { status: to };
  });
}

async function loadForSystem(tx: Executor, problemId: number): Promise<LoadedProblem> {
  await tx.execute(sql`SELECT id FROM problems WHERE id = ${problemId} FOR UPDATE`);
  const systemActor: Actor = { userId: 0, username: 'system', displayName: 'system', unitId: 0, unitPath: '/', regionId: 0, regionPath: '/', roles: ['admin'] };
  const loaded = await loadProblem(tx, systemActor, problemId);
  return { ...loaded, relations: { ...loaded.relations, system: true } };
}

/** The problem's timeline row and the audit row, together. */
export async function recordProblemEvent(
  tx: Executor,
  actor: Actor | 'system',
  problem: { id: number; rectificationRound: number; code: string },
  action: string,
  from: ProblemStatus | null,
  to: ProblemStatus | null,
  details: Record<string, unknown>,
  now: Date,
): Promise<void> {
  let actorUnitName: string | null = null;
  if (actor !== 'system') {
    const [unit] = await tx.select({ name: units.name }).from(units).where(eq(units.id, actor.unitId));
    actorUnitName = unit?.name ?? null;
  }
  await tx.insert(problemEvents).values({
    problemId: problem.id,
    rectificationRound: problem.rectificationRound,
    action,
    fromStatus: from,
    toStatus: to,
    actorId: actor === 'system' ? null : actor.userId,
    actorName: actor === 'system' ? null : actor.displayName,
    actorUnitName,
    at: now,
    details,
  });
  await recordChange(
    tx,
    actor === 'system' ? { id: null, name: 'system' } : { id: actor.userId, name: actor.displayName },
    {
      action: `problem.${action}`,
      entityType: 'problem',
      entityId: problem.id,
      before: from === null ? null : { status: from },
      after: { status: to, code: problem.code, round: problem.rectificationRound, ...details },
    },
  );
}
