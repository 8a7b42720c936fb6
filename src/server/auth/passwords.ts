import argon2 from 'argon2';
import { checkPassword } from '../../domain/password-policy.js';
import { AppError } from '../errors.js';

/**
 * argon2id with the OWASP minimum profile (19 MiB, t=2, p=1): a few tens of ms per sign-in on one core, so a
 * 2-core server still answers other users while someone signs in.
 */
const options = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => argon2.hash(password, options);

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Verified against when the username does not exist, so that timing does not tell which usernames are real. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = () => (dummyHash ??= hashPassword('ducha-dummy-password-For-timing-1'));

/** Throws PASSWORD_WEAK with the list of problems (translated by the error handler). */
export function assertStrongPassword(password: string, context: { username?: string; displayName?: string }): void {
  const verdict = checkPassword(password, context);
  if (!verdict.ok) throw new AppError('PASSWORD_WEAK', { problems: verdict.problems.join(',') }, 400);
}
