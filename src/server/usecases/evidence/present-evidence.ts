import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { evidence, problems, users } from '../../db/schema.js';
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
}

/**
 * For each hash, the other problems carrying the same bytes. Only the code is revealed (not the content), also for
 * problems outside the caller's scope: the verifier needs to know that the photo is not new.
 */
export async function reuseOf(ex: Executor, problemId: number, shas: string[]): Promise<Map<string, { problemId: number; code: string }[]>> {
  const out = new Map<string, { problemId: number; code: string }[]>();
  const unique = [...new Set(shas)];
  if (unique.length === 0) return out;
  const rows = await ex
    .selectDistinct({ sha256: evidence.sha256, problemId: problems.id, code: problems.code })
    .from(evidence)
    .innerJoin(problems, eq(problems.id, evidence.problemId))
    .where(and(inArray(evidence.sha256, unique), ne(evidence.problemId, problemId)))
    .orderBy(asc(problems.code));
  for (const r of rows) {
    const list = out.get(r.sha256) ?? [];
    list.push({ problemId: r.problemId, code: r.code });
    out.set(r.sha256, list);
  }
  return out;
}

/** The API shape of evidence rows of one problem, with uploader names and reuse flags. */
export async function presentEvidence(ex: Executor, problemId: number, rows: EvidenceRow[]): Promise<EvidenceView[]> {
  const userIds = [...new Set(rows.map((r) => r.uploadedBy))];
  // One query after the other: inside a transaction they share one connection.
  const reuse = await reuseOf(
    ex,
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
    reusedOn: reuse.get(r.sha256) ?? [],
  }));
}
