import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../src/server/app.js';
import { bootstrap } from '../../src/server/bootstrap.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import { openDatabase, type Database } from '../../src/server/db/client.js';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { createServices, type Clock, type Services } from '../../src/server/services.js';

/** Set to a postgres:// URL (an admin connection) to run the suite on PostgreSQL instead of in-process PGlite. */
export const pgAdminUrl = process.env.DUCHA_TEST_DATABASE_URL;

/** A fresh, empty database: in-memory PGlite, or a new PostgreSQL database dropped again on close. */
export async function openTestDatabase(): Promise<{ database: Database; drop(): Promise<void>; url?: string }> {
  if (!pgAdminUrl) {
    const database = await openDatabase({ dataDir: 'memory://' });
    return { database, drop: () => database.close() };
  }
  const name = `ducha_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  return {
    database,
    url: url.toString(),
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: pgAdminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  services: Services;
  config: Config;
  close(): Promise<void>;
}

/** The app over a fresh database seeded with the demo county (the same builders as `npm start`). */
export async function createTestContext(options: { demo?: boolean; demoProblems?: boolean; clock?: Clock } = {}): Promise<TestContext> {
  const { database, drop } = await openTestDatabase();
  const services = createServices(database, options.clock);
  const config = { ...loadConfig({ DUCHA_DATA_DIR: '/nonexistent' }), webDir: '/nonexistent' };
  if (options.demo !== false) await bootstrap(database, services, config, {}, { demoProblems: options.demoProblems ?? false });
  const app = await buildApp({ config, database, services });
  return {
    app,
    database,
    services,
    config,
    async close() {
      await app.close();
      await drop();
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
  userId: number;
  /** Call the API as this user: cookie and CSRF header are added. */
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export async function signIn(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const me = res.json() as { csrfToken: string; id: number };
  return {
    cookie,
    csrf: me.csrfToken,
    userId: me.id,
    request: (method, url, body, headers = {}) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: { cookie, 'x-csrf-token': me.csrfToken, ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      }),
  };
}

/** The id of a demo unit by its short name or full name. */
export async function unitId(ctx: TestContext, name: string): Promise<number> {
  const rows = await ctx.database.raw<{ id: number }>('SELECT id FROM units WHERE short_name = $1 OR name = $1', [name]);
  if (!rows[0]) throw new Error(`no unit ${name}`);
  return Number(rows[0].id);
}

export async function userIdOf(ctx: TestContext, username: string): Promise<number> {
  const rows = await ctx.database.raw<{ id: number }>('SELECT id FROM users WHERE username = $1', [username]);
  return Number(rows[0]!.id);
}
