import { desc, sql } from 'drizzle-orm';
import { auditHash, GENESIS_HASH } from '../../domain/audit-chain.js';
import type { Executor } from '../db/client.js';
import { auditLog } from '../db/schema.js';

/** Arbitrary constant for the transaction-scoped advisory lock that keeps the chain linear across instances. */
const AUDIT_CHAIN_LOCK = 72_431_002;

export interface ChangeActor {
  id: number | null;
  name: string | null;
}

export interface Change {
  action: string;
  entityType: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/**
 * Append one history row in the caller's transaction. The lock is held until that transaction ends, so concurrent
 * writers (other requests, other app instances) each link to the row committed before them.
 */
export async function recordChange(tx: Executor, actor: ChangeActor, change: Change): Promise<void> {
  await recordChanges(tx, actor, [change]);
}

/**
 * Append many history rows in the caller's transaction, chained in order, written in batches: the same rows
 * `recordChange` would write one by one (bulk work such as a ledger import of 10,000 problems).
 */
export async function recordChanges(tx: Executor, actor: ChangeActor, changes: readonly Change[], batchSize = 500): Promise<void> {
  if (changes.length === 0) return;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  let prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date(new Date().toISOString());
  const rows: Record<string, unknown>[] = [];
  for (const change of changes) {
    const before = change.before === undefined ? null : JSON.parse(JSON.stringify(change.before));
    const after = change.after === undefined ? null : JSON.parse(JSON.stringify(change.after));
    const content = {
      at: at.toISOString(),
      actorId: actor.id,
      actorName: actor.name,
      action: change.action,
      entityType: change.entityType,
      entityId: String(change.entityId),
      before,
      after,
    };
    const hash = auditHash(prevHash, content);
    rows.push({ at: content.at, actor_id: actor.id, actor_name: actor.name, action: content.action, entity_type: content.entityType, entity_id: content.entityId, before, after, prev_hash: prevHash, hash });
    prevHash = hash;
  }
  // Each batch is one JSON parameter; ids follow the order of the rows, so the chain reads in id order.
  for (let i = 0; i < rows.length; i += batchSize)
    await tx.execute(sql`
      INSERT INTO audit_log (at, actor_id, actor_name, action, entity_type, entity_id, before, after, prev_hash, hash)
      SELECT at, actor_id, actor_name, action, entity_type, entity_id, before, after, prev_hash, hash
      FROM json_populate_recordset(NULL::audit_log, ${JSON.stringify(rows.slice(i, i + batchSize))}::json)`);
}
