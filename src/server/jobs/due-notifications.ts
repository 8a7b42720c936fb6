import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

/**
 * 临期 / 逾期 reminders for the day: every problem the lead unit is working on whose (freshly recomputed) warning light
 * is yellow ('due_soon') or red/severe ('overdue') notifies the lead unit's enabled handlers and heads. One set-based
 * INSERT; the dedupe key `due:<problem>:<user>:<day>` (the same unique key notify() uses) makes it once per problem,
 * user and day, whichever instance or rerun gets there first.
 */
export async function sendDueNotifications(database: Database, day: string): Promise<{ dueSoon: number; overdue: number }> {
  const [row] = rowsOf<{ due_soon: number; overdue: number }>(
    await database.db.execute(sql`
      WITH ins AS (
        INSERT INTO notifications (user_id, kind, problem_id, params, dedupe_key)
        SELECT u.id,
               CASE WHEN p.warning_light = 'yellow' THEN 'due_soon' ELSE 'overdue' END,
               p.id,
               jsonb_strip_nulls(jsonb_build_object('code', p.code, 'light', p.warning_light, 'reason', p.warning_reason, 'dueOn', p.warning_due_on)),
               'due:' || p.id || ':' || u.id || ':' || ${day}::text
        FROM problems p
        JOIN users u ON u.unit_id = p.lead_unit_id AND u.enabled
        WHERE p.status IN ('assigned', 'acknowledged', 'rectifying')
          AND p.warning_light IN ('yellow', 'red', 'severe')
          AND EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = u.id AND ur.role IN ('unit_handler', 'unit_head'))
        ON CONFLICT DO NOTHING
        RETURNING kind)
      SELECT count(*) FILTER (WHERE kind = 'due_soon')::int AS due_soon, count(*) FILTER (WHERE kind = 'overdue')::int AS overdue FROM ins`),
  );
  return { dueSoon: Number(row?.due_soon ?? 0), overdue: Number(row?.overdue ?? 0) };
}
