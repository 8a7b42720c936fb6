import { asc, gt } from 'drizzle-orm';
import { GENESIS_HASH, verifyChain, type ChainVerdict } from '../../domain/audit-chain.js';
import type { Executor } from '../db/client.js';
import { auditLog } from '../db/schema.js';

/** Check the whole history chain page by page; returns the first broken row's id, if any. */
export async function verifyAudit(ex: Executor, pageSize = 5000): Promise<ChainVerdict> {
  let state = { prevHash: GENESIS_HASH, rows: 0 };
  let lastId = 0;
  for (;;) {
    const page = await ex.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(pageSize);
    if (page.length === 0) return { ok: true, rows: state.rows, lastHash: state.prevHash };
    const verdict = verifyChain(
      page.map((r) => ({
        id: Number(r.id),
        at: r.at.toISOString(),
        actorId: r.actorId,
        actorName: r.actorName,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        before: r.before ?? null,
        after: r.after ?? null,
        prevHash: r.prevHash,
        hash: r.hash,
      })),
      state,
    );
    if (!verdict.ok) return verdict;
    state = { prevHash: verdict.lastHash, rows: verdict.rows };
    lastId = Number(page[page.length - 1]!.id);
  }
}
