import { buildApp } from '../app.js';
import { bootstrap } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { DEMO_PASSWORD } from '../seed/demo.js';
import { createServices } from '../services.js';

/**
 * A real server for the browser suite: the built web app from dist/web, a fresh in-memory database seeded with
 * the demo county, on a random loopback port.
 */
export async function startTestServer(): Promise<{ url: string; close(): Promise<void>; demoPassword: string }> {
  const config = { ...loadConfig({ ...process.env, DUCHA_DEMO: '1' }), port: 0, host: '127.0.0.1' };
  const database = await openDatabase({ dataDir: 'memory://' });
  const services = createServices(database);
  await bootstrap(database, services, config, {});
  const app = await buildApp({ config, database, services });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    demoPassword: DEMO_PASSWORD,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
