import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/server/db/client.js';
import type { Services } from '../src/server/services.js';
import type { BulletinSummary } from '../src/shared/api/documents.js';
import { bulletinParams, bulletinStatements, presentSummary, type BulletinRows } from '../src/server/usecases/documents/bulletin-summary.js';
import { expectOk, resolveBare, type AppSession, type Operation } from './operations.js';

/**
 * Issue 4's 调度通报 at scale. The app variants go through the whole app (session, zod, scope, the aggregate
 * statements, and for the .docx the Word build with its two charts rendered by ECharts + resvg); the bare twin runs
 * only the aggregate statements the use case builds (rendered once by Drizzle's dialect to text and parameters), in
 * parallel as the use case runs them. So app − bare is the cost of presenting the figures, and for the .docx of
 * building the document.
 */
const dialect = new PgDialect();
const render = (q: SQL) => dialect.sqlToQuery(q);
/** JSON with object keys sorted: the app's serializer orders keys by the response schema. */
const canonical = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));

export interface DocumentsContext {
  app: FastifyInstance;
  database: Database;
  services: Services;
  sessions: { coordinator: AppSession };
  /** the period of the bulletin; default: the month before the clock's today */
  period?: { from: string; to: string };
}

export async function prepareDocumentOperations(ctx: DocumentsContext): Promise<Operation[]> {
  const { app, database, services } = ctx;
  const session = ctx.sessions.coordinator;
  const actor = await resolveBare(database, session.token);
  const params = bulletinParams(ctx.period ?? {}, services.clock.today());
  const qs = `from=${params.period.from}&to=${params.period.to}`;
  const q = bulletinStatements(actor, params);
  const statements = [q.aggregate, q.plans, q.reboundCounts, q.reboundItems, q.scopeName].map(render);
  const runBareStatements = () => Promise.all(statements.map((s) => database.raw(s.sql, s.params)));

  // Untimed: the twin must count what the app counts, or the comparison means nothing.
  const appSummary = expectOk(await app.inject({ method: 'GET', url: `/api/reports/bulletin/summary?${qs}`, headers: { cookie: session.cookie } }), 'bulletin summary').json<BulletinSummary>();
  const [groups = [], plans = [], reboundCounts = [], reboundItems = [], scope = []] = await runBareStatements();
  const bare = presentSummary(params, {
    groups: groups as BulletinRows['groups'],
    plans: plans as BulletinRows['plans'],
    reboundCounts: (reboundCounts[0] ?? { cur: 0, prev: 0 }) as BulletinRows['reboundCounts'],
    reboundItems: reboundItems as BulletinRows['reboundItems'],
    scopeName: String((scope[0] as { name?: string } | undefined)?.name ?? ''),
  });
  const differs = (Object.keys(appSummary) as (keyof BulletinSummary)[]).filter((k) => canonical(bare[k]) !== canonical(appSummary[k]));
  if (differs.length) throw new Error(`bulletin twin mismatch in ${differs.join(', ')}: app ${JSON.stringify(appSummary[differs[0]!]).slice(0, 300)}; bare ${JSON.stringify(bare[differs[0]!]).slice(0, 300)}`);
  const docx = expectOk(await app.inject({ method: 'GET', url: `/api/reports/bulletin?${qs}`, headers: { cookie: session.cookie } }), 'bulletin docx');
  const rows = appSummary.totals.total;
  const bareText = `the ${statements.length} statements: one grouped pass over the problems (by lead unit and plan), plans, rebounds ×2, region; in parallel`;

  return [
    {
      name: `reports.bulletin.summary(${params.period.from}…${params.period.to})`,
      app: `GET /api/reports/bulletin/summary?${qs}: session, zod, scope, the ${statements.length} statements, sums, ranking, presenter, serialization (${appSummary.ranking.length} ranked units)`,
      bare: bareText,
      slow: false,
      rows,
      async runApp() {
        expectOk(await app.inject({ method: 'GET', url: `/api/reports/bulletin/summary?${qs}`, headers: { cookie: session.cookie } }), 'bulletin summary');
      },
      async runBare() {
        await resolveBare(database, session.token);
        await runBareStatements();
      },
    },
    {
      name: `reports.bulletin.docx(${params.period.from}…${params.period.to})`,
      app: `GET /api/reports/bulletin?${qs}: the summary, then the GB/T 9704 Word document with two charts (ECharts SSR → resvg PNG), ${Math.round(docx.rawPayload.length / 1024)} KB`,
      bare: bareText,
      // Building the Word document (two charts, the zip) takes a few hundred milliseconds: run it as few times as sign-in.
      slow: true,
      rows,
      async runApp() {
        expectOk(await app.inject({ method: 'GET', url: `/api/reports/bulletin?${qs}`, headers: { cookie: session.cookie } }), 'bulletin docx');
      },
      async runBare() {
        await resolveBare(database, session.token);
        await runBareStatements();
      },
    },
  ];
}
