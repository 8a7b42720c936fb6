import type { Actor } from '../../../domain/access.js';
import type { ActionBodies } from '../../../shared/api/problems.js';
import { AppError } from '../../errors.js';
import { chinaDate } from '../../services.js';
import { runAction, type ActionContext } from './run-action.js';

/** 备案 (step 5): filed with the level above under its filing number; the problem is now 已销号. */
export async function fileProblem(ctx: ActionContext, actor: Actor, id: number, body: ActionBodies['file']) {
  return runAction(ctx, actor, id, 'file', async ({ today, loaded }) => {
    // A filing is dated between the archiving (China date) and today.
    const archivedOn = loaded.problem.archivedAt ? chinaDate(new Date(loaded.problem.archivedAt)) : today;
    if (body.filingDate > today || body.filingDate < archivedOn) throw new AppError('FILING_DATE_INVALID', { from: archivedOn, to: today }, 422);
    return {
      to: 'closed',
      patch: { filingNumber: body.filingNumber, filingDate: body.filingDate, closedOn: today },
      details: { filingNumber: body.filingNumber, filingDate: body.filingDate },
    };
  });
}
