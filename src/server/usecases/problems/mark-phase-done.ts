import type { Actor } from '../../../domain/access.js';
import type { ActionBodies } from '../../../shared/api/problems.js';
import { phaseCompletions } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { runAction, type ActionContext } from './run-action.js';

/** 阶段性完成: a 长期坚持 problem reaches its goal for a period; it stays open for the next one. */
export async function markPhaseDone(ctx: ActionContext, actor: Actor, id: number, body: ActionBodies['mark_phase_done']) {
  return runAction(ctx, actor, id, 'mark_phase_done', async ({ tx, now }) => {
    const inserted = await tx
      .insert(phaseCompletions)
      .values({ problemId: id, period: body.period, note: body.note ?? null, markedBy: actor.userId, markedAt: now })
      .onConflictDoNothing()
      .returning({ period: phaseCompletions.period });
    if (inserted.length === 0) throw new AppError('PHASE_ALREADY_DONE', { period: body.period }, 409);
    return { details: { period: body.period, note: body.note ?? null } };
  });
}
