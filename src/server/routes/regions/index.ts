import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { booleanQuery, errorBody, idParam } from '../../../shared/api/common.js';
import { createRegionBody, region, updateRegionBody } from '../../../shared/api/regions.js';
import { requirePermission } from '../../access/access.js';
import { createRegion } from '../../usecases/create-region.js';
import { listRegions } from '../../usecases/list-regions.js';
import { updateRegion } from '../../usecases/update-region.js';
import type { RouteContext } from '../context.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

export function regionRoutes(app: FastifyInstance, { database }: RouteContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/regions',
    {
      schema: {
        tags: ['regions'],
        summary: 'List the region tree (行政区划), flat with parentId',
        querystring: z.object({ includeDisabled: booleanQuery }),
        response: { 200: z.object({ items: z.array(region) }), ...errors },
      },
    },
    async (request) => {
      requirePermission(request.actor, 'region.read');
      return { items: await listRegions(database.db, request.query.includeDisabled ?? false) };
    },
  );
  api.post(
    '/regions',
    { schema: { tags: ['regions'], summary: 'Create a region', body: createRegionBody, response: { 201: region, ...errors } } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, 'region.manage');
      return reply.code(201).send(await createRegion(database, actor, request.body));
    },
  );
  api.patch(
    '/regions/:id',
    {
      schema: {
        tags: ['regions'],
        summary: 'Rename, move, disable or enable a region',
        params: idParam,
        body: updateRegionBody,
        response: { 200: region, ...errors },
      },
    },
    async (request) => {
      const actor = requirePermission(request.actor, 'region.manage');
      return updateRegion(database, actor, request.params.id, request.body);
    },
  );
}
