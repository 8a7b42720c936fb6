/**
 * npm run bench [-- options]: generate a seeded organisation, then time named operations through the real app
 * (app.inject, in-process) and as bare SQL on the same database. See docs/benchmarks.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openDatabase, type Database } from '../src/server/db/client.js';
import { createServices, fixedClock } from '../src/server/services.js';
import { BENCH_ACTORS, BENCH_PASSWORD, generate, scaleFor, type Generated, type Scale } from './generate.js';
import { fmtMs, fmtRate, fmtRatio, otherCpuMonitor, runPairedPass, runPass, table, type Stats } from './measure.js';
import { prepareDocumentOperations } from './documents.js';
import { prepareLedgerOperations } from './ledger-operations.js';
import { prepareOperations, signInApp } from './operations.js';
import { generateProblems } from './problems.js';
import { formatExportMeasurement, measureExports, type ExportMeasurement } from './exports.js';
import { formatImportMeasurement, measureImport, type ImportMeasurement } from './import.js';

type DbKind = 'pglite' | 'postgres';

/**
 * The (China) day the app's clock is fixed at: bench/problems.ts writes the ledger's dates and warning columns as of
 * this day, so to-do buckets and warnings read the same workload whatever day the benchmark runs.
 */
const BENCH_TODAY = '2026-11-22';

const HELP = `Usage: npm run bench -- [options]

  --problems N            problems generated in the ledger (default 10000; 100000 is the reference size); the
                          organisation scales with it: units = max(200, N/50), ~2 users per unit
  --seed N                PRNG seed for the generated data (default 42)
  --iterations N          timed iterations per read operation and variant (default 500)
  --sign-in-iterations N  timed iterations for auth.sign-in (default 50; argon2id is slow on purpose)
  --concurrency N         calls in flight in the throughput pass (default 8)
  --import-rows N         rows of the generated ledger imported end to end (default 10000; 0 = skip)
  --max-pass-seconds S    time bound per variant and pass: no new call starts after S seconds, so slow operations
                          get fewer calls than --iterations (default 2; 0 = no bound, exactly --iterations calls)
  --pg URL                run on PostgreSQL: URL of an admin connection; a fresh database ducha_bench_<rand>
                          is created there and dropped at the end
  --both                  run on PGlite and on PostgreSQL (needs --pg) and compare them
  --help
`;

interface Options {
  problems: number;
  seed: number;
  iterations: number;
  signInIterations: number;
  concurrency: number;
  importRows: number;
  maxPassSeconds: number;
  pg: string | undefined;
  both: boolean;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      problems: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '42' },
      iterations: { type: 'string', default: '500' },
      'sign-in-iterations': { type: 'string', default: '50' },
      concurrency: { type: 'string', default: '8' },
      'import-rows': { type: 'string', default: '10000' },
      'max-pass-seconds': { type: 'string', default: '2' },
      pg: { type: 'string' },
      both: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const int = (name: string, raw: string, min: number) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${raw}`);
    return n;
  };
  const seconds = (name: string, raw: string) => {
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number of seconds ≥ 0, got ${raw}`);
    return n;
  };
  if (values.both && !values.pg) throw new Error('--both needs --pg postgres://…');
  return {
    problems: int('problems', values.problems, 0),
    seed: int('seed', values.seed, 0),
    iterations: int('iterations', values.iterations, 1),
    signInIterations: int('sign-in-iterations', values['sign-in-iterations'], 1),
    concurrency: int('concurrency', values.concurrency, 1),
    importRows: int('import-rows', values['import-rows'], 0),
    maxPassSeconds: seconds('max-pass-seconds', values['max-pass-seconds']),
    pg: values.pg,
    both: values.both,
  };
}

/** Cleanups still owed (temp folders, databases), run on the way out, also after Ctrl-C. */
const cleanups: (() => Promise<void>)[] = [];
async function runCleanups() {
  while (cleanups.length) await cleanups.pop()!().catch((e: unknown) => process.stderr.write(`cleanup failed: ${String(e)}\n`));
}

const withoutPassword = (url: string) => {
  const u = new URL(url);
  u.password = '';
  return u.toString();
};

const log = (line: string) => process.stderr.write(`${line}\n`);

async function openTarget(kind: DbKind, pgUrl: string | undefined): Promise<{ database: Database; where: string; close(): Promise<void> }> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ducha-bench-'));
    const remove = async () => rmSync(dir, { recursive: true, force: true });
    cleanups.push(remove);
    const database = await openDatabase({ dataDir: path.join(dir, 'db') });
    return {
      database,
      where: `PGlite, file-backed in ${dir}`,
      async close() {
        await database.close();
        await remove();
        cleanups.splice(cleanups.indexOf(remove), 1);
      },
    };
  }
  const name = `ducha_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const drop = () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  cleanups.push(drop);
  const url = new URL(pgUrl!);
  url.pathname = `/${name}`;
  // The pool size the server uses by default (openDatabase: 10).
  const database = await openDatabase({ databaseUrl: url.toString() });
  return {
    database,
    where: `PostgreSQL, database ${name} at ${url.host}`,
    async close() {
      await database.close();
      await drop();
      cleanups.splice(cleanups.indexOf(drop), 1);
    },
  };
}

interface VariantResult {
  sequential: Stats;
  concurrent: Stats;
}

interface OperationResult {
  name: string;
  app: string;
  bare: string;
  rows?: number;
  results: { app: VariantResult; bare: VariantResult };
  /** app ÷ bare: latency ratios above 1 and throughput ratios below 1 mean the app is slower. */
  ratio: { p50: number; p99: number; sequentialOpsPerSec: number; concurrentOpsPerSec: number };
  /** Average cores used by other processes (not this one, not the PostgreSQL server) while this operation ran. */
  otherCpuCores?: number;
}

interface RunResult {
  db: DbKind;
  where: string;
  serverVersion: string;
  generated: Generated;
  operations: OperationResult[];
  /** The ledger export of every problem over HTTP (issue 4): seconds, rows/s, peak RSS. */
  exports?: ExportMeasurement;
  /** Ledger import of --import-rows rows end to end, beside a bare batched INSERT of the same rows (issue 4). */
  import?: ImportMeasurement;
  /** Average cores used by other processes during the timed part of the run; should be close to 0. */
  otherCpuCores?: number;
  ms: number;
}

async function runOn(kind: DbKind, options: Options, scale: Scale): Promise<RunResult> {
  const started = performance.now();
  const target = await openTarget(kind, options.pg);
  try {
    const { database } = target;
    const [version] = await database.raw<{ version: string }>('SELECT version()');
    log(`[${kind}] ${target.where}`);
    const services = createServices(database, fixedClock(BENCH_TODAY));
    await services.calendar.installShippedYears();
    const generated = await generate(database, { scale, seed: options.seed });
    log(
      `[${kind}] generated ${generated.regions} regions, ${generated.units} units, ${generated.users} users in ${(generated.ms / 1000).toFixed(1)} s`,
    );

    const config = { ...loadConfig({ DUCHA_DATA_DIR: os.tmpdir() }), webDir: '/nonexistent' };
    const app = await buildApp({ config, database, services });
    try {
      const ops = await prepareOperations({
        app,
        database,
        sessionHours: config.sessionHours,
        password: BENCH_PASSWORD,
        actors: BENCH_ACTORS,
        signInUsers: generated.signInUsers,
      });
      if (options.problems > 0) {
        const made = await generateProblems(database, { count: options.problems, seed: options.seed });
        log(`[${kind}] generated ${made.problems} problems (${made.problemUnits} unit links, ${made.notices} notices, ${made.extensions} pending extensions) in ${(made.ms / 1000).toFixed(1)} s`);
        generated.problemsGenerated = made;
        ops.push(
          ...(await prepareLedgerOperations({
            app,
            database,
            services,
            sessions: {
              coordinator: await signInApp(app, BENCH_ACTORS.coordinator, BENCH_PASSWORD),
              townHandler: await signInApp(app, BENCH_ACTORS.townHandler, BENCH_PASSWORD),
            },
          })),
        );
        ops.push(...(await prepareDocumentOperations({ app, database, services, sessions: { coordinator: await signInApp(app, BENCH_ACTORS.coordinator, BENCH_PASSWORD) } })));
      }
      const operations: OperationResult[] = [];
      const excludeComm = kind === 'postgres' ? ['postgres'] : [];
      const runCpu = otherCpuMonitor(excludeComm);
      for (const op of ops) {
        const opCpu = otherCpuMonitor(excludeComm);
        const count = op.slow ? options.signInIterations : options.iterations;
        const warmup = op.slow ? Math.min(5, count) : Math.min(50, Math.max(5, Math.round(count / 10)));
        log(
          `[${kind}] ${op.name}: ${warmup} warmup + ${count} sequential (app and bare interleaved), then ${count} at concurrency ${options.concurrency} for each`,
        );
        const maxMs = options.maxPassSeconds * 1000;
        const [appSequential, bareSequential] = await runPairedPass(
          (i) => op.runApp(i),
          (i) => op.runBare(i),
          { warmup, count, maxMs },
        );
        const concurrent = (fn: (i: number) => Promise<void>) =>
          runPass(fn, { warmup: 0, count, concurrency: options.concurrency, maxMs });
        const appResult: VariantResult = { sequential: appSequential, concurrent: await concurrent((i) => op.runApp(i)) };
        const bareResult: VariantResult = { sequential: bareSequential, concurrent: await concurrent((i) => op.runBare(i)) };
        const otherCpuCores = opCpu();
        operations.push({
          name: op.name,
          app: op.app,
          bare: op.bare,
          ...(op.rows === undefined ? {} : { rows: op.rows }),
          results: { app: appResult, bare: bareResult },
          ratio: {
            p50: appResult.sequential.p50 / bareResult.sequential.p50,
            p99: appResult.sequential.p99 / bareResult.sequential.p99,
            sequentialOpsPerSec: appResult.sequential.opsPerSec / bareResult.sequential.opsPerSec,
            concurrentOpsPerSec: appResult.concurrent.opsPerSec / bareResult.concurrent.opsPerSec,
          },
          ...(otherCpuCores === undefined ? {} : { otherCpuCores }),
        });
      }
      const otherCpuCores = runCpu();
      const exportsMeasured = options.problems > 0 ? await measureExports(app, await signInApp(app, BENCH_ACTORS.coordinator, BENCH_PASSWORD)) : undefined;
      if (exportsMeasured) log(`[${kind}] exports: ${exportsMeasured.rows} rows in ${exportsMeasured.seconds.toFixed(1)} s`);
      const importMeasured =
        options.importRows > 0 ? await measureImport(app, database, { username: BENCH_ACTORS.coordinator, password: BENCH_PASSWORD }, options.importRows) : undefined;
      if (importMeasured) log(`[${kind}] import: ${importMeasured.rows} rows in ${importMeasured.app.seconds.toFixed(1)} s (bare ${importMeasured.bare.seconds.toFixed(1)} s)`);
      return {
        db: kind,
        where: target.where,
        serverVersion: version?.version ?? '?',
        generated,
        operations,
        ...(exportsMeasured ? { exports: exportsMeasured } : {}),
        ...(importMeasured ? { import: importMeasured } : {}),
        ...(otherCpuCores === undefined ? {} : { otherCpuCores }),
        ms: performance.now() - started,
      };
    } finally {
      await app.close();
    }
  } finally {
    await target.close();
  }
}

const fmtCores = (cores: number | undefined) => (cores === undefined ? '?' : cores.toFixed(2));

const dbLabel = (kind: DbKind) => (kind === 'pglite' ? 'PGlite' : 'PostgreSQL');

function printRun(run: RunResult, options: Options) {
  const g = run.generated;
  const out: string[] = [
    '',
    `== ${dbLabel(run.db)}: ${run.serverVersion}`,
    `   data: --problems ${options.problems} (${g.problemsGenerated ? `${g.problemsGenerated.problems} problems generated` : "no problems"}), seed ${options.seed}: ${g.regions} regions, ${g.units} units, ${g.users} users (${Object.entries(
      g.roles,
    )
      .map(([r, n]) => `${r} ${n}`)
      .join(', ')}); town-handler subtree ${g.townSubtreeUnits} units`,
    `   latencies in ms. seq: one call at a time, app and bare interleaved call by call, ops/s = 1000 ÷ mean;`,
    `   conc×${options.concurrency}: ${options.concurrency} calls in flight, ops/s = calls ÷ wall time of the pass` +
      (options.maxPassSeconds > 0 ? `; no call starts after ${options.maxPassSeconds} s per pass and variant (then count < ${options.iterations})` : ''),
    '',
  ];
  const rows: string[][] = [];
  for (const op of run.operations) {
    for (const variant of ['app', 'bare'] as const) {
      for (const mode of ['sequential', 'concurrent'] as const) {
        const s = op.results[variant][mode];
        rows.push([
          variant === 'app' && mode === 'sequential' ? op.name + (op.rows === undefined ? '' : ` [${op.rows} rows]`) : '',
          variant,
          mode === 'sequential' ? 'seq' : `conc×${options.concurrency}`,
          String(s.count),
          fmtMs(s.mean),
          fmtMs(s.p50),
          fmtMs(s.p95),
          fmtMs(s.p99),
          fmtMs(s.max),
          fmtRate(s.opsPerSec),
        ]);
      }
    }
  }
  out.push(table(['operation', 'variant', 'mode', 'count', 'mean', 'p50', 'p95', 'p99', 'max', 'ops/s'], rows, 3));
  out.push('');
  out.push('   app ÷ bare (latency > 1× and throughput < 1× mean the app is slower); other CPU = cores used by other processes meanwhile');
  out.push(
    table(
      ['operation', 'p50 seq', 'p99 seq', 'ops/s seq', `ops/s conc×${options.concurrency}`, 'other CPU'],
      run.operations.map((op) => [
        op.name,
        fmtRatio(op.ratio.p50),
        fmtRatio(op.ratio.p99),
        fmtRatio(op.ratio.sequentialOpsPerSec),
        fmtRatio(op.ratio.concurrentOpsPerSec),
        fmtCores(op.otherCpuCores),
      ]),
    ),
  );
  if (run.exports) out.push('', formatExportMeasurement(run.exports));
  if (run.import) out.push('', formatImportMeasurement(run.import));
  out.push(
    '',
    `   run time ${(run.ms / 1000).toFixed(1)} s; other processes used ${fmtCores(run.otherCpuCores)} of ${os.cpus().length} cores meanwhile` +
      ((run.otherCpuCores ?? 0) > 0.1 ? ' — WARNING: the machine was not idle, figures are skewed' : ''),
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

interface ComparisonRow {
  name: string;
  variant: 'app' | 'bare';
  pglite: { p50: number; p99: number; sequentialOpsPerSec: number; concurrentOpsPerSec: number };
  postgres: { p50: number; p99: number; sequentialOpsPerSec: number; concurrentOpsPerSec: number };
  /** PGlite ÷ PostgreSQL. */
  ratio: { p50: number; p99: number; sequentialOpsPerSec: number; concurrentOpsPerSec: number };
}

function compare(pglite: RunResult, postgres: RunResult): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  const pick = (r: VariantResult) => ({
    p50: r.sequential.p50,
    p99: r.sequential.p99,
    sequentialOpsPerSec: r.sequential.opsPerSec,
    concurrentOpsPerSec: r.concurrent.opsPerSec,
  });
  for (const a of pglite.operations) {
    const b = postgres.operations.find((o) => o.name === a.name);
    if (!b) continue;
    for (const variant of ['app', 'bare'] as const) {
      const x = pick(a.results[variant]);
      const y = pick(b.results[variant]);
      rows.push({
        name: a.name,
        variant,
        pglite: x,
        postgres: y,
        ratio: {
          p50: x.p50 / y.p50,
          p99: x.p99 / y.p99,
          sequentialOpsPerSec: x.sequentialOpsPerSec / y.sequentialOpsPerSec,
          concurrentOpsPerSec: x.concurrentOpsPerSec / y.concurrentOpsPerSec,
        },
      });
    }
  }
  return rows;
}

function printComparison(rows: ComparisonRow[], options: Options) {
  const c = `conc×${options.concurrency}`;
  const lines = [
    '',
    '== PGlite vs PostgreSQL (PGlite ÷ PG: latency > 1× and throughput < 1× mean PGlite is slower)',
    '',
    table(
      ['operation', 'variant', 'p50 PGlite', 'p50 PG', 'p50 ratio', 'p99 PGlite', 'p99 PG', 'p99 ratio', `ops/s ${c} PGlite`, `ops/s ${c} PG`, 'ops/s ratio'],
      rows.map((r) => [
        r.name,
        r.variant,
        fmtMs(r.pglite.p50),
        fmtMs(r.postgres.p50),
        fmtRatio(r.ratio.p50),
        fmtMs(r.pglite.p99),
        fmtMs(r.postgres.p99),
        fmtRatio(r.ratio.p99),
        fmtRate(r.pglite.concurrentOpsPerSec),
        fmtRate(r.postgres.concurrentOpsPerSec),
        fmtRatio(r.ratio.concurrentOpsPerSec),
      ]),
      2,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const scale = scaleFor(options.problems);
  const kinds: DbKind[] = options.both ? ['pglite', 'postgres'] : options.pg ? ['postgres'] : ['pglite'];
  const startedAt = new Date();
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? '?',
    totalMemBytes: os.totalmem(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    /** 1/5/15-minute load averages before the run: anything else busy on the machine skews every figure. */
    loadAvgAtStart: os.loadavg(),
  };
  process.stdout.write(
    `ducha bench — ${machine.cpus} × ${machine.cpuModel}, ${(machine.totalMemBytes / 2 ** 30).toFixed(1)} GiB, Node ${machine.node}, ${machine.platform}\n` +
      `problems ${options.problems} (units ${scale.units}, towns ${scale.towns}), seed ${options.seed}, iterations ${options.iterations}, sign-in ${options.signInIterations}, concurrency ${options.concurrency}, ${
        options.maxPassSeconds > 0 ? `at most ${options.maxPassSeconds} s per pass and variant` : 'no time bound'
      }, on ${kinds.join(' + ')}\n`,
  );

  const runs: RunResult[] = [];
  for (const kind of kinds) {
    const run = await runOn(kind, options, scale);
    runs.push(run);
    printRun(run, options);
  }
  const comparison = runs.length === 2 ? compare(runs[0]!, runs[1]!) : undefined;
  if (comparison) printComparison(comparison, options);

  const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(resultsDir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const file = path.join(resultsDir, `${stamp}-${kinds.length === 2 ? 'both' : kinds[0]}.json`);
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine,
    options: { ...options, pg: options.pg ? withoutPassword(options.pg) : undefined },
    scale,
    seed: options.seed,
    note: 'app = request through buildApp() via app.inject (in-process, no network); bare = the same SQL via database.raw(). Times in ms.',
    runs,
    ...(comparison ? { comparison } : {}),
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nresults written to ${path.relative(process.cwd(), file)}\n`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`\n${signal}: cleaning up`);
    void runCleanups().finally(() => process.exit(130));
  });
}

main()
  .catch(async (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(runCleanups);
