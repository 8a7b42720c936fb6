import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/access.js';
import type { Role } from '../../shared/roles.js';
import { recordChange } from '../audit/record-change.js';
import { assertStrongPassword, hashPassword } from '../auth/passwords.js';
import { deleteSessionsOfUser } from '../auth/sessions.js';
import type { Database } from '../db/client.js';
import { userRoles, users } from '../db/schema.js';
import { AppError } from '../errors.js';
import { getUnitInScope } from './list-units.js';
import { getUserInScope } from './list-users.js';

export interface NewUser {
  username: string;
  displayName: string;
  unitId: number;
  roles: Role[];
  password: string;
  phone?: string | null;
  email?: string | null;
}

/** An admin creates an account; the user must change the initial password at first sign-in. */
export async function createUser(database: Database, actor: Actor, input: NewUser) {
  assertStrongPassword(input.password, { username: input.username, displayName: input.displayName });
  const passwordHash = await hashPassword(input.password);
  return database.transaction(async (tx) => {
    const unit = await getUnitInScope(tx, actor, input.unitId);
    if (!unit.enabled) throw new AppError('PARENT_DISABLED', {}, 422);
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
    if (taken) throw new AppError('USERNAME_TAKEN', { username: input.username });
    const [row] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        unitId: input.unitId,
        passwordHash,
        phone: input.phone ?? null,
        email: input.email ?? null,
        mustChangePassword: true,
      })
      .returning({ id: users.id });
    const roles = [...new Set(input.roles)];
    await tx.insert(userRoles).values(roles.map((role) => ({ userId: row!.id, role })));
    const created = await getUserInScope(tx, actor, row!.id);
    await recordChange(tx, { id: actor.userId, name: actor.displayName }, {
      action: 'user.created',
      entityType: 'user',
      entityId: created.id,
      after: created,
    });
    return created;
  });
}

export interface UserChanges {
  displayName?: string;
  unitId?: number;
  roles?: Role[];
  phone?: string | null;
  email?: string | null;
  enabled?: boolean;
  unlock?: true;
  version: number;
}

export async function updateUser(database: Database, actor: Actor, id: number, changes: UserChanges) {
  return database.transaction(async (tx) => {
    await tx.execute(sql`SELECT id FROM users WHERE id = ${id} FOR UPDATE`);
    const before = await getUserInScope(tx, actor, id);
    if (before.version !== changes.version) throw new AppError('CONFLICT');
    if (id === actor.userId && (changes.enabled === false || (changes.roles && !changes.roles.includes('admin'))))
      throw new AppError('CANNOT_DISABLE_SELF', {}, 422);
    if (changes.unitId !== undefined && changes.unitId !== before.unitId) {
      const unit = await getUnitInScope(tx, actor, changes.unitId);
      if (!unit.enabled) throw new AppError('PARENT_DISABLED', {}, 422);
    }
    await tx
      .update(users)
      .set({
        displayName: changes.displayName ?? before.displayName,
        unitId: changes.unitId ?? before.unitId,
        phone: changes.phone === undefined ? before.phone : changes.phone,
        email: changes.email === undefined ? before.email : changes.email,
        enabled: changes.enabled ?? before.enabled,
        ...(changes.unlock ? { lockedUntil: null, failedAttempts: 0 } : {}),
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(users.id, id));
    if (changes.roles) {
      await tx.delete(userRoles).where(eq(userRoles.userId, id));
      await tx.insert(userRoles).values([...new Set(changes.roles)].map((role) => ({ userId: id, role })));
    }
    // A disabled account or changed roles take effect at once: its sessions end.
    if (changes.enabled === false || changes.roles) await deleteSessionsOfUser(tx, id);
    const after = await getUserInScope(tx, actor, id);
    await recordChange(tx, { id: actor.userId, name: actor.displayName }, {
      action: 'user.updated',
      entityType: 'user',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/** An admin sets a new password; the user must change it at next sign-in and is signed out everywhere. */
export async function resetPassword(database: Database, actor: Actor, id: number, newPassword: string) {
  const target = await getUserInScope(database.db, actor, id);
  assertStrongPassword(newPassword, { username: target.username, displayName: target.displayName });
  const passwordHash = await hashPassword(newPassword);
  await database.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, failedAttempts: 0, lockedUntil: null, updatedAt: new Date() })
      .where(eq(users.id, id));
    await deleteSessionsOfUser(tx, id);
    await recordChange(tx, { id: actor.userId, name: actor.displayName }, {
      action: 'user.password_reset',
      entityType: 'user',
      entityId: id,
    });
  });
}
