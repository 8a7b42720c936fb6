import { sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { ImportReferences } from '../../../domain/ledger/import/types.js';
import { problemScopeSql, unitScopeSql } from '../../access/access.js';
import type { Executor } from '../../db/client.js';

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

/**
 * What an import is checked against, as the importing user may use it: regions of their region subtree, enabled
 * units in their scope, leaders, rounds and batches, and the problems they can see (for duplicates and updates by
 * code; descriptions cut to what near-duplicate detection needs).
 */
export async function loadImportReferences(ex: Executor, actor: Actor, today: string): Promise<ImportReferences> {
  const regions = rowsOf<{ id: number; code: string; name: string; path: string }>(
    await ex.execute(sql`SELECT id, code, name, path FROM regions WHERE enabled AND (path LIKE ${`${actor.regionPath}%`} OR ${actor.roles.includes('admin')}) ORDER BY path`),
  );
  const units = rowsOf<{ id: number; name: string; short_name: string | null; kind: string }>(
    await ex.execute(sql`SELECT u.id, u.name, u.short_name, u.kind FROM units u WHERE u.enabled AND ${unitScopeSql(actor, 'u')} ORDER BY u.path`),
  );
  const leaders = rowsOf<{ id: number; display_name: string }>(
    await ex.execute(sql`SELECT DISTINCT u.id, u.display_name FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.role = 'leader' AND u.enabled ORDER BY u.id`),
  );
  const rounds = rowsOf<{ id: number; name: string }>(await ex.execute(sql`SELECT id, name FROM rounds WHERE enabled ORDER BY id`));
  const batches = rowsOf<{ id: number; round_id: number; number: number; name: string }>(
    await ex.execute(sql`SELECT id, round_id, number, name FROM batches ORDER BY round_id, number`),
  );
  const existing = rowsOf<{ id: number; code: string; title: string; description: string; address: string | null; status: string }>(
    await ex.execute(sql`SELECT p.id, p.code, p.title, left(p.description, 300) AS description, p.address, p.status FROM problems p WHERE ${problemScopeSql(actor, 'p')}`),
  );
  return {
    today,
    defaultRegionId: actor.regionId,
    regions: regions.map((r) => ({ id: Number(r.id), code: r.code, name: r.name, path: r.path })),
    units: units.map((u) => ({ id: Number(u.id), name: u.name, shortName: u.short_name, kind: u.kind })),
    leaders: leaders.map((l) => ({ id: Number(l.id), displayName: l.display_name })),
    rounds: rounds.map((r) => ({ id: Number(r.id), name: r.name })),
    batches: batches.map((b) => ({ id: Number(b.id), roundId: Number(b.round_id), number: Number(b.number), name: b.name })),
    existing: existing.map((p) => ({ ...p, id: Number(p.id) })),
  };
}
