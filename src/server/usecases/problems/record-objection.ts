import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { ActionBodies } from '../../../shared/api/problems.js';
import { objections, publicNotices } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { runAction, type ActionContext } from './run-action.js';

/** 登记异议: an objection received during the public notice is recorded against the open notice. */
export async function recordObjection(ctx: ActionContext, actor: Actor, id: number, body: ActionBodies['record_objection']) {
  return runAction(ctx, actor, id, 'record_objection', async ({ tx }) => {
    const [notice] = await tx.select().from(publicNotices).where(and(eq(publicNotices.problemId, id), eq(publicNotices.status, 'open')));
    if (!notice) throw new AppError('ACTION_WRONG_STATUS', { action: 'record_objection', status: 'public_notice' }, 409);
    const [row] = await tx
      .insert(objections)
      .values({ noticeId: notice.id, problemId: id, content: body.content, receivedOn: body.receivedOn, recordedBy: actor.userId })
      .returning({ id: objections.id });
    return { details: { objectionId: row!.id, receivedOn: body.receivedOn } };
  });
}
