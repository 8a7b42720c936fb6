import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { ActionBodies } from '../../../shared/api/problems.js';
import { problems, publicNotices, verifications } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { loadLoopSettings } from '../../settings.js';
import { checkEvidenceIds } from './evidence-refs.js';
import { notify, usersOfUnit } from './notify.js';
import { runAction, type ActionContext } from './run-action.js';

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The verifier records the on-site check with their own photos. Pass → 公示 for the configured number of days;
 * fail → back to rectifying with reasons, counted against the problem.
 */
export async function recordVerification(ctx: ActionContext, actor: Actor, id: number, body: ActionBodies['record_verification']) {
  return runAction(ctx, actor, id, 'record_verification', async ({ tx, loaded, today, now }) => {
    if (body.result === 'fail' && !body.reasons) throw new AppError('VERIFICATION_NEEDS_REASONS', {}, 422);
    const files = await checkEvidenceIds(tx, id, body.evidenceIds);
    if (!files.some((f) => f.kind === 'photo')) throw new AppError('VERIFICATION_NEEDS_PHOTOS', {}, 422);
    const [open] = await tx
      .select({ id: verifications.id })
      .from(verifications)
      .where(and(eq(verifications.problemId, id), eq(verifications.verifierUserId, actor.userId), isNull(verifications.result)))
      .orderBy(desc(verifications.id))
      .limit(1);
    if (!open) throw new AppError('ACTION_NOT_YOUR_PART', { action: 'record_verification' }, 403);
    await tx
      .update(verifications)
      .set({ result: body.result, onSiteRecord: body.onSiteRecord, reasons: body.reasons ?? null, evidenceIds: body.evidenceIds, decidedAt: now })
      .where(eq(verifications.id, open.id));
    const p = loaded.problem;
    for (const unit of loaded.parties.units.filter((u) => u.role === 'lead'))
      await notify(tx, await usersOfUnit(tx, unit.id, ['unit_handler', 'unit_head']), 'verification_result', id, { code: p.code, result: body.result });
    if (body.result === 'fail') {
      return {
        to: 'rectifying',
        patch: { verificationFailures: sql`${problems.verificationFailures} + 1` as unknown as number, rectifiedOn: null },
        details: { verificationId: open.id, result: 'fail', reasons: body.reasons },
      };
    }
    const settings = await loadLoopSettings(tx);
    const endsOn = addDays(today, settings.noticeDays);
    await tx.insert(publicNotices).values({ problemId: id, rectificationRound: p.rectificationRound, startsOn: today, endsOn });
    return { to: 'public_notice', details: { verificationId: open.id, result: 'pass', notice: { startsOn: today, endsOn } } };
  });
}
