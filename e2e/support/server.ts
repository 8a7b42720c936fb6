import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the server side provides in src/server/testing/start-test-server.ts. */
export interface TestServer {
  url: string;
  close(): Promise<void>;
  demoPassword: string;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Start the real server on a random loopback port with a fresh in-memory database and the demo district.
 * DUCHA_E2E_SERVER_MODULE may point at another module exporting the same `startTestServer()`.
 */
export async function startServer(): Promise<TestServer> {
  if (!existsSync(path.join(repoRoot, 'dist/web/index.html')))
    throw new Error('dist/web is missing: run `npx vite build` (npm run test:e2e does it) before the browser suite');
  const modulePath = process.env.DUCHA_E2E_SERVER_MODULE ?? path.join(repoRoot, 'src/server/testing/start-test-server.ts');
  if (!existsSync(modulePath)) throw new Error(`${modulePath} does not exist: the server side provides startTestServer()`);
  const mod = (await import(/* @vite-ignore */ modulePath)) as { startTestServer: () => Promise<TestServer> };
  return mod.startTestServer();
}
