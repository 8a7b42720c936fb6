/**
 * The documents setting: how the office names itself on what it issues — 发文机关名称 (the issuer's full name, printed
 * at the head of 督办通知单 and 调度通报) and 机关代字 (the prefix of the 发文字号, 青督办 in 青督办〔2026〕3号). Both may
 * be left empty, in which case the defaults apply (see resolveIssuer).
 */

export const ISSUER_NAME_MIN = 2;
export const ISSUER_NAME_MAX = 60;
export const NUMBER_PREFIX_MAX = 12;

/** A setting as entered: trimmed; empty (or absent) means "use the default". */
export function normalizeSettingText(value: string | null | undefined): string | null {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

const length = (s: string) => [...s].length;

/** 发文机关名称: 2–60 characters on one line (no line breaks or other control characters). */
export function isValidIssuerName(name: string): boolean {
  const n = length(name);
  return n >= ISSUER_NAME_MIN && n <= ISSUER_NAME_MAX && !/\p{Cc}/u.test(name) && name.trim() === name;
}

/**
 * 机关代字: 1–12 Chinese characters (Latin letters allowed), nothing else — no digits, spaces or brackets, which would
 * make the 文号 (机关代字〔年份〕顺序号) ambiguous.
 */
export function isValidNumberPrefix(prefix: string): boolean {
  return /^[\p{Script=Han}A-Za-z]+$/u.test(prefix) && length(prefix) <= NUMBER_PREFIX_MAX;
}
