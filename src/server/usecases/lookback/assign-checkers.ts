import { sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import { isIndependentVerifier } from '../../../domain/problem/lifecycle.js';
import type { AssignCheckersInput } from '../../../shared/api/lookback.js';
import { problemScopeSql, unitScopeSql } from '../../access/access.js';
import { recordChange } from '../../audit/record-change.js';
import type { Database } from '../../db/client.js';
import { AppError, notFound } from '../../errors.js';
import type { Services } from '../../services.js';
import { notify } from '../problems/notify.js';
import { campaignVisibleSql } from './list-campaigns.js';
import { requireCoordinator, rowsOf } from './coordinator.js';

/**
 * Assign (or re-assign) checkers to checks not yet recorded. A checker is an enabled user inside the coordinator's
 * scope and, like a verifier, must not belong to one of the problem's rectifying units (谁验收谁负责). Each checker is
 * notified ('lookback_check'). All or nothing, with one history row.
 */
export async function assignCheckers(ctx: { database: Database; services: Services }, actorIn: Actor, campaignId: number, body: AssignCheckersInput) {
  const actor = requireCoordinator(actorIn);
  return ctx.database.transaction(async (tx) => {
    const [campaign] = rowsOf<{ id: number; name: string }>(
      await tx.execute(sql`SELECT c.id, c.name FROM lookback_campaigns c WHERE c.id = ${campaignId} AND ${campaignVisibleSql(actor, 'c')} FOR UPDATE OF c`),
    );
    if (!campaign) throw notFound();
    const assigned: { checkId: number; problemId: number; checkerUserId: number }[] = [];
    for (const { checkId, checkerUserId } of body.checks) {
      const [check] = rowsOf<{ id: number; problem_id: number; result: string | null; code: string; checker_user_id: number | null }>(
        await tx.execute(sql`
          SELECT lc.id, lc.problem_id, lc.result, p.code, lc.checker_user_id FROM lookback_checks lc JOIN problems p ON p.id = lc.problem_id
          WHERE lc.id = ${checkId} AND lc.campaign_id = ${campaignId} AND ${problemScopeSql(actor, 'p')} FOR UPDATE OF lc`),
      );
      if (!check) throw new AppError('LOOKBACK_CHECK_UNKNOWN', { id: checkId }, 422);
      if (check.result !== null) throw new AppError('LOOKBACK_CHECK_RECORDED', {}, 409);
      const [checker] = rowsOf<{ id: number; unit_id: number; unit_path: string }>(
        await tx.execute(sql`
          SELECT u.id, u.unit_id, un.path AS unit_path FROM users u JOIN units un ON un.id = u.unit_id
          WHERE u.id = ${checkerUserId} AND u.enabled AND un.enabled AND ${unitScopeSql(actor, 'un')}`),
      );
      if (!checker) throw new AppError('LOOKBACK_CHECKER_NOT_FOUND', {}, 422);
      const rectifying = rowsOf<{ id: number; path: string }>(
        await tx.execute(sql`SELECT un.id, un.path FROM problem_units pu JOIN units un ON un.id = pu.unit_id WHERE pu.problem_id = ${check.problem_id}`),
      ).map((u) => ({ id: Number(u.id), path: u.path }));
      if (!isIndependentVerifier(Number(checker.unit_id), checker.unit_path, rectifying)) throw new AppError('LOOKBACK_CHECKER_NOT_INDEPENDENT', {}, 422);
      if (Number(check.checker_user_id) === Number(checker.id)) continue;
      await tx.execute(sql`UPDATE lookback_checks SET checker_user_id = ${checker.id} WHERE id = ${check.id}`);
      await notify(tx, [Number(checker.id)], 'lookback_check', Number(check.problem_id), { code: check.code, campaign: campaign.name, checkId: Number(check.id) });
      assigned.push({ checkId: Number(check.id), problemId: Number(check.problem_id), checkerUserId: Number(checker.id) });
    }
    if (assigned.length)
      await recordChange(tx, { id: actor.userId, name: actor.displayName }, {
        action: 'lookback.checkers_assigned',
        entityType: 'lookback_campaign',
        entityId: campaignId,
        after: { checks: assigned },
      });
    return { assigned: assigned.length };
  });
}
