import { once } from 'node:events';
import { createWriteStream, existsSync, openSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client.js';
import {
  appliedMigrations,
  EXCLUDED_TABLES,
  fkSafeOrder,
  readSequences,
  readTables,
  type MigrationInfo,
  type TableInfo,
} from './catalog.js';
import { CliError, EXIT_OK, parseCommandLine, plural, publicTable, queryRows, UsageError, type Command, type Io } from './common.js';
import { openCliDatabase } from './open.js';

export const BACKUP_FORMAT = 'ducha-backup';
export const BACKUP_VERSION = 1;

/**
 * First line of a backup. Then, for every table in `tables` order: a line `{"table": name, "rows": n}` followed by
 * exactly n row lines; last, a line `{"end": true, ...}` so that a cut-off file is recognised.
 */
export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  source: { database: 'pglite' | 'postgres'; serverVersion: string };
  /** Drizzle migrations applied to the source, oldest first; restore refuses a backup with migrations it lacks. */
  migrations: MigrationInfo[];
  /** In foreign-key-safe order: every table after the tables it references. */
  tables: { name: string; rows: number; columns: string[] }[];
  /** The value each serial/identity sequence would hand out next; restore never goes below it. */
  sequences: { table: string; column: string; next: number }[];
  /** Tables deliberately left out (sessions). */
  excluded: string[];
}

export interface BackupTrailer {
  end: true;
  tables: number;
  rows: number;
}

export interface BackupOptions {
  /** Rows fetched per round trip (the cursor's page). */
  pageSize?: number;
  /** Progress: called once per table after its rows are written. */
  onTable?(name: string, rows: number): void;
  /** Test hook: runs after each page is written, while the backup transaction is open. */
  afterPage?(): Promise<void>;
}

export interface BackupSummary {
  file: string;
  header: BackupHeader;
  rows: number;
  bytes: number;
}

/**
 * Write a consistent logical backup of the whole database (except sessions) to `file` as gzip'd NDJSON.
 *
 * All tables are read in one READ ONLY, REPEATABLE READ transaction, so the backup is one snapshot even while the
 * application keeps writing (PostgreSQL). Rows are serialised by the database itself (`row_to_json`): timestamps as
 * ISO-8601 strings in UTC with full precision, jsonb as JSON, bigint and numeric as exact JSON numbers; restore feeds
 * the same text back through `json_populate_recordset`, so no value passes through a JavaScript number or Date.
 * Rows are streamed through a cursor in pages, ordered by primary key, so big tables never sit in memory.
 *
 * The file appears only when complete: it is written as `<file>.partial`, synced, then renamed.
 */
export async function backupDatabase(database: Database, file: string, options: BackupOptions = {}): Promise<BackupSummary> {
  const pageSize = options.pageSize ?? 5000;
  const target = path.resolve(file);
  if (existsSync(target)) throw new CliError(`${target} already exists; choose a new file name (backups are never overwritten)`);
  const partial = `${target}.partial`;

  let fd: number;
  try {
    fd = openSync(partial, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new CliError(`${partial} exists: another backup to ${target} is running, or one was interrupted; if none is running, delete it and retry`);
    throw new CliError(`cannot create ${partial}: ${(error as Error).message}`);
  }
  const gzip = createGzip({ level: 6 });
  const output = createWriteStream(partial, { fd });
  const finished = pipeline(gzip, output);
  finished.catch(() => undefined); // observed below; avoid an unhandled rejection while we are still writing
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await Promise.race([once(gzip, 'drain'), finished]);
  };

  try {
    const { header, rows } = await database.db.transaction(
      async (tx) => {
        await tx.execute(sql`SET LOCAL TimeZone = 'UTC'`);
        const tables = await readTables(tx);
        const header = await readHeader(tx, database, tables);
        await write(JSON.stringify(header));
        let total = 0;
        for (const entry of header.tables) {
          await write(JSON.stringify({ table: entry.name, rows: entry.rows }));
          const written = await streamTable(tx, entry.name, tables.get(entry.name)!.primaryKey, pageSize, write, options.afterPage);
          if (written !== entry.rows)
            throw new Error(`table ${entry.name} returned ${written} rows, ${entry.rows} counted in the same snapshot`);
          total += written;
          options.onTable?.(entry.name, written);
        }
        const trailer: BackupTrailer = { end: true, tables: header.tables.length, rows: total };
        await write(JSON.stringify(trailer));
        return { header, rows: total };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    gzip.end();
    await finished;
    const handle = await open(partial, 'r+');
    let bytes: number;
    try {
      await handle.sync();
      bytes = (await handle.stat()).size;
    } finally {
      await handle.close();
    }
    await rename(partial, target);
    await syncDirectory(path.dirname(target));
    return { file: target, header, rows, bytes };
  } catch (error) {
    gzip.destroy();
    output.destroy();
    await unlink(partial).catch(() => undefined);
    throw error;
  }
}

/** Row counts and everything else the header needs, read inside the backup's snapshot. */
async function readHeader(tx: Executor, database: Database, tables: Map<string, TableInfo>): Promise<BackupHeader> {
  const order = fkSafeOrder([...tables.values()].filter((t) => !EXCLUDED_TABLES.has(t.name)));
  const entries: BackupHeader['tables'] = [];
  for (const name of order) {
    const [count] = await queryRows<{ n: string }>(tx, sql`SELECT count(*)::text AS n FROM ${publicTable(name)}`);
    entries.push({ name, rows: Number(count!.n), columns: tables.get(name)!.columns.map((c) => c.name) });
  }
  const sequences: BackupHeader['sequences'] = [];
  for (const s of await readSequences(tx)) {
    if (EXCLUDED_TABLES.has(s.table)) continue;
    const [row] = await queryRows<{ next: string }>(
      tx,
      sql`SELECT (CASE WHEN is_called THEN last_value + 1 ELSE last_value END)::text AS next FROM ${sql.raw(s.sequence)}`,
    );
    sequences.push({ table: s.table, column: s.column, next: Number(row!.next) });
  }
  const [version] = await queryRows<{ v: string }>(tx, sql`SELECT current_setting('server_version') AS v`);
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    source: { database: database.kind, serverVersion: version?.v ?? 'unknown' },
    migrations: await appliedMigrations(tx),
    tables: entries,
    sequences,
    excluded: [...EXCLUDED_TABLES].filter((name) => tables.has(name)),
  };
}

/** Write every row of one table as a JSON line, fetched through a cursor `pageSize` rows at a time. */
async function streamTable(
  tx: Executor,
  table: string,
  primaryKey: string[],
  pageSize: number,
  write: (line: string) => Promise<void>,
  afterPage?: () => Promise<void>,
): Promise<number> {
  const orderBy = primaryKey.length > 0 ? sql` ORDER BY ${sql.join(primaryKey.map((c) => sql`t.${sql.identifier(c)}`), sql`, `)}` : sql``;
  await tx.execute(
    sql`DECLARE ducha_backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(t.*)::text AS r FROM ${publicTable(table)} AS t${orderBy}`,
  );
  let count = 0;
  for (;;) {
    const page = await queryRows<{ r: string }>(tx, sql`FETCH FORWARD ${sql.raw(String(pageSize))} FROM ducha_backup_rows`);
    for (const row of page) await write(row.r);
    count += page.length;
    if (page.length > 0) await afterPage?.();
    if (page.length < pageSize) break;
  }
  await tx.execute(sql`CLOSE ducha_backup_rows`);
  return count;
}

/** Make the rename durable too (best effort: not every platform can open a directory). */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // ignore
  }
}

const usage = `Usage: npm run ducha -- backup <file> [--page-size N]

Write a consistent backup of the whole database to <file> (gzip'd NDJSON; e.g. ducha-2026-05-01.ndjson.gz).

  The database is the one the server uses: PostgreSQL when DATABASE_URL is set, otherwise the embedded PGlite in
  <DUCHA_DATA_DIR>/db (DUCHA_DATA_DIR defaults to ./data).

  Every table is included (regions, units, users and roles, the audit history, calendars, settings, ...) read in one
  snapshot, except sessions: they are ephemeral, so after a restore everyone signs in again.

  PostgreSQL: safe while the server runs (one REPEATABLE READ transaction).
  PGlite: stop the server first. PGlite allows only one process at a time; the command refuses while another
  process has the database open.

  The file is created with mode 600: it contains password hashes and the full history. An existing file is never
  overwritten.

  Uploaded evidence files are not in the database: they live in <DUCHA_DATA_DIR>/evidence. Copy that folder too,
  after the backup (see docs/operations.md).

Options:
  --page-size N   rows fetched per round trip (default 5000)
  -h, --help      show this help`;

export const backupCommand: Command = {
  summary: 'write a consistent backup of the whole database to a file',
  usage,
  async run(argv: string[], io: Io) {
    const { values, positionals } = parseCommandLine(argv, { 'page-size': { type: 'string' } });
    if (values.help) {
      io.out(usage);
      return EXIT_OK;
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'missing the backup file name' : 'too many arguments');
    const pageSize = values['page-size'] === undefined ? 5000 : Number(values['page-size']);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1_000_000) throw new UsageError('--page-size must be a whole number from 1 to 1000000');
    const file = path.resolve(positionals[0]!);
    if (existsSync(file)) throw new CliError(`${file} already exists; choose a new file name (backups are never overwritten)`);

    const { database, where } = await openCliDatabase(io, { mustExist: true });
    try {
      io.err(`backing up ${where} ...`);
      const started = Date.now();
      const summary = await backupDatabase(database, file, {
        pageSize,
        onTable: (name, rows) => io.err(`  ${name}: ${plural(rows, 'row')}`),
      });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      io.out(
        `backup written: ${summary.file} (${plural(summary.header.tables.length, 'table')}, ${plural(summary.rows, 'row')}, ` +
          `${formatBytes(summary.bytes)}, ${seconds} s)`,
      );
      return EXIT_OK;
    } finally {
      await database.close();
    }
  },
};

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
