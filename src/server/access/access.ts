import { sql, type SQL } from 'drizzle-orm';
import { hasPermission, scopeOf, type Actor, type Permission } from '../../domain/access.js';
import { AppError } from '../errors.js';

/**
 * The one place that answers "may this user do X to Y". Routes and use cases call these; nothing else decides.
 * Rules without I/O live in domain/access.ts; this file turns them into SQL so every list applies the same scope.
 */
export function requirePermission(actor: Actor | null, permission: Permission): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (!hasPermission(actor, permission)) throw new AppError('FORBIDDEN');
  return actor;
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  return actor;
}

const likePrefix = (path: string) => `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * SQL condition selecting the units (alias given) inside the actor's scope. `unitAlias` must be a units row alias
 * in the FROM clause; the region test uses an indexed subquery on region paths.
 */
export function unitScopeSql(actor: Actor, unitAlias: string): SQL {
  const scope = scopeOf(actor);
  const alias = sql.raw(unitAlias);
  switch (scope.kind) {
    case 'all':
      return sql`TRUE`;
    case 'region':
      return sql`(${alias}.path LIKE ${likePrefix(scope.unitPath)} OR ${alias}.region_id IN (SELECT id FROM regions WHERE path LIKE ${likePrefix(scope.regionPath)}))`;
    case 'unit':
      return sql`${alias}.path LIKE ${likePrefix(scope.unitPath)}`;
  }
}

/**
 * SQL condition selecting users (alias `userAlias`, joined to their unit as `unitAlias`) the actor may see.
 * Without user.read a user sees only themself.
 */
export function userScopeSql(actor: Actor, userAlias: string, unitAlias: string): SQL {
  if (!hasPermission(actor, 'user.read')) return sql`${sql.raw(userAlias)}.id = ${actor.userId}`;
  return unitScopeSql(actor, unitAlias);
}
