import { sql } from 'drizzle-orm';
import type { Actor } from '../../domain/access.js';
import type { Unit } from '../../shared/api/units.js';
import type { UnitKind } from '../../shared/roles.js';
import { unitScopeSql } from '../access/access.js';
import type { Executor } from '../db/client.js';
import { notFound } from '../errors.js';

interface UnitRow extends Record<string, unknown> {
  id: number;
  name: string;
  short_name: string | null;
  kind: string;
  uscc: string | null;
  region_id: number;
  region_name: string;
  parent_id: number | null;
  contact_phone: string | null;
  enabled: boolean;
  version: number;
}

const presentUnit = (r: UnitRow): Unit => ({
  id: r.id,
  name: r.name,
  shortName: r.short_name,
  kind: r.kind as UnitKind,
  uscc: r.uscc,
  regionId: r.region_id,
  regionName: r.region_name,
  parentId: r.parent_id,
  contactPhone: r.contact_phone,
  enabled: r.enabled,
  version: r.version,
});

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

/** The units the actor may see, flat, in tree order (the client builds the tree from parentId). */
export async function listUnits(
  ex: Executor,
  actor: Actor,
  filter: { includeDisabled?: boolean; q?: string; kind?: UnitKind },
): Promise<Unit[]> {
  const conditions = [unitScopeSql(actor, 'u')];
  if (!filter.includeDisabled) conditions.push(sql`u.enabled`);
  if (filter.kind) conditions.push(sql`u.kind = ${filter.kind}`);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(u.name ILIKE ${like} OR u.short_name ILIKE ${like} OR u.uscc ILIKE ${like})`);
  }
  const res = await ex.execute<UnitRow>(sql`
    SELECT u.id, u.name, u.short_name, u.kind, u.uscc, u.region_id, r.name AS region_name, u.parent_id,
           u.contact_phone, u.enabled, u.version
    FROM units u JOIN regions r ON r.id = u.region_id
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY u.path
    LIMIT 5000
  `);
  return rowsOf<UnitRow>(res).map(presentUnit);
}

/** One unit, or NOT_FOUND when it does not exist or lies outside the actor's scope (the two are indistinguishable). */
export async function getUnitInScope(ex: Executor, actor: Actor, id: number): Promise<Unit & { path: string }> {
  const res = await ex.execute<UnitRow & { path: string }>(sql`
    SELECT u.id, u.name, u.short_name, u.kind, u.uscc, u.region_id, r.name AS region_name, u.parent_id,
           u.contact_phone, u.enabled, u.version, u.path
    FROM units u JOIN regions r ON r.id = u.region_id
    WHERE u.id = ${id} AND ${unitScopeSql(actor, 'u')}
  `);
  const row = rowsOf<UnitRow & { path: string }>(res)[0];
  if (!row) throw notFound();
  return { ...presentUnit(row), path: row.path };
}
