import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/access.js';
import type { Language } from '../../shared/roles.js';
import { recordChange } from '../audit/record-change.js';
import type { Database } from '../db/client.js';
import { users } from '../db/schema.js';
import { notFound } from '../errors.js';

export interface ProfileChanges {
  displayName?: string;
  phone?: string | null;
  email?: string | null;
  language?: Language;
}

/** A user edits their own name, contacts and language. */
export async function updateProfile(database: Database, actor: Actor, changes: ProfileChanges) {
  await database.transaction(async (tx) => {
    const [before] = await tx
      .select({ displayName: users.displayName, phone: users.phone, email: users.email, language: users.language })
      .from(users)
      .where(eq(users.id, actor.userId))
      .for('update');
    if (!before) throw notFound();
    const patch = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(patch).length === 0) return;
    await tx
      .update(users)
      .set({ ...patch, updatedAt: new Date(), version: sql`${users.version} + 1` })
      .where(eq(users.id, actor.userId));
    await recordChange(tx, { id: actor.userId, name: actor.displayName }, {
      action: 'user.profile_updated',
      entityType: 'user',
      entityId: actor.userId,
      before: Object.fromEntries(Object.keys(patch).map((k) => [k, before[k as keyof typeof before]])),
      after: patch,
    });
  });
}
