import { sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { ImportReferences } from '../../../domain/ledger/import/types.js';
import { problemScopeSql, unitScopeSql } from '../../access/access.js';
import type { Executor } from '../../db/client.js';
import type { StoredProblemRow, StoredView } from '../../ledger/stored-problems.js';

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

/**
 * What an import is checked against, as the importing user may use it: regions of their region subtree, enabled
 * units in their scope, leaders, rounds and batches. The problems they can see (for duplicates and updates by code)
 * come from loadStoredView.
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
  return {
    today,
    defaultRegionId: actor.regionId,
    regions: regions.map((r) => ({ id: Number(r.id), code: r.code, name: r.name, path: r.path })),
    units: units.map((u) => ({ id: Number(u.id), name: u.name, shortName: u.short_name, kind: u.kind })),
    leaders: leaders.map((l) => ({ id: Number(l.id), displayName: l.display_name })),
    rounds: rounds.map((r) => ({ id: Number(r.id), name: r.name })),
    batches: batches.map((b) => ({ id: Number(b.id), roundId: Number(b.round_id), number: Number(b.number), name: b.name })),
    // The stored problems go to the analysis thread apart, as changes to its copy (loadStoredView).
    existing: [],
  };
}

/** Above this share of changed problems, the whole table is read instead of a list of ids. */
const FULL_READ_SHARE = 0.5;

/**
 * The stored problems for one analysis, as changes to the analysis thread's copy (`held`: id → version): every
 * problem's (id, version) and whether the user may see it are read (one narrow query), and only the problems added
 * or changed since are read in full. Descriptions are cut to what near-duplicate detection needs.
 */
export async function loadStoredView(ex: Executor, actor: Actor, held: ReadonlyMap<number, number>): Promise<StoredView> {
  const current = rowsOf<{ id: number; version: number; visible: boolean }>(
    await ex.execute(sql`SELECT p.id, p.version, (${problemScopeSql(actor, 'p')}) AS visible FROM problems p`),
  );
  const seen = new Set<number>();
  const changed: number[] = [];
  const visibleIds: number[] = [];
  for (const row of current) {
    const id = Number(row.id);
    seen.add(id);
    if (held.get(id) !== Number(row.version)) changed.push(id);
    if (row.visible) visibleIds.push(id);
  }
  const remove = [...held.keys()].filter((id) => !seen.has(id));
  const reset = held.size === 0;
  let upsert: StoredProblemRow[] = [];
  if (changed.length) {
    const columns = sql`p.id, p.version, p.code, left(p.description, 300) AS description, p.address, p.status`;
    const full = changed.length > FULL_READ_SHARE * current.length;
    const loaded = rowsOf<StoredProblemRow>(
      await ex.execute(
        full
          ? sql`SELECT ${columns} FROM problems p`
          : sql`SELECT ${columns} FROM problems p WHERE p.id IN (SELECT value::int FROM json_array_elements_text(${JSON.stringify(changed)}::json))`,
      ),
    );
    upsert = loaded.map((p) => ({ ...p, id: Number(p.id), version: Number(p.version) }));
  }
  return { sync: { reset, upsert, remove }, visibleIds: visibleIds.length === current.length ? null : Int32Array.from(visibleIds) };
}
