import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stratifiedSample } from '../../src/domain/sampling.js';
import { fixedClock } from '../../src/server/services.js';
import { createTestContext, signIn, unitId, userIdOf, type Session, type TestContext } from '../helpers/context.js';
import { addEvidence } from '../helpers/problems.js';
import { closedProblem, ensureLoopRoutes, rectifyingProblem, type LoopParties } from '../helpers/loop.js';

const clock = fixedClock('2026-02-02');
let ctx: TestContext;
let coordinator: Session;
let water: Session;
let waterHead: Session;
let housing: Session;
let housingHead: Session;
let town: Session;
let verifier: Session;
let admin: Session;
let waterParties: LoopParties;
const closed = { water: [] as number[], housing: [] as number[], town: [] as number[] };
let openWater: number;

interface Check {
  id: number;
  problemId: number;
  problemCode: string;
  leadUnit: { id: number; name: string } | null;
  checker: { id: number; name: string } | null;
  result: string | null;
}

beforeAll(async () => {
  ctx = await createTestContext({ clock });
  await ensureLoopRoutes(ctx);
  const sessions: Session[] = [];
  for (const u of ['coordinator', 'handler.water', 'head.water', 'handler.housing', 'head.housing', 'handler.town1', 'verifier', 'admin']) sessions.push(await signIn(ctx.app, u));
  [coordinator, water, waterHead, housing, housingHead, town, verifier, admin] = sessions as [Session, Session, Session, Session, Session, Session, Session, Session];
  waterParties = { coordinator, handler: water, head: waterHead, verifier };
  const housingParties = { coordinator, handler: housing, head: housingHead, verifier };
  const townParties = { coordinator, handler: town, head: town, verifier };
  const housingUnit = { leadUnitId: await unitId(ctx, '县住建局'), cooperatingUnitIds: [], category: 'solid_waste' };
  const townUnit = { leadUnitId: await unitId(ctx, '白沙镇人民政府'), cooperatingUnitIds: [] };
  for (let i = 0; i < 4; i++) closed.water.push(await closedProblem(ctx, waterParties, { title: `水利问题 ${i + 1}` }));
  for (let i = 0; i < 3; i++) closed.housing.push(await closedProblem(ctx, housingParties, { ...housingUnit, title: `住建问题 ${i + 1}` }));
  closed.town.push(await closedProblem(ctx, townParties, { ...townUnit, title: '白沙镇问题' }));
  openWater = await rectifyingProblem(ctx, waterParties, { title: '尚在整改的问题' });
});
afterAll(async () => ctx?.close());

const allClosed = () => [...closed.water, ...closed.housing, ...closed.town].sort((a, b) => a - b);
const create = (s: Session, body: unknown) => s.request('POST', '/api/lookback/campaigns', body);

describe('who may run a look-back', () => {
  it('only the coordinator: units, verifiers and admins are refused', async () => {
    for (const s of [water, waterHead, verifier, admin]) {
      expect((await s.request('GET', '/api/lookback/campaigns')).statusCode).toBe(403);
      expect((await create(s, { name: 'x', sampling: { kind: 'all' } })).statusCode).toBe(403);
    }
  });
});

describe('campaigns', () => {
  let campaignAll: number;
  let stratified: { id: number; checks: Check[] };

  it('draws every closed problem in scope, never an open one', async () => {
    const res = await create(coordinator, { name: '2026 年第一轮回头看（全部）', sampling: { kind: 'all' } });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    campaignAll = c.id;
    expect(c).toMatchObject({ status: 'open', counts: { total: 8, checked: 0, consolidated: 0, rebound: 0 }, sampling: { kind: 'all', population: 8, drawn: 8 } });
    expect(c.checks.map((k: Check) => k.problemId).sort((a: number, b: number) => a - b)).toEqual(allClosed());
    expect(c.checks.some((k: Check) => k.problemId === openWater)).toBe(false);
    expect(c.checks[0]).toMatchObject({ checker: null, result: null, problemStatus: 'closed' });
    const audit = await ctx.database.raw<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'lookback.campaign_created' AND entity_id = $1", [String(c.id)]);
    expect(audit[0]!.n).toBe(1);
  });

  it('filters by category', async () => {
    const c = (await create(coordinator, { name: '固废专项', sampling: { kind: 'all' }, filter: { category: 'solid_waste' } })).json();
    expect(c.checks.map((k: Check) => k.problemId).sort((a: number, b: number) => a - b)).toEqual(closed.housing);
  });

  it('refuses an empty draw and bad input', async () => {
    const empty = await create(coordinator, { name: '空', sampling: { kind: 'all' }, filter: { closedTo: '2020-01-01' } });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().code).toBe('LOOKBACK_NOTHING_TO_DRAW');
    for (const sampling of [{ kind: 'stratified', ratio: 0 }, { kind: 'stratified', ratio: 1.5 }, { kind: 'stratified' }, { kind: 'some' }]) {
      expect((await create(coordinator, { name: 'x', sampling })).statusCode).toBe(400);
    }
    expect((await create(coordinator, { name: 'x', sampling: { kind: 'all' }, filter: { closedFrom: '2026-03-01', closedTo: '2026-02-01' } })).statusCode).toBe(400);
  });

  it('draws a stratified sample: every lead unit covered, proportional, reproducible from the stored seed', async () => {
    const res = await create(coordinator, { name: '抽查 30%', sampling: { kind: 'stratified', ratio: 0.3, seed: 'qingxi-2026-q1' } });
    expect(res.statusCode).toBe(201);
    stratified = res.json();
    const c = res.json();
    expect(c.sampling).toMatchObject({ kind: 'stratified', ratio: 0.3, seed: 'qingxi-2026-q1', stratifiedBy: 'lead_unit', population: 8, drawn: 3 });
    const byUnit = new Map<string, number>();
    for (const k of c.checks as Check[]) byUnit.set(k.leadUnit!.name, (byUnit.get(k.leadUnit!.name) ?? 0) + 1);
    expect(Object.fromEntries(byUnit)).toEqual({ 青溪县水利局: 1, 青溪县住房和城乡建设局: 1, 白沙镇人民政府: 1 });
    const again = (await create(coordinator, { name: '同一种子', sampling: { kind: 'stratified', ratio: 0.3, seed: 'qingxi-2026-q1' } })).json();
    const ids = (x: { checks: Check[] }) => x.checks.map((k) => k.problemId).sort((a, b) => a - b);
    expect(ids(again)).toEqual(ids(c));
    // Anyone can redo the draw from the population and the stored seed.
    const population = await ctx.database.raw<{ id: number; lead_unit_id: number }>("SELECT id, lead_unit_id FROM problems WHERE status = 'closed'");
    expect(stratifiedSample(population.map((p) => ({ id: Number(p.id), stratum: String(p.lead_unit_id) })), { ratio: 0.3, seed: 'qingxi-2026-q1' })).toEqual(ids(c));
  });

  it('generates and stores a seed when none is given', async () => {
    const c = (await create(coordinator, { name: '随机种子', sampling: { kind: 'stratified', ratio: 0.5 } })).json();
    expect(c.sampling.seed).toMatch(/^[0-9a-f]{16}$/);
    const population = await ctx.database.raw<{ id: number; lead_unit_id: number }>("SELECT id, lead_unit_id FROM problems WHERE status = 'closed'");
    const redo = stratifiedSample(population.map((p) => ({ id: Number(p.id), stratum: String(p.lead_unit_id) })), { ratio: 0.5, seed: c.sampling.seed });
    expect(c.checks.map((k: Check) => k.problemId).sort((a: number, b: number) => a - b)).toEqual(redo);
    expect(c.sampling.strata).toHaveLength(3);
  });

  it('lists campaigns with their counts; a unit cannot open one', async () => {
    const list = (await coordinator.request('GET', '/api/lookback/campaigns')).json();
    expect(list.total).toBe(5);
    expect(list.items[list.items.length - 1]).toMatchObject({ id: campaignAll, counts: { total: 8 }, createdBy: { name: '周督办' } });
    expect((await water.request('GET', `/api/lookback/campaigns/${campaignAll}`)).statusCode).toBe(403);
    expect((await coordinator.request('GET', '/api/lookback/campaigns/99999')).statusCode).toBe(404);
  });

  it('the rectifying units cannot check their own problem; an independent checker is assigned and notified', async () => {
    const waterCheck = stratified.checks.find((k) => closed.water.includes(k.problemId))!;
    const url = `/api/lookback/campaigns/${stratified.id}/assign`;
    const own = await coordinator.request('POST', url, { checks: [{ checkId: waterCheck.id, checkerUserId: water.userId }] });
    expect(own.statusCode).toBe(422);
    expect(own.json().code).toBe('LOOKBACK_CHECKER_NOT_INDEPENDENT');
    // 白沙镇 cooperates on the water problems: not independent either.
    const cooperating = await coordinator.request('POST', url, { checks: [{ checkId: waterCheck.id, checkerUserId: town.userId }] });
    expect(cooperating.json().code).toBe('LOOKBACK_CHECKER_NOT_INDEPENDENT');
    const unknown = await coordinator.request('POST', url, { checks: [{ checkId: 999999, checkerUserId: verifier.userId }] });
    expect(unknown.json().code).toBe('LOOKBACK_CHECK_UNKNOWN');
    const nobody = await coordinator.request('POST', url, { checks: [{ checkId: waterCheck.id, checkerUserId: 999999 }] });
    expect(nobody.json().code).toBe('LOOKBACK_CHECKER_NOT_FOUND');
    expect((await water.request('POST', url, { checks: [{ checkId: waterCheck.id, checkerUserId: verifier.userId }] })).statusCode).toBe(403);

    const res = await coordinator.request('POST', url, {
      checks: stratified.checks.map((k) => ({ checkId: k.id, checkerUserId: closed.housing.includes(k.problemId) ? water.userId : verifier.userId })),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().checks.map((k: Check) => k.checker?.name).sort()).toEqual(['吴核查', '吴核查', '李水清']);
    const n = await ctx.database.raw<{ user_id: number; n: number }>(
      "SELECT user_id, count(*)::int AS n FROM notifications WHERE kind = 'lookback_check' GROUP BY user_id ORDER BY user_id",
    );
    expect(n.map((r) => [Number(r.user_id), r.n])).toEqual([[verifier.userId, 2], [water.userId, 1]].sort((a, b) => a[0]! - b[0]!));
  });

  it('a check is seen and recorded by its checker or the coordinator only', async () => {
    const townCheck = stratified.checks.find((k) => closed.town.includes(k.problemId))!;
    expect((await verifier.request('GET', `/api/lookback/checks/${townCheck.id}`)).json()).toMatchObject({ id: townCheck.id, checker: { name: '吴核查' }, campaignName: '抽查 30%' });
    expect((await housing.request('GET', `/api/lookback/checks/${townCheck.id}`)).statusCode).toBe(404);
    const res = await housing.request('POST', `/api/lookback/checks/${townCheck.id}/record`, { result: 'consolidated', note: '复查良好' });
    expect(res.statusCode).toBe(404);
    // The checker may now see the problem it checks (personal scope).
    expect((await verifier.request('GET', `/api/problems/${townCheck.problemId}`)).statusCode).toBe(200);
  });

  it('巩固: consolidated is recorded, the problem stays closed, the timeline shows the look-back', async () => {
    const townCheck = stratified.checks.find((k) => closed.town.includes(k.problemId))!;
    const photo = await addEvidence(ctx, townCheck.problemId, verifier.userId, 'photo', 'lookback');
    const res = await verifier.request('POST', `/api/lookback/checks/${townCheck.id}/record`, { result: 'consolidated', note: '现场复查，整改成效巩固', evidenceIds: [photo] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ result: 'consolidated', evidenceIds: [photo], problemStatus: 'closed', campaignCompleted: false });
    const p = (await coordinator.request('GET', `/api/problems/${townCheck.problemId}`)).json();
    expect(p).toMatchObject({ status: 'closed', rectificationRound: 1, rebounds: 0 });
    expect(p.timeline.at(-1)).toMatchObject({ action: 'lookback_check', fromStatus: 'closed', toStatus: 'closed', actorName: '吴核查', details: { result: 'consolidated' } });
    const twice = await verifier.request('POST', `/api/lookback/checks/${townCheck.id}/record`, { result: 'rebound', note: '改主意' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('LOOKBACK_CHECK_RECORDED');
    const foreign = await addEvidence(ctx, closed.water[0]!, verifier.userId, 'photo', 'lookback');
    const housingCheck = stratified.checks.find((k) => closed.housing.includes(k.problemId))!;
    const wrongEvidence = await water.request('POST', `/api/lookback/checks/${housingCheck.id}/record`, { result: 'consolidated', note: 'x', evidenceIds: [foreign] });
    expect(wrongEvidence.json().code).toBe('EVIDENCE_UNKNOWN');
  });

  it('反弹: a rebound by the checker reopens the problem into round 2, round 1 kept, counted as a rebound', async () => {
    const waterCheck = stratified.checks.find((k) => closed.water.includes(k.problemId))!;
    const id = waterCheck.problemId;
    const before = (await coordinator.request('GET', `/api/problems/${id}`)).json();
    const round1Events = before.timeline.length;
    // Before the check, the checker has no standing to reopen the problem on its own.
    const seenByChecker = (await verifier.request('GET', `/api/problems/${id}`)).json();
    expect(seenByChecker.allowedActions).not.toContain('reopen');
    const direct = await verifier.request('POST', `/api/problems/${id}/reopen`, { reason: '未经回头看记录的重新整改' });
    expect(direct.statusCode).toBe(403);
    expect(direct.json().code).toBe('ACTION_NOT_YOUR_PART');
    const res = await verifier.request('POST', `/api/lookback/checks/${waterCheck.id}/record`, { result: 'rebound', note: '回头看发现排口复现污水直排' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ result: 'rebound', problemStatus: 'rectifying', rectificationRound: 2 });
    const p = (await coordinator.request('GET', `/api/problems/${id}`)).json();
    expect(p).toMatchObject({ status: 'rectifying', rectificationRound: 2, rebounds: 1, verificationFailures: 0, filingNumber: null, closedOn: null });
    expect(p.archives).toHaveLength(1);
    expect(p.archives[0].round).toBe(1);
    expect(p.verifications.filter((v: { round: number }) => v.round === 1)).toHaveLength(1);
    expect(p.notices.filter((n: { round: number }) => n.round === 1)).toHaveLength(1);
    expect(p.timeline.filter((e: { round: number }) => e.round === 1)).toHaveLength(round1Events + 1);
    expect(p.timeline.slice(-2).map((e: { action: string; round: number }) => [e.action, e.round])).toEqual([
      ['lookback_check', 1],
      ['reopen', 2],
    ]);
    expect(p.timeline.at(-1)).toMatchObject({ actorName: '吴核查', details: { lookbackCheckId: waterCheck.id, reason: '回头看发现排口复现污水直排', previousRound: 1, round: 2 } });
    expect(p.milestones.filter((m: { round: number }) => m.round === 2)).toHaveLength(2);
    // The lead and cooperating units are told.
    const told = await ctx.database.raw<{ n: number }>("SELECT count(*)::int AS n FROM notifications WHERE kind = 'reopened' AND problem_id = $1", [id]);
    expect(told[0]!.n).toBe(3);
    // The reopening is the checker's own step in the history (no borrowed coordinator role)...
    const audit = await ctx.database.raw<{ actor_id: number }>("SELECT actor_id FROM audit_log WHERE action = 'problem.reopen' AND entity_id = $1", [String(id)]);
    expect(audit.map((r) => Number(r.actor_id))).toEqual([verifier.userId]);
    // ...and used up: once reopened, the check gives no further standing.
    expect((await verifier.request('GET', `/api/problems/${id}`)).json().allowedActions).not.toContain('reopen');
    // The lead unit now has the problem to rectify again.
    expect((await water.request('GET', `/api/problems/${id}`)).json().allowedActions).toContain('report_progress');
  });

  it('a rebound on a problem that is no longer closed is refused and nothing is recorded', async () => {
    const reopened = stratified.checks.find((k) => closed.water.includes(k.problemId))!.problemId;
    const all = (await coordinator.request('GET', `/api/lookback/campaigns/${campaignAll}`)).json();
    const check = all.checks.find((k: Check) => k.problemId === reopened);
    const res = await coordinator.request('POST', `/api/lookback/checks/${check.id}/record`, { result: 'rebound', note: '重复' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('ACTION_WRONG_STATUS');
    expect((await coordinator.request('GET', `/api/lookback/checks/${check.id}`)).json()).toMatchObject({ result: null, checkedAt: null });
    const p = (await coordinator.request('GET', `/api/problems/${reopened}`)).json();
    expect(p).toMatchObject({ rectificationRound: 2, rebounds: 1 });
  });

  it('the campaign completes with its last check; the coordinator may record too', async () => {
    const housingCheck = stratified.checks.find((k) => closed.housing.includes(k.problemId))!;
    const res = await coordinator.request('POST', `/api/lookback/checks/${housingCheck.id}/record`, { result: 'consolidated', note: '督察办复查' });
    expect(res.json()).toMatchObject({ result: 'consolidated', checker: { name: '李水清' }, campaignCompleted: true });
    const c = (await coordinator.request('GET', `/api/lookback/campaigns/${stratified.id}`)).json();
    expect(c).toMatchObject({ status: 'completed', counts: { total: 3, checked: 3, consolidated: 2, rebound: 1 } });
    const assignLate = await coordinator.request('POST', `/api/lookback/campaigns/${stratified.id}/assign`, { checks: [{ checkId: housingCheck.id, checkerUserId: verifier.userId }] });
    expect(assignLate.json().code).toBe('LOOKBACK_CHECK_RECORDED');
    const list = (await coordinator.request('GET', '/api/lookback/campaigns?status=completed')).json();
    expect(list.items.map((x: { id: number }) => x.id)).toEqual([stratified.id]);
  });

  it('keeps the history chain intact', async () => {
    const verdict = (await admin.request('POST', '/api/audit/verify')).json();
    expect(verdict.ok).toBe(true);
    expect(await userIdOf(ctx, 'verifier')).toBe(verifier.userId);
  });
});
