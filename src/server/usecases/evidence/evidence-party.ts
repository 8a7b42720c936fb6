import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { Executor } from '../../db/client.js';
import { lookbackChecks } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { mayUploadAny, type EvidenceParty } from '../../evidence/rules.js';
import { loadProblem, type LoadedProblem } from '../problems/load-problem.js';

export async function evidencePartyOf(ex: Executor, actor: Actor, loaded: LoadedProblem): Promise<EvidenceParty> {
  const [check] = await ex
    .select({ id: lookbackChecks.id })
    .from(lookbackChecks)
    .where(and(eq(lookbackChecks.problemId, loaded.problem.id), eq(lookbackChecks.checkerUserId, actor.userId)))
    .limit(1);
  return { relations: loaded.relations, lookbackChecker: Boolean(check) };
}

/**
 * The cheap check before an upload's body is read: NOT_FOUND outside the actor's scope, EVIDENCE_NOT_YOUR_PART when
 * the actor may add no evidence at all to this problem. The purpose and the status are checked again, under the
 * problem's lock, when the file has arrived.
 */
export async function assertMayUploadSomething(ex: Executor, actor: Actor, problemId: number): Promise<void> {
  const loaded = await loadProblem(ex, actor, problemId);
  if (!mayUploadAny(await evidencePartyOf(ex, actor, loaded))) throw new AppError('EVIDENCE_NOT_YOUR_PART', {}, 403);
}
