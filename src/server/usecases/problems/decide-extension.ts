import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { ActionBodies } from '../../../shared/api/problems.js';
import { extensions } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { notify } from './notify.js';
import { runAction, type ActionContext } from './run-action.js';

/** 审批延期: approved extensions become the deadline in force wherever the deadline is shown. */
export async function decideExtension(ctx: ActionContext, actor: Actor, id: number, body: ActionBodies['decide_extension']) {
  return runAction(ctx, actor, id, 'decide_extension', async ({ tx, now }) => {
    const [ext] = await tx
      .select()
      .from(extensions)
      .where(and(eq(extensions.id, body.extensionId), eq(extensions.problemId, id), eq(extensions.status, 'pending')));
    if (!ext) throw new AppError('EXTENSION_NOT_PENDING', {}, 422);
    const status = body.approve ? 'approved' : 'refused';
    await tx
      .update(extensions)
      .set({ status, decidedBy: actor.userId, decidedAt: now, decisionNote: body.note ?? null })
      .where(eq(extensions.id, ext.id));
    await notify(tx, [ext.requestedBy], 'extension_decided', id, { status, newDeadline: ext.newDeadline });
    return { details: { extensionId: ext.id, status, newDeadline: ext.newDeadline, note: body.note ?? null } };
  });
}
