import { createHash } from 'node:crypto';

/** The genesis value every chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  at: string; // ISO-8601 with milliseconds, UTC
  actorId: number | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/**
 * JSON with object keys sorted at every level, so the same value always hashes the same no matter how the
 * database (jsonb reorders keys) or the code built it. `undefined` members are dropped, as JSON does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value);
}

export function auditHash(prevHash: string, content: AuditContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

export interface StoredAuditRow extends AuditContent {
  id: number;
  prevHash: string;
  hash: string;
}

export type ChainVerdict =
  | { ok: true; rows: number; lastHash: string }
  | { ok: false; rows: number; brokenId: number; reason: 'content' | 'link' };

/**
 * Walk rows in id order and check each row's link to its predecessor and its own hash. Streaming-friendly: pass
 * `start` from the previous page to continue.
 */
export function verifyChain(
  rows: Iterable<StoredAuditRow>,
  start: { prevHash: string; rows: number } = { prevHash: GENESIS_HASH, rows: 0 },
): ChainVerdict {
  let prev = start.prevHash;
  let count = start.rows;
  for (const row of rows) {
    if (row.prevHash !== prev) return { ok: false, rows: count, brokenId: row.id, reason: 'link' };
    const { id: _id, prevHash: _p, hash: _h, ...content } = row;
    if (auditHash(prev, content) !== row.hash) return { ok: false, rows: count, brokenId: row.id, reason: 'content' };
    prev = row.hash;
    count += 1;
  }
  return { ok: true, rows: count, lastHash: prev };
}
