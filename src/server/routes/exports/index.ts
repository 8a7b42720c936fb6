import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../context.js';

/** Routes for ledger and report workbooks (导出). Being built in issue 4. */
export function exportRoutes(_app: FastifyInstance, _ctx: RouteContext) {}
