import { eq } from 'drizzle-orm';
import { regionLevelOf } from '../../domain/region-code.js';
import type { Role, UnitKind } from '../../shared/roles.js';
import { hashPassword } from '../auth/passwords.js';
import type { Executor } from '../db/client.js';
import { regions, userRoles, units, users } from '../db/schema.js';
import { childPath } from '../usecases/tree-paths.js';

/**
 * Builders shared by the demo seed, the tests and the benchmark: they write rows directly (no audit, no policy
 * checks), so they are only for setting up data, never for serving a user's request.
 */
export async function buildRegion(ex: Executor, input: { code: string; name: string; parentId?: number | null }) {
  const level = regionLevelOf(input.code);
  if (!level) throw new Error(`invalid region code ${input.code}`);
  let parentPath: string | null = null;
  if (input.parentId) {
    const [parent] = await ex.select({ path: regions.path }).from(regions).where(eq(regions.id, input.parentId));
    parentPath = parent!.path;
  }
  const [row] = await ex
    .insert(regions)
    .values({ code: input.code, name: input.name, level, parentId: input.parentId ?? null, path: '' })
    .returning();
  const path = childPath(parentPath, row!.id);
  await ex.update(regions).set({ path }).where(eq(regions.id, row!.id));
  return { ...row!, path };
}

export async function buildUnit(
  ex: Executor,
  input: { name: string; kind: UnitKind; regionId: number; parentId?: number | null; uscc?: string; shortName?: string },
) {
  let parentPath: string | null = null;
  if (input.parentId) {
    const [parent] = await ex.select({ path: units.path }).from(units).where(eq(units.id, input.parentId));
    parentPath = parent!.path;
  }
  const [row] = await ex
    .insert(units)
    .values({
      name: input.name,
      shortName: input.shortName ?? null,
      kind: input.kind,
      uscc: input.uscc ?? null,
      regionId: input.regionId,
      parentId: input.parentId ?? null,
      path: '',
    })
    .returning();
  const path = childPath(parentPath, row!.id);
  await ex.update(units).set({ path }).where(eq(units.id, row!.id));
  return { ...row!, path };
}

export async function buildUser(
  ex: Executor,
  input: {
    username: string;
    displayName: string;
    unitId: number;
    roles: Role[];
    password?: string;
    passwordHash?: string;
    phone?: string;
    mustChangePassword?: boolean;
  },
) {
  const passwordHash = input.passwordHash ?? (await hashPassword(input.password ?? 'Test-Passw0rd!x'));
  const [row] = await ex
    .insert(users)
    .values({
      username: input.username,
      displayName: input.displayName,
      unitId: input.unitId,
      passwordHash,
      phone: input.phone ?? null,
      mustChangePassword: input.mustChangePassword ?? false,
    })
    .returning();
  await ex.insert(userRoles).values(input.roles.map((role) => ({ userId: row!.id, role })));
  return row!;
}
