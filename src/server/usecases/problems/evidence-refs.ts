import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { evidence } from '../../db/schema.js';
import { AppError } from '../../errors.js';

/** Every referenced evidence id must belong to this problem. Returns the rows (for photo checks). */
export async function checkEvidenceIds(tx: Executor, problemId: number, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ id: evidence.id, kind: evidence.kind })
    .from(evidence)
    .where(and(eq(evidence.problemId, problemId), inArray(evidence.id, ids)));
  const found = new Set(rows.map((r) => r.id));
  for (const id of ids) if (!found.has(id)) throw new AppError('EVIDENCE_UNKNOWN', { id }, 422);
  return rows;
}
