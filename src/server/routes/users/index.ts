import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParam } from '../../../shared/api/common.js';
import { createUserBody, listUsersQuery, resetPasswordBody, updateUserBody, userSummary } from '../../../shared/api/users.js';
import { requireActor, requirePermission } from '../../access/access.js';
import { getUserInScope, listUsers } from '../../usecases/list-users.js';
import { createUser, resetPassword, updateUser } from '../../usecases/save-user.js';
import type { RouteContext } from '../context.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

export function userRoutes(app: FastifyInstance, { database }: RouteContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'List the users you may see (paged)',
        querystring: listUsersQuery,
        response: { 200: z.object({ items: z.array(userSummary), total: z.number() }), ...errors },
      },
    },
    async (request) => listUsers(database.db, requirePermission(request.actor, 'user.read'), request.query),
  );
  api.get(
    '/users/:id',
    { schema: { tags: ['users'], summary: 'One user', params: idParam, response: { 200: userSummary, ...errors } } },
    async (request) => getUserInScope(database.db, requireActor(request.actor), request.params.id),
  );
  api.post(
    '/users',
    { schema: { tags: ['users'], summary: 'Create a user', body: createUserBody, response: { 201: userSummary, ...errors } } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, 'user.manage');
      return reply.code(201).send(await createUser(database, actor, request.body));
    },
  );
  api.patch(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Edit a user: unit, roles, contacts, enable/disable, unlock',
        params: idParam,
        body: updateUserBody,
        response: { 200: userSummary, ...errors },
      },
    },
    async (request) => updateUser(database, requirePermission(request.actor, 'user.manage'), request.params.id, request.body),
  );
  api.post(
    '/users/:id/reset-password',
    {
      schema: {
        tags: ['users'],
        summary: 'Reset a user password (the user must change it at next sign-in)',
        params: idParam,
        body: resetPasswordBody,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await resetPassword(database, requirePermission(request.actor, 'user.manage'), request.params.id, request.body.newPassword);
      return reply.code(204).send(null);
    },
  );
}
