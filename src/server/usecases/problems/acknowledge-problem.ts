import type { Actor } from '../../../domain/access.js';
import type { ActionBodies } from '../../../shared/api/problems.js';
import { runAction, type ActionContext } from './run-action.js';

/** 签收: the lead unit takes the problem on. */
export async function acknowledgeProblem(ctx: ActionContext, actor: Actor, id: number, body: ActionBodies['acknowledge']) {
  return runAction(ctx, actor, id, 'acknowledge', async ({ loaded, today }) => ({
    to: 'acknowledged',
    patch: { acknowledgedOn: today },
    details: { late: loaded.problem.ackDueOn !== null && today > loaded.problem.ackDueOn, note: body.note ?? null },
  }));
}
