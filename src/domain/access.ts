import type { Role } from '../shared/roles.js';

/**
 * Who is asking. Paths are the materialized ancestor chains of the user's unit and of that unit's region
 * ("/1/4/"), so "is X inside my scope" is a prefix test here and an indexed LIKE in SQL.
 */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  unitId: number;
  unitPath: string;
  regionId: number;
  regionPath: string;
  roles: readonly Role[];
}

/** Everything the product lets someone do, named once. The web app builds its navigation from these. */
export const PERMISSIONS = [
  'region.read',
  'region.manage',
  'unit.read',
  'unit.manage',
  'user.read',
  'user.manage',
  'audit.read',
  'calendar.read',
  'calendar.manage',
  'problem.read',
  'problem.register',
  'settings.manage',
  'ledger.import',
  'ledger.export',
  'document.issue',
  'report.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const grants: Record<Role, readonly Permission[]> = {
  admin: [
    'region.read',
    'region.manage',
    'unit.read',
    'unit.manage',
    'user.read',
    'user.manage',
    'audit.read',
    'calendar.read',
    'calendar.manage',
    'problem.read',
    'settings.manage',
    'ledger.export',
    'report.read',
  ],
  coordinator: ['region.read', 'unit.read', 'user.read', 'calendar.read', 'problem.read', 'problem.register', 'ledger.import', 'ledger.export', 'document.issue', 'report.read'],
  unit_handler: ['region.read', 'unit.read', 'calendar.read', 'problem.read', 'ledger.export'],
  unit_head: ['region.read', 'unit.read', 'user.read', 'calendar.read', 'problem.read', 'ledger.export'],
  verifier: ['region.read', 'unit.read', 'calendar.read', 'problem.read', 'ledger.export'],
  leader: ['region.read', 'unit.read', 'user.read', 'calendar.read', 'problem.read', 'ledger.export', 'report.read'],
  grid_staff: ['region.read', 'unit.read', 'calendar.read', 'problem.read'],
};

export function permissionsOf(roles: readonly Role[]): Permission[] {
  const set = new Set<Permission>();
  for (const role of roles) for (const p of grants[role]) set.add(p);
  return PERMISSIONS.filter((p) => set.has(p));
}

export function hasPermission(actor: Pick<Actor, 'roles'>, permission: Permission): boolean {
  return actor.roles.some((role) => grants[role].includes(permission));
}

/** Kinds of data scope, from widest to narrowest. */
export type Scope = { kind: 'all' } | { kind: 'region'; regionPath: string; unitPath: string } | { kind: 'unit'; unitPath: string };

/**
 * The data scope of an actor (domain.md §2): admins see the whole installation; coordinators and leaders see
 * their whole region subtree; everyone else sees their own unit and the units below it.
 */
export function scopeOf(actor: Actor): Scope {
  if (actor.roles.includes('admin')) return { kind: 'all' };
  if (actor.roles.includes('coordinator') || actor.roles.includes('leader'))
    return { kind: 'region', regionPath: actor.regionPath, unitPath: actor.unitPath };
  return { kind: 'unit', unitPath: actor.unitPath };
}

/** Whether a unit (given its own path and its region's path) lies inside the actor's scope. */
export function isUnitInScope(scope: Scope, unit: { path: string; regionPath: string }): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'region':
      return unit.regionPath.startsWith(scope.regionPath) || unit.path.startsWith(scope.unitPath);
    case 'unit':
      return unit.path.startsWith(scope.unitPath);
  }
}
