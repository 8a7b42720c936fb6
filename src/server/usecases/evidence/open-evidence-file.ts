import type { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { Executor } from '../../db/client.js';
import { evidence } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { extensionOf, EVIDENCE_TYPES } from '../../evidence/file-types.js';
import type { EvidenceStore } from '../../evidence/store.js';
import { loadProblem } from '../problems/load-problem.js';
import type { EvidenceRow } from './present-evidence.js';

export interface EvidenceFile {
  row: EvidenceRow;
  /** the name to hand the file out under: the original name, with the type's extension when it had none */
  downloadName: string;
  stream: Readable;
}

/** One evidence file, scope-checked through its problem (NOT_FOUND when the problem is outside the actor's scope). */
export async function openEvidenceFile(ex: Executor, store: EvidenceStore, actor: Actor, evidenceId: number): Promise<EvidenceFile> {
  const [row] = await ex.select().from(evidence).where(eq(evidence.id, evidenceId));
  if (!row) throw notFound();
  await loadProblem(ex, actor, row.problemId);
  if (!(await store.exists(row.sha256))) throw new AppError('EVIDENCE_FILE_UNAVAILABLE', { id: row.id }, 500);
  return { row, downloadName: downloadNameOf(row), stream: store.get(row.sha256) };
}

export function downloadNameOf(row: Pick<EvidenceRow, 'originalName' | 'mimeType'>): string {
  if (extensionOf(row.originalName) !== null) return row.originalName;
  const type = Object.values(EVIDENCE_TYPES).find((t) => t.mime === row.mimeType);
  return type ? `${row.originalName}.${type.extensions[0]}` : row.originalName;
}
