import type { UiKey } from '../../../i18n/ui';
import type { BodyAction, ProblemDetail } from '../api';

/** Actions about one pending thing: when there is none, the dialog says so instead of showing an empty choice. */
export function nothingPending(action: BodyAction, problem: ProblemDetail): UiKey | null {
  if (action === 'decide_extension' && !problem.extensions.some((e) => e.status === 'pending')) return 'action.noPendingExtension';
  if (action === 'return_report' && !problem.progressReports.some((r) => r.round === problem.rectificationRound && r.status === 'submitted')) return 'action.noOpenReport';
  if (action === 'decide_objection' && !problem.notices.some((n) => n.objections.some((o) => o.decision === 'pending'))) return 'action.noPendingObjection';
  return null;
}

