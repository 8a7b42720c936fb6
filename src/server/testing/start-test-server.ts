import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../app.js';
import { bootstrap } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { runDueJobs } from '../jobs/run-due-jobs.js';
import { DEMO_PASSWORD } from '../seed/demo.js';
import { createServices, fixedClock, systemClock } from '../services.js';

export interface TestServer {
  url: string;
  demoPassword: string;
  /** Move the server's clock to another China date (only when started with `today`). */
  setToday(day: string): void;
  /** Run the timed jobs now (notice expiry, daily refresh, reminders, digests), as the scheduler would. */
  runJobs(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real server for the browser suite: the built web app from dist/web, a fresh in-memory database seeded with
 * the demo county, evidence in a temp folder, on a random loopback port. With `today` its clock is fixed and movable.
 */
export async function startTestServer(options: { today?: string; demoProblems?: boolean } = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ducha-e2e-'));
  const config = { ...loadConfig({ ...process.env, DUCHA_DEMO: '1', DUCHA_DATA_DIR: dataDir }), port: 0, host: '127.0.0.1' };
  const clock = options.today ? fixedClock(options.today) : null;
  const database = await openDatabase({ dataDir: 'memory://' });
  const services = createServices(database, clock ?? systemClock);
  await bootstrap(database, services, config, {}, { demoProblems: options.demoProblems ?? true });
  const app = await buildApp({ config, database, services });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    demoPassword: DEMO_PASSWORD,
    setToday(day: string) {
      if (!clock) throw new Error('startTestServer: pass { today } to get a movable clock');
      clock.set(day);
    },
    async runJobs() {
      await runDueJobs(database, services);
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
