import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import type { Services } from '../services.js';
import { purgeImportFiles } from '../usecases/imports/purge-import-files.js';
import { refreshAllDerived } from '../usecases/problems/derive-problem.js';
import { endExpiredNotices } from '../usecases/problems/end-notice.js';
import { sendDailyDigests } from './digest.js';
import { sendDueNotifications } from './due-notifications.js';
import { errorSummary, silentLog, type JobLog } from './log.js';

export const DAILY_JOB = 'daily';
/** A failed daily run is retried by the next tick after this long. */
const RETRY_FAILED_AFTER_MS = 5 * 60_000;
/** A claim whose instance died mid-run (never finished) is taken over after this long. */
const STALE_CLAIM_AFTER_MS = 60 * 60_000;

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

export interface DailyResult {
  period: string;
  refreshed: number;
  dueSoon: number;
  overdue: number;
  digests: number;
  /** imports whose uploaded file passed its retention period and was deleted */
  importFilesPurged: number;
}

export interface DueJobsResult {
  /** problems whose public notice the tick ended */
  noticesEnded: number;
  /** 'ran' when this call claimed and ran the day's job, 'skipped' when it was already claimed, 'failed' on error */
  daily: 'ran' | 'skipped' | 'failed';
  dailyResult?: DailyResult;
}

/**
 * Claim (job, period) exactly once across app instances: the INSERT succeeds for one caller only. A claim is taken
 * over only when its run failed (after a pause) or its instance never finished it (after an hour).
 */
export async function claimJobRun(database: Database, job: string, period: string, now: Date): Promise<boolean> {
  const retryBefore = new Date(now.getTime() - RETRY_FAILED_AFTER_MS).toISOString();
  const staleBefore = new Date(now.getTime() - STALE_CLAIM_AFTER_MS).toISOString();
  const rows = rowsOf<{ job: string }>(
    await database.db.execute(sql`
      INSERT INTO job_runs (job, period, started_at) VALUES (${job}, ${period}, ${now.toISOString()}::timestamptz)
      ON CONFLICT (job, period) DO UPDATE SET started_at = EXCLUDED.started_at, finished_at = NULL, result = NULL
        WHERE (job_runs.finished_at IS NOT NULL AND job_runs.result->>'failed' = 'true' AND job_runs.finished_at < ${retryBefore}::timestamptz)
           OR (job_runs.finished_at IS NULL AND job_runs.started_at < ${staleBefore}::timestamptz)
      RETURNING job`),
  );
  return rows.length === 1;
}

async function finishJobRun(database: Database, job: string, period: string, now: Date, result: object): Promise<void> {
  await database.db.execute(sql`
    UPDATE job_runs SET finished_at = ${now.toISOString()}::timestamptz, result = ${JSON.stringify(result)}::jsonb
    WHERE job = ${job} AND period = ${period}`);
}

/**
 * The day's work, for the instance that claimed it: recompute every open problem's schedule and warning for the new
 * day, remind lead units of what is due soon or overdue, send each user their to-do digest, and delete uploaded
 * ledger files past their retention period.
 */
export async function runDailyJob(database: Database, services: Services, day: string): Promise<DailyResult> {
  const refreshed = await refreshAllDerived((fn) => database.transaction(fn), services);
  const due = await sendDueNotifications(database, day);
  const digests = await sendDailyDigests(database, services, day);
  const importFilesPurged = await purgeImportFiles(database, services.clock.now());
  return { period: day, refreshed, ...due, digests, importFilesPurged };
}

/**
 * One tick of the timed jobs: end the public notices whose time is up, then — once per China day
 * (services.clock.today()) across all instances — the daily job. Errors are logged and reported, never thrown.
 */
export async function runDueJobs(database: Database, services: Services, log: JobLog = silentLog): Promise<DueJobsResult> {
  let noticesEnded = 0;
  try {
    noticesEnded = (await endExpiredNotices(database, services)).length;
    if (noticesEnded) log.info({ job: 'end_notices', ended: noticesEnded }, 'public notices ended');
  } catch (error) {
    log.error({ job: 'end_notices', err: errorSummary(error) }, 'ending expired notices failed');
  }

  const day = services.clock.today();
  let claimed = false;
  try {
    claimed = await claimJobRun(database, DAILY_JOB, day, services.clock.now());
    if (!claimed) return { noticesEnded, daily: 'skipped' };
    const dailyResult = await runDailyJob(database, services, day);
    await finishJobRun(database, DAILY_JOB, day, services.clock.now(), dailyResult);
    log.info({ job: DAILY_JOB, ...dailyResult }, 'daily job done');
    return { noticesEnded, daily: 'ran', dailyResult };
  } catch (error) {
    const err = errorSummary(error);
    log.error({ job: DAILY_JOB, period: day, err }, 'daily job failed');
    if (claimed) await finishJobRun(database, DAILY_JOB, day, services.clock.now(), { failed: true, error: err.code ?? err.name }).catch(() => undefined);
    return { noticesEnded, daily: 'failed' };
  }
}
