import { existsSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, pgliteDir } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { CliError, type Io } from './common.js';

export interface PgliteUse {
  /** Other processes that have a file of the database open. */
  pids: number[];
  /** False when some processes could not be inspected (another user's, or no /proc): absence of pids proves nothing. */
  complete: boolean;
}

/**
 * Which other processes have files under `dir` open, from /proc (Linux). PGlite keeps its relation files open while
 * a database is open, so this finds a running server. PGlite itself takes no lock: two processes can open the same
 * folder at once and silently overwrite each other's writes.
 */
export function processesUsing(dir: string): PgliteUse {
  if (process.platform !== 'linux' || !existsSync('/proc/self/fd')) return { pids: [], complete: false };
  let root: string;
  try {
    root = realpathSync(dir);
  } catch {
    return { pids: [], complete: true };
  }
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  const pids: number[] = [];
  let complete = true;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') complete = false;
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${entry}/fd/${fd}`);
      } catch {
        continue;
      }
      if (target === root || target.startsWith(prefix)) {
        pids.push(Number(entry));
        break;
      }
    }
  }
  return { pids, complete };
}

/**
 * Refuse to open a PGlite folder another process is using. A `postmaster.pid` file is present while PGlite has the
 * folder open, and stays behind when a process is killed; it cannot tell which (PGlite writes a fake pid), so it
 * only matters when /proc could not answer.
 */
export function assertPgliteNotInUse(dir: string, io: Io): void {
  const use = processesUsing(dir);
  if (use.pids.length > 0)
    throw new CliError(
      `the PGlite database at ${dir} is in use by process ${use.pids.join(', ')} (probably the ducha server). ` +
        'PGlite allows only one process at a time: stop the server, run this command, then start the server again. ' +
        '(With PostgreSQL, DATABASE_URL, these commands work while the server runs.)',
    );
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  if (!use.complete)
    throw new CliError(
      `${pidFile} exists: either a ducha server has this database open, or one was killed without shutting down. ` +
        'PGlite allows only one process at a time: stop the server and retry. If no server is running, the file is left ' +
        'over from the crash: delete it and retry.',
    );
  io.err(`note: ${pidFile} is left over from a server that did not shut down cleanly (no process has the database open); continuing`);
}

export interface OpenedDatabase {
  database: Database;
  /** For messages: "PostgreSQL db@host:5432" or "PGlite at /path". */
  where: string;
}

/**
 * Open the database the server would use: PostgreSQL when DATABASE_URL is set, otherwise PGlite in
 * <DUCHA_DATA_DIR>/db. Applies pending migrations, like the server. `mustExist` refuses to create a new, empty
 * PGlite database (a mistyped DUCHA_DATA_DIR would otherwise back up or verify nothing and report success).
 */
export async function openCliDatabase(io: Io, options: { mustExist: boolean }): Promise<OpenedDatabase> {
  const config = loadConfig(io.env);
  if (config.databaseUrl) {
    const where = describePostgres(config.databaseUrl);
    try {
      return { database: await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 2 }), where };
    } catch (error) {
      throw new CliError(`cannot open ${where}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const dir = pgliteDir(config);
  const where = `PGlite at ${dir}`;
  if (options.mustExist && !existsSync(path.join(dir, 'PG_VERSION')))
    throw new CliError(
      `there is no database at ${dir}. Set DUCHA_DATA_DIR to the server's data folder (the database is its "db" ` +
        'subfolder; the default is ./data), or DATABASE_URL for PostgreSQL.',
    );
  assertPgliteNotInUse(dir, io);
  try {
    return { database: await openDatabase({ dataDir: dir }), where };
  } catch (error) {
    throw new CliError(`cannot open ${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** "PostgreSQL ducha@db.example:5432" — never the password. */
export function describePostgres(url: string): string {
  try {
    const u = new URL(url);
    const db = decodeURIComponent(u.pathname.replace(/^\//, '')) || '(default database)';
    return `PostgreSQL ${db}@${u.hostname || 'localhost'}:${u.port || '5432'}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}
