import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/client.js';
import { runDailyJob, runDueJobs, startJobs, type JobLog } from '../../src/server/jobs/index.js';
import { demoUsers } from '../../src/server/seed/demo.js';
import { fixedClock } from '../../src/server/services.js';
import { createTestContext, signIn, type Session, type TestContext } from '../helpers/context.js';
import { assignedProblem, ensureLoopRoutes, noticedProblem, type LoopParties } from '../helpers/loop.js';

const clock = fixedClock('2026-03-02');
let ctx: TestContext;
let sessions: Record<string, Session>;
let parties: LoopParties;
let assigned: number;
let noticed: number;

beforeAll(async () => {
  ctx = await createTestContext({ clock });
  await ensureLoopRoutes(ctx);
  sessions = {};
  for (const u of ['coordinator', 'handler.water', 'head.water', 'verifier', 'handler.town1', 'handler.housing']) sessions[u] = await signIn(ctx.app, u);
  parties = { coordinator: sessions.coordinator!, handler: sessions['handler.water']!, head: sessions['head.water']!, verifier: sessions.verifier! };
  assigned = await assignedProblem(ctx, parties, { title: '待签收的问题' });
  noticed = await noticedProblem(ctx, parties, { title: '公示中的问题' });
});
afterAll(async () => ctx?.close());

const one = async <T>(sqlText: string, params: unknown[] = []) => (await ctx.database.raw<T>(sqlText, params))[0]!;
const n = async (sqlText: string, params: unknown[] = []) => Number((await one<{ n: number }>(sqlText, params)).n);

describe('the daily job', () => {
  it('runs once per China day even when two ticks race for it', async () => {
    const [a, b] = await Promise.all([runDueJobs(ctx.database, ctx.services), runDueJobs(ctx.database, ctx.services)]);
    expect([a.daily, b.daily].sort()).toEqual(['ran', 'skipped']);
    expect(await n("SELECT count(*)::int AS n FROM job_runs WHERE job = 'daily'")).toBe(1);
    const run = await one<{ period: string; finished_at: unknown; result: { refreshed: number; digests: number } }>("SELECT period, finished_at, result FROM job_runs WHERE job = 'daily'");
    expect(run.period).toBe('2026-03-02');
    expect(run.finished_at).toBeTruthy();
    expect(run.result.digests).toBeGreaterThan(0);
    expect((await runDueJobs(ctx.database, ctx.services)).daily).toBe('skipped');
  });

  it('sends one digest per user with something to do, with their counts', async () => {
    const digests = await ctx.database.raw<{ user_id: number; params: Record<string, number>; dedupe_key: string }>(
      "SELECT user_id, params, dedupe_key FROM notifications WHERE kind = 'daily_digest' ORDER BY user_id",
    );
    expect(new Set(digests.map((d) => d.user_id)).size).toBe(digests.length);
    for (const [username, s] of Object.entries(sessions)) {
      const todo = (await s.request('GET', '/api/todo')).json() as { total: number; buckets: { key: string; count: number }[] };
      const mine = digests.find((d) => Number(d.user_id) === s.userId);
      expect(Boolean(mine), username).toBe(todo.total > 0);
      if (mine) {
        expect(mine.dedupe_key).toBe(`digest:${s.userId}:2026-03-02`);
        expect(mine.params).toEqual({ total: todo.total, ...Object.fromEntries(todo.buckets.filter((b) => b.count > 0).map((b) => [b.key, b.count])) });
      }
    }
    const water = digests.find((d) => Number(d.user_id) === sessions['handler.water']!.userId)!;
    expect(water.params).toMatchObject({ to_acknowledge: 1 });
    expect(digests.some((d) => Number(d.user_id) === sessions['handler.housing']!.userId)).toBe(false);
  });

  it('reminds the lead unit of what is due soon, once per problem and day, even when rerun', async () => {
    const dueSoon = await ctx.database.raw<{ user_id: number; problem_id: number; params: Record<string, string> }>(
      "SELECT user_id, problem_id, params FROM notifications WHERE kind = 'due_soon' ORDER BY user_id",
    );
    expect(dueSoon.map((r) => Number(r.user_id)).sort()).toEqual([sessions['handler.water']!.userId, sessions['head.water']!.userId].sort());
    expect(dueSoon.every((r) => Number(r.problem_id) === assigned)).toBe(true);
    expect(dueSoon[0]!.params).toMatchObject({ light: 'yellow', reason: 'ack_near', dueOn: '2026-03-05' });
    expect(dueSoon[0]!.params.code).toMatch(/^DC339901-2026-/);
    const again = await runDailyJob(ctx.database, ctx.services, '2026-03-02');
    expect(again).toMatchObject({ dueSoon: 0, overdue: 0, digests: expect.any(Number) });
    expect(await n("SELECT count(*)::int AS n FROM notifications WHERE kind IN ('due_soon', 'overdue')")).toBe(2);
    expect(await n("SELECT count(*)::int AS n FROM notifications WHERE kind = 'daily_digest'")).toBe(again.digests);
  });

  it('recomputes the warnings for the new day, then reminds of what is overdue', async () => {
    clock.set('2026-03-06');
    expect(await one<{ warning_light: string; warning_computed_on: string }>('SELECT warning_light, warning_computed_on FROM problems WHERE id = $1', [assigned])).toEqual({
      warning_light: 'yellow',
      warning_computed_on: '2026-03-02',
    });
    const tick = await runDueJobs(ctx.database, ctx.services);
    expect(tick.daily).toBe('ran');
    expect(tick.dailyResult!.refreshed).toBeGreaterThanOrEqual(1);
    expect(await one('SELECT warning_light, warning_reason, warning_computed_on FROM problems WHERE id = $1', [assigned])).toEqual({
      warning_light: 'red',
      warning_reason: 'ack_overdue',
      warning_computed_on: '2026-03-06',
    });
    expect(await n("SELECT count(*)::int AS n FROM notifications WHERE kind = 'overdue' AND problem_id = $1", [assigned])).toBe(2);
    await Promise.all([runDueJobs(ctx.database, ctx.services), runDailyJob(ctx.database, ctx.services, '2026-03-06')]);
    expect(await n("SELECT count(*)::int AS n FROM notifications WHERE kind = 'overdue'")).toBe(2);
    expect(await n("SELECT count(*)::int AS n FROM notifications WHERE kind = 'daily_digest' AND dedupe_key LIKE '%:2026-03-06'")).toBe(
      await n("SELECT count(*)::int AS n FROM notifications WHERE kind = 'daily_digest' AND dedupe_key LIKE '%:2026-03-02'"),
    );
    expect(await n("SELECT count(*)::int AS n FROM job_runs WHERE job = 'daily'")).toBe(2);
  });
});

describe('public notice expiry', () => {
  it('moves a problem on once the day after its notice ends has come, exactly once', async () => {
    const endsOn = (await one<{ ends_on: string }>('SELECT ends_on FROM public_notices WHERE problem_id = $1', [noticed])).ends_on;
    expect(endsOn).toBe('2026-03-09');
    clock.set('2026-03-09');
    expect((await runDueJobs(ctx.database, ctx.services)).noticesEnded).toBe(0);
    expect((await one<{ status: string }>('SELECT status FROM problems WHERE id = $1', [noticed])).status).toBe('public_notice');
    clock.set('2026-03-10');
    const [a, b] = await Promise.all([runDueJobs(ctx.database, ctx.services), runDueJobs(ctx.database, ctx.services)]);
    expect(a.noticesEnded + b.noticesEnded).toBeGreaterThanOrEqual(1);
    expect((await one<{ status: string }>('SELECT status FROM problems WHERE id = $1', [noticed])).status).toBe('notice_completed');
    expect(await n("SELECT count(*)::int AS n FROM problem_events WHERE problem_id = $1 AND action = 'end_notice'", [noticed])).toBe(1);
    expect(await n("SELECT count(*)::int AS n FROM notifications WHERE kind = 'notice_ended' AND problem_id = $1", [noticed])).toBe(1);
    // The coordinator's to-do now has it to archive.
    const todo = (await sessions.coordinator!.request('GET', '/api/todo')).json();
    expect(todo.buckets.find((x: { key: string }) => x.key === 'to_archive')).toMatchObject({ count: 1, items: [{ problemId: noticed }] });
  });
});

describe('the scheduler', () => {
  const recordingLog = () => {
    const lines: { level: string; obj: object; msg?: string }[] = [];
    const log: JobLog = {
      info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
      warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
      error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
    };
    return { log, lines };
  };

  it('ticks on its own, claims the day once, logs no personal data, and stops cleanly', async () => {
    clock.set('2026-03-11');
    const { log, lines } = recordingLog();
    const jobs = startJobs({ database: ctx.database, services: ctx.services, log, intervalMs: 20, initialDelayMs: 0 });
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !lines.some((l) => l.msg === 'daily job done')) await new Promise((r) => setTimeout(r, 20));
    await jobs.stop();
    const count = lines.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(lines.length).toBe(count);
    expect(await n("SELECT count(*)::int AS n FROM job_runs WHERE job = 'daily' AND period = '2026-03-11' AND finished_at IS NOT NULL")).toBe(1);
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
    const text = JSON.stringify(lines);
    for (const u of demoUsers) {
      expect(text).not.toContain(u.username);
      expect(text).not.toContain(u.displayName);
    }
    expect(text).not.toMatch(/DC339901/);
  });

  it('logs and survives errors instead of throwing', async () => {
    const broken: Database = {
      ...ctx.database,
      db: new Proxy({}, { get: () => () => Promise.reject(Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' })) }) as Database['db'],
      transaction: () => Promise.reject(new Error('connection refused')),
    };
    const { log, lines } = recordingLog();
    const result = await runDueJobs(broken, ctx.services, log);
    expect(result).toEqual({ noticesEnded: 0, daily: 'failed' });
    expect(lines.filter((l) => l.level === 'error').map((l) => (l.obj as { job: string }).job)).toEqual(['end_notices', 'daily']);
    const jobs = startJobs({ database: broken, services: ctx.services, log, intervalMs: 10, initialDelayMs: 0 });
    await new Promise((r) => setTimeout(r, 80));
    await jobs.stop();
    expect(lines.filter((l) => l.level === 'error').length).toBeGreaterThan(2);
  });
});
