import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import { canonicalJson } from '../../../domain/audit-chain.js';
import type { Executor } from '../../db/client.js';
import { archives, evidence, milestones, objections, problemEvents, progressReports, publicNotices, selfChecks, verifications, extensions } from '../../db/schema.js';
import { runAction, type ActionContext } from './run-action.js';

/** Everything about one closing round of a problem, as it stands: the content of the archive package. */
export async function closingFile(tx: Executor, problemId: number, round: number) {
  const byRound = <T extends { rectificationRound: number }>(rows: T[]) => rows.filter((r) => r.rectificationRound === round);
  const [ms, reports, checks, verifs, notices, objs, files, events, exts] = await Promise.all([
    tx.select().from(milestones).where(eq(milestones.problemId, problemId)).orderBy(asc(milestones.seq)),
    tx.select().from(progressReports).where(eq(progressReports.problemId, problemId)).orderBy(asc(progressReports.id)),
    tx.select().from(selfChecks).where(eq(selfChecks.problemId, problemId)).orderBy(asc(selfChecks.id)),
    tx.select().from(verifications).where(eq(verifications.problemId, problemId)).orderBy(asc(verifications.id)),
    tx.select().from(publicNotices).where(eq(publicNotices.problemId, problemId)).orderBy(asc(publicNotices.id)),
    tx.select().from(objections).where(eq(objections.problemId, problemId)).orderBy(asc(objections.id)),
    tx.select().from(evidence).where(and(eq(evidence.problemId, problemId), eq(evidence.rectificationRound, round))).orderBy(asc(evidence.id)),
    tx.select().from(problemEvents).where(eq(problemEvents.problemId, problemId)).orderBy(asc(problemEvents.id)),
    tx.select().from(extensions).where(eq(extensions.problemId, problemId)).orderBy(asc(extensions.id)),
  ]);
  return {
    milestones: byRound(ms),
    progressReports: byRound(reports),
    selfChecks: byRound(checks),
    verifications: byRound(verifs),
    publicNotices: byRound(notices),
    objections: objs.filter((o) => byRound(notices).some((n) => n.id === o.noticeId)),
    extensions: exts,
    timeline: byRound(events),
    files,
  };
}

/**
 * 归档 (step 4): the whole file — problem, measures, progress, evidence, verification record, notice — is frozen as
 * one snapshot with a manifest listing every file and its SHA-256. Files are stored by content hash and never
 * overwritten, so the package downloaded later is exactly what was archived; the manifest hash proves it.
 */
export async function archiveProblem(ctx: ActionContext, actor: Actor, id: number) {
  return runAction(ctx, actor, id, 'archive', async ({ tx, loaded, now }) => {
    const p = loaded.problem;
    const file = await closingFile(tx, id, p.rectificationRound);
    const manifest = {
      problem: p.code,
      round: p.rectificationRound,
      archivedAt: now.toISOString(),
      files: file.files.map((f) => ({ id: f.id, name: f.originalName, sha256: f.sha256, size: f.size, purpose: f.purpose, uploadedAt: f.uploadedAt.toISOString() })),
    };
    const snapshot = JSON.parse(JSON.stringify({ problem: p, ...file, files: undefined }));
    const manifestSha256 = createHash('sha256').update(canonicalJson({ manifest, snapshot })).digest('hex');
    const [row] = await tx
      .insert(archives)
      .values({ problemId: id, rectificationRound: p.rectificationRound, snapshot, manifest, manifestSha256, archivedBy: actor.userId, archivedAt: now })
      .returning({ id: archives.id });
    return { to: 'archived', patch: { archivedAt: now }, details: { archiveId: row!.id, files: manifest.files.length, manifestSha256 } };
  });
}
