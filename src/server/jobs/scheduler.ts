import type { Database } from '../db/client.js';
import type { Services } from '../services.js';
import { errorSummary, type JobLog } from './log.js';
import { runDueJobs } from './run-due-jobs.js';

export interface JobsOptions {
  database: Database;
  services: Services;
  log: JobLog;
  /** Pause between the end of one tick and the start of the next (default one minute). */
  intervalMs?: number;
  /** Pause before the first tick after start (default 5 s, so the server is listening first). */
  initialDelayMs?: number;
}

export interface Jobs {
  /** Stop ticking; resolves when a tick in progress has finished (call before closing the database). */
  stop(): Promise<void>;
}

/**
 * The timed jobs of one app instance. Ticks never overlap (the next one is scheduled when the previous one ends),
 * timers are unref'd so they never keep the process alive, and every tick's errors are logged, never thrown. Several
 * instances may run this at once: each piece of work is claimed in the database (see runDueJobs).
 */
export function startJobs({ database, services, log, intervalMs = 60_000, initialDelayMs = 5_000 }: JobsOptions): Jobs {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(tick, delay);
    timer.unref();
  };

  function tick() {
    timer = null;
    if (stopped) return;
    running = runDueJobs(database, services, log)
      .then(() => undefined)
      .catch((error: unknown) => log.error({ job: 'tick', err: errorSummary(error) }, 'timed jobs tick failed'))
      .finally(() => {
        running = null;
        schedule(intervalMs);
      });
  }

  schedule(initialDelayMs);
  log.info({ intervalMs }, 'timed jobs started');
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (running) await running;
    },
  };
}
