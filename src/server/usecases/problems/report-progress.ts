import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { ActionBodies } from '../../../shared/api/problems.js';
import { milestones, progressReports } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { checkEvidenceIds } from './evidence-refs.js';
import { runAction, type ActionContext } from './run-action.js';

/** 进展报送: text, milestones reached and evidence; the first report starts the rectification (整改中). */
export async function reportProgress(ctx: ActionContext, actor: Actor, id: number, body: ActionBodies['report_progress']) {
  let reportId = 0;
  const result = await runAction(ctx, actor, id, 'report_progress', async ({ tx, loaded, today, now }) => {
    const p = loaded.problem;
    if (body.milestoneIdsDone.length) {
      const own = await tx
        .select({ id: milestones.id })
        .from(milestones)
        .where(and(eq(milestones.problemId, id), eq(milestones.rectificationRound, p.rectificationRound), inArray(milestones.id, body.milestoneIdsDone)));
      const ownIds = new Set(own.map((m) => m.id));
      for (const mid of body.milestoneIdsDone) if (!ownIds.has(mid)) throw new AppError('MILESTONE_UNKNOWN', { id: mid }, 422);
      await tx
        .update(milestones)
        .set({ doneOn: today })
        .where(and(inArray(milestones.id, body.milestoneIdsDone), isNull(milestones.doneOn)));
    }
    await checkEvidenceIds(tx, id, body.evidenceIds);
    const [report] = await tx
      .insert(progressReports)
      .values({ problemId: id, rectificationRound: p.rectificationRound, text: body.text, milestoneIdsDone: body.milestoneIdsDone, evidenceIds: body.evidenceIds, submittedBy: actor.userId, submittedAt: now })
      .returning({ id: progressReports.id });
    reportId = report!.id;
    return {
      to: 'rectifying',
      patch: { lastReportOn: today, latestProgress: body.text.slice(0, 500), acknowledgedOn: p.acknowledgedOn ?? today },
      details: { reportId, milestonesDone: body.milestoneIdsDone, evidence: body.evidenceIds.length },
    };
  });
  return { ...result, reportId };
}
