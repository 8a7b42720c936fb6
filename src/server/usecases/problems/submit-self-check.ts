import type { Actor } from '../../../domain/access.js';
import type { ActionBodies } from '../../../shared/api/problems.js';
import { selfChecks } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { checkEvidenceIds } from './evidence-refs.js';
import { runAction, type ActionContext } from './run-action.js';

/**
 * 自查 (step 1 of 5): the unit answers each closing criterion with a statement and evidence; the unit head signs
 * by submitting it. Every criterion must be answered; at least one piece of evidence must be attached.
 */
export async function submitSelfCheck(ctx: ActionContext, actor: Actor, id: number, body: ActionBodies['submit_self_check']) {
  return runAction(ctx, actor, id, 'submit_self_check', async ({ tx, loaded, today, now }) => {
    const criteria = loaded.problem.closingCriteria;
    const answered = new Set(body.items.map((i) => i.criterion));
    const missing = criteria.filter((c) => !answered.has(c));
    if (missing.length) throw new AppError('SELF_CHECK_CRITERIA_MISMATCH', { expected: criteria.length, missing: missing.join('；') }, 422);
    const evidenceIds = [...new Set(body.items.flatMap((i) => i.evidenceIds))];
    if (evidenceIds.length === 0) throw new AppError('SELF_CHECK_NEEDS_EVIDENCE', {}, 422);
    await checkEvidenceIds(tx, id, evidenceIds);
    const [row] = await tx
      .insert(selfChecks)
      .values({ problemId: id, rectificationRound: loaded.problem.rectificationRound, items: body.items, signedBy: actor.userId, signedAt: now })
      .returning({ id: selfChecks.id });
    return { to: 'self_check_submitted', patch: { rectifiedOn: today }, details: { selfCheckId: row!.id, criteria: criteria.length, evidence: evidenceIds.length } };
  });
}
