import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../context.js';

/** Routes for Word documents (督办通知单, 销号申请表/验收表, 调度通报). Being built in issue 4. */
export function documentRoutes(_app: FastifyInstance, _ctx: RouteContext) {}
