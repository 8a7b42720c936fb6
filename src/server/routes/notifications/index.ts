import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParam } from '../../../shared/api/common.js';
import { listNotificationsQuery, listNotificationsResponse, readAllResponse, unreadCountResponse } from '../../../shared/api/notifications.js';
import { requireActor } from '../../access/access.js';
import { listNotifications, markAllRead, markRead, unreadCount } from '../../usecases/notifications/notifications.js';
import type { RouteContext } from '../context.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const tags = ['notifications'];

/** 站内消息: the caller's own notifications only. */
export function notificationRoutes(app: FastifyInstance, { database, services }: RouteContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/notifications',
    { schema: { tags, summary: '消息 — your notifications, newest first', querystring: listNotificationsQuery, response: { 200: listNotificationsResponse, ...errors } } },
    async (request) => listNotifications(database.db, requireActor(request.actor), request.query),
  );
  api.get(
    '/notifications/unread-count',
    { schema: { tags, summary: '未读数 — for the bell', response: { 200: unreadCountResponse, ...errors } } },
    async (request) => unreadCount(database.db, requireActor(request.actor)),
  );
  api.post(
    '/notifications/read-all',
    { schema: { tags, summary: '全部已读', body: z.strictObject({}).optional(), response: { 200: readAllResponse, ...errors } } },
    async (request) => markAllRead(database.db, services, requireActor(request.actor)),
  );
  api.post(
    '/notifications/:id/read',
    {
      schema: { tags, summary: '标记已读', params: idParam, body: z.strictObject({}).optional(), response: { 200: z.object({ id: z.number(), readAt: z.string() }), ...errors } },
    },
    async (request) => markRead(database.db, services, requireActor(request.actor), request.params.id),
  );
}
