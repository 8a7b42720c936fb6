import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import { formatDocumentNumber, noticeCounterKey } from '../../../domain/reports/document-number.js';
import type { Executor } from '../../db/client.js';
import { codeCounters, issuedDocuments } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { WorkingCalendar } from '../../../domain/calendar/calendar.js';

/** A generated Word document, as the routes send it. */
export interface GeneratedDocument {
  buffer: Buffer;
  /** the download name, Chinese, ending in .docx */
  fileName: string;
}

/** An issued notice: the document, the number it was given, and the id under which it is kept (GET /api/documents/:id). */
export interface IssuedNotice extends GeneratedDocument {
  documentNumber: string;
  documentId: number;
}

/** What an issued notice is about: one problem, or one unit (the notice listing its warned problems). */
export type NoticeSubject = { kind: 'problem_notice'; problemId: number } | { kind: 'unit_notice'; unitId: number };

/**
 * Keep an issued notice as it was sent (number, subject, issuer, the .docx), in the transaction that took its number,
 * so it can be downloaded again and never issued twice by mistake. Returns its id.
 */
export async function keepIssuedNotice(
  tx: Executor,
  actor: Actor,
  subject: NoticeSubject,
  doc: { documentNumber: string; replyBy: string; fileName: string; buffer: Buffer; issuedAt: Date; problemIds: number[] },
): Promise<number> {
  const [row] = await tx
    .insert(issuedDocuments)
    .values({
      kind: subject.kind,
      documentNumber: doc.documentNumber,
      problemId: subject.kind === 'problem_notice' ? subject.problemId : null,
      unitId: subject.kind === 'unit_notice' ? subject.unitId : null,
      problemIds: doc.problemIds,
      issuedBy: actor.userId,
      issuedByName: actor.displayName,
      issuedAt: doc.issuedAt,
      replyBy: doc.replyBy,
      fileName: doc.fileName,
      sha256: createHash('sha256').update(doc.buffer).digest('hex'),
      size: doc.buffer.length,
      content: doc.buffer,
    })
    .returning({ id: issuedDocuments.id });
  return row!.id;
}

/** Statuses in which a problem is with its units and may be pressed with a notice. */
export const SUPERVISABLE_STATUSES = ['assigned', 'acknowledged', 'rectifying'] as const;

/** Working days the unit has to report back when the coordinator gives no date. */
export const DEFAULT_REPLY_WORKING_DAYS = 5;

/** The next 文号 of the issuing office for the year, counted in the caller's transaction (see createProblem). */
export async function nextNoticeNumber(tx: Executor, prefix: string, year: number): Promise<string> {
  const [counter] = await tx
    .insert(codeCounters)
    .values({ key: noticeCounterKey(prefix, year), last: 1 })
    .onConflictDoUpdate({ target: codeCounters.key, set: { last: sql`${codeCounters.last} + 1` } })
    .returning({ last: codeCounters.last });
  return formatDocumentNumber({ prefix, year, seq: counter!.last });
}

/** The reply date: the one given (not before today), or DEFAULT_REPLY_WORKING_DAYS working days from today. */
export function replyDate(given: string | undefined, today: string, calendar: WorkingCalendar): string {
  if (given === undefined) return calendar.addWorkingDays(today, DEFAULT_REPLY_WORKING_DAYS);
  if (given < today) throw new AppError('DOCUMENT_REPLY_BY_PAST', { date: given }, 422);
  return given;
}

/** What a warning light is about, as a notice says it (reasons of src/domain/schedule.ts). */
export const WARNING_REASON_TEXT: Record<string, string | null> = {
  deadline_overdue: '已超过整改时限',
  milestone_overdue: '时间节点已逾期',
  ack_overdue: '逾期未签收',
  report_overdue: '逾期未报送整改进展',
  deadline_near: '临近整改时限',
  milestone_near: '临近时间节点',
  ack_near: '临近签收期限',
  report_near: '临近进展报送期限',
  on_track: null,
  done: null,
};
