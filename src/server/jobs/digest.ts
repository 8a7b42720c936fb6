import { sql } from 'drizzle-orm';
import type { Actor } from '../../domain/access.js';
import type { Role } from '../../shared/roles.js';
import type { Database } from '../db/client.js';
import type { Services } from '../services.js';
import { notify } from '../usecases/problems/notify.js';
import { getTodoCounts } from '../usecases/todo/get-todo.js';

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

/** Every enabled user as an Actor (the same shape a session resolves to). */
async function enabledActors(database: Database): Promise<Actor[]> {
  const rows = rowsOf<{ user_id: number; username: string; display_name: string; unit_id: number; unit_path: string; region_id: number; region_path: string; roles: Role[] | null }>(
    await database.db.execute(sql`
      SELECT u.id AS user_id, u.username, u.display_name, u.unit_id, un.path AS unit_path, r.id AS region_id, r.path AS region_path,
             (SELECT array_agg(ur.role ORDER BY ur.role) FROM user_roles ur WHERE ur.user_id = u.id) AS roles
      FROM users u JOIN units un ON un.id = u.unit_id JOIN regions r ON r.id = un.region_id
      WHERE u.enabled ORDER BY u.id`),
  );
  return rows.map((r) => ({
    userId: Number(r.user_id),
    username: r.username,
    displayName: r.display_name,
    unitId: Number(r.unit_id),
    unitPath: r.unit_path,
    regionId: Number(r.region_id),
    regionPath: r.region_path,
    roles: r.roles ?? [],
  }));
}

/**
 * 每日待办提醒: one 'daily_digest' notification per user per day with their to-do counts (params: `total` and the
 * non-zero buckets by key), only to users with something to do. Dedupe key `digest:<userId>:<day>`.
 */
export async function sendDailyDigests(database: Database, services: Services, day: string): Promise<number> {
  let sent = 0;
  for (const actor of await enabledActors(database)) {
    const counts = await getTodoCounts(database.db, services, actor);
    const params: Record<string, number> = {};
    let total = 0;
    for (const [key, n] of Object.entries(counts)) {
      if (n && n > 0) {
        params[key] = n;
        total += n;
      }
    }
    if (total === 0) continue;
    await notify(database.db, [actor.userId], 'daily_digest', null, { total, ...params }, (userId) => `digest:${userId}:${day}`);
    sent++;
  }
  return sent;
}
