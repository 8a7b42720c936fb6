import { asc } from 'drizzle-orm';
import type { Region } from '../../shared/api/regions.js';
import type { Executor } from '../db/client.js';
import { regions } from '../db/schema.js';

/** Regions are public reference data (names and codes), so every signed-in user reads the whole tree. */
export async function listRegions(ex: Executor, includeDisabled: boolean): Promise<Region[]> {
  const rows = await ex.select().from(regions).orderBy(asc(regions.code));
  return rows.filter((r) => includeDisabled || r.enabled).map(presentRegion);
}

export function presentRegion(r: typeof regions.$inferSelect): Region {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    level: r.level as Region['level'],
    parentId: r.parentId,
    enabled: r.enabled,
    version: r.version,
  };
}
