/**
 * 行政区划 codes in the GB/T 2260 form that ducha uses for its region tree.
 *
 *   6 digits  PPCCDD        province (PP0000), city (PPCC00) or county (PPCCDD)
 *   9 digits  PPCCDD + TTT  town / street (乡镇/街道), GB/T 10114 style extension
 *  12 digits  town + VVV    village / community (村/社区), optional level
 *
 * These are pure syntactic rules: a code that passes is *well-formed*, not
 * necessarily one that exists in the current official list. The authoritative
 * list lives in the region table that admins maintain.
 *
 * Codes are machine identifiers, so nothing here trims or normalises input:
 * callers that accept user-typed codes should clean them first.
 */

export type RegionLevel = 'province' | 'city' | 'county' | 'town' | 'village';

/** Lowest and highest two-digit province prefix in GB/T 2260 (北京 11 … 澳门 82). */
export const MIN_PROVINCE_PREFIX = 11;
export const MAX_PROVINCE_PREFIX = 82;

const DIGITS_ONLY = /^[0-9]+$/;

/**
 * Level of a six-digit code, or null if it is malformed.
 *
 * A province prefix outside 11..82 (00, 9x, …) is rejected because no real
 * province uses it and such codes usually come from padding or typos.
 * `PP00DD` with DD ≠ 00 is rejected too: in GB/T 2260 a 00 city part only
 * ever denotes the province itself, so such a code has no sensible parent.
 */
function sixDigitLevel(code: string): 'province' | 'city' | 'county' | null {
  const province = Number(code.slice(0, 2));
  if (province < MIN_PROVINCE_PREFIX || province > MAX_PROVINCE_PREFIX) return null;
  const city = code.slice(2, 4);
  const county = code.slice(4, 6);
  if (city === '00') return county === '00' ? 'province' : null;
  return county === '00' ? 'city' : 'county';
}

/**
 * The administrative level a code denotes, or null if it is not a
 * well-formed region code.
 *
 * A town's six-digit prefix may be a county *or* a city: a handful of
 * prefecture-level cities have no counties and list their towns directly
 * (东莞 441900, 中山 442000, 儋州 460400, 嘉峪关 620200). It may not be a
 * province. The three-digit town / village suffix may not be 000, which is
 * what padding a shorter code with zeros would produce.
 */
export function regionLevelOf(code: string): RegionLevel | null {
  if (!DIGITS_ONLY.test(code)) return null;
  switch (code.length) {
    case 6:
      return sixDigitLevel(code);
    case 9: {
      const prefix = sixDigitLevel(code.slice(0, 6));
      if (prefix !== 'city' && prefix !== 'county') return null;
      return code.slice(6) === '000' ? null : 'town';
    }
    case 12: {
      if (regionLevelOf(code.slice(0, 9)) !== 'town') return null;
      return code.slice(9) === '000' ? null : 'village';
    }
    default:
      return null;
  }
}

export function isValidRegionCode(code: string): boolean {
  return regionLevelOf(code) !== null;
}

/**
 * True if `child` lies strictly below `parent` according to the code prefix
 * rules (a code is not "within" itself). Both codes must be well-formed.
 *
 *   province PP0000 contains every other code starting with PP
 *   city     PPCC00 contains every other code starting with PPCC
 *   county   PPCCDD contains the towns / villages starting with PPCCDD
 *   town     9 digits contains the villages starting with it
 *   village  contains nothing
 *
 * Only the codes are compared; whether the intermediate levels exist in
 * ducha's region table is not this function's concern.
 */
export function isRegionCodeWithin(child: string, parent: string): boolean {
  const parentLevel = regionLevelOf(parent);
  if (parentLevel === null || regionLevelOf(child) === null || child === parent) return false;
  switch (parentLevel) {
    case 'province':
      return child.startsWith(parent.slice(0, 2));
    case 'city':
      return child.startsWith(parent.slice(0, 4));
    case 'county':
    case 'town':
      // Here the whole parent code is the prefix; the child is necessarily
      // longer because an equal-length different code cannot share it.
      return child.startsWith(parent);
    case 'village':
      return false;
  }
}

/**
 * The parent code implied by the code itself, or null for a province or a
 * malformed code.
 *
 *   village → its town (first 9 digits)
 *   town    → its first 6 digits (a county, or a city for cities without counties)
 *   county  → PPCC00
 *   city    → PP0000
 *
 * This is a hint, not a requirement. For the municipalities directly under
 * the central government (北京 11, 天津 12, 上海 31, 重庆 50) the implied
 * city (e.g. 110100 "市辖区") is a statistical placeholder that a region tree
 * normally skips, and 省直辖县级 units (e.g. 429004 仙桃 → 429000) likewise
 * hang directly under the province. Callers building a tree should walk up
 * the implied parents until they find one that actually exists.
 */
export function parentRegionCodeOf(code: string): string | null {
  switch (regionLevelOf(code)) {
    case 'village':
      return code.slice(0, 9);
    case 'town':
      return code.slice(0, 6);
    case 'county':
      return `${code.slice(0, 4)}00`;
    case 'city':
      return `${code.slice(0, 2)}0000`;
    case 'province':
    case null:
      return null;
  }
}
