import type { ProblemStatus, Relations } from '../../domain/problem/lifecycle.js';
import { EVIDENCE_PURPOSES, type EvidencePurpose } from '../../shared/api/evidence.js';

export { EVIDENCE_PURPOSES, PAIR_ROLES, type EvidencePurpose, type PairRole } from '../../shared/api/evidence.js';

/** Who someone is to a problem, for evidence: the loop relations plus being a look-back checker of it. */
export interface EvidenceParty {
  relations: Relations;
  lookbackChecker: boolean;
}

/** Statuses in which the file is frozen: only look-back evidence may still be added. */
const FROZEN: readonly ProblemStatus[] = ['archived', 'closed'];

/**
 * Who may add evidence for which purpose (pure; the use case supplies the relations):
 * - the coordinator (督察办, problem in their region): any purpose;
 * - members of the lead and cooperating units: progress, self-check, other;
 * - the assigned verifier: verification, other;
 * - look-back checkers of the problem: look-back.
 */
export function mayUploadFor(purpose: EvidencePurpose, party: EvidenceParty): boolean {
  const r = party.relations;
  if (r.coordinator) return true;
  switch (purpose) {
    case 'progress':
    case 'self_check':
      return r.rectifyingMember;
    case 'verification':
      return r.assignedVerifier;
    case 'lookback':
      return party.lookbackChecker;
    case 'other':
      return r.rectifyingMember || r.assignedVerifier;
  }
}

/** Whether the actor may add evidence of any purpose (checked before the upload body is read). */
export function mayUploadAny(party: EvidenceParty): boolean {
  return EVIDENCE_PURPOSES.some((p) => mayUploadFor(p, party));
}

/** Why this purpose cannot be added in this status, or null. Archived and closed files accept only look-back evidence. */
export function statusRefusal(purpose: EvidencePurpose, status: ProblemStatus): 'frozen' | null {
  return FROZEN.includes(status) && purpose !== 'lookback' ? 'frozen' : null;
}
