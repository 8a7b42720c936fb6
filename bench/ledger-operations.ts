import { PgDialect } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { listProblemsQuery } from '../src/shared/api/problems.js';
import type { Database } from '../src/server/db/client.js';
import type { Services } from '../src/server/services.js';
import { ledgerQueries } from '../src/server/usecases/problems/list-problems.js';
import { bucketItemsSql, bucketsFor, windowFor } from '../src/server/usecases/todo/get-todo.js';
import { expectOk, resolveBare, type AppSession, type Operation } from './operations.js';

/**
 * Issue 3's operations at scale: the ledger (filtered, sorted, paged, with the warning counts of the whole set) and
 * the to-do counts. The bare twin runs the very statements the use case builds (rendered once by Drizzle's dialect
 * to text and parameters), on the same database, so app/bare is the cost of everything above the SQL.
 */
const dialect = new PgDialect();
const render = (q: SQL) => dialect.sqlToQuery(q);

export interface LedgerContext {
  app: FastifyInstance;
  database: Database;
  services: Services;
  sessions: { coordinator: AppSession; townHandler: AppSession };
}

export async function prepareLedgerOperations(ctx: LedgerContext): Promise<Operation[]> {
  const { app, database } = ctx;
  const ops: Operation[] = [];
  const ledgerCases = [
    ['coordinator, first page, newest first', ctx.sessions.coordinator, 'page=1&pageSize=20'],
    ['coordinator, red+severe rectifying, by deadline, page 5 of 50', ctx.sessions.coordinator, 'warning=red,severe&status=rectifying&sort=deadline&page=5&pageSize=50'],
    ['coordinator, keyword + category, page 2', ctx.sessions.coordinator, `q=${encodeURIComponent('排污')}&category=water&page=2&pageSize=20`],
    ['coordinator, deep page 2000', ctx.sessions.coordinator, 'page=2000&pageSize=20&sort=code'],
    ['town handler (own unit subtree), first page', ctx.sessions.townHandler, 'page=1&pageSize=20'],
  ] as const;
  for (const [what, session, qs] of ledgerCases) {
    const actor = await resolveBare(database, session.token);
    const query = listProblemsQuery.parse(Object.fromEntries(new URLSearchParams(qs)));
    const { page, counts } = ledgerQueries(actor, query);
    const p = render(page);
    const c = render(counts);
    const appRes = expectOk(await app.inject({ method: 'GET', url: `/api/problems?${qs}`, headers: { cookie: session.cookie } }), 'ledger').json<{ total: number; items: { id: number }[] }>();
    const [bareCount] = await database.raw<{ total: number }>(c.sql, c.params);
    const barePage = await database.raw<{ id: number }>(p.sql, p.params);
    if (Number(bareCount?.total) !== appRes.total || barePage.length !== appRes.items.length)
      throw new Error(`ledger twin mismatch for ${what}: app ${appRes.total}/${appRes.items.length}, bare ${bareCount?.total}/${barePage.length}`);
    ops.push({
      name: `problems.list(${what})`,
      app: `GET /api/problems?${qs}: session, zod query, scope + filters, page + warning counts, presenter, serialization`,
      bare: 'the same two statements (page, counts) in parallel, as the use case runs them',
      slow: false,
      rows: appRes.total,
      async runApp() {
        expectOk(await app.inject({ method: 'GET', url: `/api/problems?${qs}`, headers: { cookie: session.cookie } }), 'ledger');
      },
      async runBare() {
        await resolveBare(database, session.token);
        await Promise.all([database.raw(p.sql, p.params), database.raw(c.sql, c.params)]);
      },
    });
  }

  const todoCases = [
    ['coordinator', ctx.sessions.coordinator],
    ['town handler', ctx.sessions.townHandler],
  ] as const;
  for (const [who, session] of todoCases) {
    const actor = await resolveBare(database, session.token);
    const window = await windowFor(database.db, ctx.services, actor);
    const statements = bucketsFor(window).map((b) => render(bucketItemsSql(b)));
    const appRes = expectOk(await app.inject({ method: 'GET', url: '/api/todo', headers: { cookie: session.cookie } }), 'todo').json<{ total: number }>();
    ops.push({
      name: `todo.counts(${who})`,
      app: 'GET /api/todo: session, the to-do window (settings, calendar), one statement per bucket (count + first 10 items)',
      bare: `the same ${statements.length} bucket statements, one after another`,
      slow: false,
      rows: appRes.total,
      async runApp() {
        expectOk(await app.inject({ method: 'GET', url: '/api/todo', headers: { cookie: session.cookie } }), 'todo');
      },
      async runBare() {
        await resolveBare(database, session.token);
        for (const s of statements) await database.raw(s.sql, s.params);
      },
    });
  }
  return ops;
}
