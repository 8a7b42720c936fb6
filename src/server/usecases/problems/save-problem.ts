import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import { counterKey, formatProblemCode } from '../../../domain/problem/code.js';
import { normalizeUscc, validateUscc } from '../../../domain/uscc.js';
import type { CreateProblemInput, UpdateProblemInput } from '../../../shared/api/problems.js';
import { requirePermission, unitScopeSql } from '../../access/access.js';
import type { Executor } from '../../db/client.js';
import { batches, codeCounters, milestones, plans, problems, problemUnits, regions, rounds, userRoles } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { loadLoopSettings } from '../../settings.js';
import type { ActionContext } from './run-action.js';
import { recordProblemEvent, runAction } from './run-action.js';
import { refreshDerived } from './derive-problem.js';

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

/** Check every reference of a problem's fields against what exists and what the actor may use. */
async function checkReferences(tx: Executor, actor: Actor, input: Partial<CreateProblemInput>, leadUnitId: number | null | undefined) {
  if (input.regionId !== undefined) {
    const ok = rowsOf<{ id: number }>(
      await tx.execute(sql`SELECT id FROM regions WHERE id = ${input.regionId} AND enabled AND (path LIKE ${`${actor.regionPath}%`} OR ${actor.roles.includes('admin')})`),
    );
    if (!ok[0]) throw new AppError('NOT_FOUND');
  }
  const unitIds = [...(leadUnitId ? [leadUnitId] : []), ...(input.cooperatingUnitIds ?? []), ...(input.enterpriseUnitId ? [input.enterpriseUnitId] : [])];
  if (unitIds.length) {
    const found = rowsOf<{ id: number; kind: string }>(
      await tx.execute(sql`SELECT u.id, u.kind FROM units u WHERE u.id IN ${sql.raw(`(${unitIds.join(',')})`)} AND u.enabled AND ${unitScopeSql(actor, 'u')}`),
    );
    const byId = new Map(found.map((u) => [u.id, u.kind]));
    for (const id of unitIds) if (!byId.has(id)) throw new AppError('NOT_FOUND');
    if (input.enterpriseUnitId && byId.get(input.enterpriseUnitId) !== 'enterprise') throw new AppError('UNIT_NOT_ENTERPRISE', {}, 422);
  }
  if (leadUnitId && input.cooperatingUnitIds?.includes(leadUnitId)) throw new AppError('LEAD_ALSO_COOPERATING', {}, 422);
  if (input.leaderUserId) {
    const [leader] = await tx
      .select({ id: userRoles.userId })
      .from(userRoles)
      .where(and(eq(userRoles.userId, input.leaderUserId), eq(userRoles.role, 'leader')));
    if (!leader) throw new AppError('USER_NOT_LEADER', {}, 422);
  }
  if (input.roundId) {
    const [round] = await tx.select({ id: rounds.id }).from(rounds).where(eq(rounds.id, input.roundId));
    if (!round) throw new AppError('NOT_FOUND');
  }
  if (input.batchId) {
    const [batch] = await tx.select({ roundId: batches.roundId }).from(batches).where(eq(batches.id, input.batchId));
    if (!batch || (input.roundId && batch.roundId !== input.roundId)) throw new AppError('NOT_FOUND');
  }
  if (input.planId) {
    const [plan] = await tx.select({ id: plans.id }).from(plans).where(eq(plans.id, input.planId));
    if (!plan) throw new AppError('NOT_FOUND');
  }
}

function columnsOf(input: Partial<CreateProblemInput>) {
  const c: Partial<typeof problems.$inferInsert> = {};
  const copy = ['source', 'roundId', 'batchId', 'planId', 'category', 'title', 'description', 'regionId', 'address', 'enterpriseUnitId', 'enterpriseName', 'leadUnitId', 'leaderUserId', 'responsiblePerson', 'responsiblePhone', 'goal', 'measures', 'closingCriteria', 'deadlineKind', 'flagged', 'flagLevel', 'isPublic', 'remarks'] as const;
  for (const key of copy) if (input[key] !== undefined) (c as Record<string, unknown>)[key] = input[key];
  if (input.enterpriseUscc !== undefined) {
    const value = input.enterpriseUscc ? normalizeUscc(input.enterpriseUscc) : '';
    if (value) {
      const verdict = validateUscc(value);
      if (!verdict.ok) throw new AppError('USCC_INVALID', { code: value, reason: verdict.reason, expected: verdict.expected ?? '' }, 400);
    }
    c.enterpriseUscc = value || null;
  }
  if (input.lng !== undefined) c.lng = input.lng === null ? null : String(input.lng);
  if (input.lat !== undefined) c.lat = input.lat === null ? null : String(input.lat);
  if (input.deadlineKind !== undefined || input.deadline !== undefined) c.deadline = input.deadlineKind === 'date' || input.deadlineKind === undefined ? (input.deadline ?? null) : null;
  if (input.flagged === false) c.flagLevel = null;
  return c;
}

async function writeUnits(tx: Executor, problemId: number, leadUnitId: number | null, cooperating: number[]) {
  await tx.delete(problemUnits).where(eq(problemUnits.problemId, problemId));
  const rows = [
    ...(leadUnitId ? [{ problemId, unitId: leadUnitId, role: 'lead' }] : []),
    ...[...new Set(cooperating)].map((unitId) => ({ problemId, unitId, role: 'cooperating' })),
  ];
  if (rows.length) await tx.insert(problemUnits).values(rows);
}

/**
 * Replace the milestones of a round with the edited list. A milestone already reached keeps its completion date when
 * it stays in the list under the same title: editing the plan never erases what the unit reported.
 */
async function writeMilestones(tx: Executor, problemId: number, round: number, items: { title: string; dueOn: string }[]) {
  const where = and(eq(milestones.problemId, problemId), eq(milestones.rectificationRound, round));
  const previous = await tx.select({ title: milestones.title, doneOn: milestones.doneOn }).from(milestones).where(where);
  const doneByTitle = new Map(previous.filter((m) => m.doneOn).map((m) => [m.title, m.doneOn]));
  await tx.delete(milestones).where(where);
  if (items.length)
    await tx.insert(milestones).values(
      items.map((m, i) => ({ problemId, seq: i + 1, title: m.title, dueOn: m.dueOn, doneOn: doneByTitle.get(m.title) ?? null, rectificationRound: round })),
    );
}

/** 登记: a coordinator puts a problem on the list (待交办) with a generated, unique code. */
export async function createProblem(ctx: ActionContext, actor: Actor, input: CreateProblemInput) {
  requirePermission(actor, 'problem.register');
  if (input.deadlineKind === 'date' && !input.deadline) throw new AppError('PROBLEM_NEEDS_DEADLINE', {}, 400);
  return ctx.database.transaction(async (tx) => {
    await checkReferences(tx, actor, input, input.leadUnitId);
    const settings = await loadLoopSettings(tx);
    const [region] = await tx.select({ code: regions.code }).from(regions).where(eq(regions.id, input.regionId));
    const today = ctx.services.clock.today();
    const year = Number(today.slice(0, 4));
    const key = counterKey(settings.codePattern, { region: region!.code, year });
    const [counter] = await tx
      .insert(codeCounters)
      .values({ key, last: 1 })
      .onConflictDoUpdate({ target: codeCounters.key, set: { last: sql`${codeCounters.last} + 1` } })
      .returning({ last: codeCounters.last });
    const code = formatProblemCode(settings.codePattern, { region: region!.code, year, seq: counter!.last });
    const [row] = await tx
      .insert(problems)
      .values({ ...(columnsOf(input) as typeof problems.$inferInsert), code, status: 'registered', createdBy: actor.userId })
      .returning();
    await writeUnits(tx, row!.id, input.leadUnitId ?? null, input.cooperatingUnitIds ?? []);
    await writeMilestones(tx, row!.id, 1, input.milestones ?? []);
    await recordProblemEvent(tx, actor, row!, 'register', null, 'registered', { title: row!.title }, ctx.services.clock.now());
    await refreshDerived(tx, ctx.services, row!.id);
    return row!;
  });
}

/** 修改: the coordinator edits a problem until it enters the closing steps. */
export async function updateProblem(ctx: ActionContext, actor: Actor, id: number, input: UpdateProblemInput) {
  return runAction(ctx, actor, id, 'edit', async ({ tx, loaded }) => {
    const p = loaded.problem;
    if (p.version !== input.version) throw new AppError('CONFLICT');
    const leadUnitId = input.leadUnitId === undefined ? p.leadUnitId : input.leadUnitId;
    const kind = input.deadlineKind ?? p.deadlineKind;
    const deadline = input.deadline === undefined ? p.deadline : input.deadline;
    if (kind === 'date' && !deadline) throw new AppError('PROBLEM_NEEDS_DEADLINE', {}, 400);
    if (p.status !== 'registered' && leadUnitId === null) throw new AppError('PROBLEM_NEEDS_LEAD_UNIT', {}, 422);
    await checkReferences(tx, actor, input as Partial<CreateProblemInput>, leadUnitId);
    const patch = columnsOf({ ...(input as Partial<CreateProblemInput>), deadlineKind: kind, deadline });
    if (input.leadUnitId !== undefined || input.cooperatingUnitIds !== undefined) {
      const current = loaded.parties.units.filter((u) => u.role === 'cooperating').map((u) => u.id);
      await writeUnits(tx, id, leadUnitId, input.cooperatingUnitIds ?? current);
    }
    if (input.milestones) await writeMilestones(tx, id, p.rectificationRound, input.milestones);
    const changed = Object.keys(input).filter((k) => k !== 'version');
    const before = Object.fromEntries(changed.filter((k) => k in p).map((k) => [k, (p as Record<string, unknown>)[k]]));
    return { patch, details: { changed, before } };
  });
}

