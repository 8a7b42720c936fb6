import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../context.js';

/** Routes for public disclosure (对外公开), no sign-in. Being built in issue 4. */
export function publicRoutes(_app: FastifyInstance, _ctx: RouteContext) {}
