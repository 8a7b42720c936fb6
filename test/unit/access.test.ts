import { describe, expect, it } from 'vitest';
import { hasPermission, isUnitInScope, permissionsOf, PERMISSIONS, scopeOf, type Actor } from '../../src/domain/access.js';
import { ROLES, type Role } from '../../src/shared/roles.js';

const actor = (roles: Role[]): Actor => ({
  userId: 7,
  username: 'u',
  displayName: 'U',
  unitId: 5,
  unitPath: '/1/5/',
  regionId: 2,
  regionPath: '/1/2/',
  roles,
});

describe('permissions', () => {
  it('gives admins every permission but registering, importing and issuing notices, which are the coordinator\'s business', () => {
    expect(permissionsOf(['admin'])).toEqual(PERMISSIONS.filter((p) => !['problem.register', 'ledger.import', 'document.issue'].includes(p)));
    expect(permissionsOf(['admin', 'coordinator'])).toEqual([...PERMISSIONS]);
  });

  it('gives no role but admin any manage permission or the audit history', () => {
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const granted = permissionsOf([role]);
      expect(granted.filter((p) => p.endsWith('.manage') || p === 'audit.read'), role).toEqual([]);
      expect(granted, role).toContain('problem.read');
      expect(granted, role).toContain('unit.read');
    }
  });

  it('lets coordinators, leaders and unit heads list users, but not handlers, verifiers or grid staff', () => {
    const canList = ROLES.filter((r) => hasPermission(actor([r]), 'user.read'));
    expect(canList.sort()).toEqual(['admin', 'coordinator', 'leader', 'unit_head']);
  });

  it('unions the permissions of several roles, in a stable order', () => {
    expect(permissionsOf(['unit_handler', 'unit_head'])).toEqual(['region.read', 'unit.read', 'user.read', 'calendar.read', 'problem.read', 'ledger.export']);
    expect(permissionsOf([])).toEqual([]);
  });

  it('lets only coordinators import ledgers and issue supervision notices; coordinators, leaders and admins read reports', () => {
    expect(ROLES.filter((r) => hasPermission(actor([r]), 'ledger.import'))).toEqual(['coordinator']);
    expect(ROLES.filter((r) => hasPermission(actor([r]), 'document.issue'))).toEqual(['coordinator']);
    expect(ROLES.filter((r) => hasPermission(actor([r]), 'report.read')).sort()).toEqual(['admin', 'coordinator', 'leader']);
    expect(ROLES.filter((r) => !hasPermission(actor([r]), 'ledger.export'))).toEqual(['grid_staff']);
  });
});

describe('scope', () => {
  it('is everything for admins, the region for coordinators and leaders, the unit subtree otherwise', () => {
    expect(scopeOf(actor(['admin', 'unit_handler']))).toEqual({ kind: 'all' });
    expect(scopeOf(actor(['coordinator']))).toEqual({ kind: 'region', regionPath: '/1/2/', unitPath: '/1/5/' });
    expect(scopeOf(actor(['leader']))).toMatchObject({ kind: 'region' });
    for (const role of ['unit_handler', 'unit_head', 'verifier', 'grid_staff'] as const)
      expect(scopeOf(actor([role]))).toEqual({ kind: 'unit', unitPath: '/1/5/' });
  });

  it('tests units by path prefix, never by a sibling with a longer id', () => {
    const unitScope = scopeOf(actor(['unit_handler']));
    expect(isUnitInScope(unitScope, { path: '/1/5/', regionPath: '/9/' })).toBe(true);
    expect(isUnitInScope(unitScope, { path: '/1/5/8/', regionPath: '/9/' })).toBe(true);
    expect(isUnitInScope(unitScope, { path: '/1/55/', regionPath: '/9/' })).toBe(false);
    expect(isUnitInScope(unitScope, { path: '/1/', regionPath: '/1/2/' })).toBe(false);
  });

  it('lets a coordinator see every unit in its region subtree and its own unit subtree', () => {
    const regionScope = scopeOf(actor(['coordinator']));
    expect(isUnitInScope(regionScope, { path: '/3/', regionPath: '/1/2/7/' })).toBe(true);
    expect(isUnitInScope(regionScope, { path: '/1/5/9/', regionPath: '/4/' })).toBe(true);
    expect(isUnitInScope(regionScope, { path: '/3/', regionPath: '/1/22/' })).toBe(false);
    expect(isUnitInScope({ kind: 'all' }, { path: '/x/', regionPath: '/y/' })).toBe(true);
  });
});
