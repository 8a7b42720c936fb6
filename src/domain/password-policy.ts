/**
 * Password policy for staff accounts.
 *
 * Aims: meet the usual 等保 (MLPS 2.0) expectation of "length plus at least
 * three character classes", and additionally refuse the handful of patterns
 * that satisfy those rules on paper but are guessed first in practice
 * (`Password2024!`, `Admin@12345`, the user's own login name, …).
 *
 * Every problem found is reported, in a fixed order, so the UI can show the
 * whole list at once instead of making the user fix one thing at a time.
 * The password is inspected exactly as typed (no trimming or Unicode
 * normalisation) because that is what will be hashed.
 */

export type PasswordProblem =
  | 'too_short'
  | 'too_long'
  | 'too_few_classes'
  | 'contains_username'
  | 'common'
  | 'repeated';

export type PasswordCheck = { ok: true } | { ok: false; problems: PasswordProblem[] };

export interface PasswordContext {
  username?: string;
  displayName?: string;
}

/** Minimum length in Unicode code points. */
export const PASSWORD_MIN_LENGTH = 10;
/** Maximum length in code points: long enough for passphrases, short enough to bound hashing cost. */
export const PASSWORD_MAX_LENGTH = 128;
/** How many of the four classes (lowercase, uppercase, digit, symbol) must appear. */
export const PASSWORD_MIN_CLASSES = 3;
/** Names shorter than this are not searched for: "li" or "wu" would reject far too much. */
export const PASSWORD_NAME_MIN_LENGTH = 3;
/** The same character this many times in a row is a problem ("aaaa"). */
export const PASSWORD_MAX_REPEAT = 4;
/** An ascending or descending run of this many digits or letters is a problem ("12345", "edcba"). */
export const PASSWORD_MAX_SEQUENCE = 5;

/**
 * Common passwords and their usual variants, including ones popular in China
 * (pinyin, keyboard walks, 5201314 "I love you forever"). Entries are compared
 * after the same reduction as the candidate (see `reduceForCommonCheck`), so
 * `admin123` also covers `Admin@2024!` and `password` covers `Password1!`.
 */
export const COMMON_PASSWORDS: readonly string[] = [
  // Classic English lists
  'password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'pa$$word', 'letmein', 'welcome',
  'iloveyou', 'sunshine', 'princess', 'football', 'baseball', 'superman', 'monkey',
  'dragon', 'master', 'shadow', 'trustno1', 'changeme', 'default', 'secret',
  // Account / role words
  'admin', 'admin123', 'administrator', 'root', 'test', 'guest', 'user', 'system',
  // Keyboard walks
  'qwerty', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'qazwsx', '1qaz2wsx', '1q2w3e4r',
  'qwe123', 'abc123', 'abcdef',
  // Pinyin and China-specific
  'woaini', 'woaini1314', 'nihao', 'zhongguo', 'china', 'beijing', 'zhengfu', 'ducha',
  // All-digit favourites (matched in full, see below)
  '123456', '12345678', '123456789', '1234567890', '123123123', '5201314',
  '11111111', '00000000', '88888888', '66666666', '147258369',
];

/**
 * Lower-case and drop trailing digits and symbols (anything that is not a
 * letter), because the most common way to "strengthen" a weak password to
 * pass class rules is to append a year, a number and a '!'.
 */
function reduceForCommonCheck(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}]+$/u, '');
}

/**
 * Reduced forms to match against. A reduced form shorter than three letters
 * ('123456' reduces to '', 'abc123' to 'abc' which is kept) is too weak a
 * signal on its own, so such entries only match the candidate in full.
 */
const COMMON_REDUCED = new Set<string>();
const COMMON_EXACT = new Set<string>();
for (const entry of COMMON_PASSWORDS) {
  const lower = entry.toLowerCase();
  COMMON_EXACT.add(lower);
  const reduced = reduceForCommonCheck(lower);
  if (reduced.length >= 3) COMMON_REDUCED.add(reduced);
}

function isCommon(password: string): boolean {
  return (
    COMMON_EXACT.has(password.toLowerCase()) || COMMON_REDUCED.has(reduceForCommonCheck(password))
  );
}

/**
 * Character classes. Only ASCII letters count as lower/upper case; anything
 * else that is not an ASCII digit (punctuation, spaces, Chinese characters)
 * counts as a symbol, which is how people on Chinese keyboards expect it.
 */
function countClasses(password: string): number {
  let lower = false;
  let upper = false;
  let digit = false;
  let symbol = false;
  for (const c of password) {
    if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= '0' && c <= '9') digit = true;
    else symbol = true;
  }
  return Number(lower) + Number(upper) + Number(digit) + Number(symbol);
}

/**
 * The names to look for: the username, the whole display name (spaces
 * removed) and each space-separated part of it ("Zhang Wei" → "zhang"),
 * lower-cased, keeping only those long enough to be meaningful.
 */
function namesToAvoid(context: PasswordContext): string[] {
  const names: string[] = [];
  const add = (s: string): void => {
    const n = s.trim().toLowerCase();
    if ([...n].length >= PASSWORD_NAME_MIN_LENGTH) names.push(n);
  };
  if (context.username !== undefined) add(context.username);
  if (context.displayName !== undefined) {
    add(context.displayName.replace(/\s+/g, ''));
    for (const part of context.displayName.split(/\s+/)) add(part);
  }
  return names;
}

function containsName(password: string, context: PasswordContext): boolean {
  const lower = password.toLowerCase();
  return namesToAvoid(context).some((name) => lower.includes(name));
}

/** Which "sequence alphabet" a character belongs to, so "9:" or "z{" never count as runs. */
function sequenceGroup(c: string): 'digit' | 'letter' | null {
  if (c >= '0' && c <= '9') return 'digit';
  if (c >= 'a' && c <= 'z') return 'letter';
  return null;
}

/**
 * Deliberately simple: the same character PASSWORD_MAX_REPEAT times in a row,
 * or PASSWORD_MAX_SEQUENCE consecutive digits or letters (case-insensitive)
 * that step by +1 or −1 ("12345", "98765", "abcde", "EDCBA"). No wrap-around
 * ("89012" is fine) and no keyboard-adjacency detection; the common keyboard
 * walks are in COMMON_PASSWORDS instead.
 */
function hasRepeatedPattern(password: string): boolean {
  const chars = [...password.toLowerCase()];
  let same = 1;
  let up = 1;
  let down = 1;
  for (let i = 1; i < chars.length; i++) {
    const prev = chars[i - 1]!;
    const cur = chars[i]!;
    same = cur === prev ? same + 1 : 1;
    const group = sequenceGroup(cur);
    const step =
      group !== null && group === sequenceGroup(prev)
        ? cur.charCodeAt(0) - prev.charCodeAt(0)
        : 0;
    up = step === 1 ? up + 1 : 1;
    down = step === -1 ? down + 1 : 1;
    if (same >= PASSWORD_MAX_REPEAT || up >= PASSWORD_MAX_SEQUENCE || down >= PASSWORD_MAX_SEQUENCE) {
      return true;
    }
  }
  return false;
}

export function checkPassword(password: string, context: PasswordContext = {}): PasswordCheck {
  // A code point is at most two UTF-16 units, so this is certainly too long.
  // Stop here rather than scan arbitrarily large input; the user has to
  // shorten it anyway and will then see any remaining problems.
  if (password.length > 2 * PASSWORD_MAX_LENGTH) return { ok: false, problems: ['too_long'] };

  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  if (countClasses(password) < PASSWORD_MIN_CLASSES) problems.push('too_few_classes');
  if (containsName(password, context)) problems.push('contains_username');
  if (isCommon(password)) problems.push('common');
  if (hasRepeatedPattern(password)) problems.push('repeated');
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}
