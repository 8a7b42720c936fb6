import { asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/access.js';
import { recordChange } from '../audit/record-change.js';
import type { Database, Executor } from '../db/client.js';
import { batches, plans, rounds } from '../db/schema.js';
import { AppError } from '../errors.js';

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

/** 督察轮次 with their batches and problem counts. Rounds are shared reference data of the district. */
export async function listRounds(ex: Executor) {
  const [rs, bs, counts] = await Promise.all([
    ex.select().from(rounds).orderBy(asc(rounds.year), asc(rounds.id)),
    ex.select().from(batches).orderBy(asc(batches.roundId), asc(batches.number)),
    ex.execute(sql`SELECT round_id, count(*)::int AS n FROM problems WHERE round_id IS NOT NULL GROUP BY round_id`),
  ]);
  const n = new Map(rowsOf<{ round_id: number; n: number }>(counts).map((r) => [r.round_id, r.n]));
  return rs.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind as never,
    year: r.year,
    enabled: r.enabled,
    problems: n.get(r.id) ?? 0,
    batches: bs.filter((b) => b.roundId === r.id).map((b) => ({ id: b.id, roundId: b.roundId, number: b.number, name: b.name, receivedOn: b.receivedOn })),
  }));
}

export async function createRound(database: Database, actor: Actor, input: { name: string; kind: string; year: number }) {
  return database.transaction(async (tx) => {
    const [row] = await tx.insert(rounds).values(input).returning();
    await recordChange(tx, { id: actor.userId, name: actor.displayName }, { action: 'round.created', entityType: 'round', entityId: row!.id, after: row });
    return row!;
  });
}

export async function createBatch(database: Database, actor: Actor, roundId: number, input: { number: number; name?: string; receivedOn?: string | null }) {
  return database.transaction(async (tx) => {
    const [round] = await tx.select().from(rounds).where(eq(rounds.id, roundId));
    if (!round) throw new AppError('NOT_FOUND');
    const taken = await tx.execute(sql`SELECT 1 FROM batches WHERE round_id = ${roundId} AND number = ${input.number}`);
    if (rowsOf(taken).length) throw new AppError('BATCH_TAKEN', { number: input.number }, 409);
    const [row] = await tx
      .insert(batches)
      .values({ roundId, number: input.number, name: input.name ?? `第${input.number}批`, receivedOn: input.receivedOn ?? null })
      .returning();
    await recordChange(tx, { id: actor.userId, name: actor.displayName }, { action: 'batch.created', entityType: 'batch', entityId: row!.id, after: row });
    return row!;
  });
}

/** 总体方案 / 任务清单 / 专项方案 with yearly targets and what was closed each year, to judge progress 按序时. */
export async function listPlans(ex: Executor) {
  const [ps, counts, closed] = await Promise.all([
    ex.select().from(plans).orderBy(asc(plans.id)),
    ex.execute(sql`SELECT plan_id, count(*)::int AS n FROM problems WHERE plan_id IS NOT NULL GROUP BY plan_id`),
    ex.execute(sql`SELECT plan_id, substr(closed_on, 1, 4) AS year, count(*)::int AS n FROM problems WHERE plan_id IS NOT NULL AND closed_on IS NOT NULL GROUP BY plan_id, substr(closed_on, 1, 4)`),
  ]);
  const n = new Map(rowsOf<{ plan_id: number; n: number }>(counts).map((r) => [r.plan_id, r.n]));
  const byYear = rowsOf<{ plan_id: number; year: string; n: number }>(closed);
  return ps.map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind as never,
    parentId: p.parentId,
    yearlyTargets: p.yearlyTargets as Record<string, number>,
    problems: n.get(p.id) ?? 0,
    closedByYear: Object.fromEntries(byYear.filter((r) => r.plan_id === p.id).map((r) => [r.year, r.n])),
  }));
}

export async function createPlan(database: Database, actor: Actor, input: { name: string; kind: string; parentId?: number | null; yearlyTargets: Record<string, number> }) {
  return database.transaction(async (tx) => {
    if (input.parentId) {
      const [parent] = await tx.select({ id: plans.id }).from(plans).where(eq(plans.id, input.parentId));
      if (!parent) throw new AppError('NOT_FOUND');
    }
    const [row] = await tx.insert(plans).values({ name: input.name, kind: input.kind, parentId: input.parentId ?? null, yearlyTargets: input.yearlyTargets }).returning();
    await recordChange(tx, { id: actor.userId, name: actor.displayName }, { action: 'plan.created', entityType: 'plan', entityId: row!.id, after: row });
    return row!;
  });
}
