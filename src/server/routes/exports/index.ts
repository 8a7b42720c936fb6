import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../../../domain/access.js';
import { errorBody } from '../../../shared/api/common.js';
import { exportLedgerQuery, exportSummaryQuery, xlsxResponse } from '../../../shared/api/exports.js';
import { requirePermission } from '../../access/access.js';
import { exportFilters, recordExport, type ExportKind } from '../../audit/record-export.js';
import type { PreparedWorkbook } from '../../usecases/exports/export-support.js';
import { exportClosed } from '../../usecases/exports/export-closed.js';
import { exportLedger } from '../../usecases/exports/export-ledger.js';
import { exportOverdue } from '../../usecases/exports/export-overdue.js';
import { exportSummary } from '../../usecases/exports/export-summary.js';
import type { RouteContext } from '../context.js';
import { sendWorkbook } from './send-workbook.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 422: errorBody };
const binary = { 200: xlsxResponse, ...errors };

/**
 * Routes for ledger and report workbooks (导出), streamed as they are written. Each export that passed its checks is
 * written to the history (who, which workbook, the filters, the row count) before the first byte is sent.
 */
export function exportRoutes(app: FastifyInstance, { database, services }: RouteContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const audited = async (actor: Actor, kind: ExportKind, query: object, workbook: PreparedWorkbook) => {
    await recordExport(database, actor, { kind, format: 'xlsx', fileName: workbook.fileName, rows: workbook.rows, filters: exportFilters(query) });
    return workbook;
  };

  api.get(
    '/exports/ledger.xlsx',
    {
      schema: {
        tags: ['exports'],
        summary: '导出问题清单 — the ledger as filtered on screen (same query as GET /api/problems, no paging), in the round-trip layout of the import',
        description:
          'Every exported column of the ledger dictionary (src/domain/ledger/columns.ts), one row per problem the caller may see. Streamed; refused with EXPORT_TOO_LARGE (422) above the cap (200,000 rows unless DUCHA_EXPORT_MAX_ROWS says otherwise). ' +
          'Every export of this and the report workbooks is written to the history (export.<kind>: file, filters, rows).',
        querystring: exportLedgerQuery,
        response: binary,
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, 'ledger.export');
      return sendWorkbook(reply, request.log, await audited(actor, 'ledger', request.query, await exportLedger(database.db, services, actor, request.query)));
    },
  );

  api.get(
    '/exports/summary.xlsx',
    {
      schema: {
        tags: ['exports'],
        summary: '整改任务汇总表 — counts by lead unit, source or status (总数, 已销号, 完成整改未销号, 整改中, 逾期, 临期, 完成率) with a 合计 row',
        querystring: exportSummaryQuery,
        response: binary,
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, 'report.read');
      return sendWorkbook(reply, request.log, await audited(actor, 'summary', request.query, await exportSummary(database.db, services, actor, request.query)));
    },
  );

  api.get(
    '/exports/overdue.xlsx',
    {
      schema: {
        tags: ['exports'],
        summary: '逾期问题清单 — problems with a red or seriously overdue light, the longest overdue first, with working days overdue',
        querystring: exportLedgerQuery,
        response: binary,
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, 'report.read');
      return sendWorkbook(reply, request.log, await audited(actor, 'overdue', request.query, await exportOverdue(database.db, services, actor, request.query)));
    },
  );

  api.get(
    '/exports/closed.xlsx',
    {
      schema: {
        tags: ['exports'],
        summary: '已销号问题清单 — closed problems with the verification day, the closing day and the filing number (备案号)',
        querystring: exportLedgerQuery,
        response: binary,
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, 'report.read');
      return sendWorkbook(reply, request.log, await audited(actor, 'closed', request.query, await exportClosed(database.db, services, actor, request.query)));
    },
  );
}
