import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/server/services.js';
import { endExpiredNotices } from '../../src/server/usecases/problems/end-notice.js';
import { createTestContext, signIn, userIdOf, type Session, type TestContext } from '../helpers/context.js';
import { addEvidence, problemInput } from '../helpers/problems.js';

const clock = fixedClock('2026-02-02');
let ctx: TestContext;
let coordinator: Session;
let water: Session;
let waterHead: Session;
let verifier: Session;
let housing: Session;

beforeAll(async () => {
  ctx = await createTestContext({ clock });
  coordinator = await signIn(ctx.app, 'coordinator');
  water = await signIn(ctx.app, 'handler.water');
  waterHead = await signIn(ctx.app, 'head.water');
  verifier = await signIn(ctx.app, 'verifier');
  housing = await signIn(ctx.app, 'handler.housing');
});
afterAll(async () => ctx.close());

const act = (s: Session, id: number, action: string, body: unknown = {}) => s.request('POST', `/api/problems/${id}/${action}`, body);

describe('the closed loop, from registration to 已销号', () => {
  let id: number;

  it('registers a problem with a generated code, 待交办 and green', async () => {
    const res = await coordinator.request('POST', '/api/problems', await problemInput(ctx));
    expect(res.statusCode).toBe(201);
    const p = res.json();
    id = p.id;
    expect(p.code).toBe('DC339901-2026-0001');
    expect(p).toMatchObject({ status: 'registered', warningLight: 'green', allowedActions: ['edit', 'assign'] });
    expect(p.cooperatingUnits.map((u: { name: string }) => u.name)).toEqual(['白沙镇人民政府']);
  });

  it('numbers the next problem in sequence', async () => {
    const res = await coordinator.request('POST', '/api/problems', await problemInput(ctx, { title: '第二个问题' }));
    expect(res.json().code).toBe('DC339901-2026-0002');
  });

  it('assigns it: the lead unit must acknowledge within 3 working days and is notified', async () => {
    const res = await act(coordinator, id, 'assign');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'assigned', assignedOn: '2026-02-02', ackDueOn: '2026-02-05' });
    const n = await ctx.database.raw<{ n: number }>("SELECT count(*)::int AS n FROM notifications WHERE kind = 'assigned' AND problem_id = $1", [id]);
    expect(n[0]!.n).toBe(3); // handler.water, head.water, handler.town1
  });

  it('shows the lead unit only its own steps, and hides the problem from other units', async () => {
    expect((await water.request('GET', `/api/problems/${id}`)).json().allowedActions).toEqual(['acknowledge', 'request_extension']);
    expect((await housing.request('GET', `/api/problems/${id}`)).statusCode).toBe(404);
    expect((await act(housing, id, 'acknowledge')).statusCode).toBe(404);
    expect((await housing.request('GET', '/api/problems')).json().total).toBe(0);
    expect((await water.request('GET', '/api/problems')).json().total).toBe(2);
  });

  it('refuses an action out of turn with a clear message', async () => {
    const res = await act(coordinator, id, 'archive');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ code: 'ACTION_WRONG_STATUS', message: '问题当前状态为“已交办”，不能执行“归档”' });
    const notMine = await act(coordinator, id, 'acknowledge');
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().code).toBe('ACTION_NOT_YOUR_PART');
  });

  it('the lead unit acknowledges and reports progress with a milestone done', async () => {
    clock.set('2026-02-03');
    expect((await act(water, id, 'acknowledge')).json().status).toBe('acknowledged');
    const p = (await water.request('GET', `/api/problems/${id}`)).json();
    const photo = await addEvidence(ctx, id, water.userId, 'photo', 'progress');
    const res = await act(water, id, 'report-progress', { text: '已完成 3 处排口排查，制定截污方案。', milestoneIdsDone: [p.milestones[0].id], evidenceIds: [photo] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rectifying', latestProgress: '已完成 3 处排口排查，制定截污方案。' });
    expect(res.json().milestones[0].doneOn).toBe('2026-02-03');
  });

  it('the coordinator returns a report with a reason; the unit is told', async () => {
    const reportId = (await coordinator.request('GET', `/api/problems/${id}`)).json().progressReports[0].id;
    const res = await act(coordinator, id, 'return-report', { reportId, reason: '照片未显示排口位置，请补充。' });
    expect(res.json().progressReports[0]).toMatchObject({ status: 'returned', returnReason: '照片未显示排口位置，请补充。' });
    const again = await act(coordinator, id, 'return-report', { reportId, reason: '重复' });
    expect(again.json()).toEqual({ code: 'ACTION_NOTHING_PENDING', message: '当前没有待处理的事项，不能“退回报送”' });
    expect((await coordinator.request('GET', `/api/problems/${id}`)).json().allowedActions).not.toContain('return_report');
  });

  it('an extension is requested, approved and becomes the deadline in force', async () => {
    const early = await act(water, id, 'request-extension', { newDeadline: '2026-09-01', reason: '太早' });
    expect(early.json().code).toBe('EXTENSION_NOT_LATER');
    await act(water, id, 'request-extension', { newDeadline: '2026-12-31', reason: '汛期影响施工' });
    expect((await act(water, id, 'request-extension', { newDeadline: '2027-01-31', reason: '再延' })).json().code).toBe('EXTENSION_PENDING');
    const pending = (await coordinator.request('GET', `/api/problems/${id}`)).json();
    expect(pending.allowedActions).toContain('decide_extension');
    const extId = pending.extensions[0].id;
    const res = await act(coordinator, id, 'decide-extension', { extensionId: extId, approve: true, note: '同意' });
    expect(res.json().allowedActions).not.toContain('decide_extension');
    expect(res.json()).toMatchObject({ deadline: '2026-12-31', originalDeadline: '2026-09-30', extended: true });
    const ledger = (await coordinator.request('GET', '/api/problems?sort=deadline')).json().items;
    expect(ledger.find((r: { id: number }) => r.id === id)).toMatchObject({ deadline: '2026-12-31', extended: true });
  });

  it('the self-check must answer every closing criterion and be signed by the unit head', async () => {
    const evidence = await addEvidence(ctx, id, water.userId, 'document', 'self_check');
    const items = [
      { criterion: '3 处排口全部完成截污', statement: '已完成截污纳管并封堵', evidenceIds: [evidence] },
      { criterion: '连续 3 个月监测达标', statement: '2026 年 3–5 月监测均达标', evidenceIds: [] },
    ];
    expect((await act(water, id, 'submit-self-check', { items })).json().code).toBe('ACTION_NOT_YOUR_PART');
    const partial = await act(waterHead, id, 'submit-self-check', { items: items.slice(0, 1) });
    expect(partial.json().code).toBe('SELF_CHECK_CRITERIA_MISMATCH');
    const res = await act(waterHead, id, 'submit-self-check', { items });
    expect(res.json()).toMatchObject({ status: 'self_check_submitted', scheduleState: 'rectified', warningLight: 'green' });
  });

  it('the rectifying unit cannot verify its own problem; an independent verifier is assigned', async () => {
    const own = await act(coordinator, id, 'start-verification', { verifierUserId: await userIdOf(ctx, 'head.water') });
    expect(own.json().code).toBe('VERIFIER_NOT_FOUND');
    // Make a water-bureau user a verifier too: still refused, because the unit is a rectifying one.
    await ctx.database.raw("INSERT INTO user_roles (user_id, role) SELECT id, 'verifier' FROM users WHERE username = 'handler.water'");
    const sameUnit = await act(coordinator, id, 'start-verification', { verifierUserId: water.userId });
    expect(sameUnit.json().code).toBe('VERIFIER_NOT_INDEPENDENT');
    const res = await act(coordinator, id, 'start-verification', { verifierUserId: verifier.userId });
    expect(res.json()).toMatchObject({ status: 'verifying', verifier: { name: '吴核查' } });
  });

  it('a failed verification goes back to rectifying and is counted', async () => {
    const photo = await addEvidence(ctx, id, verifier.userId, 'photo', 'verification');
    const noReasons = await act(verifier, id, 'record-verification', { result: 'fail', onSiteRecord: '现场检查', evidenceIds: [photo] });
    expect(noReasons.json().code).toBe('VERIFICATION_NEEDS_REASONS');
    const res = await act(verifier, id, 'record-verification', { result: 'fail', onSiteRecord: '现场检查发现 1 处排口仍有渗漏', reasons: '东岸 2 号排口封堵不严', evidenceIds: [photo] });
    expect(res.json()).toMatchObject({ status: 'rectifying', verificationFailures: 1 });
  });

  it('after fixing, the second verification passes and the notice opens for 7 days', async () => {
    const photo = await addEvidence(ctx, id, water.userId, 'photo', 'self_check');
    await act(water, id, 'report-progress', { text: '2 号排口重新封堵', evidenceIds: [photo] });
    await act(waterHead, id, 'submit-self-check', {
      items: [
        { criterion: '3 处排口全部完成截污', statement: '全部封堵', evidenceIds: [photo] },
        { criterion: '连续 3 个月监测达标', statement: '达标', evidenceIds: [] },
      ],
    });
    await act(coordinator, id, 'start-verification', { verifierUserId: verifier.userId });
    const doc = await addEvidence(ctx, id, verifier.userId, 'document', 'verification');
    const noPhoto = await act(verifier, id, 'record-verification', { result: 'pass', onSiteRecord: '现场核查通过', evidenceIds: [doc] });
    expect(noPhoto.json().code).toBe('VERIFICATION_NEEDS_PHOTOS');
    const photo2 = await addEvidence(ctx, id, verifier.userId, 'photo', 'verification');
    const res = await act(verifier, id, 'record-verification', { result: 'pass', onSiteRecord: '现场核查通过', evidenceIds: [photo2] });
    expect(res.json().status).toBe('public_notice');
    expect(res.json().notices[0]).toMatchObject({ startsOn: '2026-02-03', endsOn: '2026-02-10', status: 'open' });
  });

  it('an upheld objection sends it back to verification', async () => {
    await act(coordinator, id, 'record-objection', { content: '群众反映夜间仍有排污', receivedOn: '2026-02-04' });
    const early = await act(coordinator, id, 'end-notice');
    expect(early.json().code).toBe('NOTICE_NOT_OVER');
    const objectionId = (await coordinator.request('GET', `/api/problems/${id}`)).json().notices[0].objections[0].id;
    const res = await act(coordinator, id, 'decide-objection', { objectionId, upheld: true, note: '需复核夜间排污情况' });
    expect(res.json().status).toBe('verifying');
    expect(res.json().notices[0].status).toBe('withdrawn');
  });

  it('a dismissed objection keeps the notice open, and its note on the timeline', async () => {
    const photo = await addEvidence(ctx, id, verifier.userId, 'photo', 'verification');
    await act(verifier, id, 'record-verification', { result: 'pass', onSiteRecord: '夜间复核无排污', evidenceIds: [photo] });
    await act(coordinator, id, 'record-objection', { content: '河边仍有异味', receivedOn: '2026-02-05' });
    const open = (await coordinator.request('GET', `/api/problems/${id}`)).json().notices.find((n: { status: string }) => n.status === 'open');
    const res = await act(coordinator, id, 'decide-objection', { objectionId: open.objections[0].id, upheld: false, note: '经核实系上游企业临时排放，已另行交办' });
    expect(res.json().status).toBe('public_notice');
    const decisions = res.json().timeline.filter((e: { action: string }) => e.action === 'decide_objection');
    expect(decisions.map((e: { details: unknown }) => e.details)).toEqual([
      { objectionId: expect.any(Number), decision: 'upheld', note: '需复核夜间排污情况' },
      { objectionId: open.objections[0].id, decision: 'dismissed', note: '经核实系上游企业临时排放，已另行交办' },
    ]);
  });

  it('the notice ends by itself when its time is up, exactly once', async () => {
    clock.set('2026-02-10');
    expect(await endExpiredNotices(ctx.database, ctx.services)).toEqual([]);
    clock.set('2026-02-11');
    const [a, b] = await Promise.all([endExpiredNotices(ctx.database, ctx.services), endExpiredNotices(ctx.database, ctx.services)]);
    expect(a.length + b.length).toBeGreaterThanOrEqual(1);
    const events = await ctx.database.raw<{ n: number }>("SELECT count(*)::int AS n FROM problem_events WHERE problem_id = $1 AND action = 'end_notice'", [id]);
    expect(events[0]!.n).toBe(1);
    expect((await coordinator.request('GET', `/api/problems/${id}`)).json().status).toBe('notice_completed');
  });

  it('archives with a manifest of every file and its hash, then files it: 已销号', async () => {
    const archived = await act(coordinator, id, 'archive');
    expect(archived.json().status).toBe('archived');
    expect(archived.json().archives[0].files).toBe(7);
    expect(archived.json().archives[0].manifestSha256).toMatch(/^[0-9a-f]{64}$/);
    const future = await act(coordinator, id, 'file', { filingNumber: '青督改备〔2026〕1号', filingDate: '2026-03-01' });
    expect(future.json().code).toBe('FILING_DATE_INVALID');
    const beforeArchive = await act(coordinator, id, 'file', { filingNumber: '青督改备〔2026〕1号', filingDate: '2026-02-10' });
    expect(beforeArchive.statusCode).toBe(422);
    expect(beforeArchive.json()).toMatchObject({ code: 'FILING_DATE_INVALID', message: '备案日期须在归档日期（2026-02-11）至今天（2026-02-11）之间' });
    // The forms default to the server's day, not the browser's.
    expect((await coordinator.request('GET', '/api/auth/me')).json().today).toBe('2026-02-11');
    const filed = await act(coordinator, id, 'file', { filingNumber: '青督改备〔2026〕1号', filingDate: '2026-02-11' });
    expect(filed.json()).toMatchObject({ status: 'closed', scheduleState: 'closed', filingNumber: '青督改备〔2026〕1号', allowedActions: ['reopen'] });
  });

  it('keeps every step on the timeline and in the audit history', async () => {
    const p = (await coordinator.request('GET', `/api/problems/${id}`)).json();
    expect(p.timeline.map((e: { action: string }) => e.action)).toEqual([
      'register', 'assign', 'acknowledge', 'report_progress', 'return_report', 'request_extension', 'decide_extension',
      'submit_self_check', 'start_verification', 'record_verification', 'report_progress', 'submit_self_check',
      'start_verification', 'record_verification', 'record_objection', 'decide_objection', 'record_verification',
      'record_objection', 'decide_objection', 'end_notice', 'archive', 'file',
    ]);
    const audit = await ctx.database.raw<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'problem' AND entity_id = $1", [String(id)]);
    expect(audit[0]!.n).toBe(p.timeline.length);
    expect((await coordinator.request('POST', '/api/audit/verify')).statusCode).toBe(403);
  });

  it('a rebound reopens it in a new round and keeps the earlier round', async () => {
    const res = await act(coordinator, id, 'reopen', { reason: '回头看发现排口复现' });
    const p = res.json();
    expect(p).toMatchObject({ status: 'rectifying', rectificationRound: 2, rebounds: 1, verificationFailures: 1, filingNumber: null });
    expect(p.archives).toHaveLength(1);
    expect(p.archives[0].round).toBe(1);
    expect(p.milestones.filter((m: { round: number }) => m.round === 2)).toHaveLength(2);
    expect(p.timeline.filter((e: { round: number }) => e.round === 1).length).toBe(22);
  });
});

describe('长期坚持 problems', () => {
  it('report per period, are marked phase-done, and are never closed by accident', async () => {
    const created = (await coordinator.request('POST', '/api/problems', await problemInput(ctx, { deadlineKind: 'ongoing', deadline: null, closingCriteria: [], title: '禁渔期巡查长期坚持' }))).json();
    await act(coordinator, created.id, 'assign');
    await act(water, created.id, 'acknowledge');
    await act(water, created.id, 'report-progress', { text: '本月巡查 8 次' });
    const self = await act(waterHead, created.id, 'submit-self-check', { items: [{ criterion: 'x', statement: 'y', evidenceIds: [] }] });
    expect(self.json().code).toBe('ACTION_WRONG_DEADLINE_KIND');
    const done = await act(coordinator, created.id, 'mark-phase-done', { period: '2026-Q1', note: '一季度目标完成' });
    expect(done.json()).toMatchObject({ status: 'rectifying', phaseCompletions: [{ period: '2026-Q1' }] });
    const again = await act(coordinator, created.id, 'mark-phase-done', { period: '2026-Q1' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({ code: 'PHASE_ALREADY_DONE', message: '2026年第一季度已标记为阶段性完成' });
    const inEnglish = await coordinator.request('POST', `/api/problems/${created.id}/mark-phase-done`, { period: '2026-Q1' }, { 'accept-language': 'en' });
    expect(inEnglish.json().message).toBe('Q1 2026 is already marked phase-done');
    expect(done.json().deadline).toBeNull();
  });
});

describe('editing a problem', () => {
  it('keeps the completion of milestones that stay in the plan', async () => {
    const created = (await coordinator.request('POST', '/api/problems', await problemInput(ctx, { title: '节点编辑' }))).json();
    await act(coordinator, created.id, 'assign');
    await act(water, created.id, 'acknowledge');
    const first = created.milestones[0];
    await act(water, created.id, 'report-progress', { text: '排查完成', milestoneIdsDone: [first.id] });
    const before = (await coordinator.request('GET', `/api/problems/${created.id}`)).json();
    const res = await coordinator.request('PATCH', `/api/problems/${created.id}`, {
      milestones: [
        { title: '完成排口排查', dueOn: '2026-03-31' },
        { title: '完成截污纳管', dueOn: '2026-07-31' },
        { title: '完成水质监测', dueOn: '2026-08-31' },
      ],
      version: before.version,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().milestones.map((m: { title: string; doneOn: string | null }) => [m.title, m.doneOn])).toEqual([
      ['完成排口排查', first.doneOn ?? before.milestones[0].doneOn],
      ['完成截污纳管', null],
      ['完成水质监测', null],
    ]);
  });

  it('checks the credit code of the involved enterprise', async () => {
    const bad = await coordinator.request('POST', '/api/problems', await problemInput(ctx, { enterpriseName: '某企业', enterpriseUscc: '91350100M000100Y44' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('USCC_INVALID');
    const ok = await coordinator.request('POST', '/api/problems', await problemInput(ctx, { enterpriseName: '某企业', enterpriseUscc: '91350100m000100y43' }));
    expect(ok.json().enterpriseUscc).toBe('91350100M000100Y43');
  });
});
