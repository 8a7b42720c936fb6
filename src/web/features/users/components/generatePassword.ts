const SETS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%+-=@'];

/**
 * A 14-character initial password with all four classes and no look-alike characters (0/O, 1/l), for an
 * administrator to hand over. The user must replace it at first sign-in; the server still checks it.
 */
export function generatePassword(): string {
  const random = new Uint32Array(14);
  const order = new Uint32Array(14);
  crypto.getRandomValues(random);
  crypto.getRandomValues(order);
  const chars = [...random].map((n, i) => {
    const set = SETS[i % SETS.length]!;
    return set[n % set.length]!;
  });
  // Shuffle so the classes are not in a fixed pattern.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = order[i]! % (i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
