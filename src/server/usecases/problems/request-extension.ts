import { and, desc, eq } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { ActionBodies } from '../../../shared/api/problems.js';
import { extensions } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { runAction, type ActionContext } from './run-action.js';

/** 申请延期: the lead unit asks for a later deadline, with a reason; one request at a time. */
export async function requestExtension(ctx: ActionContext, actor: Actor, id: number, body: ActionBodies['request_extension']) {
  return runAction(ctx, actor, id, 'request_extension', async ({ tx, loaded }) => {
    const [pending] = await tx.select({ id: extensions.id }).from(extensions).where(and(eq(extensions.problemId, id), eq(extensions.status, 'pending')));
    if (pending) throw new AppError('EXTENSION_PENDING', {}, 409);
    const [approved] = await tx
      .select({ newDeadline: extensions.newDeadline })
      .from(extensions)
      .where(and(eq(extensions.problemId, id), eq(extensions.status, 'approved')))
      .orderBy(desc(extensions.decidedAt))
      .limit(1);
    const current = approved?.newDeadline ?? loaded.problem.deadline ?? loaded.problem.warningDueOn;
    if (current && body.newDeadline <= current) throw new AppError('EXTENSION_NOT_LATER', { current }, 422);
    const [row] = await tx
      .insert(extensions)
      .values({ problemId: id, currentDeadline: current, newDeadline: body.newDeadline, reason: body.reason, requestedBy: actor.userId })
      .returning({ id: extensions.id });
    return { details: { extensionId: row!.id, from: current, to: body.newDeadline, reason: body.reason } };
  });
}
