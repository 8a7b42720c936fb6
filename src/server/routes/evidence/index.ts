import os from 'node:os';
import path from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { booleanQuery, errorBody, idParam } from '../../../shared/api/common.js';
import type { Language } from '../../../shared/roles.js';
import { requirePermission } from '../../access/access.js';
import { AppError } from '../../errors.js';
import { contentDisposition } from '../../evidence/content-disposition.js';
import { receiveToTempFile, type ReceivedFile } from '../../evidence/receive.js';
import { LocalDiskStore, type EvidenceStore } from '../../evidence/store.js';
import { openArchivePackage } from '../../usecases/evidence/archive-package.js';
import { assertMayUploadSomething } from '../../usecases/evidence/evidence-party.js';
import { listEvidence } from '../../usecases/evidence/list-evidence.js';
import { openEvidenceFile } from '../../usecases/evidence/open-evidence-file.js';
import { uploadEvidence, type UploadFields } from '../../usecases/evidence/upload-evidence.js';
import type { RouteContext } from '../context.js';
import { evidenceItem, uploadFields } from '../../../shared/api/evidence.js';

export const DEFAULT_MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

export interface EvidenceRouteOptions {
  /** Where files are kept; default: LocalDiskStore(<dataDir>/evidence). */
  store?: EvidenceStore;
  /** Largest accepted file; default 20 MB. */
  maxFileBytes?: number;
  /** Folder for uploads being received (deleted after each request); default: the system temp folder. */
  tmpDir?: string;
}

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 413: errorBody, 415: errorBody, 422: errorBody };

/**
 * 佐证材料 routes: upload (multipart), list, download, and the archive package. Registers @fastify/multipart inside
 * its own encapsulated context, so no other route accepts multipart bodies.
 *
 * Called from registerRoutes as `evidenceRoutes(api, ctx)`; `ctx.evidence` (or the third argument) overrides the
 * store and limits (tests use a temporary folder and a small limit).
 */
export function evidenceRoutes(
  app: FastifyInstance,
  ctx: RouteContext & { evidence?: EvidenceRouteOptions },
  options: EvidenceRouteOptions = ctx.evidence ?? {},
): void {
  const { database, services, config } = ctx;
  const store = options.store ?? new LocalDiskStore(path.join(config.dataDir, 'evidence'));
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_EVIDENCE_BYTES;
  const tmpDir = options.tmpDir ?? os.tmpdir();

  void app.register(async (scope) => {
    await scope.register(fastifyMultipart, { throwFileSizeLimit: true });
    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.post(
      '/problems/:id/evidence',
      {
        schema: {
          tags: ['evidence'],
          summary: 'Upload one evidence file (佐证材料) to a problem',
          description:
            'multipart/form-data with one file part and the fields purpose (progress | self_check | verification | lookback | other), ' +
            'pairRole (before | after) and pairKey for before/after photos of one spot, capturedAt (ISO-8601, from the device at capture), ' +
            `captureLng, captureLat. At most ${Math.round(maxFileBytes / 1024 / 1024)} MB; JPEG, PNG, WebP and HEIC photos, PDF, Word, Excel ` +
            'and ZIP documents, recognised by their content. The answer lists other problems that carry the same file (reusedOn).',
          consumes: ['multipart/form-data'],
          params: idParam,
          response: { 201: evidenceItem, ...errors },
        },
      },
      async (request, reply) => {
        const actor = requirePermission(request.actor, 'problem.read');
        if (!request.isMultipart()) throw new AppError('EVIDENCE_NOT_MULTIPART', {}, 415);
        // Scope and "may add anything here" before a byte of the file is read.
        await assertMayUploadSomething(database.db, actor, request.params.id);
        const upload = await receiveUpload(request, maxFileBytes, tmpDir);
        try {
          const fields = parseFields(upload.fields, request.lang);
          const view = await uploadEvidence({ database, services, store }, actor, request.params.id, {
            file: upload.file,
            fileName: upload.fileName,
            fields,
          });
          return reply.code(201).send(view);
        } finally {
          await upload.file.discard();
        }
      },
    );

    api.get(
      '/problems/:id/evidence',
      {
        schema: {
          tags: ['evidence'],
          summary: 'The evidence of a problem, with capture data, before/after pairs and reuse flags',
          params: idParam,
          querystring: z.object({ round: z.coerce.number().int().min(1).optional() }),
          response: { 200: z.object({ items: z.array(evidenceItem) }), ...errors },
        },
      },
      async (request) => {
        const actor = requirePermission(request.actor, 'problem.read');
        return { items: await listEvidence(database.db, actor, request.params.id, { round: request.query.round }) };
      },
    );

    api.get(
      '/evidence/:evidenceId/file',
      {
        schema: {
          tags: ['evidence'],
          summary: 'The file itself, under its original name (photos and PDF inline unless ?download=1)',
          params: z.object({ evidenceId: z.coerce.number().int().positive() }),
          querystring: z.object({ download: booleanQuery }),
          response: { 200: z.unknown().describe('the bytes, with the detected content type'), ...errors },
        },
      },
      async (request, reply) => {
        const actor = requirePermission(request.actor, 'problem.read');
        const file = await openEvidenceFile(database.db, store, actor, request.params.evidenceId).catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'EVIDENCE_FILE_UNAVAILABLE') request.log.error({ evidenceId: request.params.evidenceId }, 'evidence file missing from the store');
          throw error;
        });
        const inline = !request.query.download && (file.row.kind === 'photo' || file.row.mimeType === 'application/pdf');
        return reply
          .header('content-type', file.row.mimeType)
          .header('content-length', file.row.size)
          .header('content-disposition', contentDisposition(file.downloadName, inline ? 'inline' : 'attachment'))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, max-age=31536000, immutable')
          .header('etag', `"${file.row.sha256}"`)
          .send(file.stream);
      },
    );

    api.get(
      '/problems/:id/archives/:archiveId/package',
      {
        schema: {
          tags: ['evidence'],
          summary: 'The archive package (归档材料包) of one closing as a .zip: manifest, snapshot, every file, integrity check',
          params: idParam.extend({ archiveId: z.coerce.number().int().positive() }),
          response: { 200: z.unknown().describe('application/zip'), ...errors },
        },
      },
      async (request, reply) => {
        const actor = requirePermission(request.actor, 'problem.read');
        const pkg = await openArchivePackage(database.db, store, actor, request.params.id, request.params.archiveId);
        return reply
          .header('content-type', 'application/zip')
          .header('content-disposition', contentDisposition(pkg.fileName, 'attachment'))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(pkg.stream);
      },
    );
  });
}

interface ReceivedUpload {
  file: ReceivedFile;
  fileName: string;
  fields: Record<string, string>;
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${+(bytes / 1024).toFixed(1)} KB` : `${bytes} B`;

/** Read the multipart body: exactly one file (streamed to a temp file while hashing) and a few short text fields. */
async function receiveUpload(request: FastifyRequest, maxFileBytes: number, tmpDir: string): Promise<ReceivedUpload> {
  const fields: Record<string, string> = {};
  let file: ReceivedFile | null = null;
  let fileName = '';
  try {
    const parts = request.parts({ limits: { fileSize: maxFileBytes, files: 1, fields: 12, fieldSize: 2000, parts: 13, headerPairs: 20 } });
    for await (const part of parts) {
      if (part.type === 'file') {
        file = await receiveToTempFile(part.file, tmpDir);
        fileName = part.filename;
        if (part.file.truncated) throw new AppError('EVIDENCE_TOO_LARGE', { limit: sizeText(maxFileBytes) }, 413);
      } else {
        if (part.valueTruncated) throw new AppError('VALIDATION_FAILED', { detail: `${part.fieldname}: too long` }, 400);
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    await file?.discard();
    throw multipartError(error, maxFileBytes);
  }
  if (!file) throw new AppError('EVIDENCE_FILE_MISSING', {}, 400);
  return { file, fileName, fields };
}

/** Errors of @fastify/multipart and busboy, as the API's codes. */
function multipartError(error: unknown, maxFileBytes: number): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('EVIDENCE_TOO_LARGE', { limit: sizeText(maxFileBytes) }, 413);
    case 'FST_FILES_LIMIT':
      return new AppError('EVIDENCE_ONE_FILE', {}, 400);
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('EVIDENCE_NOT_MULTIPART', {}, 415);
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_PROTO_VIOLATION':
      return new AppError('BAD_REQUEST', {}, 400);
  }
  // busboy: malformed or truncated multipart data
  if (error instanceof Error && /multipart|part terminated|unexpected end/i.test(error.message)) return new AppError('BAD_REQUEST', {}, 400);
  return error;
}

const zodErrorMaps = { 'zh-CN': zhCN().localeError, en: en().localeError };

/** The text fields, validated like any body (unknown fields refused), in the caller's language. */
function parseFields(raw: Record<string, string>, lang: Language): UploadFields {
  const parsed = uploadFields.safeParse(raw, { error: zodErrorMaps[lang] });
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'fields'}: ${i.message}`).join('; ');
    throw new AppError('VALIDATION_FAILED', { detail }, 400);
  }
  const fields = parsed.data;
  if ((fields.pairRole === undefined) !== (fields.pairKey === undefined)) throw new AppError('EVIDENCE_PAIR_INCOMPLETE', {}, 400);
  if ((fields.captureLng === undefined) !== (fields.captureLat === undefined)) throw new AppError('EVIDENCE_LOCATION_INCOMPLETE', {}, 400);
  return fields;
}
