import type { DeadlineKind } from './vocabulary.js';

/**
 * The closed loop of domain.md §4 as one table of data plus guards. The server enforces it; the web app shows only
 * the actions `allowedActions` returns (the server sends them with each problem).
 *
 * registered → assigned → acknowledged → rectifying → self_check_submitted → verifying → public_notice
 *   → notice_completed → archived → closed (已备案 = 已销号); verification fail → rectifying; upheld objection →
 *   verifying; closed → (look-back rebound) → rectifying in a new rectification round.
 */
export const PROBLEM_STATUSES = [
  'registered', // 待交办
  'assigned', // 已交办, awaiting 签收
  'acknowledged', // 已签收
  'rectifying', // 整改中
  'self_check_submitted', // 自查申请 (signed by the unit head)
  'verifying', // 核查中
  'public_notice', // 公示中
  'notice_completed', // 公示期满, 待归档
  'archived', // 已归档, 待备案
  'closed', // 已备案 = 已销号
] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/** Who someone is to a given problem, computed by the server from the actor and the problem's units. */
export interface Relations {
  /** coordinator role and the problem inside their region scope */
  coordinator: boolean;
  /** unit handler of the lead unit */
  leadHandler: boolean;
  /** unit head of the lead unit */
  leadHead: boolean;
  /** unit handler of the lead or a cooperating unit */
  rectifyingHandler: boolean;
  /** member of the lead or a cooperating unit (any role) */
  rectifyingMember: boolean;
  /** the verifier assigned to the current verification (and not a member of a rectifying unit) */
  assignedVerifier: boolean;
  /**
   * the look-back checker whose check of this problem found a rebound (反弹) that has not reopened it yet: true only
   * inside the transaction that records that check, so the reopening is theirs, under the campaign's mandate
   */
  lookbackChecker: boolean;
  /** the timed jobs of the server itself */
  system: boolean;
}

export const NO_RELATIONS: Relations = {
  coordinator: false,
  leadHandler: false,
  leadHead: false,
  rectifyingHandler: false,
  rectifyingMember: false,
  assignedVerifier: false,
  lookbackChecker: false,
  system: false,
};

export type Party = Exclude<keyof Relations, 'rectifyingMember'>;

export const PROBLEM_ACTIONS = [
  'edit',
  'assign',
  'acknowledge',
  'report_progress',
  'return_report',
  'request_extension',
  'decide_extension',
  'submit_self_check',
  'start_verification',
  'record_verification',
  'record_objection',
  'decide_objection',
  'end_notice',
  'archive',
  'file',
  'mark_phase_done',
  'reopen',
] as const;
export type ProblemAction = (typeof PROBLEM_ACTIONS)[number];

export interface TransitionSpec {
  from: readonly ProblemStatus[];
  /** The status after the action; `null` when it stays (or, for branching actions, is decided by `outcome`). */
  to: ProblemStatus | null;
  by: readonly Party[];
  /** Only for problems whose deadline kind is one of these (default: any). */
  deadlineKinds?: readonly DeadlineKind[];
  /** Only when something of this kind waits for a decision (a submitted report, an extension request, an objection). */
  needsPending?: PendingKind;
}

export type PendingKind = 'reports' | 'extensions' | 'objections';

const ACTIVE: readonly ProblemStatus[] = ['acknowledged', 'rectifying'];
const OPEN: readonly ProblemStatus[] = ['assigned', 'acknowledged', 'rectifying'];

export const TRANSITIONS: Record<ProblemAction, TransitionSpec> = {
  edit: { from: ['registered', 'assigned', 'acknowledged', 'rectifying'], to: null, by: ['coordinator'] },
  assign: { from: ['registered'], to: 'assigned', by: ['coordinator'] },
  acknowledge: { from: ['assigned'], to: 'acknowledged', by: ['leadHandler', 'leadHead'] },
  // The first progress report starts the rectification proper.
  report_progress: { from: ACTIVE, to: 'rectifying', by: ['rectifyingHandler', 'leadHead'] },
  return_report: { from: ACTIVE, to: null, by: ['coordinator'], needsPending: 'reports' },
  request_extension: { from: OPEN, to: null, by: ['leadHandler', 'leadHead'], deadlineKinds: ['immediate', 'date'] },
  decide_extension: { from: OPEN, to: null, by: ['coordinator'], needsPending: 'extensions' },
  // 长期坚持 problems are never closed by accident: they cannot enter the closing steps.
  submit_self_check: { from: ['rectifying'], to: 'self_check_submitted', by: ['leadHead'], deadlineKinds: ['immediate', 'date'] },
  start_verification: { from: ['self_check_submitted'], to: 'verifying', by: ['coordinator'] },
  // pass → public_notice, fail → rectifying
  record_verification: { from: ['verifying'], to: null, by: ['assignedVerifier'] },
  record_objection: { from: ['public_notice'], to: null, by: ['coordinator'] },
  // upheld → verifying, dismissed → stays
  decide_objection: { from: ['public_notice'], to: null, by: ['coordinator'], needsPending: 'objections' },
  end_notice: { from: ['public_notice'], to: 'notice_completed', by: ['system', 'coordinator'] },
  archive: { from: ['notice_completed'], to: 'archived', by: ['coordinator'] },
  file: { from: ['archived'], to: 'closed', by: ['coordinator'] },
  mark_phase_done: { from: ['rectifying'], to: null, by: ['coordinator'], deadlineKinds: ['ongoing'] },
  // A look-back that finds a rebound reopens the problem in a new rectification round.
  reopen: { from: ['closed'], to: 'rectifying', by: ['coordinator', 'lookbackChecker'] },
};

export interface ProblemSnapshot {
  status: ProblemStatus;
  deadlineKind: DeadlineKind;
  /** What waits for a decision; when absent, decisions are not checked against it. */
  pending?: Record<PendingKind, boolean>;
}

export type RefusalReason = 'wrong_status' | 'not_your_part' | 'wrong_deadline_kind' | 'nothing_pending';

/** Why an action is not possible now, or null when it is. Checked in this order: status, deadline kind, party, pending. */
export function refusal(action: ProblemAction, problem: ProblemSnapshot, relations: Relations): RefusalReason | null {
  const spec = TRANSITIONS[action];
  if (!spec.from.includes(problem.status)) return 'wrong_status';
  if (spec.deadlineKinds && !spec.deadlineKinds.includes(problem.deadlineKind)) return 'wrong_deadline_kind';
  if (!spec.by.some((party) => relations[party])) return 'not_your_part';
  if (spec.needsPending && problem.pending && !problem.pending[spec.needsPending]) return 'nothing_pending';
  return null;
}

/** The actions this person may take on this problem now (what the UI shows as buttons). */
export function allowedActions(problem: ProblemSnapshot, relations: Relations): ProblemAction[] {
  return PROBLEM_ACTIONS.filter((a) => a !== 'end_notice' || relations.coordinator || relations.system).filter(
    (action) => refusal(action, problem, relations) === null,
  );
}

/** The status after a branching action. */
export function statusAfter(action: ProblemAction, problem: ProblemSnapshot, outcome?: 'pass' | 'fail' | 'upheld' | 'dismissed'): ProblemStatus {
  const spec = TRANSITIONS[action];
  if (action === 'record_verification') return outcome === 'pass' ? 'public_notice' : 'rectifying';
  if (action === 'decide_objection') return outcome === 'upheld' ? 'verifying' : problem.status;
  return spec.to ?? problem.status;
}

/** Statuses counted as "closed" (完成销号) and as "rectified" (完成整改, in the closing steps). */
export const CLOSING_STATUSES: readonly ProblemStatus[] = ['self_check_submitted', 'verifying', 'public_notice', 'notice_completed', 'archived'];
export const isClosed = (status: ProblemStatus) => status === 'closed';

/**
 * The verifier must belong to a unit other than the rectifying ones ("谁验收谁负责"): the rule that makes the
 * verification independent. `verifierUnitPath` is the verifier's unit path; a verifier inside a rectifying unit's
 * subtree (or the unit itself) is refused, as is one whose unit is an ancestor that contains a rectifying unit only
 * when it is the very same unit.
 */
export function isIndependentVerifier(verifierUnitId: number, verifierUnitPath: string, rectifyingUnits: { id: number; path: string }[]): boolean {
  return rectifyingUnits.every((u) => u.id !== verifierUnitId && !verifierUnitPath.startsWith(u.path));
}
