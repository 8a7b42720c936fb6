import { eq, sql } from 'drizzle-orm';
import { recordChange } from '../audit/record-change.js';
import { dummyPasswordHash, verifyPassword } from '../auth/passwords.js';
import { createSession } from '../auth/sessions.js';
import type { Database } from '../db/client.js';
import { users } from '../db/schema.js';
import { AppError } from '../errors.js';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;

/**
 * Check a username and password and open a session. Failures count per account; the fifth in a row locks it for
 * fifteen minutes (kept in the database, so every app instance enforces the same lock).
 */
export async function signIn(database: Database, input: { username: string; password: string }, sessionHours: number) {
  const username = input.username.trim().toLowerCase();
  const [user] = await database.db.select().from(users).where(eq(users.username, username)).limit(1);
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  }
  const now = new Date();
  if (user.lockedUntil && user.lockedUntil > now) {
    const minutes = Math.max(1, Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000));
    throw new AppError('AUTH_LOCKED', { minutes });
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok) {
    await database.transaction(async (tx) => {
      const [row] = await tx
        .update(users)
        .set({ failedAttempts: sql`${users.failedAttempts} + 1` })
        .where(eq(users.id, user.id))
        .returning({ failedAttempts: users.failedAttempts });
      if (row && row.failedAttempts >= MAX_FAILED_ATTEMPTS) {
        const lockedUntil = new Date(Date.now() + LOCK_MINUTES * 60_000);
        await tx.update(users).set({ failedAttempts: 0, lockedUntil }).where(eq(users.id, user.id));
        await recordChange(tx, { id: null, name: null }, {
          action: 'user.locked',
          entityType: 'user',
          entityId: user.id,
          after: { lockedUntil: lockedUntil.toISOString(), reason: 'failed_sign_ins' },
        });
      }
    });
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  }
  if (!user.enabled) throw new AppError('AUTH_DISABLED');
  return database.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: now, previousLoginAt: user.lastLoginAt })
      .where(eq(users.id, user.id));
    const session = await createSession(tx, user.id, sessionHours);
    await recordChange(tx, { id: user.id, name: user.displayName }, {
      action: 'auth.sign_in',
      entityType: 'user',
      entityId: user.id,
    });
    return { userId: user.id, ...session };
  });
}
