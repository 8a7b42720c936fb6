/** Roles from domain.md §2. A user may hold several. */
export const ROLES = [
  'admin',
  'coordinator',
  'unit_handler',
  'unit_head',
  'verifier',
  'leader',
  'grid_staff',
] as const;
export type Role = (typeof ROLES)[number];

/** Kinds of unit (单位) in the unit tree. */
export const UNIT_KINDS = [
  'party_gov_office',
  'department',
  'town',
  'enterprise',
  'inspection_office',
  'other',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const REGION_LEVELS = ['province', 'city', 'county', 'town', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
