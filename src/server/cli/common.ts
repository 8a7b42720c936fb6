import { parseArgs, type ParseArgsConfig } from 'node:util';
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.js';

/** Wrong command line: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

/** An expected failure with a message meant for the operator (no stack trace), exit code 1. */
export class CliError extends Error {}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Where a command writes; tests pass their own to capture the output. */
export interface Io {
  /** Results, one line each (stdout). */
  out(line: string): void;
  /** Progress and diagnostics (stderr). */
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

export const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
};

export interface Command {
  /** One line for the command list. */
  summary: string;
  usage: string;
  run(argv: string[], io: Io): Promise<number>;
}

/** `util.parseArgs` with strict checking; its errors become usage errors. */
export function parseCommandLine<T extends ParseArgsConfig['options']>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Rows of a statement run through drizzle (node-postgres returns `{ rows }`, PGlite too; be lenient anyway). */
export async function queryRows<T = Record<string, unknown>>(ex: Executor, query: SQL): Promise<T[]> {
  const result = (await ex.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

/** `"public"."name"`, safely quoted. */
export const publicTable = (name: string): SQL => sql`${sql.identifier('public')}.${sql.identifier(name)}`;

/** Quote an identifier the way PostgreSQL does, for text that is passed as a value (e.g. to `::regclass`). */
export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The message worth showing for an error: Drizzle wraps database errors in "Failed query: <sql> params: <...>",
 * which for a restore batch is megabytes of JSON; show the database's own message (and detail) instead.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (error.message.startsWith('Failed query:') && cause instanceof Error) return describeError(cause);
  const detail = (error as { detail?: unknown }).detail;
  if (typeof detail !== 'string' || detail.length === 0) return error.message;
  return `${error.message} (${detail.length > 300 ? `${detail.slice(0, 300)}…` : detail})`;
}
