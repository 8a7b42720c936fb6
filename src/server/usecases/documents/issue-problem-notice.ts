import type { Actor } from '../../../domain/access.js';
import type { SupervisionNoticeInput } from '../../../shared/api/documents.js';
import { vocabularyCatalog } from '../../../shared/i18n/vocabulary.js';
import { requirePermission } from '../../access/access.js';
import { buildSupervisionNotice, type NoticeProblem, type SupervisionNoticeData } from '../../documents/supervision-notice.js';
import { AppError } from '../../errors.js';
import { getProblem } from '../problems/get-problem.js';
import { loadProblem } from '../problems/load-problem.js';
import { recordProblemEvent, type ActionContext } from '../problems/run-action.js';
import { resolveIssuer } from './issuer.js';
import { keepIssuedNotice, nextNoticeNumber, replyDate, SUPERVISABLE_STATUSES, WARNING_REASON_TEXT, type IssuedNotice } from './notice-support.js';

const zh = (key: keyof typeof vocabularyCatalog) => vocabularyCatalog[key]['zh-CN'];

/**
 * 督办通知单 about one problem. Issuing is an action: in one transaction the office's next 文号 is counted, the
 * problem's timeline and the history record the notice (number, reply date), and the document, built from what was
 * read inside it, is kept (issued_documents) to be downloaded again. Only a coordinator who has the problem in their
 * region, while the problem is with its units (已交办, 已签收, 整改中); NOT_FOUND outside the actor's scope.
 */
export async function issueProblemNotice(ctx: ActionContext, actor: Actor, problemId: number, input: SupervisionNoticeInput): Promise<IssuedNotice> {
  requirePermission(actor, 'document.issue');
  return ctx.database.transaction(async (tx) => {
    const loaded = await loadProblem(tx, actor, problemId, { forUpdate: true });
    if (!loaded.relations.coordinator) throw new AppError('FORBIDDEN');
    const status = loaded.problem.status;
    if (!(SUPERVISABLE_STATUSES as readonly string[]).includes(status))
      throw new AppError('NOTICE_WRONG_STATUS', { status }, 409);
    const p = await getProblem(tx, ctx.services, actor, problemId);
    const today = ctx.services.clock.today();
    const calendar = await ctx.services.calendar.get(tx);
    const replyBy = replyDate(input.replyBy, today, calendar);
    const issuer = await resolveIssuer(tx, actor);
    const documentNumber = await nextNoticeNumber(tx, issuer.numberPrefix, Number(today.slice(0, 4)));
    const now = ctx.services.clock.now();
    await recordProblemEvent(tx, actor, loaded.problem, 'supervision_notice', status, status, { documentNumber, replyBy, ...(input.note ? { note: input.note } : {}) }, now);

    const problem: NoticeProblem = {
      code: p.code,
      title: p.title,
      description: p.description,
      source: zh(`source.${p.source}`),
      round: [p.roundName, p.batchName].filter(Boolean).join(' ') || null,
      leadUnit: p.leadUnitName,
      cooperatingUnits: p.cooperatingUnits.map((u) => u.name),
      deadlineKindLabel: zh(`deadlineKind.${p.deadlineKind}`),
      deadlineInForce: p.deadline,
      originalDeadline: p.originalDeadline,
      extended: p.extended,
      warningLight: p.warningLight,
      warningReason: p.warningReason ? (WARNING_REASON_TEXT[p.warningReason] ?? null) : null,
      workingDaysOverdue: p.warningWorkingDaysOverdue,
      workingDaysLeft: p.warningWorkingDaysLeft,
      measures: p.measures,
      latestProgress: p.latestProgress,
    };
    const notice: SupervisionNoticeData = {
      kind: 'problem',
      issuer: issuer.name,
      documentNumber,
      issuedOn: today,
      recipients: [p.leadUnitName, ...p.cooperatingUnits.map((u) => u.name)].filter((n): n is string => Boolean(n)),
      problems: [problem],
      replyBy,
      note: input.note ?? null,
      contact: issuer.contact,
    };
    const buffer = await buildSupervisionNotice(notice);
    const fileName = `督办通知单-${documentNumber}-${p.code}.docx`;
    const documentId = await keepIssuedNotice(tx, actor, { kind: 'problem_notice', problemId }, { documentNumber, replyBy, fileName, buffer, issuedAt: now, problemIds: [problemId] });
    return { buffer, documentNumber, fileName, documentId };
  });
}
