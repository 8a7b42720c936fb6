import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Database, Executor } from '../src/server/db/client.js';
import { running } from '../src/server/usecases/imports/commit-import.js';
import { resolveSession } from '../src/server/auth/sessions.js';
import { mulberry32 } from '../src/domain/sampling.js';
import { eventLoopStallMonitor } from './measure.js';

/**
 * Ledger import at scale (issue 4): a generated N-row ledger workbook imported end to end through the app (the import
 * page opened first, upload and check in the analysis thread, commit in the background until it ends), beside a bare
 * batched INSERT of the same rows in the same run: what the import wrote to its four tables (problems, unit links,
 * timeline events, history rows), written again 500 rows per statement in one transaction. Also measures
 * how the app answers another user meanwhile: the longest event-loop stall and the slowest `GET /api/auth/me`.
 */
export interface ImportMeasurement {
  rows: number;
  fileBytes: number;
  app: { seconds: number; rowsPerSec: number; uploadSeconds: number; commitSeconds: number };
  bare: { seconds: number; rowsPerSec: number };
  ratio: number;
  maxEventLoopDelayMs: number;
  otherUser: { requests: number; maxMs: number; p50Ms: number };
}

/** How long the bench's user takes to pick the file after opening the import page. */
const PICK_FILE_MS = 3000;

const CATEGORIES = ['水', '大气', '土壤', '固废', '噪声', '生态'];
const SOURCES = ['中央生态环境保护督察', '省级督察', '群众举报', '暗查暗访', '网格巡查'];
const DEADLINES = ['2027年6月底前', '2027年12月31日', '立行立改', '长期坚持', '2027.3.31'];

/** A ledger as districts keep it: a title row, the usual headers, N rows over the units and towns in scope. */
export async function buildBenchLedger(rows: number, unitNames: string[], regionNames: string[], seed = 7): Promise<Buffer> {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('整改台账');
  const header = ['序号', '问题来源', '问题类型', '问题描述', '所属乡镇', '地址', '牵头单位', '配合单位', '责任人', '联系电话', '整改措施', '整改时限', '整改状态', '整改进展'];
  sheet.addRow(['基准测试整改台账']);
  sheet.mergeCells(1, 1, 1, header.length);
  sheet.addRow(header);
  for (let i = 1; i <= rows; i++) {
    const lead = pick(unitNames);
    let coop = pick(unitNames);
    if (coop === lead) coop = unitNames[(unitNames.indexOf(lead) + 1) % unitNames.length]!;
    sheet.addRow([
      i,
      pick(SOURCES),
      pick(CATEGORIES),
      `基准问题${i}：某点位存在环境问题，群众反映强烈，需整改到位（编号${Math.floor(random() * 1e9)}）`,
      pick(regionNames),
      `某路${i}号`,
      lead,
      coop,
      `责任人${i % 97}`,
      `0571-${String(80000000 + i).slice(0, 8)}`,
      '制定整改方案，限期整改，加强日常监管',
      pick(DEADLINES),
      i % 3 === 0 ? '未交办' : '整改中',
      i % 2 === 0 ? '正在推进' : '',
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function multipart(data: Buffer, filename: string) {
  const boundary = '----duchabench';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function measureImport(
  app: FastifyInstance,
  database: Database,
  login: { username: string; password: string },
  rows: number,
): Promise<ImportMeasurement> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: login });
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  const headers = { cookie, 'x-csrf-token': csrf };
  const token = res.cookies.find((c) => c.name === 'ducha_sid')!.value;
  const actor = (await resolveSession(database.db, token, 12))!.actor;

  // Names in the coordinator's scope: departments and towns (not enterprises), and the towns' regions.
  const units = await database.raw<{ name: string }>(
    `SELECT name FROM units WHERE enabled AND kind <> 'enterprise' AND path LIKE $1 ORDER BY id LIMIT 40`,
    [`${actor.unitPath.split('/').slice(0, 2).join('/')}/%`],
  );
  const regions = await database.raw<{ name: string }>(`SELECT name FROM regions WHERE path LIKE $1 AND level <> 'county' ORDER BY id LIMIT 10`, [`${actor.regionPath}%`]);
  const file = await buildBenchLedger(rows, units.map((u) => u.name), regions.length ? regions.map((r) => r.name) : ['']);

  // Another user keeps using the app meanwhile.
  const latencies: number[] = [];
  let stop = false;
  const other = (async () => {
    while (!stop) {
      const t0 = performance.now();
      await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
      latencies.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const stalls = eventLoopStallMonitor();

  // The user opens the import page (which boots the analysis thread) and takes a few seconds to pick the file.
  const page = await app.inject({ method: 'GET', url: '/api/imports', headers });
  if (page.statusCode !== 200) throw new Error(`import page: ${page.statusCode}`);
  await new Promise((r) => setTimeout(r, PICK_FILE_MS));

  const t0 = performance.now();
  const up = await app.inject({ method: 'POST', url: '/api/imports', ...multipart(file, 'bench.xlsx'), headers: { ...multipart(file, 'bench.xlsx').headers, ...headers } });
  if (up.statusCode !== 201) throw new Error(`import upload: ${up.statusCode} ${up.body.slice(0, 300)}`);
  const view = up.json() as { id: number; version: number; summary: { create: number; errors: number; update: number } };
  if (view.summary.errors > 0 || view.summary.create !== rows) throw new Error(`import bench: ${JSON.stringify(view.summary)}`);
  const t1 = performance.now();
  const commit = await app.inject({ method: 'POST', url: `/api/imports/${view.id}/commit`, payload: { version: view.version }, headers });
  if (commit.statusCode !== 202) throw new Error(`import commit: ${commit.statusCode} ${commit.body.slice(0, 300)}`);
  // The import ends when its background commit does (not at the next poll); the page polls meanwhile, as the web does.
  let t2 = 0;
  const written = running.get(view.id)?.then(() => (t2 = performance.now()));
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    const state = (await app.inject({ method: 'GET', url: `/api/imports/${view.id}`, headers })).json() as { status: string; error: string | null };
    if (state.status === 'committed') break;
    if (state.status !== 'committing') throw new Error(`import ended ${state.status}: ${state.error}`);
  }
  await written;
  if (!t2) throw new Error('import bench: the commit did not run in this process');
  const maxDelay = stalls();
  stop = true;
  await other;

  // The bare twin: the very rows the import wrote to its four tables (problems, unit links, timeline events, history
  // rows), written again as plain batched INSERTs (500 rows per statement, ids remapped) in one transaction that is
  // then rolled back, so the ledger and its history chain stay as they were.
  const bareSeconds = await bareTwin(database, view.id);
  const sorted = [...latencies].sort((a, b) => a - b);
  const appSeconds = (t2 - t0) / 1000;
  return {
    rows,
    fileBytes: file.length,
    app: { seconds: appSeconds, rowsPerSec: rows / appSeconds, uploadSeconds: (t1 - t0) / 1000, commitSeconds: (t2 - t1) / 1000 },
    bare: { seconds: bareSeconds, rowsPerSec: rows / bareSeconds },
    ratio: bareSeconds / appSeconds,
    maxEventLoopDelayMs: maxDelay,
    otherUser: { requests: sorted.length, maxMs: sorted.at(-1) ?? 0, p50Ms: sorted[Math.floor(sorted.length / 2)] ?? 0 },
  };
}

type Row = Record<string, unknown>;

class Rollback extends Error {}

/**
 * Batched INSERTs of `rows` into `table`: 500 rows per statement, each batch one JSON parameter expanded by
 * json_populate_recordset (the fastest plain form found here, and the one the import uses); returns RETURNING rows.
 */
async function insertRows(tx: Executor, table: string, rows: Row[], returning = ''): Promise<Row[]> {
  const out: Row[] = [];
  const columns = sql.raw(Object.keys(rows[0] ?? {}).join(', '));
  for (let i = 0; i < rows.length; i += 500) {
    const batch = JSON.stringify(rows.slice(i, i + 500));
    const res = (await tx.execute(
      sql`INSERT INTO ${sql.raw(table)} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${sql.raw(table)}, ${batch}::json)${sql.raw(returning ? ` RETURNING ${returning}` : '')}`,
    )) as unknown as { rows: Row[] };
    out.push(...res.rows);
  }
  return out;
}

/**
 * The bare twin of an import: read (untimed) the rows import `importId` wrote, then time writing copies of them with
 * plain batched INSERTs in one transaction, rolled back at the end. Seconds.
 */
async function bareTwin(database: Database, importId: number): Promise<number> {
  const ids = (await database.raw<{ problem_id: number }>(`SELECT problem_id FROM problem_events WHERE action = 'import' AND (details->>'importId')::int = $1 ORDER BY problem_id`, [importId])).map((r) => Number(r.problem_id));
  const list = ids.join(',') || '0';
  const problemRows = await database.raw<Row>(`SELECT * FROM problems WHERE id IN (${list}) ORDER BY id`);
  const unitRows = await database.raw<Row>(`SELECT * FROM problem_units WHERE problem_id IN (${list})`);
  const eventRows = await database.raw<Row>(`SELECT * FROM problem_events WHERE action = 'import' AND problem_id IN (${list}) ORDER BY id`);
  const auditRows = await database.raw<Row>(`SELECT * FROM audit_log WHERE action = 'problem.import' AND (after->>'importId')::int = $1 ORDER BY id`, [importId]);
  const without = (row: Row, ...keys: string[]) => Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k)));
  let seconds = 0;
  await database
    .transaction(async (tx) => {
      const b0 = performance.now();
      const created = await insertRows(tx, 'problems', problemRows.map((p, i) => ({ ...without(p, 'id'), code: `BARE-${i}` })), 'id');
      const idOf = new Map(problemRows.map((p, i) => [Number(p.id), Number(created[i]!.id)]));
      await insertRows(tx, 'problem_units', unitRows.map((u) => ({ ...u, problem_id: idOf.get(Number(u.problem_id)) })));
      await insertRows(tx, 'problem_events', eventRows.map((e) => ({ ...without(e, 'id'), problem_id: idOf.get(Number(e.problem_id)) })));
      await insertRows(tx, 'audit_log', auditRows.map((a) => ({ ...without(a, 'id'), entity_id: String(idOf.get(Number(a.entity_id))) })));
      seconds = (performance.now() - b0) / 1000;
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  if (problemRows.length !== ids.length || eventRows.length !== ids.length || auditRows.length !== ids.length) throw new Error('bare twin: the import did not write one problem, event and history row per row');
  return seconds;
}

export function formatImportMeasurement(m: ImportMeasurement): string {
  return [
    `   import of a ${m.rows}-row ledger (${(m.fileBytes / 1024).toFixed(0)} KB .xlsx), end to end through the app: ${m.app.seconds.toFixed(2)} s = ${m.app.rowsPerSec.toFixed(0)} rows/s`,
    `     (upload + check ${m.app.uploadSeconds.toFixed(2)} s, commit incl. re-check ${m.app.commitSeconds.toFixed(2)} s)`,
    `   bare batched INSERT of the same rows: ${m.bare.seconds.toFixed(2)} s = ${m.bare.rowsPerSec.toFixed(0)} rows/s; app ÷ bare rate ${m.ratio.toFixed(2)} (target ≥ 0.5)`,
    `   meanwhile: event loop stalled at most ${m.maxEventLoopDelayMs.toFixed(0)} ms; another user's GET /api/auth/me p50 ${m.otherUser.p50Ms.toFixed(1)} ms, max ${m.otherUser.maxMs.toFixed(0)} ms over ${m.otherUser.requests} calls`,
  ].join('\n');
}
