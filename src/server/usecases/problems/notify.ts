import { and, eq, inArray } from 'drizzle-orm';
import type { Role } from '../../../shared/roles.js';
import type { Executor } from '../../db/client.js';
import { notifications, userRoles, users } from '../../db/schema.js';

export type NotificationKind =
  | 'assigned'
  | 'report_returned'
  | 'extension_decided'
  | 'verification_requested'
  | 'verification_result'
  | 'notice_ended'
  | 'objection_upheld'
  | 'reopened'
  | 'lookback_check'
  | 'due_soon'
  | 'overdue'
  | 'daily_digest';

/** Enabled users of a unit holding one of the roles. */
export async function usersOfUnit(ex: Executor, unitId: number, roles: Role[]): Promise<number[]> {
  const rows = await ex
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(users.unitId, unitId), eq(users.enabled, true), inArray(userRoles.role, roles)));
  return rows.map((r) => r.id);
}

/**
 * In-app notifications, written in the transaction of the change that causes them. A dedupe key makes timed
 * notifications (due soon, overdue, digest) idempotent across instances and reruns.
 */
export async function notify(
  ex: Executor,
  userIds: number[],
  kind: NotificationKind,
  problemId: number | null,
  params: Record<string, string | number> = {},
  dedupeKey?: (userId: number) => string,
): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await ex
    .insert(notifications)
    .values(unique.map((userId) => ({ userId, kind, problemId, params, dedupeKey: dedupeKey ? dedupeKey(userId) : null })))
    .onConflictDoNothing();
}

