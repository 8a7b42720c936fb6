import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody } from '../../../shared/api/common.js';
import { todoResponse } from '../../../shared/api/todo.js';
import { requirePermission } from '../../access/access.js';
import { getTodo } from '../../usecases/todo/get-todo.js';
import type { RouteContext } from '../context.js';

/** 待办: the caller's to-do, by bucket. */
export function todoRoutes(app: FastifyInstance, { database, services }: RouteContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/todo',
    {
      schema: {
        tags: ['to-do'],
        summary: '待办 — counts and the first items of each bucket that applies to your roles',
        response: { 200: todoResponse, 401: errorBody, 403: errorBody },
      },
    },
    async (request) => getTodo(database.db, services, requirePermission(request.actor, 'problem.read')),
  );
}
