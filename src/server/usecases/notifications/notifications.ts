import { sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { ListNotificationsQuery, NotificationItem } from '../../../shared/api/notifications.js';
import type { Executor } from '../../db/client.js';
import { notFound } from '../../errors.js';
import type { Services } from '../../services.js';

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;
const iso = (v: Date | string | null): string | null => (v == null ? null : (v instanceof Date ? v : new Date(v)).toISOString());

interface Row {
  id: number;
  kind: string;
  problem_id: number | null;
  problem_code: string | null;
  params: Record<string, string | number | null> | string;
  created_at: Date | string;
  read_at: Date | string | null;
}

/**
 * The caller's own notifications, newest first (only ever their own: there is no way to name another user).
 * Uses notifications_user_idx (user_id, read_at).
 */
export async function listNotifications(ex: Executor, actor: Actor, q: ListNotificationsQuery): Promise<{ items: NotificationItem[]; total: number; unread: number }> {
  const unreadOnly = q.unreadOnly === true;
  const where = unreadOnly ? sql`n.user_id = ${actor.userId} AND n.read_at IS NULL` : sql`n.user_id = ${actor.userId}`;
  const [counts] = rowsOf<{ total: number; unread: number }>(
    await ex.execute(sql`SELECT count(*)::int AS total, count(*) FILTER (WHERE n.read_at IS NULL)::int AS unread FROM notifications n WHERE ${where}`),
  );
  const rows = rowsOf<Row>(
    await ex.execute(sql`
      SELECT n.id, n.kind, n.problem_id, p.code AS problem_code, n.params, n.created_at, n.read_at
      FROM notifications n LEFT JOIN problems p ON p.id = n.problem_id
      WHERE ${where} ORDER BY n.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`),
  );
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      problemId: r.problem_id == null ? null : Number(r.problem_id),
      problemCode: r.problem_code,
      params: typeof r.params === 'string' ? JSON.parse(r.params) : r.params,
      createdAt: iso(r.created_at)!,
      readAt: iso(r.read_at),
    })),
    total: Number(counts?.total ?? 0),
    unread: Number(counts?.unread ?? 0),
  };
}

export async function unreadCount(ex: Executor, actor: Actor): Promise<{ unread: number }> {
  const [row] = rowsOf<{ n: number }>(await ex.execute(sql`SELECT count(*)::int AS n FROM notifications WHERE user_id = ${actor.userId} AND read_at IS NULL`));
  return { unread: Number(row?.n ?? 0) };
}

/** Mark one of the caller's notifications read (idempotent: reading it again keeps the first time). */
export async function markRead(ex: Executor, services: Services, actor: Actor, id: number): Promise<{ id: number; readAt: string }> {
  const now = services.clock.now().toISOString();
  const [row] = rowsOf<{ id: number; read_at: Date | string }>(
    await ex.execute(sql`
      UPDATE notifications SET read_at = coalesce(read_at, ${now}::timestamptz)
      WHERE id = ${id} AND user_id = ${actor.userId} RETURNING id, read_at`),
  );
  if (!row) throw notFound();
  return { id: Number(row.id), readAt: iso(row.read_at)! };
}

export async function markAllRead(ex: Executor, services: Services, actor: Actor): Promise<{ updated: number }> {
  const now = services.clock.now().toISOString();
  const [row] = rowsOf<{ n: number }>(
    await ex.execute(sql`
      WITH u AS (UPDATE notifications SET read_at = ${now}::timestamptz WHERE user_id = ${actor.userId} AND read_at IS NULL RETURNING 1)
      SELECT count(*)::int AS n FROM u`),
  );
  return { updated: Number(row?.n ?? 0) };
}
