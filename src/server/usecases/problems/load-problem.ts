import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import { refusal, type ProblemAction, type ProblemSnapshot, type ProblemStatus, type Relations } from '../../../domain/problem/lifecycle.js';
import type { DeadlineKind } from '../../../domain/problem/vocabulary.js';
import { problemScopeSql, relationsFor, type ProblemParties } from '../../access/access.js';
import type { Executor } from '../../db/client.js';
import { problems } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';

export type ProblemRecord = typeof problems.$inferSelect & { status: ProblemStatus; deadlineKind: DeadlineKind };

export interface LoadedProblem {
  problem: ProblemRecord;
  /** status, deadline kind and what waits for a decision: the input of the lifecycle table */
  snapshot: ProblemSnapshot;
  parties: ProblemParties;
  relations: Relations;
}

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

/**
 * A problem as the actor may see it, with who the actor is to it. NOT_FOUND when it does not exist or lies outside
 * the actor's scope. `forUpdate` locks the row for the rest of the transaction (every action does).
 */
export async function loadProblem(ex: Executor, actor: Actor, id: number, options: { forUpdate?: boolean } = {}): Promise<LoadedProblem> {
  const visible = rowsOf<{ in_region: boolean }>(
    await ex.execute(sql`
      SELECT (p.region_id IN (SELECT id FROM regions WHERE path LIKE ${`${actor.regionPath}%`})) AS in_region
      FROM problems p WHERE p.id = ${id} AND ${problemScopeSql(actor, 'p')}
      ${options.forUpdate ? sql`FOR UPDATE OF p` : sql``}`),
  )[0];
  if (!visible) throw notFound();
  const [problem] = await ex.select().from(problems).where(eq(problems.id, id));
  if (!problem) throw notFound();
  const units = rowsOf<{ id: number; path: string; role: 'lead' | 'cooperating' }>(
    await ex.execute(sql`SELECT u.id, u.path, pu.role FROM problem_units pu JOIN units u ON u.id = pu.unit_id WHERE pu.problem_id = ${id} ORDER BY pu.role DESC, u.path`),
  );
  // A rebound check is linked to the reopening it caused by the check id in that reopening's event details.
  const reboundCheckers = rowsOf<{ checker_user_id: number }>(
    await ex.execute(sql`
      SELECT lc.checker_user_id FROM lookback_checks lc
      WHERE lc.problem_id = ${id} AND lc.result = 'rebound' AND lc.checker_user_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM problem_events e WHERE e.problem_id = lc.problem_id AND e.action = 'reopen'
                        AND e.details->>'lookbackCheckId' = lc.id::text)`),
  );
  const parties: ProblemParties = {
    leadUnitId: problem.leadUnitId,
    units,
    verifierUserId: problem.verifierUserId,
    inRegionScope: actor.roles.includes('admin') || Boolean(visible.in_region),
    pendingReboundCheckerIds: reboundCheckers.map((r) => Number(r.checker_user_id)),
  };
  const pending = rowsOf<{ reports: boolean; extensions: boolean; objections: boolean }>(
    await ex.execute(sql`
      SELECT EXISTS (SELECT 1 FROM progress_reports WHERE problem_id = ${id} AND status = 'submitted' AND rectification_round = ${problem.rectificationRound}) AS reports,
             EXISTS (SELECT 1 FROM extensions WHERE problem_id = ${id} AND status = 'pending') AS extensions,
             EXISTS (SELECT 1 FROM objections WHERE problem_id = ${id} AND decision = 'pending') AS objections`),
  )[0]!;
  const record = problem as ProblemRecord;
  const snapshot: ProblemSnapshot = {
    status: record.status,
    deadlineKind: record.deadlineKind,
    pending: { reports: Boolean(pending.reports), extensions: Boolean(pending.extensions), objections: Boolean(pending.objections) },
  };
  return { problem: record, snapshot, parties, relations: relationsFor(actor, parties) };
}

/** Refuse an action that the lifecycle table does not allow now, with a message that says why. */
export function assertAllowed(action: ProblemAction, loaded: LoadedProblem): void {
  const reason = refusal(action, loaded.snapshot, loaded.relations);
  if (reason === 'wrong_status') throw new AppError('ACTION_WRONG_STATUS', { action, status: loaded.problem.status }, 409);
  if (reason === 'wrong_deadline_kind') throw new AppError('ACTION_WRONG_DEADLINE_KIND', { action }, 409);
  if (reason === 'not_your_part') throw new AppError('ACTION_NOT_YOUR_PART', { action }, 403);
  if (reason === 'nothing_pending') throw new AppError('ACTION_NOTHING_PENDING', { action }, 409);
}
