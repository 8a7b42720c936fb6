import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import { isIndependentVerifier } from '../../../domain/problem/lifecycle.js';
import type { ActionBodies } from '../../../shared/api/problems.js';
import { units, userRoles, users, verifications } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { notify } from './notify.js';
import { runAction, type ActionContext } from './run-action.js';

/** 核查 (step 2): the coordinator assigns a verifier from a unit other than the rectifying ones (enforced). */
export async function startVerification(ctx: ActionContext, actor: Actor, id: number, body: ActionBodies['start_verification']) {
  return runAction(ctx, actor, id, 'start_verification', async ({ tx, loaded, now }) => {
    const [verifier] = await tx
      .select({ id: users.id, unitId: users.unitId, unitPath: units.path, name: users.displayName, unitName: units.name })
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'verifier')))
      .where(and(eq(users.id, body.verifierUserId), eq(users.enabled, true)));
    if (!verifier) throw new AppError('VERIFIER_NOT_FOUND', {}, 422);
    if (!isIndependentVerifier(verifier.unitId, verifier.unitPath, loaded.parties.units)) throw new AppError('VERIFIER_NOT_INDEPENDENT', {}, 422);
    await tx.insert(verifications).values({
      problemId: id,
      rectificationRound: loaded.problem.rectificationRound,
      verifierUserId: verifier.id,
      assignedBy: actor.userId,
      assignedAt: now,
    });
    await notify(tx, [verifier.id], 'verification_requested', id, { code: loaded.problem.code, title: loaded.problem.title });
    return { to: 'verifying', patch: { verifierUserId: verifier.id }, details: { verifier: verifier.name, verifierUnit: verifier.unitName } };
  });
}
