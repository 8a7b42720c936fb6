import { pino } from 'pino';
import { buildApp, loggerOptions } from './app.js';
import { bootstrap } from './bootstrap.js';
import { startJobs, type Jobs } from './jobs/index.js';
import { processesUsing } from './cli/open.js';
import { loadConfig, pgliteDir } from './config.js';
import { openDatabase } from './db/client.js';
import { createServices } from './services.js';

const config = loadConfig();
const log = pino({ level: config.logLevel });

async function main() {
  if (!config.databaseUrl) {
    // PGlite takes no lock of its own: a second process on the same folder would silently overwrite writes.
    const use = processesUsing(pgliteDir(config));
    if (use.pids.length) {
      process.stderr.write(`ducha: the database folder ${pgliteDir(config)} is in use by process ${use.pids.join(', ')}; stop it first, or set DUCHA_DATA_DIR / DATABASE_URL.\n`);
      process.exit(1);
    }
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: pgliteDir(config) });
  const services = createServices(database);
  const result = await bootstrap(database, services, config);
  const app = await buildApp({ config, database, services, logger: loggerOptions(config.logLevel) });
  let jobs: Jobs | null = null;
  const close = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await jobs?.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void close('SIGINT'));
  process.on('SIGTERM', () => void close('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  // Timed work (notice expiry, the daily refresh of warnings, reminders, digests), exactly once across instances.
  if (process.env.DUCHA_JOBS !== '0') jobs = startJobs({ database, services, log, intervalMs: Number(process.env.DUCHA_JOBS_INTERVAL_MS ?? 60_000) });
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite at ${pgliteDir(config)}`;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  // Printed, not logged: this is the operator's console on first start, and the demo password is public.
  const lines = [``, `ducha 督察整改闭环管理平台 is running at ${url}`, `  database: ${where}`, `  API docs: ${url}/api/docs`];
  if (result.kind === 'demo') {
    lines.push(`  demo county created (青溪县). Sign in with any of these users, password: ${result.password}`);
    for (const u of result.users) lines.push(`    ${u.username.padEnd(16)} ${u.displayName}（${u.unit}） roles: ${u.roles.join(', ')}`);
  }
  if (result.kind === 'first-admin') lines.push(`  first administrator created: ${result.username}`);
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  log.error({ err: error }, 'failed to start');
  process.exit(1);
});
