import { and, eq, ne, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/access.js';
import { normalizeUscc, validateUscc } from '../../domain/uscc.js';
import type { UnitKind } from '../../shared/roles.js';
import { recordChange } from '../audit/record-change.js';
import type { Database, Executor } from '../db/client.js';
import { regions, units, users } from '../db/schema.js';
import { AppError } from '../errors.js';
import { getUnitInScope } from './list-units.js';
import { childPath, countEnabledDescendants, moveSubtree } from './tree-paths.js';

export interface UnitInput {
  name: string;
  shortName?: string | null;
  kind: UnitKind;
  uscc?: string | null;
  regionId: number;
  parentId: number | null;
  contactPhone?: string | null;
}

export interface UnitChanges extends Partial<UnitInput> {
  enabled?: boolean;
  version: number;
}

/** Normalise and validate a credit code; enterprises must have one, other units may. */
async function checkUscc(tx: Executor, kind: UnitKind, raw: string | null | undefined, selfId?: number) {
  const value = raw ? normalizeUscc(raw) : '';
  if (!value) {
    if (kind === 'enterprise') throw new AppError('ENTERPRISE_NEEDS_USCC', {}, 400);
    return null;
  }
  const verdict = validateUscc(value);
  if (!verdict.ok) throw new AppError('USCC_INVALID', { code: value, reason: verdict.reason, expected: verdict.expected ?? '' }, 400);
  const cond = selfId ? and(eq(units.uscc, verdict.value), ne(units.id, selfId)) : eq(units.uscc, verdict.value);
  const [taken] = await tx.select({ name: units.name }).from(units).where(cond);
  if (taken) throw new AppError('USCC_TAKEN', { code: verdict.value, unit: taken.name });
  return verdict.value;
}

async function checkRegion(tx: Executor, regionId: number) {
  const [region] = await tx.select().from(regions).where(eq(regions.id, regionId));
  if (!region) throw new AppError('NOT_FOUND');
  if (!region.enabled) throw new AppError('PARENT_DISABLED', {}, 422);
}

export async function createUnit(database: Database, actor: Actor, input: UnitInput) {
  return database.transaction(async (tx) => {
    await checkRegion(tx, input.regionId);
    let parentPath: string | null = null;
    if (input.parentId !== null) {
      const parent = await getUnitInScope(tx, actor, input.parentId);
      if (!parent.enabled) throw new AppError('PARENT_DISABLED', {}, 422);
      parentPath = parent.path;
    }
    const uscc = await checkUscc(tx, input.kind, input.uscc);
    const [row] = await tx
      .insert(units)
      .values({
        name: input.name,
        shortName: input.shortName ?? null,
        kind: input.kind,
        uscc,
        regionId: input.regionId,
        parentId: input.parentId,
        contactPhone: input.contactPhone ?? null,
        path: '',
      })
      .returning({ id: units.id });
    await tx.update(units).set({ path: childPath(parentPath, row!.id) }).where(eq(units.id, row!.id));
    const { path: _path, ...created } = await getUnitInScope(tx, actor, row!.id);
    await recordChange(tx, { id: actor.userId, name: actor.displayName }, {
      action: 'unit.created',
      entityType: 'unit',
      entityId: created.id,
      after: created,
    });
    return created;
  });
}

/** Edit, move (re-parent), disable or re-enable a unit. Units are never deleted: history refers to them. */
export async function updateUnit(database: Database, actor: Actor, id: number, changes: UnitChanges) {
  return database.transaction(async (tx) => {
    await tx.execute(sql`SELECT id FROM units WHERE id = ${id} FOR UPDATE`);
    const { path: currentPath, ...before } = await getUnitInScope(tx, actor, id);
    if (before.version !== changes.version) throw new AppError('CONFLICT');
    const kind = changes.kind ?? before.kind;
    const uscc =
      changes.uscc !== undefined || changes.kind !== undefined
        ? await checkUscc(tx, kind, changes.uscc === undefined ? before.uscc : changes.uscc, id)
        : before.uscc;
    if (changes.regionId !== undefined && changes.regionId !== before.regionId) await checkRegion(tx, changes.regionId);
    if (changes.parentId !== undefined && changes.parentId !== before.parentId) {
      let newParentPath: string | null = null;
      if (changes.parentId !== null) {
        const parent = await getUnitInScope(tx, actor, changes.parentId);
        if (!parent.enabled) throw new AppError('PARENT_DISABLED', {}, 422);
        if (parent.path.startsWith(currentPath)) throw new AppError('TREE_CYCLE', {}, 422);
        newParentPath = parent.path;
      }
      await moveSubtree(tx, 'units', currentPath, childPath(newParentPath, id));
    }
    if (changes.enabled === false && before.enabled) {
      const children = await countEnabledDescendants(tx, 'units', currentPath);
      if (children > 0) throw new AppError('HAS_ACTIVE_CHILDREN', { count: children }, 422);
      const [active] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(users)
        .where(and(eq(users.unitId, id), eq(users.enabled, true)));
      if ((active?.n ?? 0) > 0) throw new AppError('UNIT_HAS_ACTIVE_USERS', { count: active!.n }, 422);
    }
    if (changes.enabled === true && !before.enabled) {
      const parentId = changes.parentId === undefined ? before.parentId : changes.parentId;
      if (parentId !== null) {
        const parent = await getUnitInScope(tx, actor, parentId);
        if (!parent.enabled) throw new AppError('PARENT_DISABLED', {}, 422);
      }
    }
    await tx
      .update(units)
      .set({
        name: changes.name ?? before.name,
        shortName: changes.shortName === undefined ? before.shortName : changes.shortName,
        kind,
        uscc,
        regionId: changes.regionId ?? before.regionId,
        parentId: changes.parentId === undefined ? before.parentId : changes.parentId,
        contactPhone: changes.contactPhone === undefined ? before.contactPhone : changes.contactPhone,
        enabled: changes.enabled ?? before.enabled,
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(units.id, id));
    const { path: _p, ...after } = await getUnitInScope(tx, actor, id);
    await recordChange(tx, { id: actor.userId, name: actor.displayName }, {
      action: 'unit.updated',
      entityType: 'unit',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
