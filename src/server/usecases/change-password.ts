import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/access.js';
import { recordChange } from '../audit/record-change.js';
import { assertStrongPassword, hashPassword, verifyPassword } from '../auth/passwords.js';
import { deleteSessionsOfUser } from '../auth/sessions.js';
import type { Database } from '../db/client.js';
import { users } from '../db/schema.js';
import { AppError, notFound } from '../errors.js';

/** Change one's own password; every other session of the user is signed out. */
export async function changePassword(
  database: Database,
  actor: Actor,
  currentToken: string,
  input: { currentPassword: string; newPassword: string },
) {
  const [user] = await database.db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw notFound();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw new AppError('AUTH_WRONG_PASSWORD', {}, 400);
  assertStrongPassword(input.newPassword, { username: user.username, displayName: user.displayName });
  const passwordHash = await hashPassword(input.newPassword);
  await database.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: new Date(), updatedAt: new Date() })
      .where(eq(users.id, user.id));
    await deleteSessionsOfUser(tx, user.id, currentToken);
    await recordChange(tx, { id: actor.userId, name: actor.displayName }, {
      action: 'user.password_changed',
      entityType: 'user',
      entityId: user.id,
    });
  });
}
