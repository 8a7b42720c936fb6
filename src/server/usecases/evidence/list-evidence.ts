import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { Executor } from '../../db/client.js';
import { evidence } from '../../db/schema.js';
import { loadProblem } from '../problems/load-problem.js';
import { presentEvidence, type EvidenceView } from './present-evidence.js';

/** The evidence of a problem the actor may see (NOT_FOUND outside scope), oldest first; optionally one round only. */
export async function listEvidence(ex: Executor, actor: Actor, problemId: number, filter: { round?: number } = {}): Promise<EvidenceView[]> {
  await loadProblem(ex, actor, problemId);
  const rows = await ex
    .select()
    .from(evidence)
    .where(and(eq(evidence.problemId, problemId), filter.round === undefined ? undefined : eq(evidence.rectificationRound, filter.round)))
    .orderBy(asc(evidence.uploadedAt), asc(evidence.id));
  return presentEvidence(ex, actor, problemId, rows);
}
