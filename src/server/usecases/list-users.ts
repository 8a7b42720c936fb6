import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../domain/access.js';
import type { UserSummary } from '../../shared/api/users.js';
import type { Language, Role } from '../../shared/roles.js';
import { userScopeSql } from '../access/access.js';
import type { Executor } from '../db/client.js';
import { notFound } from '../errors.js';

interface UserRow extends Record<string, unknown> {
  id: number;
  username: string;
  display_name: string;
  unit_id: number;
  unit_name: string;
  roles: Role[] | null;
  phone: string | null;
  email: string | null;
  language: string;
  enabled: boolean;
  locked_until: Date | string | null;
  must_change_password: boolean;
  last_login_at: Date | string | null;
  version: number;
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

const presentUser = (r: UserRow): UserSummary => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  unitId: r.unit_id,
  unitName: r.unit_name,
  roles: r.roles ?? [],
  phone: r.phone,
  email: r.email,
  language: r.language as Language,
  enabled: r.enabled,
  locked: r.locked_until !== null && new Date(r.locked_until) > new Date(),
  mustChangePassword: r.must_change_password,
  lastLoginAt: iso(r.last_login_at),
  version: r.version,
});

const selectUsers = (where: SQL) => sql`
  SELECT us.id, us.username, us.display_name, us.unit_id, un.name AS unit_name,
         (SELECT array_agg(ur.role ORDER BY ur.role) FROM user_roles ur WHERE ur.user_id = us.id) AS roles,
         us.phone, us.email, us.language, us.enabled, us.locked_until, us.must_change_password, us.last_login_at, us.version
  FROM users us JOIN units un ON un.id = us.unit_id
  WHERE ${where}`;

export interface UserFilter {
  q?: string;
  unitId?: number;
  role?: Role;
  enabled?: 'true' | 'false';
  page: number;
  pageSize: number;
}

export async function listUsers(ex: Executor, actor: Actor, filter: UserFilter) {
  const conditions: SQL[] = [userScopeSql(actor, 'us', 'un')];
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(us.username ILIKE ${like} OR us.display_name ILIKE ${like})`);
  }
  if (filter.unitId) conditions.push(sql`us.unit_id = ${filter.unitId}`);
  if (filter.role) conditions.push(sql`EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = us.id AND ur.role = ${filter.role})`);
  if (filter.enabled) conditions.push(sql`us.enabled = ${filter.enabled === 'true'}`);
  const where = sql.join(conditions, sql` AND `);
  const [items, total] = await Promise.all([
    ex.execute<UserRow>(
      sql`${selectUsers(where)} ORDER BY un.path, us.username LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`,
    ),
    ex.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM users us JOIN units un ON un.id = us.unit_id WHERE ${where}`),
  ]);
  return {
    items: (items as unknown as { rows: UserRow[] }).rows.map(presentUser),
    total: (total as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0,
  };
}

export async function getUserInScope(ex: Executor, actor: Actor, id: number): Promise<UserSummary> {
  const res = await ex.execute<UserRow>(selectUsers(sql`us.id = ${id} AND ${userScopeSql(actor, 'us', 'un')}`));
  const row = (res as unknown as { rows: UserRow[] }).rows[0];
  if (!row) throw notFound();
  return presentUser(row);
}
