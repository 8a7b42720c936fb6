import { createReadStream } from 'node:fs';
import type { Actor } from '../../../domain/access.js';
import { recordChange } from '../../audit/record-change.js';
import type { Database, Executor } from '../../db/client.js';
import { evidence } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { safeFileName } from '../../evidence/content-disposition.js';
import { detectType, EVIDENCE_TYPES, zipEntryNamesOf, type EvidenceType } from '../../evidence/file-types.js';
import type { ReceivedFile } from '../../evidence/receive.js';
import { mayUploadFor, statusRefusal, type EvidencePurpose, type PairRole } from '../../evidence/rules.js';
import type { EvidenceStore } from '../../evidence/store.js';
import type { Services } from '../../services.js';
import { loadProblem } from '../problems/load-problem.js';
import { evidencePartyOf } from './evidence-party.js';
import { presentEvidence, type EvidenceView } from './present-evidence.js';

export interface EvidenceDeps {
  database: Database;
  services: Services;
  store: EvidenceStore;
}

/** The form fields sent with the file, already validated by the route. */
export interface UploadFields {
  purpose: EvidencePurpose;
  pairRole?: PairRole;
  pairKey?: string;
  /** taken by the browser at capture, where the user allows it */
  capturedAt?: Date;
  captureLng?: number;
  captureLat?: number;
}

export interface Upload {
  file: ReceivedFile;
  /** the name the browser sent */
  fileName: string;
  fields: UploadFields;
}

/** What the file's content says it is; refuses anything else (415). */
export async function typeOfUpload(file: ReceivedFile, fileName: string): Promise<EvidenceType> {
  const detection = await detectType(file.head, fileName, () => zipEntryNamesOf(file.tmpPath));
  if (detection.ok) return detection.type;
  if (detection.reason === 'mismatch') throw new AppError('EVIDENCE_TYPE_MISMATCH', { name: fileName, detected: detection.detected }, 415);
  throw new AppError('EVIDENCE_TYPE_NOT_ALLOWED', {}, 415);
}

async function assertMayAdd(ex: Executor, actor: Actor, problemId: number, purpose: EvidencePurpose, lock: boolean) {
  const loaded = await loadProblem(ex, actor, problemId, { forUpdate: lock });
  if (!mayUploadFor(purpose, await evidencePartyOf(ex, actor, loaded))) throw new AppError('EVIDENCE_NOT_YOUR_PART', {}, 403);
  if (statusRefusal(purpose, loaded.problem.status)) throw new AppError('EVIDENCE_PROBLEM_FROZEN', { status: loaded.problem.status }, 409);
  return loaded;
}

/**
 * 上传佐证材料: check the content type by its bytes, check who may add evidence for this purpose and that the file is
 * not frozen, store the bytes by their hash (once: the same bytes uploaded again are not stored twice), then record
 * the row and its history in one transaction, under the problem's lock so that an archive never misses or half-sees
 * an upload. The file is stored before the row is committed: a row never names a missing file (an unreferenced file
 * left by a failed commit is harmless and identical to any later upload of the same bytes).
 */
export async function uploadEvidence(deps: EvidenceDeps, actor: Actor, problemId: number, upload: Upload): Promise<EvidenceView> {
  const { file, fields } = upload;
  const type = await typeOfUpload(file, upload.fileName);
  const { mime, kind } = EVIDENCE_TYPES[type];
  if (fields.pairRole && kind !== 'photo') throw new AppError('EVIDENCE_PAIR_NEEDS_PHOTO', {}, 422);
  // Refuse early, before the bytes are stored; checked again under the lock below.
  await assertMayAdd(deps.database.db, actor, problemId, fields.purpose, false);
  await deps.store.put(file.sha256, createReadStream(file.tmpPath));
  return deps.database.transaction(async (tx) => {
    const loaded = await assertMayAdd(tx, actor, problemId, fields.purpose, true);
    const now = deps.services.clock.now();
    const values = {
      problemId,
      rectificationRound: loaded.problem.rectificationRound,
      sha256: file.sha256,
      size: file.size,
      mimeType: mime,
      originalName: safeFileName(upload.fileName),
      kind,
      purpose: fields.purpose,
      pairRole: fields.pairRole ?? null,
      pairKey: fields.pairKey ?? null,
      capturedAt: fields.capturedAt ?? null,
      captureLng: fields.captureLng === undefined ? null : String(fields.captureLng),
      captureLat: fields.captureLat === undefined ? null : String(fields.captureLat),
      uploadedBy: actor.userId,
      uploadedAt: now,
    };
    const [row] = await tx.insert(evidence).values(values).returning();
    const [view] = await presentEvidence(tx, actor, problemId, [row!]);
    await recordChange(tx, { id: actor.userId, name: actor.displayName }, {
      action: 'evidence.uploaded',
      entityType: 'evidence',
      entityId: row!.id,
      after: {
        problemId,
        problemCode: loaded.problem.code,
        round: values.rectificationRound,
        sha256: values.sha256,
        size: values.size,
        mimeType: values.mimeType,
        originalName: values.originalName,
        purpose: values.purpose,
        pairRole: values.pairRole,
        pairKey: values.pairKey,
        capturedAt: view!.capturedAt,
        captureLng: values.captureLng,
        captureLat: values.captureLat,
        reusedOn: view!.reusedOn.map((r) => r.code),
        reusedElsewhere: view!.reusedElsewhere,
      },
    });
    return view!;
  });
}
