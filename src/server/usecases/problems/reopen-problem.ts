import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { ActionBodies } from '../../../shared/api/problems.js';
import { milestones, problems } from '../../db/schema.js';
import { notify, usersOfUnit } from './notify.js';
import { runAction, type ActionContext } from './run-action.js';

/**
 * 反弹 → 重新整改: a rebound found by a look-back reopens the problem in a new rectification round. Every earlier
 * round (reports, self-check, verification, notice, archive, filing) stays in the history under its round number;
 * the rebound is counted separately from failed verifications.
 */
export async function reopenProblem(ctx: ActionContext, actor: Actor, id: number, body: ActionBodies['reopen'] & { lookbackCheckId?: number }) {
  return runAction(ctx, actor, id, 'reopen', async ({ tx, loaded, today }) => {
    const p = loaded.problem;
    const next = p.rectificationRound + 1;
    // The milestones of the new round start from the previous plan, undone; the coordinator may edit them.
    const previous = await tx
      .select()
      .from(milestones)
      .where(and(eq(milestones.problemId, id), eq(milestones.rectificationRound, p.rectificationRound)))
      .orderBy(asc(milestones.seq));
    if (previous.length)
      await tx.insert(milestones).values(previous.map((m) => ({ problemId: id, seq: m.seq, title: m.title, dueOn: m.dueOn < today ? today : m.dueOn, rectificationRound: next })));
    for (const unit of loaded.parties.units)
      await notify(tx, await usersOfUnit(tx, unit.id, ['unit_handler', 'unit_head']), 'reopened', id, { code: p.code, reason: body.reason });
    return {
      to: 'rectifying',
      patch: {
        rectificationRound: next,
        rebounds: sql`${problems.rebounds} + 1` as unknown as number,
        acknowledgedOn: today,
        lastReportOn: null,
        rectifiedOn: null,
        archivedAt: null,
        filingNumber: null,
        filingDate: null,
        closedOn: null,
        verifierUserId: null,
      },
      details: { previousRound: p.rectificationRound, round: next, reason: body.reason, lookbackCheckId: body.lookbackCheckId ?? null },
    };
  });
}
