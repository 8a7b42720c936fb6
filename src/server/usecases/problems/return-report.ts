import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { ActionBodies } from '../../../shared/api/problems.js';
import { progressReports } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { notify } from './notify.js';
import { runAction, type ActionContext } from './run-action.js';

/** 退回: the coordinator sends a progress report back with a reason; the unit must report again. */
export async function returnReport(ctx: ActionContext, actor: Actor, id: number, body: ActionBodies['return_report']) {
  return runAction(ctx, actor, id, 'return_report', async ({ tx, now }) => {
    const [report] = await tx
      .select()
      .from(progressReports)
      .where(and(eq(progressReports.id, body.reportId), eq(progressReports.problemId, id), eq(progressReports.status, 'submitted')));
    if (!report) throw new AppError('REPORT_NOT_RETURNABLE', {}, 422);
    await tx
      .update(progressReports)
      .set({ status: 'returned', returnReason: body.reason, returnedBy: actor.userId, returnedAt: now })
      .where(eq(progressReports.id, report.id));
    await notify(tx, [report.submittedBy], 'report_returned', id, { reason: body.reason });
    // The report no longer counts: the next one is due from the previous accepted report.
    const [previous] = await tx
      .select({ at: progressReports.submittedAt })
      .from(progressReports)
      .where(and(eq(progressReports.problemId, id), eq(progressReports.status, 'submitted')))
      .orderBy(progressReports.submittedAt)
      .limit(1);
    return { patch: previous ? {} : { lastReportOn: null }, details: { reportId: report.id, reason: body.reason } };
  });
}
