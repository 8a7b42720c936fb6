import type { Actor } from '../../../domain/access.js';
import type { ActionBodies } from '../../../shared/api/problems.js';
import { AppError } from '../../errors.js';
import { loadLoopSettings } from '../../settings.js';
import { notify, usersOfUnit } from './notify.js';
import { runAction, type ActionContext } from './run-action.js';

/** 交办: hand the problem to its lead (and cooperating) units; the lead must acknowledge within N working days. */
export async function assignProblem(ctx: ActionContext, actor: Actor, id: number, body: ActionBodies['assign']) {
  return runAction(ctx, actor, id, 'assign', async ({ tx, loaded, today }) => {
    const p = loaded.problem;
    if (!p.leadUnitId) throw new AppError('PROBLEM_NEEDS_LEAD_UNIT', {}, 422);
    if (p.deadlineKind === 'date' && !p.deadline) throw new AppError('PROBLEM_NEEDS_DEADLINE', {}, 422);
    if (p.deadlineKind !== 'ongoing' && p.closingCriteria.length === 0) throw new AppError('PROBLEM_NEEDS_CRITERIA', {}, 422);
    const settings = await loadLoopSettings(tx);
    const calendar = await ctx.services.calendar.get(tx);
    const ackDueOn = calendar.addWorkingDays(today, settings.ackWorkingDays);
    for (const unit of loaded.parties.units) {
      await notify(tx, await usersOfUnit(tx, unit.id, ['unit_handler', 'unit_head']), 'assigned', id, { code: p.code, title: p.title, role: unit.role });
    }
    return { to: 'assigned', patch: { assignedOn: today, ackDueOn }, details: { ackDueOn, note: body.note ?? null } };
  });
}
