import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditEntry, listAuditQuery } from '../../../shared/api/audit.js';
import { errorBody } from '../../../shared/api/common.js';
import { requirePermission } from '../../access/access.js';
import { listAudit } from '../../usecases/list-audit.js';
import { verifyAudit } from '../../usecases/verify-audit.js';
import type { RouteContext } from '../context.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody };

export function auditRoutes(app: FastifyInstance, { database }: RouteContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Browse the change history (审计日志), newest first',
        querystring: listAuditQuery,
        response: { 200: z.object({ items: z.array(auditEntry), total: z.number() }), ...errors },
      },
    },
    async (request) => {
      requirePermission(request.actor, 'audit.read');
      return listAudit(database.db, request.query);
    },
  );
  api.post(
    '/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Check the hash chain of the whole history',
        response: {
          200: z.object({ ok: z.boolean(), rows: z.number(), brokenId: z.number().optional(), reason: z.string().optional() }),
          ...errors,
        },
      },
    },
    async (request) => {
      requirePermission(request.actor, 'audit.read');
      const verdict = await verifyAudit(database.db);
      return verdict.ok ? { ok: true, rows: verdict.rows } : verdict;
    },
  );
}
