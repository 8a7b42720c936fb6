import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/access.js';
import type { Role } from '../../shared/roles.js';
import type { Executor } from '../db/client.js';
import { sessions } from '../db/schema.js';

export const SESSION_COOKIE = 'ducha_sid';
export const CSRF_COOKIE = 'ducha_csrf';

const sessionId = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(ex: Executor, userId: number, hours: number) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + hours * 3_600_000);
  await ex.insert(sessions).values({ id: sessionId(token), userId, csrfToken, expiresAt });
  return { token, csrfToken, expiresAt };
}

export async function deleteSession(ex: Executor, token: string) {
  await ex.delete(sessions).where(eq(sessions.id, sessionId(token)));
}

export async function deleteSessionsOfUser(ex: Executor, userId: number, exceptToken?: string) {
  const cond = exceptToken
    ? and(eq(sessions.userId, userId), sql`${sessions.id} <> ${sessionId(exceptToken)}`)
    : eq(sessions.userId, userId);
  await ex.delete(sessions).where(cond);
}

export interface SessionContext {
  actor: Actor;
  csrfToken: string;
  token: string;
}

interface ActorRow extends Record<string, unknown> {
  user_id: number;
  username: string;
  display_name: string;
  unit_id: number;
  unit_path: string;
  region_id: number;
  region_path: string;
  roles: Role[] | null;
  csrf_token: string;
  last_seen_at: Date | string;
}

/**
 * Resolve a cookie token to the acting user in one query. Disabled users and expired sessions resolve to null.
 * The session slides: it is extended at most every five minutes, to keep reads from turning into writes.
 */
export async function resolveSession(ex: Executor, token: string, hours: number): Promise<SessionContext | null> {
  const id = sessionId(token);
  const result = await ex.execute<ActorRow>(sql`
    SELECT u.id AS user_id, u.username, u.display_name, u.unit_id, un.path AS unit_path,
           r.id AS region_id, r.path AS region_path, s.csrf_token, s.last_seen_at,
           (SELECT array_agg(ur.role ORDER BY ur.role) FROM user_roles ur WHERE ur.user_id = u.id) AS roles
    FROM sessions s
    JOIN users u ON u.id = s.user_id
    JOIN units un ON un.id = u.unit_id
    JOIN regions r ON r.id = un.region_id
    WHERE s.id = ${id} AND s.expires_at > now() AND u.enabled
  `);
  const row = (result as unknown as { rows: ActorRow[] }).rows[0];
  if (!row) return null;
  if (Date.now() - new Date(row.last_seen_at).getTime() > 5 * 60_000) {
    await ex
      .update(sessions)
      .set({ lastSeenAt: new Date(), expiresAt: new Date(Date.now() + hours * 3_600_000) })
      .where(eq(sessions.id, id));
  }
  return {
    token,
    csrfToken: row.csrf_token,
    actor: {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      unitId: row.unit_id,
      unitPath: row.unit_path,
      regionId: row.region_id,
      regionPath: row.region_path,
      roles: row.roles ?? [],
    },
  };
}

export async function purgeExpiredSessions(ex: Executor) {
  await ex.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}
