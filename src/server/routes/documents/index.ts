import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody, idParam } from '../../../shared/api/common.js';
import { bulletinQuery, bulletinSummary, DOCX_MEDIA_TYPE, docxResponse, issuedDocumentList, supervisionNoticeBody } from '../../../shared/api/documents.js';
import { requirePermission } from '../../access/access.js';
import { recordExport } from '../../audit/record-export.js';
import { contentDisposition } from '../../evidence/content-disposition.js';
import { getBulletinSummary } from '../../usecases/documents/bulletin-summary.js';
import { getBulletinDocument } from '../../usecases/documents/get-bulletin.js';
import { getClosingForm } from '../../usecases/documents/get-closing-form.js';
import { issueProblemNotice } from '../../usecases/documents/issue-problem-notice.js';
import { issueUnitNotice } from '../../usecases/documents/issue-unit-notice.js';
import { listProblemNotices, listUnitNotices, openIssuedDocument } from '../../usecases/documents/issued-documents.js';
import type { GeneratedDocument, IssuedNotice } from '../../usecases/documents/notice-support.js';
import type { RouteContext } from '../context.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

function sendDocx(reply: FastifyReply, doc: GeneratedDocument | IssuedNotice) {
  reply
    .header('content-type', DOCX_MEDIA_TYPE)
    .header('content-length', doc.buffer.length)
    .header('content-disposition', contentDisposition(doc.fileName, 'attachment'))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store');
  // The number is also in the file; the headers let the web app say which one was issued and where it is kept.
  if ('documentNumber' in doc) reply.header('x-document-number', encodeURIComponent(doc.documentNumber)).header('x-document-id', String(doc.documentId));
  return reply.send(doc.buffer);
}

/** Routes for Word documents (督办通知单, 销号申请表/验收表, 调度通报), laid out as GB/T 9704 official documents. */
export function documentRoutes(app: FastifyInstance, { database, services }: RouteContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const ctx = { database, services };

  api.post(
    '/problems/:id/documents/supervision-notice',
    {
      schema: {
        tags: ['documents'],
        summary: '发督办通知单 — issue a supervision notice about one problem (numbered, recorded in its timeline and the history)',
        description:
          'Coordinator of the problem only, while it is 已交办, 已签收 or 整改中. Each call takes the next 文号 of the office (机关代字〔year〕N号, ' +
          'the number is also in the X-Document-Number header, URI-encoded) and issues a NEW notice: to get one already issued, use ' +
          'GET /api/documents/{id} (listed by GET /api/problems/{id}/documents; X-Document-Id names it). The body may set the reply date ' +
          '(default: 5 working days) and add a requirement.',
        params: idParam,
        body: supervisionNoticeBody,
        response: { 200: docxResponse, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, 'document.issue');
      return sendDocx(reply, await issueProblemNotice(ctx, actor, request.params.id, request.body));
    },
  );

  api.post(
    '/units/:id/documents/supervision-notice',
    {
      schema: {
        tags: ['documents'],
        summary: '发督办通知单 — issue a supervision notice to one unit, listing its problems with a yellow, red or severe light',
        description:
          'Problems the unit leads or cooperates on, in the caller’s scope, not yet rectified, worst first (at most 200). Each listed problem’s timeline ' +
          'shows the notice; one history row records it against the unit. The notice is kept (GET /api/units/{id}/documents, GET /api/documents/{id}). ' +
          'NOTICE_NOTHING_TO_SUPERVISE (422) when no problem is lit.',
        params: idParam,
        body: supervisionNoticeBody,
        response: { 200: docxResponse, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, 'document.issue');
      return sendDocx(reply, await issueUnitNotice(ctx, actor, request.params.id, request.body));
    },
  );

  api.get(
    '/problems/:id/documents',
    {
      schema: {
        tags: ['documents'],
        summary: '已发督办通知单 — the supervision notices issued about one problem, newest first',
        description: 'Anyone who may read the problem; 404 outside the caller’s scope. Each is downloaded again with GET /api/documents/{id}.',
        params: idParam,
        response: { 200: issuedDocumentList, ...errors },
      },
    },
    async (request) => {
      const actor = requirePermission(request.actor, 'problem.read');
      return { items: await listProblemNotices(database.db, actor, request.params.id) };
    },
  );

  api.get(
    '/units/:id/documents',
    {
      schema: {
        tags: ['documents'],
        summary: '已发督办通知单 — the supervision notices issued to one unit about its warned problems, newest first',
        description: 'Anyone who has the unit in scope; 404 outside it.',
        params: idParam,
        response: { 200: issuedDocumentList, ...errors },
      },
    },
    async (request) => {
      const actor = requirePermission(request.actor, 'problem.read');
      return { items: await listUnitNotices(database.db, actor, request.params.id) };
    },
  );

  api.get(
    '/documents/:id',
    {
      schema: {
        tags: ['documents'],
        summary: '下载已发文书 — an issued supervision notice again: the same file, byte for byte, with the same 文号 (no new number is taken)',
        description:
          'For whoever may see the notice’s problem (problem notices) or unit (unit notices); 404 otherwise. The 文号 is in X-Document-Number ' +
          '(URI-encoded). Each download is written to the history (export.supervision_notice).',
        params: idParam,
        response: { 200: docxResponse, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, 'problem.read');
      const { file, record } = await openIssuedDocument(database.db, actor, request.params.id);
      await recordExport(database, actor, {
        kind: 'supervision_notice',
        format: 'docx',
        fileName: file.fileName,
        rows: record.problemCount,
        entity: { type: 'document', id: record.id },
        about: { documentNumber: record.documentNumber, problemId: record.problemId, unitId: record.unitId },
      });
      return sendDocx(reply, file);
    },
  );

  api.get(
    '/problems/:id/documents/closing-form',
    {
      schema: {
        tags: ['documents'],
        summary: '销号申请表/验收表 — the closing form of one problem with its five steps (自查、核查、公示、归档、备案) as recorded',
        description: 'Steps not reached yet read （尚未进行）. Anyone who may read the problem; 404 outside the caller’s scope. Written to the history (export.closing_form).',
        params: idParam,
        response: { 200: docxResponse, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, 'problem.read');
      const form = await getClosingForm(database.db, services, actor, request.params.id);
      await recordExport(database, actor, { kind: 'closing_form', format: 'docx', fileName: form.fileName, rows: 1, entity: { type: 'problem', id: request.params.id } });
      return sendDocx(reply, form);
    },
  );

  api.get(
    '/reports/bulletin',
    {
      schema: {
        tags: ['documents'],
        summary: '调度通报 — the periodic bulletin for a period as a Word document, with charts',
        description:
          'Period [from, to], both inclusive (default: the last full month). Same figures as /reports/bulletin/summary, in the caller’s scope. The 文号 is left blank for the office to fill in. ' +
          'Written to the history (export.bulletin, with the period).',
        querystring: bulletinQuery,
        response: { 200: docxResponse, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, 'report.read');
      const bulletin = await getBulletinDocument(database.db, services, actor, request.query);
      await recordExport(database, actor, { kind: 'bulletin', format: 'docx', fileName: bulletin.fileName, rows: bulletin.problems, period: bulletin.period });
      return sendDocx(reply, bulletin);
    },
  );

  api.get(
    '/reports/bulletin/summary',
    {
      schema: {
        tags: ['documents'],
        summary: '调度通报的数据 — the figures of the bulletin as JSON (for the web preview and upper-level systems)',
        description:
          'Stocks (totals, warnings, overdue by unit) as of today; flows (new, rectified, closed, newly overdue) in the period and the previous one ' +
          '(a whole-month period is compared with as many whole months before it, any other with the same number of days); plans against their ' +
          'targets for the year of the period’s end; rebounds found by look-back checks; lead units ranked by on-time completion ' +
          '(see src/domain/reports/ranking.ts). Aggregated in the database, in the caller’s scope.',
        querystring: bulletinQuery,
        response: { 200: bulletinSummary, ...errors },
      },
    },
    async (request) => {
      const actor = requirePermission(request.actor, 'report.read');
      return getBulletinSummary(database.db, services, actor, request.query);
    },
  );
}
