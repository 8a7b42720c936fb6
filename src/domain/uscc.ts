/**
 * 统一社会信用代码 (Unified Social Credit Code, GB 32100-2015).
 *
 * Layout of the 18 characters:
 *   1      registration authority code (登记管理部门代码)
 *   2      entity type code (机构类别代码)
 *   3–8    administrative division code of the registering authority (GB/T 2260)
 *   9–17   organisation code (主体标识码, GB 11714 style)
 *   18     check character
 *
 * We validate the charset, the division code and the check character. We do
 * not check the meaning of positions 1–2 (the code tables for them keep
 * growing) nor the inner GB 11714 check digit at position 17 (codes issued
 * after 2015 are not reliably GB 11714-valid there); a wrong entry almost
 * always trips the final check character anyway.
 */

import { regionLevelOf } from './region-code.js';

/** The 31 characters GB 32100 allows; I, O, Z, S, V are excluded to avoid confusion with 1, 0, 2, 5, U. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export const USCC_LENGTH = 18;

/** Weight of position i (0-based) is 3^i mod 31. */
export const USCC_WEIGHTS: readonly number[] = [
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/**
 * Division code used by entities registered at national level (e.g. with
 * the State Administration for Market Regulation). It is not a GB/T 2260
 * region but appears in real codes, so it must be accepted.
 */
export const USCC_NATIONAL_DIVISION = '100000';

export type UsccRejection = 'length' | 'charset' | 'division' | 'checksum';

export type UsccValidation =
  | { ok: true; value: string }
  | { ok: false; reason: UsccRejection; expected?: string };

const CHARSET_VALUE = new Map<string, number>([...USCC_CHARSET].map((c, i) => [c, i]));

/**
 * Canonical form of user input: full-width ASCII (as typed with a Chinese IME)
 * becomes half-width, all whitespace (including the ideographic space U+3000
 * and spaces people insert for readability) is removed, and letters are
 * upper-cased. Store and compare codes only in this form.
 */
export function normalizeUscc(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

function isUsccChars(s: string): boolean {
  for (const c of s) if (!CHARSET_VALUE.has(c)) return false;
  return true;
}

/**
 * The check character for the first 17 characters. The input is normalised
 * first, so any reasonable rendering works. Throws RangeError if it is not
 * exactly 17 charset characters, because a check character for malformed
 * input is meaningless and silently returning one would hide a bug.
 */
export function computeUsccCheckChar(first17: string): string {
  const body = normalizeUscc(first17);
  if (body.length !== USCC_LENGTH - 1 || !isUsccChars(body)) {
    throw new RangeError(`expected 17 USCC characters, got ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    // Both lookups are guaranteed by the checks above.
    sum += CHARSET_VALUE.get(body[i]!)! * USCC_WEIGHTS[i]!;
  }
  // C18 = 31 - (sum mod 31), where a result of 31 stands for 0.
  const value = (31 - (sum % 31)) % 31;
  return USCC_CHARSET[value]!;
}

/**
 * Validate a USCC after normalisation. Checks run from coarse to fine
 * (length, charset, division, checksum) and the first failure is reported,
 * so `expected` (the correct check character) is present exactly when the
 * code is well-formed and only the last character is wrong — the usual
 * single-typo case, which the UI can point out.
 */
export function validateUscc(input: string): UsccValidation {
  const value = normalizeUscc(input);
  if (value.length !== USCC_LENGTH) return { ok: false, reason: 'length' };
  if (!isUsccChars(value)) return { ok: false, reason: 'charset' };

  const division = value.slice(2, 8);
  // regionLevelOf also rejects letters, which the charset allows here.
  if (division !== USCC_NATIONAL_DIVISION && regionLevelOf(division) === null) {
    return { ok: false, reason: 'division' };
  }

  const expected = computeUsccCheckChar(value.slice(0, 17));
  if (value[17] !== expected) return { ok: false, reason: 'checksum', expected };
  return { ok: true, value };
}

export function isValidUscc(s: string): boolean {
  return validateUscc(s).ok;
}
