import { sql, type SQL } from 'drizzle-orm';
import { hasPermission, scopeOf, type Actor, type Permission } from '../../domain/access.js';
import type { Relations } from '../../domain/problem/lifecycle.js';
import type { Role } from '../../shared/roles.js';
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

/**
 * SQL condition selecting the problems (alias `p`) the actor may see: those in their region (coordinators,
 * leaders), those where their unit subtree is the lead or a cooperating unit, and those they were asked to verify
 * or check in a look-back.
 */
export function problemScopeSql(actor: Actor, problemAlias = 'p'): SQL {
  const scope = scopeOf(actor);
  const p = sql.raw(problemAlias);
  if (scope.kind === 'all') return sql`TRUE`;
  // One semi-join over a UNION of indexed lookups (unit links, verifier, leader, look-back checker) rather than an OR
  // of several conditions: an OR defeats the indexes and scanned every problem even for a town's small scope.
  const mine = sql`${p}.id IN (
    SELECT pu.problem_id FROM problem_units pu JOIN units su ON su.id = pu.unit_id WHERE su.path LIKE ${likePrefix(scope.unitPath)}
    UNION SELECT sp.id FROM problems sp WHERE sp.verifier_user_id = ${actor.userId}
    UNION SELECT sp.id FROM problems sp WHERE sp.leader_user_id = ${actor.userId}
    UNION SELECT lc.problem_id FROM lookback_checks lc WHERE lc.checker_user_id = ${actor.userId})`;
  if (scope.kind === 'region') return sql`(${p}.region_id IN (SELECT id FROM regions WHERE path LIKE ${likePrefix(scope.regionPath)}) OR ${mine})`;
  return mine;
}

export interface ProblemParties {
  leadUnitId: number | null;
  /** lead and cooperating units with their paths */
  units: { id: number; path: string; role: 'lead' | 'cooperating' }[];
  verifierUserId: number | null;
  /** whether the problem lies in the actor's region scope (for coordinators) */
  inRegionScope: boolean;
  /** checkers of look-back checks of this problem that found a rebound not yet turned into a reopening */
  pendingReboundCheckerIds: number[];
}

/** Who the actor is to a problem: the input of the lifecycle table's party checks. */
export function relationsFor(actor: Actor, problem: ProblemParties): Relations {
  const has = (role: Role) => actor.roles.includes(role);
  const memberOf = (unitId: number) => actor.unitId === unitId;
  const lead = problem.leadUnitId !== null && memberOf(problem.leadUnitId);
  const rectifyingMember = problem.units.some((u) => memberOf(u.id));
  return {
    coordinator: has('coordinator') && problem.inRegionScope,
    leadHandler: lead && has('unit_handler'),
    leadHead: lead && has('unit_head'),
    rectifyingHandler: rectifyingMember && has('unit_handler'),
    rectifyingMember,
    assignedVerifier: problem.verifierUserId === actor.userId && has('verifier') && !rectifyingMember,
    lookbackChecker: problem.pendingReboundCheckerIds.includes(actor.userId),
    system: false,
  };
}
