import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../context.js';

/** Routes for ledger import (导入台账). Being built in issue 4. */
export function importRoutes(_app: FastifyInstance, _ctx: RouteContext) {}
