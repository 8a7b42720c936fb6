import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { booleanQuery, errorBody, idParam } from '../../../shared/api/common.js';
import { createUnitBody, unit, updateUnitBody } from '../../../shared/api/units.js';
import { UNIT_KINDS } from '../../../shared/roles.js';
import { requirePermission } from '../../access/access.js';
import { getUnitInScope, listUnits } from '../../usecases/list-units.js';
import { createUnit, updateUnit } from '../../usecases/save-unit.js';
import type { RouteContext } from '../context.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

export function unitRoutes(app: FastifyInstance, { database }: RouteContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/units',
    {
      schema: {
        tags: ['units'],
        summary: 'List the units (单位) you may see, flat in tree order',
        querystring: z.object({
          includeDisabled: booleanQuery,
          q: z.string().trim().max(60).optional(),
          kind: z.enum(UNIT_KINDS).optional(),
        }),
        response: { 200: z.object({ items: z.array(unit) }), ...errors },
      },
    },
    async (request) => {
      const actor = requirePermission(request.actor, 'unit.read');
      return { items: await listUnits(database.db, actor, request.query) };
    },
  );
  api.get(
    '/units/:id',
    { schema: { tags: ['units'], summary: 'One unit', params: idParam, response: { 200: unit, ...errors } } },
    async (request) => {
      const actor = requirePermission(request.actor, 'unit.read');
      const { path: _path, ...found } = await getUnitInScope(database.db, actor, request.params.id);
      return found;
    },
  );
  api.post(
    '/units',
    { schema: { tags: ['units'], summary: 'Create a unit', body: createUnitBody, response: { 201: unit, ...errors } } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, 'unit.manage');
      return reply.code(201).send(await createUnit(database, actor, request.body));
    },
  );
  api.patch(
    '/units/:id',
    {
      schema: {
        tags: ['units'],
        summary: 'Edit, move, disable or enable a unit',
        params: idParam,
        body: updateUnitBody,
        response: { 200: unit, ...errors },
      },
    },
    async (request) => {
      const actor = requirePermission(request.actor, 'unit.manage');
      return updateUnit(database, actor, request.params.id, request.body);
    },
  );
}
