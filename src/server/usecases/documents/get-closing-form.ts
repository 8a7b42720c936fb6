import { sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import { vocabularyCatalog } from '../../../shared/i18n/vocabulary.js';
import { requirePermission } from '../../access/access.js';
import { buildClosingForm, type ClosingFormData } from '../../documents/closing-form.js';
import type { Executor } from '../../db/client.js';
import { chinaDate, type Services } from '../../services.js';
import { getProblem } from '../problems/get-problem.js';
import { resolveIssuer } from './issuer.js';
import type { GeneratedDocument } from './notice-support.js';

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;
const zh = (key: string) => vocabularyCatalog[key as keyof typeof vocabularyCatalog]?.['zh-CN'] ?? key;
const day = (iso: string) => chinaDate(new Date(iso));
const last = <T>(items: readonly T[]) => (items.length ? items[items.length - 1]! : null);

/**
 * 销号申请表/验收表 of one problem: its facts and the five closing steps of its current rectification round, as
 * recorded (the latest self-check, verification, notice and archive of the round; the filing). Whoever may read the
 * problem may print it; NOT_FOUND outside the actor's scope.
 */
export async function getClosingForm(ex: Executor, services: Services, actor: Actor, problemId: number): Promise<GeneratedDocument> {
  requirePermission(actor, 'problem.read');
  const p = await getProblem(ex, services, actor, problemId);
  const round = p.rectificationRound;
  const selfCheck = last(p.selfChecks.filter((c) => c.round === round));
  const verification = last(p.verifications.filter((v) => v.round === round));
  const notice = last(p.notices.filter((n) => n.round === round));
  const archive = last(p.archives.filter((a) => a.round === round));
  const [unitOf, issuer] = await Promise.all([unitsOfPeople(ex, [selfCheck?.signedBy?.id, verification?.verifier?.id]), resolveIssuer(ex, actor)]);
  const reports = p.progressReports.filter((r) => r.round === round && r.status !== 'returned');
  const data: ClosingFormData = {
    issuer: issuer.name,
    printedOn: services.clock.today(),
    problem: {
      code: p.code,
      title: p.title,
      description: p.description,
      source: zh(`source.${p.source}`),
      round: p.roundName,
      batch: p.batchName,
      plan: p.planName,
      category: zh(`category.${p.category}`),
      region: p.regionName,
      address: p.address,
      leadUnit: p.leadUnitName,
      cooperatingUnits: p.cooperatingUnits.map((u) => u.name),
      leader: p.leader?.name ?? null,
      responsiblePerson: p.responsiblePerson,
      responsiblePhone: p.responsiblePhone,
      deadlineKindLabel: zh(`deadlineKind.${p.deadlineKind}`),
      deadlineInForce: p.deadline,
      originalDeadline: p.originalDeadline,
      extended: p.extended,
      status: zh(`problemStatus.${p.status}`),
      rectificationRound: round,
      goal: p.goal,
      measures: p.measures,
      closingCriteria: p.closingCriteria,
      latestProgress: p.latestProgress,
      lastReportOn: last(reports) ? day(last(reports)!.submittedAt) : null,
      milestones: p.milestones.filter((m) => m.round === round).map((m) => ({ seq: m.seq, title: m.title, dueOn: m.dueOn, doneOn: m.doneOn })),
    },
    selfCheck: selfCheck && {
      items: selfCheck.items.map((i) => ({ criterion: i.criterion, statement: i.statement, evidenceCount: i.evidenceIds.length })),
      signedBy: selfCheck.signedBy?.name ?? '',
      signedUnit: selfCheck.signedBy ? (unitOf.get(selfCheck.signedBy.id) ?? null) : null,
      signedOn: day(selfCheck.signedAt),
    },
    verification: verification && {
      verifier: verification.verifier?.name ?? '',
      verifierUnit: verification.verifier ? (unitOf.get(verification.verifier.id) ?? null) : null,
      assignedOn: day(verification.assignedAt),
      onSiteRecord: verification.onSiteRecord,
      result: verification.result === 'pass' || verification.result === 'fail' ? verification.result : null,
      reasons: verification.reasons,
      decidedOn: verification.decidedAt ? day(verification.decidedAt) : null,
      evidenceCount: verification.evidenceIds.length,
    },
    notice: notice && {
      startsOn: notice.startsOn,
      endsOn: notice.endsOn,
      status: notice.status,
      objections: notice.objections.map((o) => ({ receivedOn: o.receivedOn, content: o.content, decision: o.decision as 'pending' | 'upheld' | 'dismissed', decisionNote: o.decisionNote })),
    },
    archive: archive && { archivedOn: day(archive.archivedAt), files: archive.files, manifestSha256: archive.manifestSha256 },
    filing: p.filingNumber && p.filingDate ? { number: p.filingNumber, date: p.filingDate } : null,
  };
  const buffer = await buildClosingForm(data);
  return { buffer, fileName: `销号申请表-${p.code}.docx` };
}

/** The unit name of each person (for 签字人单位 and 核查单位). */
async function unitsOfPeople(ex: Executor, ids: (number | undefined)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => typeof id === 'number'))];
  if (!wanted.length) return new Map();
  const rows = rowsOf<{ id: number; unit_name: string }>(
    await ex.execute(sql`SELECT us.id, un.name AS unit_name FROM users us JOIN units un ON un.id = us.unit_id WHERE us.id IN (${sql.join(wanted.map((id) => sql`${id}`), sql`, `)})`),
  );
  return new Map(rows.map((r) => [Number(r.id), r.unit_name]));
}
