import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** A database or a transaction: everything a repository function needs. */
export type Executor = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Executor;
  /**
   * Run `fn` in one transaction and make the commit durable before resolving. Every change and its history row go
   * through here. On PGlite, `transaction()` may resolve before the files are synced (pglite#1065), so we sync
   * explicitly after commit; the API acknowledges a write only after this resolves.
   */
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
  /** Raw SQL for tooling (backup, bench bare queries). Returns rows. */
  raw<T = Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');
/** Arbitrary constant for the advisory lock that serialises migrations across app instances. */
const MIGRATION_LOCK = 72_431_001;

export interface OpenOptions {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite data folder; `memory://` or undefined for an in-memory database. */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const inMemory = !dataDir || dataDir.startsWith('memory://');
  // PGlite does not create missing parent folders.
  if (!inMemory) mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const client = inMemory ? new PGlite() : new PGlite(path.resolve(dataDir));
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Executor;
  await migratePglite(db as never, { migrationsFolder });
  return {
    kind: 'pglite',
    db,
    async transaction(fn) {
      const result = await db.transaction(fn);
      await client.syncToFs();
      return result;
    },
    async raw(sqlText, params) {
      const res = await client.query(sqlText, params as unknown[]);
      return res.rows as never;
    },
    async close() {
      await client.close();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle pooled connection the server drops (restart, failover) emits 'error'; without a listener that would
  // crash the process. The pool replaces the connection on the next checkout.
  pool.on('error', (error) => {
    process.stderr.write(`ducha: a pooled PostgreSQL connection failed and was discarded (${(error as { code?: string }).code ?? error.name})\n`);
  });
  // Bigint counts come back as strings by default; they always fit a JS number here.
  pg.types.setTypeParser(20, (v) => Number(v));
  const lockClient = await pool.connect();
  try {
    await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePg(drizzlePg(lockClient, { schema }), { migrationsFolder });
  } finally {
    await lockClient.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    lockClient.release();
  }
  const db = drizzlePg(pool, { schema }) as unknown as Executor;
  return {
    kind: 'postgres',
    db,
    transaction: (fn) => db.transaction(fn),
    async raw(sqlText, params) {
      const res = await pool.query(sqlText, params as unknown[]);
      return res.rows as never;
    },
    async close() {
      await pool.end();
    },
  };
}
