import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { scopeOf, type Actor } from '../src/domain/access.js';
import type { Role } from '../src/shared/roles.js';
import { SESSION_COOKIE } from '../src/server/auth/sessions.js';
import { verifyPassword } from '../src/server/auth/passwords.js';
import type { Database } from '../src/server/db/client.js';

/**
 * The named operations. Each has an `app` variant, a real request through buildApp() via app.inject (in-process:
 * routing, hooks, cookie parsing, zod validation and serialization, Drizzle, no sockets), and a `bare` twin that
 * sends the same SQL through database.raw() on the same connection(s), so app/bare shows what the layers above
 * the database cost.
 *
 * The bare SQL is copied from src/server/auth/sessions.ts (resolveSession), src/server/usecases/get-me.ts and
 * src/server/usecases/list-units.ts + src/server/access/access.ts; prepareOperations() checks once, untimed, that
 * each twin returns what the app returns, so a drift shows up as an error instead of a wrong figure.
 */

export interface Operation {
  name: string;
  /** What one call does, app variant then bare variant. */
  app: string;
  bare: string;
  /** argon2 makes a call deliberately slow; such operations get fewer iterations. */
  slow: boolean;
  /** Rows the operation returns (lists), for the report. */
  rows?: number;
  runApp(i: number): Promise<void>;
  runBare(i: number): Promise<void>;
}

export interface OperationContext {
  app: FastifyInstance;
  database: Database;
  sessionHours: number;
  password: string;
  actors: { admin: string; coordinator: string; townHandler: string };
  /** Users the sign-in operation rotates through. */
  signInUsers: readonly string[];
}

const sessionId = (token: string) => createHash('sha256').update(token).digest('hex');

/** Copy of the query in resolveSession() (src/server/auth/sessions.ts). */
const RESOLVE_SESSION_SQL = `
    SELECT u.id AS user_id, u.username, u.display_name, u.unit_id, un.path AS unit_path,
           r.id AS region_id, r.path AS region_path, s.csrf_token, s.last_seen_at,
           (SELECT array_agg(ur.role ORDER BY ur.role) FROM user_roles ur WHERE ur.user_id = u.id) AS roles
    FROM sessions s
    JOIN users u ON u.id = s.user_id
    JOIN units un ON un.id = u.unit_id
    JOIN regions r ON r.id = un.region_id
    WHERE s.id = $1 AND s.expires_at > now() AND u.enabled`;

/** The query getMe() (src/server/usecases/get-me.ts) builds with Drizzle. */
const GET_ME_SQL = `
    SELECT u.*, un.name AS unit_name, r.code AS region_code, r.name AS region_name
    FROM users u
    JOIN units un ON un.id = u.unit_id
    JOIN regions r ON r.id = un.region_id
    WHERE u.id = $1`;

const LIST_UNITS_SQL = (scopeCondition: string) => `
    SELECT u.id, u.name, u.short_name, u.kind, u.uscc, u.region_id, r.name AS region_name, u.parent_id,
           u.contact_phone, u.enabled, u.version
    FROM units u JOIN regions r ON r.id = u.region_id
    WHERE ${scopeCondition} AND u.enabled
    ORDER BY u.path
    LIMIT 5000`;

const likePrefix = (path: string) => `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** unitScopeSql() (src/server/access/access.ts) as SQL text with numbered parameters. */
function unitScope(actor: Actor): { condition: string; params: string[] } {
  const scope = scopeOf(actor);
  switch (scope.kind) {
    case 'all':
      return { condition: 'TRUE', params: [] };
    case 'region':
      return {
        condition: '(u.path LIKE $1 OR u.region_id IN (SELECT id FROM regions WHERE path LIKE $2))',
        params: [likePrefix(scope.unitPath), likePrefix(scope.regionPath)],
      };
    case 'unit':
      return { condition: 'u.path LIKE $1', params: [likePrefix(scope.unitPath)] };
  }
}

interface ActorRow {
  user_id: number;
  username: string;
  display_name: string;
  unit_id: number;
  unit_path: string;
  region_id: number;
  region_path: string;
  roles: Role[] | null;
}

/** Bare resolveSession: the query, then the same row-to-actor mapping the app does. */
export async function resolveBare(database: Database, token: string): Promise<Actor> {
  const [row] = await database.raw<ActorRow>(RESOLVE_SESSION_SQL, [sessionId(token)]);
  if (!row) throw new Error('bare resolveSession: no session');
  return {
    userId: Number(row.user_id),
    username: row.username,
    displayName: row.display_name,
    unitId: Number(row.unit_id),
    unitPath: row.unit_path,
    regionId: Number(row.region_id),
    regionPath: row.region_path,
    roles: row.roles ?? [],
  };
}

export function expectOk(res: LightMyRequestResponse, what: string): LightMyRequestResponse {
  if (res.statusCode !== 200) throw new Error(`${what}: HTTP ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res;
}

export interface AppSession {
  cookie: string;
  token: string;
}

export async function signInApp(app: FastifyInstance, username: string, password: string): Promise<AppSession> {
  const res = expectOk(await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } }), `sign-in ${username}`);
  const token = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  if (!token) throw new Error(`sign-in ${username}: no session cookie`);
  return { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), token };
}

export async function prepareOperations(ctx: OperationContext): Promise<Operation[]> {
  const { app, database, password } = ctx;
  const ops: Operation[] = [];

  // auth.sign-in
  const signInUser = (i: number) => ctx.signInUsers[i % ctx.signInUsers.length]!;
  ops.push({
    name: 'auth.sign-in',
    app: 'POST /api/auth/login: SELECT user, argon2id verify, transaction (UPDATE users, INSERT session, audit-chain append; PGlite: fsync), resolveSession, getMe',
    bare: 'SELECT user row, the same argon2id verify, INSERT session (no UPDATE users, no audit row, no transaction, no re-read)',
    slow: true,
    async runApp(i) {
      expectOk(await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: signInUser(i), password } }), 'sign-in');
    },
    async runBare(i) {
      const [user] = await database.raw<{ id: number; password_hash: string }>('SELECT * FROM users WHERE username = $1 LIMIT 1', [
        signInUser(i),
      ]);
      if (!user || !(await verifyPassword(user.password_hash, password))) throw new Error('bare sign-in: wrong password');
      const token = randomBytes(32).toString('base64url');
      await database.raw('INSERT INTO sessions (id, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)', [
        sessionId(token),
        user.id,
        randomBytes(24).toString('base64url'),
        new Date(Date.now() + ctx.sessionHours * 3_600_000).toISOString(),
      ]);
    },
  });

  // Sessions for the read operations, opened through the app like a browser would.
  const sessions = {
    admin: await signInApp(app, ctx.actors.admin, password),
    coordinator: await signInApp(app, ctx.actors.coordinator, password),
    townHandler: await signInApp(app, ctx.actors.townHandler, password),
  };

  // auth.me
  {
    const s = sessions.coordinator;
    const appMe = expectOk(await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } }), 'me').json<{ id: number }>();
    const actor = await resolveBare(database, s.token);
    const [bareMe] = await database.raw<{ id: number }>(GET_ME_SQL, [actor.userId]);
    if (Number(bareMe?.id) !== appMe.id) throw new Error(`auth.me twin mismatch: app ${appMe.id}, bare ${bareMe?.id}`);
    ops.push({
      name: 'auth.me',
      app: 'GET /api/auth/me as the coordinator: resolveSession in the onRequest hook, getMe, response serialization',
      bare: 'the resolveSession query + the getMe select',
      slow: false,
      async runApp() {
        expectOk(await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } }), 'me');
      },
      async runBare() {
        const a = await resolveBare(database, s.token);
        await database.raw(GET_ME_SQL, [a.userId]);
      },
    });
  }

  // units.list-scoped, for three scopes
  const listCases = [
    ['coordinator', sessions.coordinator, 'region scope: unit path prefix OR region subquery; the whole county'],
    ['town-handler', sessions.townHandler, 'unit scope: one town and the units below it'],
    ['admin', sessions.admin, 'everything (scope TRUE)'],
  ] as const;
  for (const [who, s, what] of listCases) {
    const actor = await resolveBare(database, s.token);
    const { condition, params } = unitScope(actor);
    const text = LIST_UNITS_SQL(condition);
    const appItems = expectOk(await app.inject({ method: 'GET', url: '/api/units', headers: { cookie: s.cookie } }), `units ${who}`).json<{
      items: unknown[];
    }>().items;
    const bareRows = await database.raw(text, params);
    if (appItems.length !== bareRows.length) throw new Error(`units.list-scoped(${who}) twin mismatch: app ${appItems.length}, bare ${bareRows.length}`);
    ops.push({
      name: `units.list-scoped(${who})`,
      app: `GET /api/units as ${who} (${what}): resolveSession, listUnits, zod response serialization`,
      bare: 'the resolveSession query + the same scoped list query',
      slow: false,
      rows: bareRows.length,
      async runApp() {
        expectOk(await app.inject({ method: 'GET', url: '/api/units', headers: { cookie: s.cookie } }), 'units');
      },
      async runBare() {
        const a = await resolveBare(database, s.token);
        const scoped = unitScope(a);
        await database.raw(LIST_UNITS_SQL(scoped.condition), scoped.params);
      },
    });
  }
  return ops;
}
