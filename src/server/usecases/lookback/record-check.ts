import { sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { ProblemStatus } from '../../../domain/problem/lifecycle.js';
import type { RecordCheckInput } from '../../../shared/api/lookback.js';
import { problemScopeSql } from '../../access/access.js';
import { recordChange } from '../../audit/record-change.js';
import type { Database, Executor } from '../../db/client.js';
import { AppError, notFound } from '../../errors.js';
import type { Services } from '../../services.js';
import { checkEvidenceIds } from '../problems/evidence-refs.js';
import { reopenProblem } from '../problems/reopen-problem.js';
import { recordProblemEvent } from '../problems/run-action.js';
import { rowsOf } from './coordinator.js';

/**
 * The use cases of the closed loop open their own transaction through `ctx.database.transaction`. This context runs
 * them inside a transaction that is already open instead, so that a look-back result and the reopening it causes
 * commit together or not at all.
 */
export function inTransaction(database: Database, tx: Executor): Database {
  return { ...database, transaction: <T>(fn: (t: Executor) => Promise<T>) => fn(tx) };
}

/**
 * The checker records what they found on site. 巩固 (consolidated): recorded, the problem stays closed. 反弹 (rebound):
 * recorded AND the problem is reopened through the loop's own `reopen` step (new rectification round, rebounds + 1,
 * earlier rounds kept), in the same transaction. The assigned checker or a coordinator who sees the problem may
 * record; a check is recorded once. The campaign completes with its last check.
 */
export async function recordCheck(ctx: { database: Database; services: Services }, actor: Actor, checkId: number, body: RecordCheckInput) {
  return ctx.database.transaction(async (tx) => {
    const isCoordinator = actor.roles.includes('coordinator');
    // Lock order everywhere: campaign, then check, then problem.
    const [found] = rowsOf<{ campaign_id: number }>(await tx.execute(sql`SELECT campaign_id FROM lookback_checks WHERE id = ${checkId}`));
    if (!found) throw notFound();
    await tx.execute(sql`SELECT id FROM lookback_campaigns WHERE id = ${found.campaign_id} FOR UPDATE`);
    const [check] = rowsOf<{
      id: number;
      campaign_id: number;
      problem_id: number;
      checker_user_id: number | null;
      result: string | null;
      code: string;
      status: ProblemStatus;
      rectification_round: number;
      in_scope: boolean;
    }>(
      await tx.execute(sql`
        SELECT lc.id, lc.campaign_id, lc.problem_id, lc.checker_user_id, lc.result, p.code, p.status, p.rectification_round,
               (${isCoordinator ? problemScopeSql(actor, 'p') : sql`FALSE`}) AS in_scope
        FROM lookback_checks lc JOIN problems p ON p.id = lc.problem_id
        WHERE lc.id = ${checkId} FOR UPDATE OF lc`),
    );
    if (!check) throw notFound();
    const isChecker = check.checker_user_id !== null && Number(check.checker_user_id) === actor.userId;
    const asCoordinator = isCoordinator && Boolean(check.in_scope);
    if (!isChecker && !asCoordinator) throw notFound();
    if (check.result !== null) throw new AppError('LOOKBACK_CHECK_RECORDED', {}, 409);
    const problemId = Number(check.problem_id);
    if (body.result === 'rebound' && check.status !== 'closed') throw new AppError('ACTION_WRONG_STATUS', { action: 'reopen', status: check.status }, 409);
    await checkEvidenceIds(tx, problemId, body.evidenceIds);

    const now = ctx.services.clock.now();
    await tx.execute(sql`
      UPDATE lookback_checks SET result = ${body.result}, note = ${body.note}, evidence_ids = ${JSON.stringify(body.evidenceIds)}::jsonb,
             checked_at = ${now.toISOString()}, checker_user_id = coalesce(checker_user_id, ${actor.userId})
      WHERE id = ${checkId}`);
    // The problem's timeline (and the audit chain) shows the look-back, whatever its result.
    const problemRef = { id: problemId, rectificationRound: Number(check.rectification_round), code: check.code };
    await recordProblemEvent(tx, actor, problemRef, 'lookback_check', check.status, check.status, {
      campaignId: Number(check.campaign_id),
      checkId,
      result: body.result,
      note: body.note,
      evidence: body.evidenceIds.length,
    }, now);

    if (body.result === 'rebound') {
      // The lifecycle table lets the coordinator or the checker whose check just found this rebound (party
      // `lookbackChecker`, true only until this reopening links the check id) take the `reopen` step.
      await reopenProblem({ database: inTransaction(ctx.database, tx), services: ctx.services }, actor, problemId, { reason: body.note, lookbackCheckId: checkId });
    }

    const [left] = rowsOf<{ n: number }>(
      await tx.execute(sql`SELECT count(*)::int AS n FROM lookback_checks WHERE campaign_id = ${check.campaign_id} AND result IS NULL`),
    );
    let campaignCompleted = false;
    if (Number(left?.n ?? 0) === 0) {
      await tx.execute(sql`UPDATE lookback_campaigns SET status = 'completed' WHERE id = ${check.campaign_id} AND status = 'open'`);
      await recordChange(tx, { id: actor.userId, name: actor.displayName }, {
        action: 'lookback.campaign_completed',
        entityType: 'lookback_campaign',
        entityId: Number(check.campaign_id),
        after: { status: 'completed' },
      });
      campaignCompleted = true;
    }
    return { checkId, problemId, result: body.result, campaignCompleted };
  });
}
