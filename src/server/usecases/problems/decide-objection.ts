import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { ActionBodies } from '../../../shared/api/problems.js';
import { objections, publicNotices, verifications } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { notify } from './notify.js';
import { runAction, type ActionContext } from './run-action.js';

/** 处理异议: an upheld objection withdraws the notice and sends the problem back to verification. */
export async function decideObjection(ctx: ActionContext, actor: Actor, id: number, body: ActionBodies['decide_objection']) {
  return runAction(ctx, actor, id, 'decide_objection', async ({ tx, loaded, now }) => {
    const [objection] = await tx
      .select()
      .from(objections)
      .where(and(eq(objections.id, body.objectionId), eq(objections.problemId, id), eq(objections.decision, 'pending')));
    if (!objection) throw new AppError('OBJECTION_NOT_PENDING', {}, 422);
    const decision = body.upheld ? 'upheld' : 'dismissed';
    await tx.update(objections).set({ decision, decisionNote: body.note, decidedBy: actor.userId, decidedAt: now }).where(eq(objections.id, objection.id));
    if (!body.upheld) return { details: { objectionId: objection.id, decision, note: body.note } };
    await tx.update(publicNotices).set({ status: 'withdrawn', endedAt: now }).where(eq(publicNotices.id, objection.noticeId));
    // The same verifier checks again what the objection raised.
    if (loaded.problem.verifierUserId) {
      await tx.insert(verifications).values({
        problemId: id,
        rectificationRound: loaded.problem.rectificationRound,
        verifierUserId: loaded.problem.verifierUserId,
        assignedBy: actor.userId,
        assignedAt: now,
      });
      await notify(tx, [loaded.problem.verifierUserId], 'objection_upheld', id, { code: loaded.problem.code });
    }
    return { to: 'verifying', details: { objectionId: objection.id, decision, note: body.note } };
  });
}
