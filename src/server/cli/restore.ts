import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { ChainVerdict } from '../../domain/audit-chain.js';
import type { Database, Executor } from '../db/client.js';
import { verifyAudit } from '../usecases/verify-audit.js';
import { auditVerdictLines } from './audit.js';
import type { BackupHeader } from './backup.js';
import { BackupReader } from './backup-file.js';
import { appliedMigrations, describeMigration, EXCLUDED_TABLES, readSequences, readTables, type MigrationInfo } from './catalog.js';
import {
  CliError,
  describeError,
  EXIT_FAILURE,
  EXIT_OK,
  parseCommandLine,
  plural,
  publicTable,
  queryRows,
  UsageError,
  type Command,
  type Io,
} from './common.js';
import { openCliDatabase } from './open.js';

/** The target is not in a state to restore into; nothing was changed. */
export class RestoreRefused extends CliError {}

export interface RestoreOptions {
  /** Replace whatever the target holds. Without it a non-empty target is refused. */
  force?: boolean;
  /** Rows per INSERT statement (at most; a batch also stops at ~4 MB of JSON). */
  batchRows?: number;
  onTable?(name: string, rows: number): void;
  /** Non-fatal remarks (e.g. an older backup). */
  onWarning?(message: string): void;
}

export interface RestoreSummary {
  header: BackupHeader;
  rows: number;
  /** Whether the target held data that --force replaced. */
  replaced: boolean;
  audit: ChainVerdict;
}

const BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Restore a backup written by `backupDatabase` into `database` (already migrated by openDatabase).
 *
 * Refuses a backup made by a newer schema (migrations this database lacks) and a target that holds any rows, unless
 * `force`. Everything happens in one transaction: all tables are locked, user triggers (the audit log's append-only
 * guard) are disabled so the tables can be emptied, the rows are inserted in the backup's foreign-key-safe order
 * with multi-row INSERTs, every serial/identity sequence is moved past the restored ids, and the triggers are
 * enabled again. A failure anywhere leaves the target exactly as it was. Finally the audit chain is verified.
 */
export async function restoreDatabase(database: Database, file: string, options: RestoreOptions = {}): Promise<RestoreSummary> {
  const batchRows = options.batchRows ?? 1000;
  const reader = new BackupReader(path.resolve(file));
  try {
    const header = await reader.header();
    checkMigrations(header.migrations, await appliedMigrations(database.db), options.onWarning);

    const { rows, replaced } = await database.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL TimeZone = 'UTC'`);
      const tables = await readTables(tx);
      const columnsByTable = planColumns(header, tables);

      const all = [...tables.keys()];
      if (all.length > 0)
        await tx.execute(sql`LOCK TABLE ${sql.join(all.map(publicTable), sql`, `)} IN ACCESS EXCLUSIVE MODE`);

      const occupied: string[] = [];
      for (const name of all) {
        if (EXCLUDED_TABLES.has(name)) continue;
        const [row] = await queryRows<{ found: boolean }>(tx, sql`SELECT EXISTS (SELECT 1 FROM ${publicTable(name)}) AS found`);
        if (row?.found === true) occupied.push(name);
      }
      if (occupied.length > 0 && !options.force)
        throw new RestoreRefused(
          `the target database is not empty (rows in ${occupied.join(', ')}). Restore into a new, empty database, or ` +
            'pass --force to delete everything in it and replace it with the backup.',
        );

      const triggers = await queryRows<{ table: string; name: string; mode: string }>(
        tx,
        sql`SELECT c.relname::text AS table, t.tgname::text AS name, t.tgenabled::text AS mode
              FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND NOT t.tgisinternal AND t.tgenabled <> 'D'
             ORDER BY 1, 2`,
      );
      for (const t of triggers)
        await tx.execute(sql`ALTER TABLE ${publicTable(t.table)} DISABLE TRIGGER ${sql.identifier(t.name)}`);

      // Sessions too: they belong to the users being replaced.
      if (occupied.length > 0) await tx.execute(sql`TRUNCATE ${sql.join(all.map(publicTable), sql`, `)} CASCADE`);

      let total = 0;
      for (const entry of header.tables) {
        const marker = await reader.nextObject(`the start of table ${entry.name}`);
        if (marker.table !== entry.name || marker.rows !== entry.rows)
          throw new CliError(`${reader.file} line ${reader.lineNumber}: expected the rows of ${entry.name}; the file is damaged`);
        const inserted = await insertRows(tx, reader, entry.name, entry.rows, columnsByTable.get(entry.name)!, batchRows);
        total += inserted;
        options.onTable?.(entry.name, inserted);
      }
      const trailer = await reader.nextObject('the end marker');
      if (trailer.end !== true || trailer.rows !== total)
        throw new CliError(`${reader.file} line ${reader.lineNumber}: expected the end marker; the file is damaged`);
      if ((await reader.next()) !== undefined)
        throw new CliError(`${reader.file} has data after the end marker (line ${reader.lineNumber}); the file is damaged`);

      await resetSequences(tx, header);

      for (const t of triggers) {
        const how = t.mode === 'A' ? sql`ENABLE ALWAYS TRIGGER` : t.mode === 'R' ? sql`ENABLE REPLICA TRIGGER` : sql`ENABLE TRIGGER`;
        await tx.execute(sql`ALTER TABLE ${publicTable(t.table)} ${how} ${sql.identifier(t.name)}`);
      }
      return { rows: total, replaced: occupied.length > 0 };
    });

    const audit = await verifyAudit(database.db);
    return { header, rows, replaced, audit };
  } finally {
    await reader.close();
  }
}

/** Refuse a backup that has migrations this database lacks; warn about one taken at an older schema. */
function checkMigrations(backup: MigrationInfo[], target: MigrationInfo[], warn?: (message: string) => void): void {
  const known = new Set(target.map((m) => m.hash));
  const unknown = backup.filter((m) => !known.has(m.hash));
  const targetTags = new Set(target.flatMap((m) => (m.tag ? [m.tag] : [])));
  const targetTimes = new Set(target.map((m) => m.createdAt));
  const changed = unknown.filter((m) => targetTimes.has(m.createdAt) || (m.tag !== undefined && targetTags.has(m.tag)));
  if (changed.length > 0)
    throw new RestoreRefused(
      `the backup was made by a different build of ducha: ${changed.map(describeMigration).join(', ')} ` +
        'differs between the backup and this version (the migration file was changed). Restore with the ducha build ' +
        'that wrote the backup.',
    );
  if (unknown.length > 0)
    throw new RestoreRefused(
      `the backup was made by a newer (or different) version of ducha: it has ${plural(unknown.length, 'migration')} this ` +
        `database does not (${unknown.map(describeMigration).join(', ')}). Install the ducha version that wrote the ` +
        'backup, or a newer one, and restore with that.',
    );
  const inBackup = new Set(backup.map((m) => m.hash));
  const newer = target.filter((m) => !inBackup.has(m.hash));
  if (newer.length > 0)
    warn?.(
      `the backup was made at an older schema; this database also has ${newer.map(describeMigration).join(', ')}. ` +
        'Rows are restored into the current tables (new columns take their defaults).',
    );
}

/** The columns to insert for each backed-up table; refuses when a table or column has no place in the target. */
function planColumns(header: BackupHeader, tables: Map<string, { columns: { name: string; generated: boolean }[] }>) {
  const plan = new Map<string, string[]>();
  for (const entry of header.tables) {
    const target = tables.get(entry.name);
    if (!target) throw new RestoreRefused(`the backup has a table ${entry.name} that this database does not have`);
    const columns = new Map(target.columns.map((c) => [c.name, c]));
    const missing = entry.columns.filter((c) => !columns.has(c));
    if (missing.length > 0)
      throw new RestoreRefused(`the backup has columns this database does not have: ${missing.map((c) => `${entry.name}.${c}`).join(', ')}`);
    plan.set(entry.name, entry.columns.filter((c) => !columns.get(c)!.generated));
  }
  return plan;
}

/** Read exactly `expected` row lines and insert them in batches; returns how many rows the database inserted. */
async function insertRows(tx: Executor, reader: BackupReader, table: string, expected: number, columns: string[], batchRows: number) {
  const target = publicTable(table);
  const columnList = sql.join(columns.map((c) => sql.identifier(c)), sql`, `);
  let inserted = 0;
  let batch: string[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const json = `[${batch.join(',')}]`;
    let result: { n: number | string } | undefined;
    try {
      // OVERRIDING SYSTEM VALUE keeps the backed-up ids of identity columns (a no-op for serial ones).
      [result] = await queryRows<{ n: number | string }>(
        tx,
        sql`WITH inserted AS (
              INSERT INTO ${target} (${columnList}) OVERRIDING SYSTEM VALUE
              SELECT ${columnList} FROM json_populate_recordset(NULL::${target}, ${json}::json)
              RETURNING 1)
            SELECT count(*)::int AS n FROM inserted`,
      );
    } catch (error) {
      const last = reader.lineNumber;
      throw new CliError(
        `cannot restore table ${table} (backup lines ${last - batch.length + 1}–${last}): ${describeError(error)}. Nothing was changed.`,
      );
    }
    inserted += Number(result!.n);
    batch = [];
    batchBytes = 0;
  };
  for (let i = 0; i < expected; i++) {
    const line = await reader.next();
    if (line === undefined) throw new CliError(`${reader.file} ends inside table ${table} (row ${i + 1} of ${expected}); the file is incomplete`);
    if (!line.startsWith('{')) throw new CliError(`${reader.file} line ${reader.lineNumber}: expected a row of ${table}; the file is damaged`);
    batch.push(line);
    batchBytes += line.length;
    if (batch.length >= batchRows || batchBytes >= BATCH_BYTES) await flush();
  }
  await flush();
  if (inserted !== expected) throw new Error(`table ${table}: inserted ${inserted} rows, the backup has ${expected}`);
  return inserted;
}

/**
 * Make every serial/identity sequence hand out an id above the restored rows, and never below the value the source
 * would have handed out next (so ids of rows deleted before the backup are not reused).
 */
async function resetSequences(tx: Executor, header: BackupHeader): Promise<void> {
  const next = new Map(header.sequences.map((s) => [`${s.table}.${s.column}`, s.next]));
  for (const s of await readSequences(tx)) {
    const fromBackup = next.get(`${s.table}.${s.column}`) ?? 1;
    await tx.execute(
      sql`SELECT setval(${s.sequence}::regclass,
                        GREATEST((SELECT COALESCE(max(${sql.identifier(s.column)}), 0) FROM ${publicTable(s.table)}) + 1,
                                 ${String(fromBackup)}::bigint, 1),
                        false)`,
    );
  }
}

const usage = `Usage: npm run ducha -- restore <file> [--force]

Restore a backup written by "ducha backup" into the database the server uses (PostgreSQL when DATABASE_URL is set,
otherwise PGlite in <DUCHA_DATA_DIR>/db; a missing PGlite database is created). Stop the server first.

  The database is migrated to this version of ducha first. A backup from a newer ducha (with migrations this one
  does not have) is refused. A target that already holds data is refused unless --force is given; with --force
  everything in it (including the audit history and sessions) is deleted and replaced by the backup.

  Everything happens in one transaction: if anything fails, the target is left exactly as it was. Sequences are
  moved past the restored ids. Afterwards the audit chain is verified and the result printed.

  To move from PGlite to PostgreSQL: stop the server, "ducha backup" with DUCHA_DATA_DIR set, then "ducha restore"
  with DATABASE_URL set to the new (empty) database, and start the server with DATABASE_URL.

Options:
  --force      replace the contents of a non-empty database
  -h, --help   show this help`;

export const restoreCommand: Command = {
  summary: 'restore a backup into an empty (or, with --force, any) database',
  usage,
  async run(argv: string[], io: Io) {
    const { values, positionals } = parseCommandLine(argv, { force: { type: 'boolean' } });
    if (values.help) {
      io.out(usage);
      return EXIT_OK;
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'missing the backup file name' : 'too many arguments');
    const file = path.resolve(positionals[0]!);

    const { database, where } = await openCliDatabase(io, { mustExist: false });
    try {
      io.err(`restoring ${file} into ${where} ...`);
      const started = Date.now();
      const summary = await restoreDatabase(database, file, {
        force: values.force === true,
        onTable: (name, rows) => io.err(`  ${name}: ${plural(rows, 'row')}`),
        onWarning: (message) => io.err(`warning: ${message}`),
      });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      io.out(
        `restored ${plural(summary.rows, 'row')} in ${plural(summary.header.tables.length, 'table')} from the backup of ` +
          `${summary.header.createdAt}${summary.replaced ? ' (previous contents replaced)' : ''} in ${seconds} s`,
      );
      for (const line of auditVerdictLines(summary.audit)) io.out(line);
      return summary.audit.ok ? EXIT_OK : EXIT_FAILURE;
    } finally {
      await database.close();
    }
  },
};
