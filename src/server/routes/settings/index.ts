import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody } from '../../../shared/api/common.js';
import { documentSettingsBody, documentSettingsView } from '../../../shared/api/settings.js';
import { requireActor, requirePermission } from '../../access/access.js';
import { recordChange } from '../../audit/record-change.js';
import { loadLoopSettings, loopSettingsSchema, saveLoopSettings } from '../../settings.js';
import { getDocumentSettings, saveDocumentSettings } from '../../usecases/documents/document-settings.js';
import type { RouteContext } from '../context.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody };

export function settingsRoutes(app: FastifyInstance, { database, services }: RouteContext) {
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

  api.get(
    '/settings/documents',
    {
      schema: {
        tags: ['settings'],
        summary: '文书设置 — the issuer name (发文机关) and 文号 prefix (机关代字) of issued documents, the defaults, this year’s numbering (admin)',
        response: { 200: documentSettingsView, ...errors },
      },
    },
    async (request) => {
      const actor = requirePermission(request.actor, 'settings.manage');
      return getDocumentSettings(database.db, services, actor);
    },
  );
  api.put(
    '/settings/documents',
    {
      schema: {
        tags: ['settings'],
        summary: 'Change the documents setting (admin); an empty field means the default',
        description:
          'Audited. DOCUMENT_ISSUER_INVALID (422): the name is not 2–60 characters on one line. DOCUMENT_PREFIX_INVALID (422): the prefix is not 1–12 ' +
          'Chinese characters or letters. A new 机关代字 starts its own numbering at 1 for the year.',
        body: documentSettingsBody,
        response: { 200: documentSettingsView, ...errors, 422: errorBody },
      },
    },
    async (request) => {
      const actor = requirePermission(request.actor, 'settings.manage');
      return saveDocumentSettings(database, services, actor, request.body);
    },
  );
}
