import { inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import { problemScopeSql } from '../../access/access.js';
import type { Executor } from '../../db/client.js';
import { evidence, users } from '../../db/schema.js';
import type { EvidencePurpose } from '../../evidence/rules.js';

export type EvidenceRow = typeof evidence.$inferSelect;

export interface EvidenceView {
  id: number;
  problemId: number;
  round: number;
  sha256: string;
  size: number;
  mimeType: string;
  originalName: string;
  kind: 'photo' | 'document';
  purpose: EvidencePurpose;
  pairRole: 'before' | 'after' | null;
  pairKey: string | null;
  capturedAt: string | null;
  captureLng: string | null;
  captureLat: string | null;
  uploadedBy: { id: number; name: string };
  uploadedAt: string;
  /** Other problems on which the same file (same SHA-256) appears: a reused photo is suspicious (domain §4). */
  reusedOn: { problemId: number; code: string }[];
  /** How many problems outside the caller's scope carry the same file. */
  reusedElsewhere: number;
}

export interface Reuse {
  visible: { problemId: number; code: string }[];
  hidden: number;
}

/**
 * For each hash, the other problems carrying the same bytes: the verifier needs to know that the photo is not new.
 * Problems the caller may see are named by code; the others are only counted, so nothing outside the caller's scope
 * is revealed, not even a code.
 */
export async function reuseOf(ex: Executor, actor: Actor, problemId: number, shas: string[]): Promise<Map<string, Reuse>> {
  const out = new Map<string, Reuse>();
  const unique = [...new Set(shas)];
  if (unique.length === 0) return out;
  const rows = (
    (await ex.execute(sql`
      SELECT DISTINCT e.sha256, p.id AS problem_id, p.code, (${problemScopeSql(actor, 'p')}) AS visible
      FROM evidence e JOIN problems p ON p.id = e.problem_id
      WHERE e.sha256 IN (${sql.join(unique.map((h) => sql`${h}`), sql`, `)}) AND e.problem_id <> ${problemId}
      ORDER BY p.code`)) as unknown as { rows: { sha256: string; problem_id: number; code: string; visible: boolean }[] }
  ).rows;
  for (const r of rows) {
    const reuse = out.get(r.sha256) ?? { visible: [], hidden: 0 };
    if (r.visible) reuse.visible.push({ problemId: Number(r.problem_id), code: r.code });
    else reuse.hidden += 1;
    out.set(r.sha256, reuse);
  }
  return out;
}

/** The API shape of evidence rows of one problem, with uploader names and reuse flags. */
export async function presentEvidence(ex: Executor, actor: Actor, problemId: number, rows: EvidenceRow[]): Promise<EvidenceView[]> {
  const userIds = [...new Set(rows.map((r) => r.uploadedBy))];
  // One query after the other: inside a transaction they share one connection.
  const reuse = await reuseOf(
    ex,
    actor,
    problemId,
    rows.map((r) => r.sha256),
  );
  const names = userIds.length === 0 ? [] : await ex.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, userIds));
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  return rows.map((r) => ({
    id: r.id,
    problemId: r.problemId,
    round: r.rectificationRound,
    sha256: r.sha256,
    size: r.size,
    mimeType: r.mimeType,
    originalName: r.originalName,
    kind: r.kind as 'photo' | 'document',
    purpose: r.purpose as EvidencePurpose,
    pairRole: (r.pairRole as 'before' | 'after' | null) ?? null,
    pairKey: r.pairKey,
    capturedAt: r.capturedAt?.toISOString() ?? null,
    captureLng: r.captureLng,
    captureLat: r.captureLat,
    uploadedBy: { id: r.uploadedBy, name: nameOf.get(r.uploadedBy) ?? '' },
    uploadedAt: r.uploadedAt.toISOString(),
    reusedOn: reuse.get(r.sha256)?.visible ?? [],
    reusedElsewhere: reuse.get(r.sha256)?.hidden ?? 0,
  }));
}
