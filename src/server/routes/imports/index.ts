import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParam } from '../../../shared/api/common.js';
import { XLSX_MIME } from '../../../shared/api/exports.js';
import { importList, importView, updateImportBody } from '../../../shared/api/imports.js';
import { requirePermission } from '../../access/access.js';
import { AppError } from '../../errors.js';
import { contentDisposition } from '../../evidence/content-disposition.js';
import { createImport, loadImport, loadImportContent, MAX_IMPORT_BYTES, updateImport } from '../../usecases/imports/analyze-import.js';
import { commitImport } from '../../usecases/imports/commit-import.js';
import { prewarmAnalysisWorker } from '../../ledger/analyze-in-worker.js';
import { loadStoredView } from '../../usecases/imports/import-references.js';
import { annotatedWorkbook, listImports, ledgerTemplate } from '../../usecases/imports/import-files.js';
import { presentImport } from '../../usecases/imports/present-import.js';
import type { RouteContext } from '../context.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 410: errorBody, 413: errorBody, 415: errorBody, 422: errorBody };
const attachment = (name: string) => contentDisposition(name, 'attachment');

/**
 * 导入台账: upload a ledger (.xlsx / .csv), see what ducha recognised and every problem row by row, correct the
 * mapping, download the annotated workbook, then commit all rows at once. Coordinators only ('ledger.import').
 */
export function importRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { database, services } = ctx;
  void app.register(async (scope) => {
    await scope.register(fastifyMultipart, { throwFileSizeLimit: true });
    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.post(
      '/imports',
      {
        schema: {
          tags: ['ledger exchange'],
          summary: 'Upload a ledger workbook (.xlsx or .csv) and check it; nothing is written to the ledger yet',
          description:
            'multipart/form-data with one file part (at most 20 MB). The header row, the sheet and the column mapping are ' +
            'recognised (or taken from a mapping saved for the same headers); every row is checked and listed with its ' +
            'problems. Answers the import with status `analyzed`.',
          consumes: ['multipart/form-data'],
          response: { 201: importView, ...errors },
        },
      },
      async (request, reply) => {
        const actor = requirePermission(request.actor, 'ledger.import');
        if (!request.isMultipart()) throw new AppError('EVIDENCE_NOT_MULTIPART', {}, 415);
        const file = await request.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 0, parts: 1 } });
        if (!file) throw new AppError('EVIDENCE_FILE_MISSING', {}, 400);
        let data: Buffer;
        try {
          data = await file.toBuffer();
        } catch (error) {
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('IMPORT_TOO_LARGE', { max: '20 MB' }, 413);
          throw error;
        }
        const view = await createImport({ database, services }, actor, { data, fileName: file.filename || 'ledger.xlsx' }, request.lang);
        return reply.code(201).send(view);
      },
    );
  });

  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/imports',
    { schema: { tags: ['ledger exchange'], summary: 'My recent imports, newest first', response: { 200: importList, ...errors } } },
    async (request) => {
      const actor = requirePermission(request.actor, 'ledger.import');
      // The import page opens with this list: ready the analysis thread while the user picks a file.
      prewarmAnalysisWorker((held) => loadStoredView(database.db, actor, held));
      return { items: await listImports(database.db, actor) };
    },
  );

  api.get(
    '/imports/template.xlsx',
    {
      schema: {
        tags: ['ledger exchange'],
        summary: 'An empty ledger in the layout ducha reads and writes (导入模板)',
        response: { 200: z.unknown().describe(XLSX_MIME), ...errors },
      },
    },
    async (request, reply) => {
      requirePermission(request.actor, 'ledger.import');
      const buffer = await ledgerTemplate();
      return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment('问题台账导入模板.xlsx')).send(buffer);
    },
  );

  api.get(
    '/imports/:id',
    {
      schema: {
        tags: ['ledger exchange'],
        summary: 'One import: recognition, mapping, row-by-row problems, preview, and progress while committing',
        params: idParam,
        response: { 200: importView, ...errors },
      },
    },
    async (request) => {
      const actor = requirePermission(request.actor, 'ledger.import');
      return presentImport(database.db, await loadImport(database, actor, request.params.id, request.lang), request.lang);
    },
  );

  api.put(
    '/imports/:id',
    {
      schema: {
        tags: ['ledger exchange'],
        summary: 'Correct the sheet, header row, column mapping or options; the file is checked again',
        params: idParam,
        body: updateImportBody,
        response: { 200: importView, ...errors },
      },
    },
    async (request) => {
      const actor = requirePermission(request.actor, 'ledger.import');
      return updateImport({ database, services }, actor, request.params.id, request.body, request.lang);
    },
  );

  api.post(
    '/imports/:id/commit',
    {
      schema: {
        tags: ['ledger exchange'],
        summary: 'Write every checked row in one transaction (all or nothing); poll GET /imports/:id for progress',
        params: idParam,
        body: z.strictObject({ version: z.number().int().positive() }),
        response: { 202: importView, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, 'ledger.import');
      return reply.code(202).send(await commitImport({ database, services }, actor, request.params.id, request.body.version, request.lang));
    },
  );

  api.get(
    '/imports/:id/annotated.xlsx',
    {
      schema: {
        tags: ['ledger exchange'],
        summary: 'The uploaded workbook annotated with every problem found (校验结果), plus a summary sheet',
        params: idParam,
        response: { 200: z.unknown().describe(XLSX_MIME), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, 'ledger.import');
      const row = await loadImport(database, actor, request.params.id, request.lang);
      const { file } = await loadImportContent(database.db, row.id);
      const { buffer, fileName } = await annotatedWorkbook(row, file, request.lang);
      return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment(fileName)).send(buffer);
    },
  );

}
