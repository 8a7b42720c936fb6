import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the server side provides in src/server/testing/start-test-server.ts. */
export interface TestServer {
  url: string;
  close(): Promise<void>;
  demoPassword: string;
  /** Move the server's clock to another China date (YYYY-MM-DD); only when started with `today`. */
  setToday(day: string): void;
  /** Run the timed jobs now (notice expiry, daily refresh, reminders), as the scheduler would. */
  runJobs(): Promise<void>;
}

export interface TestServerOptions {
  /** Start the server's clock on this China date, movable with setToday(). */
  today?: string;
  /** Seed the demo county's problems at their early stages (default true). */
  demoProblems?: boolean;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Start the real server on a random loopback port with a fresh in-memory database and the demo district.
 * DUCHA_E2E_SERVER_MODULE may point at another module exporting the same `startTestServer()`.
 */
export async function startServer(options: TestServerOptions = {}): Promise<TestServer> {
  if (!existsSync(path.join(repoRoot, 'dist/web/index.html')))
    throw new Error('dist/web is missing: run `npx vite build` (npm run test:e2e does it) before the browser suite');
  const modulePath = process.env.DUCHA_E2E_SERVER_MODULE ?? path.join(repoRoot, 'src/server/testing/start-test-server.ts');
  if (!existsSync(modulePath)) throw new Error(`${modulePath} does not exist: the server side provides startTestServer()`);
  const mod = (await import(/* @vite-ignore */ modulePath)) as { startTestServer: (options?: TestServerOptions) => Promise<TestServer> };
  return mod.startTestServer(options);
}

/** Today in China (the server's calendar), as YYYY-MM-DD. */
export const chinaToday = (offsetDays = 0) =>
  new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
