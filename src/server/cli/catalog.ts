import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { queryRows, quoteIdent } from './common.js';

/**
 * What backup and restore need to know about the database, read from the PostgreSQL catalog rather than from the
 * Drizzle schema: a table added by a later migration is then backed up without anyone touching this code.
 */

/** Sessions are ephemeral (a restored database starts with everyone signed out), so they are not backed up. */
export const EXCLUDED_TABLES: ReadonlySet<string> = new Set(['sessions']);

export interface ColumnInfo {
  name: string;
  type: string;
  /** GENERATED ALWAYS AS (...) STORED: computed by the database, never inserted. */
  generated: boolean;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  primaryKey: string[];
  /** Other public tables this one has foreign keys to. */
  references: string[];
}

export interface SequenceInfo {
  /** Quoted, schema-qualified sequence name, usable as a `regclass` value. */
  sequence: string;
  table: string;
  column: string;
}

export interface MigrationInfo {
  hash: string;
  /** The migration's timestamp from drizzle/meta/_journal.json (`when`), which Drizzle stores as created_at. */
  createdAt: number;
  /** The migration file name without .sql, when this version of ducha knows it. */
  tag?: string;
}

/** Every ordinary (or partitioned parent) table of the public schema, with columns, primary key and references. */
export async function readTables(ex: Executor): Promise<Map<string, TableInfo>> {
  const tables = new Map<string, TableInfo>();
  const tableRows = await queryRows<{ name: string }>(
    ex,
    sql`SELECT c.relname::text AS name
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
         ORDER BY c.relname`,
  );
  for (const { name } of tableRows) tables.set(name, { name, columns: [], primaryKey: [], references: [] });

  const columnRows = await queryRows<{ table: string; name: string; type: string; generated: boolean }>(
    ex,
    sql`SELECT c.relname::text AS table, a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS type,
               (a.attgenerated <> '') AS generated
          FROM pg_attribute a
          JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY c.relname, a.attnum`,
  );
  for (const c of columnRows) tables.get(c.table)?.columns.push({ name: c.name, type: c.type, generated: c.generated === true });

  const keyRows = await queryRows<{ table: string; column: string }>(
    ex,
    sql`SELECT c.relname::text AS table, a.attname::text AS column
          FROM pg_index i
          JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
         WHERE i.indisprimary AND n.nspname = 'public'
         ORDER BY c.relname, k.ord`,
  );
  for (const k of keyRows) tables.get(k.table)?.primaryKey.push(k.column);

  const fkRows = await queryRows<{ table: string; references: string }>(
    ex,
    sql`SELECT DISTINCT c.relname::text AS table, r.relname::text AS references
          FROM pg_constraint k
          JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_class r ON r.oid = k.confrelid JOIN pg_namespace rn ON rn.oid = r.relnamespace
         WHERE k.contype = 'f' AND n.nspname = 'public' AND rn.nspname = 'public'
         ORDER BY 1, 2`,
  );
  for (const f of fkRows) tables.get(f.table)?.references.push(f.references);
  return tables;
}

/**
 * Tables in an order where every table comes after the tables it references (self-references are ignored), ties
 * broken by name so the order is stable. Throws on a foreign-key cycle between tables: no insert order can work.
 */
export function fkSafeOrder(tables: Iterable<TableInfo>): string[] {
  const byName = new Map([...tables].map((t) => [t.name, t]));
  const pending = new Map<string, Set<string>>();
  for (const t of byName.values())
    pending.set(t.name, new Set(t.references.filter((r) => r !== t.name && byName.has(r))));
  const order: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter(([, deps]) => deps.size === 0).map(([name]) => name).sort();
    if (ready.length === 0)
      throw new Error(`foreign keys form a cycle between the tables ${[...pending.keys()].sort().join(', ')}; they cannot be ordered`);
    for (const name of ready) {
      order.push(name);
      pending.delete(name);
      for (const deps of pending.values()) deps.delete(name);
    }
  }
  return order;
}

/** Sequences owned by a column of a public table: `serial`/`bigserial` defaults and identity columns. */
export async function readSequences(ex: Executor): Promise<SequenceInfo[]> {
  const rows = await queryRows<{ schema: string; sequence: string; table: string; column: string }>(
    ex,
    sql`SELECT sn.nspname::text AS schema, s.relname::text AS sequence, t.relname::text AS table, a.attname::text AS column
          FROM pg_depend d
          JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' JOIN pg_namespace sn ON sn.oid = s.relnamespace
          JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace n ON n.oid = t.relnamespace
          JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
         WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
           AND d.deptype IN ('a', 'i') AND n.nspname = 'public'
         ORDER BY t.relname, a.attname`,
  );
  return rows.map((r) => ({ sequence: `${quoteIdent(r.schema)}.${quoteIdent(r.sequence)}`, table: r.table, column: r.column }));
}

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

/** Migration tags by timestamp, from the journal this version of ducha ships; empty if it cannot be read. */
function journalTags(): Map<number, string> {
  try {
    const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
      entries: { when: number; tag: string }[];
    };
    return new Map(journal.entries.map((e) => [e.when, e.tag]));
  } catch {
    return new Map();
  }
}

/** The migrations Drizzle recorded as applied to this database, oldest first. */
export async function appliedMigrations(ex: Executor): Promise<MigrationInfo[]> {
  const rows = await queryRows<{ hash: string; created_at: string | number }>(
    ex,
    sql`SELECT hash, created_at::text AS created_at FROM drizzle.__drizzle_migrations ORDER BY created_at, id`,
  );
  const tags = journalTags();
  return rows.map((r) => {
    const createdAt = Number(r.created_at);
    const tag = tags.get(createdAt);
    return { hash: r.hash, createdAt, ...(tag ? { tag } : {}) };
  });
}

export const describeMigration = (m: MigrationInfo) => m.tag ?? `migration of ${new Date(m.createdAt).toISOString()} (${m.hash.slice(0, 12)})`;
