import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/access.js';
import { isRegionCodeWithin } from '../../domain/region-code.js';
import { recordChange } from '../audit/record-change.js';
import type { Database } from '../db/client.js';
import { regions, units } from '../db/schema.js';
import { AppError } from '../errors.js';
import { presentRegion } from './list-regions.js';
import { childPath, countEnabledDescendants, moveSubtree } from './tree-paths.js';

export interface RegionChanges {
  name?: string;
  parentId?: number | null;
  enabled?: boolean;
  version: number;
}

/**
 * Rename, move, disable or re-enable a region. Codes never change (history and ledgers refer to them); regions are
 * never deleted, only disabled, and only once nothing enabled remains below or in them.
 */
export async function updateRegion(database: Database, actor: Actor, id: number, changes: RegionChanges) {
  return database.transaction(async (tx) => {
    const [current] = await tx.select().from(regions).where(eq(regions.id, id)).for('update');
    if (!current) throw new AppError('NOT_FOUND');
    if (current.version !== changes.version) throw new AppError('CONFLICT');
    const before = presentRegion(current);

    if (changes.parentId !== undefined && changes.parentId !== current.parentId) {
      let newParentPath: string | null = null;
      if (changes.parentId !== null) {
        const [parent] = await tx.select().from(regions).where(eq(regions.id, changes.parentId));
        if (!parent) throw new AppError('NOT_FOUND');
        if (!parent.enabled) throw new AppError('PARENT_DISABLED', {}, 422);
        if (parent.path.startsWith(current.path)) throw new AppError('TREE_CYCLE', {}, 422);
        if (!isRegionCodeWithin(current.code, parent.code))
          throw new AppError('REGION_CODE_OUTSIDE_PARENT', { code: current.code, parent: parent.code }, 422);
        newParentPath = parent.path;
      }
      await moveSubtree(tx, 'regions', current.path, childPath(newParentPath, current.id));
    }
    if (changes.enabled === false && current.enabled) {
      const children = await countEnabledDescendants(tx, 'regions', current.path);
      if (children > 0) throw new AppError('HAS_ACTIVE_CHILDREN', { count: children }, 422);
      const [unitCount] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(units)
        .where(sql`${units.regionId} = ${id} AND ${units.enabled}`);
      if ((unitCount?.n ?? 0) > 0) throw new AppError('HAS_ACTIVE_CHILDREN', { count: unitCount!.n }, 422);
    }
    if (changes.enabled === true && !current.enabled && current.parentId !== null) {
      const [parent] = await tx.select().from(regions).where(eq(regions.id, changes.parentId ?? current.parentId));
      if (parent && !parent.enabled) throw new AppError('PARENT_DISABLED', {}, 422);
    }
    const [updated] = await tx
      .update(regions)
      .set({
        name: changes.name ?? current.name,
        parentId: changes.parentId === undefined ? current.parentId : changes.parentId,
        enabled: changes.enabled ?? current.enabled,
        version: current.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(regions.id, id))
      .returning();
    const after = presentRegion(updated!);
    await recordChange(tx, { id: actor.userId, name: actor.displayName }, {
      action: 'region.updated',
      entityType: 'region',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
