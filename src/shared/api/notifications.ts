import { z } from 'zod';
import { booleanQuery } from './common.js';

/**
 * In-app notifications (站内消息). The server stores a kind and parameters; the web app renders the sentence in the
 * reader's language from its catalog.
 */
export const NOTIFICATION_KINDS = [
  'assigned',
  'report_returned',
  'extension_decided',
  'verification_requested',
  'verification_result',
  'notice_ended',
  'objection_upheld',
  'reopened',
  'lookback_check',
  'due_soon',
  'overdue',
  'daily_digest',
] as const;

export const listNotificationsQuery = z.object({
  unreadOnly: booleanQuery,
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuery>;

export const notificationItem = z.object({
  id: z.number(),
  kind: z.string().describe(`one of ${NOTIFICATION_KINDS.join(', ')} (new kinds may appear: show a generic sentence)`),
  problemId: z.number().nullable(),
  problemCode: z.string().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationItem = z.infer<typeof notificationItem>;

export const listNotificationsResponse = z.object({
  items: z.array(notificationItem),
  total: z.number(),
  unread: z.number(),
});

export const unreadCountResponse = z.object({ unread: z.number() });
export const readAllResponse = z.object({ updated: z.number() });
