import { and, eq, lt, sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { Database } from '../../db/client.js';
import { objections, publicNotices } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Services } from '../../services.js';
import { notify } from './notify.js';
import { runAction, type ActionContext } from './run-action.js';

/**
 * 公示期满: the notice ends when its time is up (by the timed job, or the coordinator on or after the last day).
 * Pending objections must be decided first.
 */
export async function endNotice(ctx: ActionContext, actor: Actor | 'system', id: number) {
  return runAction(ctx, actor, id, 'end_notice', async ({ tx, today, now, loaded }) => {
    const [notice] = await tx.select().from(publicNotices).where(and(eq(publicNotices.problemId, id), eq(publicNotices.status, 'open')));
    if (!notice) throw new AppError('ACTION_WRONG_STATUS', { action: 'end_notice', status: 'public_notice' }, 409);
    if (today <= notice.endsOn && actor !== 'system') throw new AppError('NOTICE_NOT_OVER', { endsOn: notice.endsOn }, 409);
    const [pending] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(objections)
      .where(and(eq(objections.noticeId, notice.id), eq(objections.decision, 'pending')));
    if ((pending?.n ?? 0) > 0) throw new AppError('OBJECTIONS_PENDING', { count: pending!.n }, 409);
    await tx.update(publicNotices).set({ status: 'ended', endedAt: now }).where(eq(publicNotices.id, notice.id));
    return { to: 'notice_completed', details: { noticeId: notice.id, startsOn: notice.startsOn, endsOn: notice.endsOn, code: loaded.problem.code } };
  });
}

/**
 * The timed job: end every notice whose last day is before today and has no pending objection. Each notice is
 * claimed with FOR UPDATE SKIP LOCKED inside its own transaction, so with several app instances each notice is
 * ended exactly once. Returns the ids of the problems it moved on.
 */
export async function endExpiredNotices(database: Database, services: Services): Promise<number[]> {
  const today = services.clock.today();
  const ended: number[] = [];
  for (;;) {
    const claimed = await database.transaction(async (tx) => {
      const [notice] = await tx
        .select({ id: publicNotices.id, problemId: publicNotices.problemId })
        .from(publicNotices)
        .where(
          and(
            eq(publicNotices.status, 'open'),
            lt(publicNotices.endsOn, today),
            sql`NOT EXISTS (SELECT 1 FROM objections o WHERE o.notice_id = ${publicNotices.id} AND o.decision = 'pending')`,
            sql`${publicNotices.id} NOT IN (${ended.length ? sql.raw(ended.join(',')) : sql`0`})`,
          ),
        )
        .limit(1)
        .for('update', { skipLocked: true });
      return notice ?? null;
    });
    if (!claimed) return ended;
    try {
      await endNotice({ database, services }, 'system', claimed.problemId);
      const users = await database.db.execute(sql`SELECT created_by FROM problems WHERE id = ${claimed.problemId}`);
      const creator = (users as unknown as { rows: { created_by: number | null }[] }).rows[0]?.created_by;
      if (creator) await database.transaction((tx) => notify(tx, [creator], 'notice_ended', claimed.problemId, {}));
    } catch (error) {
      // Another instance ended it first (wrong status): exactly once is kept by the status guard.
      if (!(error instanceof AppError)) throw error;
    }
    ended.push(claimed.id);
  }
}
