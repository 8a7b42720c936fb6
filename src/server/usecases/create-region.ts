import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/access.js';
import { isRegionCodeWithin, regionLevelOf } from '../../domain/region-code.js';
import { recordChange } from '../audit/record-change.js';
import type { Database } from '../db/client.js';
import { regions } from '../db/schema.js';
import { AppError } from '../errors.js';
import { presentRegion } from './list-regions.js';
import { childPath } from './tree-paths.js';

export async function createRegion(
  database: Database,
  actor: Actor,
  input: { code: string; name: string; parentId: number | null },
) {
  const level = regionLevelOf(input.code);
  if (!level) throw new AppError('REGION_CODE_INVALID', { code: input.code }, 400);
  return database.transaction(async (tx) => {
    let parentPath: string | null = null;
    if (input.parentId !== null) {
      const [parent] = await tx.select().from(regions).where(eq(regions.id, input.parentId));
      if (!parent) throw new AppError('NOT_FOUND');
      if (!parent.enabled) throw new AppError('PARENT_DISABLED', {}, 422);
      if (!isRegionCodeWithin(input.code, parent.code))
        throw new AppError('REGION_CODE_OUTSIDE_PARENT', { code: input.code, parent: parent.code }, 422);
      parentPath = parent.path;
    }
    const [taken] = await tx.select({ id: regions.id }).from(regions).where(eq(regions.code, input.code));
    if (taken) throw new AppError('REGION_CODE_TAKEN', { code: input.code });
    const [row] = await tx
      .insert(regions)
      .values({ code: input.code, name: input.name, level, parentId: input.parentId, path: '' })
      .returning();
    const [created] = await tx
      .update(regions)
      .set({ path: childPath(parentPath, row!.id) })
      .where(eq(regions.id, row!.id))
      .returning();
    const region = presentRegion(created!);
    await recordChange(tx, { id: actor.userId, name: actor.displayName }, {
      action: 'region.created',
      entityType: 'region',
      entityId: region.id,
      after: region,
    });
    return region;
  });
}
