import { eq } from 'drizzle-orm';
import { permissionsOf, type Actor } from '../../domain/access.js';
import type { Me } from '../../shared/api/auth.js';
import type { Language } from '../../shared/roles.js';
import type { Executor } from '../db/client.js';
import { regions, units, users } from '../db/schema.js';
import { notFound } from '../errors.js';

export async function getMe(ex: Executor, actor: Actor, csrfToken: string, today: string): Promise<Me> {
  const [row] = await ex
    .select({
      user: users,
      unitName: units.name,
      regionCode: regions.code,
      regionName: regions.name,
    })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .innerJoin(regions, eq(regions.id, units.regionId))
    .where(eq(users.id, actor.userId));
  if (!row) throw notFound();
  return {
    id: row.user.id,
    username: row.user.username,
    displayName: row.user.displayName,
    phone: row.user.phone,
    email: row.user.email,
    language: row.user.language as Language,
    roles: [...actor.roles],
    permissions: permissionsOf(actor.roles),
    unit: { id: actor.unitId, name: row.unitName },
    region: { id: actor.regionId, code: row.regionCode, name: row.regionName },
    mustChangePassword: row.user.mustChangePassword,
    lastLoginAt: row.user.lastLoginAt?.toISOString() ?? null,
    previousLoginAt: row.user.previousLoginAt?.toISOString() ?? null,
    csrfToken,
    today,
  };
}
