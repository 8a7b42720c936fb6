import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { SupervisionNoticeInput } from '../../../shared/api/documents.js';
import { vocabularyCatalog } from '../../../shared/i18n/vocabulary.js';
import { problemScopeSql, requirePermission } from '../../access/access.js';
import { recordChange } from '../../audit/record-change.js';
import { buildSupervisionNotice, type NoticeProblem, type SupervisionNoticeData, type WarningLight } from '../../documents/supervision-notice.js';
import { problemEvents, units } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { getUnitInScope } from '../list-units.js';
import type { ActionContext } from '../problems/run-action.js';
import { resolveIssuer } from './issuer.js';
import { keepIssuedNotice, nextNoticeNumber, replyDate, SUPERVISABLE_STATUSES, WARNING_REASON_TEXT, type IssuedNotice } from './notice-support.js';

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;
const zh = (key: keyof typeof vocabularyCatalog) => vocabularyCatalog[key]['zh-CN'];

/** Most problems one notice lists; a unit with more gets the worst first. */
export const UNIT_NOTICE_MAX_PROBLEMS = 200;

interface WarnedRow {
  id: number;
  code: string;
  title: string;
  description: string;
  source: string;
  round_name: string | null;
  batch_name: string | null;
  deadline_kind: string;
  deadline_in_force: string | null;
  warning_light: WarningLight;
  warning_reason: string | null;
  warning_due_on: string | null;
  rectification_round: number;
  status: string;
  role: 'lead' | 'cooperating';
  measures: string | null;
  latest_progress: string | null;
  lead_name: string | null;
  extended: boolean;
}

/**
 * 督办通知单 to one unit about its warned problems: those it leads or cooperates on, with its units, lit yellow, red or
 * severe, in the actor's scope (severe first, then by deadline). In one transaction the office's next 文号 is counted,
 * each listed problem's timeline shows the notice, and one history row records it against the unit with every problem
 * listed; the document is kept (issued_documents) to be downloaded again. NOT_FOUND when the unit is outside the
 * actor's scope; NOTICE_NOTHING_TO_SUPERVISE when nothing is lit.
 */
export async function issueUnitNotice(ctx: ActionContext, actor: Actor, unitId: number, input: SupervisionNoticeInput): Promise<IssuedNotice> {
  requirePermission(actor, 'document.issue');
  return ctx.database.transaction(async (tx) => {
    const unit = await getUnitInScope(tx, actor, unitId);
    const rows = rowsOf<WarnedRow>(
      await tx.execute(sql`
        SELECT p.id, p.code, p.title, p.description, p.source, r.name AS round_name, b.name AS batch_name, p.deadline_kind,
               p.deadline_in_force, p.warning_light, p.warning_reason, p.warning_due_on, p.rectification_round, p.status, pu.role,
               p.measures, p.latest_progress, lu.name AS lead_name,
               EXISTS (SELECT 1 FROM extensions e WHERE e.problem_id = p.id AND e.status = 'approved') AS extended
        FROM problems p
        JOIN problem_units pu ON pu.problem_id = p.id AND pu.unit_id = ${unitId}
        LEFT JOIN units lu ON lu.id = p.lead_unit_id
        LEFT JOIN rounds r ON r.id = p.round_id
        LEFT JOIN batches b ON b.id = p.batch_id
        WHERE ${problemScopeSql(actor, 'p')}
          AND p.status IN ${sql.raw(`(${SUPERVISABLE_STATUSES.map((s) => `'${s}'`).join(',')})`)}
          AND p.warning_light IN ('yellow', 'red', 'severe')
        ORDER BY CASE p.warning_light WHEN 'severe' THEN 0 WHEN 'red' THEN 1 ELSE 2 END, p.deadline_in_force NULLS LAST, p.code
        LIMIT ${UNIT_NOTICE_MAX_PROBLEMS}`),
    );
    if (!rows.length) throw new AppError('NOTICE_NOTHING_TO_SUPERVISE', { unit: unit.name }, 422);
    const today = ctx.services.clock.today();
    const now = ctx.services.clock.now();
    const calendar = await ctx.services.calendar.get(tx);
    const replyBy = replyDate(input.replyBy, today, calendar);
    const issuer = await resolveIssuer(tx, actor);
    const documentNumber = await nextNoticeNumber(tx, issuer.numberPrefix, Number(today.slice(0, 4)));

    const [actorUnit] = await tx.select({ name: units.name }).from(units).where(eq(units.id, actor.unitId));
    await tx.insert(problemEvents).values(
      rows.map((r) => ({
        problemId: r.id,
        rectificationRound: r.rectification_round,
        action: 'supervision_notice',
        fromStatus: r.status,
        toStatus: r.status,
        actorId: actor.userId,
        actorName: actor.displayName,
        actorUnitName: actorUnit?.name ?? null,
        at: now,
        details: { documentNumber, replyBy, notifiedUnit: unit.name, ...(input.note ? { note: input.note } : {}) },
      })),
    );
    await recordChange(tx, { id: actor.userId, name: actor.displayName }, {
      action: 'unit.supervision_notice',
      entityType: 'unit',
      entityId: unitId,
      after: { documentNumber, replyBy, unit: unit.name, problems: rows.map((r) => ({ id: r.id, code: r.code, light: r.warning_light })), ...(input.note ? { note: input.note } : {}) },
    });

    const problems: NoticeProblem[] = rows.map((r) => {
      const overdue = r.warning_light === 'red' || r.warning_light === 'severe';
      const due = r.warning_due_on;
      return {
        code: r.code,
        title: r.title,
        description: r.description,
        source: zh(`source.${r.source}` as keyof typeof vocabularyCatalog),
        round: [r.round_name, r.batch_name].filter(Boolean).join(' ') || null,
        leadUnit: r.lead_name,
        cooperatingUnits: [],
        deadlineKindLabel: zh(`deadlineKind.${r.deadline_kind}` as keyof typeof vocabularyCatalog),
        deadlineInForce: r.deadline_in_force,
        originalDeadline: null,
        extended: Boolean(r.extended),
        warningLight: r.warning_light,
        warningReason: r.warning_reason ? (WARNING_REASON_TEXT[r.warning_reason] ?? null) : null,
        workingDaysOverdue: overdue && due ? calendar.workingDaysBetween(due, today) : null,
        workingDaysLeft: !overdue && due ? calendar.workingDaysBetween(today, due) : null,
        measures: r.measures,
        latestProgress: r.latest_progress,
        role: r.role,
      };
    });
    const notice: SupervisionNoticeData = {
      kind: 'unit',
      issuer: issuer.name,
      documentNumber,
      issuedOn: today,
      recipients: [unit.name],
      unitName: unit.name,
      problems,
      replyBy,
      note: input.note ?? null,
      contact: issuer.contact,
    };
    const buffer = await buildSupervisionNotice(notice);
    const fileName = `督办通知单-${documentNumber}-${unit.shortName ?? unit.name}.docx`;
    const documentId = await keepIssuedNotice(tx, actor, { kind: 'unit_notice', unitId }, { documentNumber, replyBy, fileName, buffer, issuedAt: now, problemIds: rows.map((r) => Number(r.id)) });
    return { buffer, documentNumber, fileName, documentId };
  });
}
