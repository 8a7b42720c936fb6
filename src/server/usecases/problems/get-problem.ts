import { asc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import { allowedActions } from '../../../domain/problem/lifecycle.js';
import type { ProblemDetail } from '../../../shared/api/problems.js';
import type { Executor } from '../../db/client.js';
import { archives, batches, extensions, milestones, objections, phaseCompletions, plans, problemEvents, progressReports, publicNotices, regions, rounds, selfChecks, units, users, verifications } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { deriveDetails } from './derive-problem.js';
import { loadProblem } from './load-problem.js';
import { presentProblemRow } from './list-problems.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** 问题详情: every field, the timeline, every round's closing steps, and the actions the caller may take now. */
export async function getProblem(ex: Executor, services: Services, actor: Actor, id: number): Promise<ProblemDetail> {
  const { problem: p, snapshot, parties, relations } = await loadProblem(ex, actor, id);
  const [region] = await ex.select({ name: regions.name }).from(regions).where(eq(regions.id, p.regionId));
  const unitRows = parties.units.length ? await ex.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, parties.units.map((u) => u.id))) : [];
  const unitName = new Map(unitRows.map((u) => [u.id, u.name]));
  const [ms, reports, exts, checks, verifs, notices, objs, arch, phases, events] = await Promise.all([
    ex.select().from(milestones).where(eq(milestones.problemId, id)).orderBy(asc(milestones.rectificationRound), asc(milestones.seq)),
    ex.select().from(progressReports).where(eq(progressReports.problemId, id)).orderBy(asc(progressReports.id)),
    ex.select().from(extensions).where(eq(extensions.problemId, id)).orderBy(asc(extensions.id)),
    ex.select().from(selfChecks).where(eq(selfChecks.problemId, id)).orderBy(asc(selfChecks.id)),
    ex.select().from(verifications).where(eq(verifications.problemId, id)).orderBy(asc(verifications.id)),
    ex.select().from(publicNotices).where(eq(publicNotices.problemId, id)).orderBy(asc(publicNotices.id)),
    ex.select().from(objections).where(eq(objections.problemId, id)).orderBy(asc(objections.id)),
    ex.select({ id: archives.id, round: archives.rectificationRound, archivedAt: archives.archivedAt, manifest: archives.manifest, manifestSha256: archives.manifestSha256 }).from(archives).where(eq(archives.problemId, id)).orderBy(asc(archives.id)),
    ex.select().from(phaseCompletions).where(eq(phaseCompletions.problemId, id)).orderBy(asc(phaseCompletions.period)),
    ex.select().from(problemEvents).where(eq(problemEvents.problemId, id)).orderBy(asc(problemEvents.id)),
  ]);
  const personIds = new Set<number>();
  for (const v of [p.leaderUserId, p.verifierUserId, ...reports.map((r) => r.submittedBy), ...exts.flatMap((e) => [e.requestedBy, e.decidedBy]), ...checks.map((c) => c.signedBy), ...verifs.map((v) => v.verifierUserId)])
    if (v) personIds.add(v);
  const people = personIds.size ? await ex.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, [...personIds])) : [];
  const personName = new Map(people.map((u) => [u.id, u.name]));
  const person = (uid: number | null) => (uid ? { id: uid, name: personName.get(uid) ?? '' } : null);
  const [round] = p.roundId ? await ex.select({ name: rounds.name }).from(rounds).where(eq(rounds.id, p.roundId)) : [];
  const [batch] = p.batchId ? await ex.select({ name: batches.name }).from(batches).where(eq(batches.id, p.batchId)) : [];
  const [plan] = p.planId ? await ex.select({ name: plans.name }).from(plans).where(eq(plans.id, p.planId)) : [];
  const derived = await deriveDetails(ex, services, p, ms, exts);

  const row = presentProblemRow({
    id: p.id,
    code: p.code,
    title: p.title,
    source: p.source,
    category: p.category,
    status: p.status,
    region_id: p.regionId,
    region_name: region?.name ?? '',
    lead_unit_id: p.leadUnitId,
    lead_unit_name: p.leadUnitId ? (unitName.get(p.leadUnitId) ?? null) : null,
    deadline_kind: p.deadlineKind,
    deadline_in_force: p.deadlineInForce,
    deadline: p.deadline,
    flagged: p.flagged,
    flag_level: p.flagLevel,
    is_public: p.isPublic,
    schedule_state: p.scheduleState,
    warning_light: p.warningLight,
    warning_reason: p.warningReason,
    warning_due_on: p.warningDueOn,
    rectification_round: p.rectificationRound,
    latest_progress: p.latestProgress,
    created_at: p.createdAt,
  });
  return {
    ...row,
    originalDeadline: derived.originalDeadline,
    extended: derived.extended,
    description: p.description,
    roundId: p.roundId,
    roundName: round?.name ?? null,
    batchId: p.batchId,
    batchName: batch?.name ?? null,
    planId: p.planId,
    planName: plan?.name ?? null,
    address: p.address,
    lng: p.lng === null ? null : Number(p.lng),
    lat: p.lat === null ? null : Number(p.lat),
    enterpriseUnitId: p.enterpriseUnitId,
    enterpriseName: p.enterpriseName,
    enterpriseUscc: p.enterpriseUscc,
    cooperatingUnits: parties.units.filter((u) => u.role === 'cooperating').map((u) => ({ id: u.id, name: unitName.get(u.id) ?? '' })),
    leader: person(p.leaderUserId),
    responsiblePerson: p.responsiblePerson,
    responsiblePhone: p.responsiblePhone,
    goal: p.goal,
    measures: p.measures,
    closingCriteria: p.closingCriteria,
    remarks: p.remarks,
    assignedOn: p.assignedOn,
    ackDueOn: p.ackDueOn,
    acknowledgedOn: p.acknowledgedOn,
    nextReportDue: derived.nextReportDue,
    warningWorkingDaysLeft: derived.warning.workingDaysLeft,
    warningWorkingDaysOverdue: derived.warning.workingDaysOverdue,
    verifier: person(p.verifierUserId),
    verificationFailures: p.verificationFailures,
    rebounds: p.rebounds,
    filingNumber: p.filingNumber,
    filingDate: p.filingDate,
    closedOn: p.closedOn,
    version: p.version,
    allowedActions: allowedActions(snapshot, relations),
    milestones: ms.map((m) => ({ id: m.id, seq: m.seq, title: m.title, dueOn: m.dueOn, doneOn: m.doneOn, round: m.rectificationRound })),
    progressReports: reports.map((r) => ({
      id: r.id,
      round: r.rectificationRound,
      text: r.text,
      milestoneIdsDone: r.milestoneIdsDone,
      evidenceIds: r.evidenceIds,
      status: r.status,
      returnReason: r.returnReason,
      submittedBy: person(r.submittedBy),
      submittedAt: r.submittedAt.toISOString(),
    })),
    extensions: exts.map((e) => ({
      id: e.id,
      currentDeadline: e.currentDeadline,
      newDeadline: e.newDeadline,
      reason: e.reason,
      status: e.status,
      requestedBy: person(e.requestedBy),
      requestedAt: e.requestedAt.toISOString(),
      decidedBy: person(e.decidedBy),
      decidedAt: iso(e.decidedAt),
      decisionNote: e.decisionNote,
    })),
    selfChecks: checks.map((c) => ({ id: c.id, round: c.rectificationRound, items: c.items, signedBy: person(c.signedBy), signedAt: c.signedAt.toISOString() })),
    verifications: verifs.map((v) => ({
      id: v.id,
      round: v.rectificationRound,
      verifier: person(v.verifierUserId),
      assignedAt: v.assignedAt.toISOString(),
      onSiteRecord: v.onSiteRecord,
      result: v.result,
      reasons: v.reasons,
      evidenceIds: v.evidenceIds,
      decidedAt: iso(v.decidedAt),
    })),
    notices: notices.map((n) => ({
      id: n.id,
      round: n.rectificationRound,
      startsOn: n.startsOn,
      endsOn: n.endsOn,
      status: n.status,
      objections: objs.filter((o) => o.noticeId === n.id).map((o) => ({ id: o.id, content: o.content, receivedOn: o.receivedOn, decision: o.decision, decisionNote: o.decisionNote })),
    })),
    archives: arch.map((a) => ({ id: a.id, round: a.round, archivedAt: a.archivedAt.toISOString(), files: ((a.manifest as { files?: unknown[] }).files ?? []).length, manifestSha256: a.manifestSha256 })),
    phaseCompletions: phases.map((ph) => ({ period: ph.period, note: ph.note, markedAt: ph.markedAt.toISOString() })),
    timeline: events.map((e) => ({
      id: Number(e.id),
      round: e.rectificationRound,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorName: e.actorName,
      actorUnitName: e.actorUnitName,
      at: e.at.toISOString(),
      details: e.details as Record<string, unknown>,
    })),
  };
}
