import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody } from '../../../shared/api/common.js';
import { requireActor, requirePermission } from '../../access/access.js';
import { recordChange } from '../../audit/record-change.js';
import { loadLoopSettings, loopSettingsSchema, saveLoopSettings } from '../../settings.js';
import type { RouteContext } from '../context.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody };

export function settingsRoutes(app: FastifyInstance, { database }: RouteContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/settings/loop',
    { schema: { tags: ['settings'], summary: 'Closed-loop settings: acknowledgement days, notice days, warning thresholds, report cadence, code pattern', response: { 200: loopSettingsSchema, ...errors } } },
    async (request) => {
      requireActor(request.actor);
      return loadLoopSettings(database.db);
    },
  );
  api.put(
    '/settings/loop',
    { schema: { tags: ['settings'], summary: 'Change the closed-loop settings (admin)', body: loopSettingsSchema.strict(), response: { 200: loopSettingsSchema, ...errors } } },
    async (request) => {
      const actor = requirePermission(request.actor, 'settings.manage');
      await database.transaction(async (tx) => {
        const before = await loadLoopSettings(tx);
        await saveLoopSettings(tx, request.body);
        await recordChange(tx, { id: actor.userId, name: actor.displayName }, { action: 'settings.updated', entityType: 'settings', entityId: 'loop', before, after: request.body });
      });
      return loadLoopSettings(database.db);
    },
  );
}
