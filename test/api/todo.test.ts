import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextReportDue } from '../../src/domain/schedule.js';
import { fixedClock } from '../../src/server/services.js';
import { endNotice } from '../../src/server/usecases/problems/end-notice.js';
import { createTestContext, signIn, type Session, type TestContext } from '../helpers/context.js';
import { addEvidence, problemInput } from '../helpers/problems.js';
import { act, assignedProblem, ensureLoopRoutes, type LoopParties } from '../helpers/loop.js';

const clock = fixedClock('2026-02-02');
let ctx: TestContext;
let coordinator: Session;
let water: Session;
let waterHead: Session;
let verifier: Session;
let town: Session;
let housing: Session;
let parties: LoopParties;

beforeAll(async () => {
  ctx = await createTestContext({ clock });
  await ensureLoopRoutes(ctx);
  coordinator = await signIn(ctx.app, 'coordinator');
  water = await signIn(ctx.app, 'handler.water');
  waterHead = await signIn(ctx.app, 'head.water');
  verifier = await signIn(ctx.app, 'verifier');
  town = await signIn(ctx.app, 'handler.town1');
  housing = await signIn(ctx.app, 'handler.housing');
  parties = { coordinator, handler: water, head: waterHead, verifier };
});
afterAll(async () => ctx?.close());

interface Bucket {
  key: string;
  count: number;
  items: { problemId: number; code: string; title: string; dueOn: string | null; warningLight: string; refId: number | null; returnReason: string | null }[];
}
const todo = async (s: Session) => {
  const res = await s.request('GET', '/api/todo');
  expect(res.statusCode).toBe(200);
  return res.json() as { total: number; buckets: Bucket[] };
};
const bucket = async (s: Session, key: string) => (await todo(s)).buckets.find((b) => b.key === key);
const count = async (s: Session, key: string) => (await bucket(s, key))?.count ?? 0;
/** every bucket's count, zero buckets left out */
const counts = async (s: Session) => Object.fromEntries((await todo(s)).buckets.filter((b) => b.count > 0).map((b) => [b.key, b.count]));

describe('to-do buckets per role as a problem moves through the loop', () => {
  let id: number;

  it('shows each role only the buckets that apply to it', async () => {
    expect((await todo(coordinator)).buckets.map((b) => b.key)).toEqual(['to_assign', 'to_verify', 'notice_due', 'to_archive', 'to_file', 'extensions', 'lookback']);
    expect((await todo(water)).buckets.map((b) => b.key)).toEqual(['to_acknowledge', 'to_report', 'returned', 'to_verify', 'lookback']);
    expect((await todo(waterHead)).buckets.map((b) => b.key)).toEqual(['to_acknowledge', 'returned', 'to_self_check', 'to_verify', 'lookback']);
    expect((await todo(verifier)).buckets.map((b) => b.key)).toEqual(['to_verify', 'lookback']);
    for (const s of [coordinator, water, waterHead, verifier]) expect((await todo(s)).total).toBe(0);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/todo' })).statusCode).toBe(401);
  });

  it('待交办 for the coordinator while registered; then 待签收 for the lead unit handler and head (not the cooperating unit, not other units)', async () => {
    const created = (await coordinator.request('POST', '/api/problems', await problemInput(ctx))).json();
    id = created.id;
    expect(await counts(water)).toEqual({});
    expect(await bucket(coordinator, 'to_assign')).toMatchObject({ count: 1, items: [{ problemId: id, code: created.code, dueOn: null, refId: null, returnReason: null }] });
    // Units never have this bucket.
    expect((await todo(town)).buckets.map((b) => b.key)).not.toContain('to_assign');
    await act(coordinator, id, 'assign');
    const b = await bucket(water, 'to_acknowledge');
    expect(b).toMatchObject({ count: 1, items: [{ problemId: id, code: created.code, dueOn: '2026-02-05', warningLight: 'yellow', refId: null }] });
    expect(await counts(waterHead)).toEqual({ to_acknowledge: 1 });
    expect(await counts(town)).toEqual({});
    expect(await counts(housing)).toEqual({});
    expect(await counts(coordinator)).toEqual({});
  });

  it('待报送: after acknowledging, once the next report falls within the yellow window, for lead and cooperating handlers', async () => {
    await act(water, id, 'acknowledge');
    expect(await counts(water)).toEqual({});
    clock.set('2026-02-27');
    const due = nextReportDue(null, '2026-02-02', { every: 1, unit: 'months' }, await ctx.services.calendar.get())!;
    expect((await bucket(water, 'to_report'))).toMatchObject({ count: 1, items: [{ problemId: id, dueOn: due }] });
    expect(await counts(town)).toEqual({ to_report: 1 });
    expect(await counts(waterHead)).toEqual({});
  });

  let reportId: number;
  it('被退回: a returned report of the unit, until the unit reports again', async () => {
    const p = (await water.request('GET', `/api/problems/${id}`)).json();
    const photo = await addEvidence(ctx, id, water.userId, 'photo', 'progress');
    await act(water, id, 'report-progress', { text: '完成排查', milestoneIdsDone: [p.milestones[0].id], evidenceIds: [photo] });
    expect(await counts(water)).toEqual({});
    reportId = (await coordinator.request('GET', `/api/problems/${id}`)).json().progressReports[0].id;
    await act(coordinator, id, 'return-report', { reportId, reason: '请补充照片' });
    expect(await bucket(water, 'returned')).toMatchObject({ count: 1, items: [{ problemId: id, refId: reportId, returnReason: '请补充照片' }] });
    expect(await count(waterHead, 'returned')).toBe(1);
    // The returned report no longer counts: the report is due again.
    expect(await count(water, 'to_report')).toBe(1);
    // The cooperating unit did not write it.
    expect(await counts(town)).toEqual({ to_report: 1 });
  });

  it('被退回 says why: the reason of the latest return', async () => {
    await act(water, id, 'report-progress', { text: '补充了照片' });
    expect(await count(water, 'returned')).toBe(0);
    const again = (await coordinator.request('GET', `/api/problems/${id}`)).json().progressReports.find((r: { status: string }) => r.status === 'submitted').id;
    await act(coordinator, id, 'return-report', { reportId: again, reason: '照片模糊，请重新拍摄' });
    expect((await bucket(waterHead, 'returned'))!.items).toEqual([expect.objectContaining({ problemId: id, refId: again, returnReason: '照片模糊，请重新拍摄' })]);
  });

  it('待自查: the head, once every milestone of the round is done', async () => {
    const p = (await water.request('GET', `/api/problems/${id}`)).json();
    await act(water, id, 'report-progress', { text: '补充照片，完成截污', milestoneIdsDone: [p.milestones[1].id] });
    expect(await counts(water)).toEqual({});
    expect(await counts(waterHead)).toEqual({ to_self_check: 1 });
    expect((await bucket(waterHead, 'to_self_check'))!.items[0]).toMatchObject({ problemId: id, dueOn: '2026-09-30' });
  });

  it('待核查: the assigned verifier until the verification is recorded', async () => {
    const doc = await addEvidence(ctx, id, waterHead.userId, 'document', 'self_check');
    await act(waterHead, id, 'submit-self-check', {
      items: [
        { criterion: '3 处排口全部完成截污', statement: '已完成', evidenceIds: [doc] },
        { criterion: '连续 3 个月监测达标', statement: '达标', evidenceIds: [] },
      ],
    });
    expect(await counts(waterHead)).toEqual({});
    await act(coordinator, id, 'start-verification', { verifierUserId: verifier.userId });
    expect(await bucket(verifier, 'to_verify')).toMatchObject({ count: 1, items: [{ problemId: id }] });
    expect(await counts(coordinator)).toEqual({});
    const photo = await addEvidence(ctx, id, verifier.userId, 'photo', 'verification');
    await act(verifier, id, 'record-verification', { result: 'pass', onSiteRecord: '通过', evidenceIds: [photo] });
    expect(await counts(verifier)).toEqual({});
  });

  it('公示到期: the coordinator, from two days before the notice ends', async () => {
    const notice = (await coordinator.request('GET', `/api/problems/${id}`)).json().notices[0];
    expect(notice.endsOn).toBe('2026-03-06');
    expect(await counts(coordinator)).toEqual({});
    clock.set('2026-03-04');
    expect(await bucket(coordinator, 'notice_due')).toMatchObject({ count: 1, items: [{ problemId: id, dueOn: '2026-03-06', refId: notice.id }] });
    // Ended with an objection pending: still the coordinator's to decide.
    clock.set('2026-03-09');
    await act(coordinator, id, 'record-objection', { content: '群众反映仍有异味', receivedOn: '2026-03-05' });
    expect(await count(coordinator, 'notice_due')).toBe(1);
    const objectionId = (await coordinator.request('GET', `/api/problems/${id}`)).json().notices[0].objections[0].id;
    await act(coordinator, id, 'decide-objection', { objectionId, upheld: false, note: '经核实无异味' });
    await endNotice({ database: ctx.database, services: ctx.services }, 'system', id);
    expect(await counts(coordinator)).toEqual({ to_archive: 1 });
  });

  it('待归档 → 待备案 → nothing', async () => {
    await act(coordinator, id, 'archive');
    expect(await bucket(coordinator, 'to_file')).toMatchObject({ count: 1, items: [{ problemId: id }] });
    await act(coordinator, id, 'file', { filingNumber: '青督改备〔2026〕7号', filingDate: '2026-03-09' });
    expect(await counts(coordinator)).toEqual({});
    for (const s of [water, waterHead, verifier, town]) expect(await counts(s)).toEqual({});
  });

  it('待审批延期: the coordinator, while an extension request is pending', async () => {
    const other = await assignedProblem(ctx, parties, { title: '延期测试' });
    await act(water, other, 'request-extension', { newDeadline: '2026-12-31', reason: '汛期' });
    const ext = (await coordinator.request('GET', `/api/problems/${other}`)).json().extensions[0];
    expect(await bucket(coordinator, 'extensions')).toMatchObject({ count: 1, items: [{ problemId: other, refId: ext.id, dueOn: '2026-12-31' }] });
    await act(coordinator, other, 'decide-extension', { extensionId: ext.id, approve: false, note: '不同意' });
    expect(await count(coordinator, 'extensions')).toBe(0);
  });

  it('回头看: the assigned checker until the check is recorded', async () => {
    const campaign = (await coordinator.request('POST', '/api/lookback/campaigns', { name: '回头看', sampling: { kind: 'all' } })).json();
    const check = campaign.checks[0];
    await coordinator.request('POST', `/api/lookback/campaigns/${campaign.id}/assign`, { checks: [{ checkId: check.id, checkerUserId: verifier.userId }] });
    expect(await bucket(verifier, 'lookback')).toMatchObject({ count: 1, items: [{ problemId: id, refId: check.id }] });
    await verifier.request('POST', `/api/lookback/checks/${check.id}/record`, { result: 'consolidated', note: '巩固' });
    expect(await counts(verifier)).toEqual({});
  });

  it('lists at most 10 items per bucket, with the full count', async () => {
    for (let i = 0; i < 11; i++) await assignedProblem(ctx, parties, { title: `批量 ${i}` });
    const b = await bucket(water, 'to_acknowledge');
    expect(b!.count).toBe(12); // the extension-test problem is still assigned too
    expect(b!.items).toHaveLength(10);
  });
});

describe('notifications', () => {
  it('each user sees only their own, newest first, with the problem code', async () => {
    const res = await water.request('GET', '/api/notifications?pageSize=5');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(5);
    expect(body.total).toBeGreaterThan(5);
    expect(body.unread).toBe(body.total);
    expect(body.items[0]).toMatchObject({ kind: 'assigned', readAt: null });
    expect(body.items[0].problemCode).toMatch(/^DC339901-2026-\d{4}$/);
    const ids = body.items.map((n: { id: number }) => n.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const page2 = (await water.request('GET', '/api/notifications?pageSize=5&page=2')).json();
    expect(page2.items.every((n: { id: number }) => n.id < ids[4])).toBe(true);
    const verifierOwn = (await verifier.request('GET', '/api/notifications?pageSize=100')).json();
    expect(verifierOwn.items.map((n: { kind: string }) => n.kind).sort()).toEqual(['lookback_check', 'verification_requested']);
  });

  it('reads one, then all; nobody can read another user’s', async () => {
    const first = (await water.request('GET', '/api/notifications')).json().items[0];
    expect((await verifier.request('POST', `/api/notifications/${first.id}/read`, {})).statusCode).toBe(404);
    const before = (await water.request('GET', '/api/notifications/unread-count')).json().unread;
    const read = await water.request('POST', `/api/notifications/${first.id}/read`, {});
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toBeTruthy();
    expect((await water.request('POST', `/api/notifications/${first.id}/read`, {})).json().readAt).toBe(read.json().readAt);
    expect((await water.request('GET', '/api/notifications/unread-count')).json().unread).toBe(before - 1);
    const unreadOnly = (await water.request('GET', '/api/notifications?unreadOnly=true&pageSize=100')).json();
    expect(unreadOnly.items.some((n: { id: number }) => n.id === first.id)).toBe(false);
    expect(unreadOnly.total).toBe(before - 1);
    expect((await water.request('POST', '/api/notifications/read-all', {})).json()).toEqual({ updated: before - 1 });
    expect((await water.request('GET', '/api/notifications/unread-count')).json().unread).toBe(0);
    expect((await verifier.request('GET', '/api/notifications/unread-count')).json().unread).toBe(2);
  });

  it('refuses writes without the CSRF token', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: { cookie: water.cookie }, payload: {} });
    expect(res.statusCode).toBe(403);
  });
});
