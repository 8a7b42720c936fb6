import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_STATUSES } from '../../src/domain/problem/lifecycle.js';
import { onTimeVerdict } from '../../src/domain/reports/ranking.js';
import { chinaDate, fixedClock } from '../../src/server/services.js';
import { DOCX_MEDIA_TYPE, type BulletinSummary } from '../../src/shared/api/documents.js';
import { createTestContext, signIn, unitId, type Session, type TestContext } from '../helpers/context.js';
import { docxParts, documentText, expectInOrder } from '../helpers/docx.js';
import { closedProblem, type LoopParties } from '../helpers/loop.js';

const TODAY = '2026-11-23';
const clock = fixedClock(TODAY);
let ctx: TestContext;
let coordinator: Session;
let water: Session;
let waterHead: Session;
let housing: Session;
let verifier: Session;
let leader: Session;
let closedId: number;

const idOf = async (title: string) => Number((await ctx.database.raw<{ id: number }>('SELECT id FROM problems WHERE title = $1', [title]))[0]!.id);
const body = (res: { rawPayload: Buffer }) => new Uint8Array(res.rawPayload);

beforeAll(async () => {
  ctx = await createTestContext({ demoProblems: true, clock });
  const sessions: Session[] = [];
  for (const u of ['coordinator', 'handler.water', 'head.water', 'handler.housing', 'verifier', 'leader']) sessions.push(await signIn(ctx.app, u));
  [coordinator, water, waterHead, housing, verifier, leader] = sessions as [Session, Session, Session, Session, Session, Session];
  const parties: LoopParties = { coordinator, handler: water, head: waterHead, verifier };
  const [plan] = await ctx.database.raw<{ id: number }>('SELECT id FROM plans ORDER BY id LIMIT 1');
  closedId = await closedProblem(ctx, parties, { title: '河道垃圾清理不及时', planId: Number(plan!.id), deadline: '2026-11-25' });
}, 120_000);
afterAll(async () => ctx?.close());

describe('督办通知单', () => {
  it('the coordinator issues a numbered notice about a problem: the docx, its number, the timeline and the history', async () => {
    const id = await idOf('县城污水处理厂出水总磷超标');
    const res = await coordinator.request('POST', `/api/problems/${id}/documents/supervision-notice`, { note: '请同步报送在线监测数据' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(DOCX_MEDIA_TYPE);
    const number = decodeURIComponent(String(res.headers['x-document-number']));
    expect(number).toBe('青督办〔2026〕1号');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`督办通知单-${number}-`)}`);
    const text = documentText(body(res));
    const [p] = await ctx.database.raw<{ code: string; deadline_in_force: string }>('SELECT code, deadline_in_force FROM problems WHERE id = $1', [id]);
    expectInOrder(text, [
      '青溪县生态环境保护督察整改工作领导小组办公室',
      number,
      '关于加快推进“县城污水处理厂出水总磷超标”问题整改的督办通知',
      '青溪县住房和城乡建设局：',
      `问题编号：${p!.code}`,
      '已逾期',
      '红灯',
      '请于2026年11月30日前报送整改进展',
      '另：请同步报送在线监测数据。',
      '联系人：周督办',
      '2026年11月23日',
    ]);

    const events = await ctx.database.raw<{ action: string; details: { documentNumber: string; replyBy: string } }>(
      "SELECT action, details FROM problem_events WHERE problem_id = $1 AND action = 'supervision_notice'",
      [id],
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({ documentNumber: number, replyBy: '2026-11-30' });
    const audit = await ctx.database.raw<{ action: string; after: { documentNumber: string } }>(
      "SELECT action, after FROM audit_log WHERE entity_type = 'problem' AND entity_id = $1 AND action = 'problem.supervision_notice'",
      [String(id)],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after.documentNumber).toBe(number);
    const timeline = (await coordinator.request('GET', `/api/problems/${id}`)).json().timeline as { action: string }[];
    expect(timeline.map((e) => e.action)).toContain('supervision_notice');
  });

  it('numbers the next notice in sequence and takes a reply date', async () => {
    const id = await idOf('白沙河入河排污口雨污混排');
    const res = await coordinator.request('POST', `/api/problems/${id}/documents/supervision-notice`, { replyBy: '2026-12-04' });
    expect(res.statusCode).toBe(200);
    expect(decodeURIComponent(String(res.headers['x-document-number']))).toBe('青督办〔2026〕2号');
    expect(documentText(body(res))).toContain('请于2026年12月4日前报送整改进展');
    const [counter] = await ctx.database.raw<{ last: number }>("SELECT last FROM code_counters WHERE key = 'notice:青督办:2026'");
    expect(Number(counter!.last)).toBe(2);
  });

  it('issues a notice to a unit listing its warned problems, recorded against the unit and on each problem', async () => {
    const unit = await unitId(ctx, '县水利局');
    const res = await coordinator.request('POST', `/api/units/${unit}/documents/supervision-notice`, {});
    expect(res.statusCode).toBe(200);
    const number = decodeURIComponent(String(res.headers['x-document-number']));
    expect(number).toBe('青督办〔2026〕3号');
    const warned = await ctx.database.raw<{ id: number; code: string }>(
      `SELECT p.id, p.code FROM problems p JOIN problem_units pu ON pu.problem_id = p.id AND pu.unit_id = $1
       WHERE p.status IN ('assigned','acknowledged','rectifying') AND p.warning_light IN ('yellow','red','severe')`,
      [unit],
    );
    expect(warned.length).toBeGreaterThan(0);
    const text = documentText(body(res));
    expectInOrder(text, [number, '关于加快推进预警问题整改的督办通知', '青溪县水利局：', `有${warned.length}个亮灯预警`]);
    for (const p of warned) expect(text).toContain(p.code);
    const audit = await ctx.database.raw<{ after: { problems: { id: number }[] } }>(
      "SELECT after FROM audit_log WHERE action = 'unit.supervision_notice' AND entity_type = 'unit' AND entity_id = $1",
      [String(unit)],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after.problems.map((p) => p.id).sort()).toEqual(warned.map((p) => Number(p.id)).sort());
    const [events] = await ctx.database.raw<{ n: number }>("SELECT count(*)::int AS n FROM problem_events WHERE action = 'supervision_notice' AND details->>'documentNumber' = $1", [number]);
    expect(events!.n).toBe(warned.length);
  });

  it('refuses a unit with nothing lit, a problem not with its units, a past reply date — and takes no number for them', async () => {
    const calm = await unitId(ctx, '县交通运输局');
    const none = await coordinator.request('POST', `/api/units/${calm}/documents/supervision-notice`, {});
    expect(none.statusCode).toBe(422);
    expect(none.json()).toMatchObject({ code: 'NOTICE_NOTHING_TO_SUPERVISE' });
    expect(none.json().message).toContain('青溪县交通运输局');

    const registered = await idOf('城区河道水体黑臭反弹');
    const wrong = await coordinator.request('POST', `/api/problems/${registered}/documents/supervision-notice`, {});
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json()).toEqual({ code: 'NOTICE_WRONG_STATUS', message: '问题当前状态为“待交办”，只能对已交办、已签收或整改中的问题发督办通知单' });

    const past = await coordinator.request('POST', `/api/problems/${await idOf('白沙河入河排污口雨污混排')}/documents/supervision-notice`, { replyBy: '2026-11-01' });
    expect(past.statusCode).toBe(422);
    expect(past.json().code).toBe('DOCUMENT_REPLY_BY_PAST');
    const strict = await coordinator.request('POST', `/api/problems/${registered}/documents/supervision-notice`, { extra: 1 });
    expect(strict.statusCode).toBe(400);

    const [counter] = await ctx.database.raw<{ last: number }>("SELECT last FROM code_counters WHERE key = 'notice:青督办:2026'");
    expect(Number(counter!.last)).toBe(3);
  });

  it('a unit handler may not issue (403), not even on its own problem, and needs the CSRF token like any write', async () => {
    const own = await idOf('白沙河入河排污口雨污混排');
    expect((await water.request('POST', `/api/problems/${own}/documents/supervision-notice`, {})).statusCode).toBe(403);
    expect((await water.request('POST', `/api/units/${await unitId(ctx, '县水利局')}/documents/supervision-notice`, {})).statusCode).toBe(403);
    const noCsrf = await ctx.app.inject({ method: 'POST', url: `/api/problems/${own}/documents/supervision-notice`, headers: { cookie: coordinator.cookie }, payload: {} });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('CSRF_INVALID');
  });
});

describe('issued notices are kept and downloaded again', () => {
  const numberOf = (res: { headers: Record<string, unknown> }) => decodeURIComponent(String(res.headers['x-document-number']));
  const counter = async () => Number((await ctx.database.raw<{ last: number }>("SELECT last FROM code_counters WHERE key = 'notice:青督办:2026'"))[0]!.last);
  const auditCount = async (action: string) => Number((await ctx.database.raw<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action]))[0]!.n);

  it('re-downloading gives the same bytes and number without taking a new one; issuing again takes the next', async () => {
    const id = await idOf('白沙河入河排污口雨污混排');
    const before = await counter();
    const issued = await coordinator.request('POST', `/api/problems/${id}/documents/supervision-notice`, { note: '请附现场照片' });
    expect(issued.statusCode).toBe(200);
    const number = numberOf(issued);
    expect(number).toBe(`青督办〔2026〕${before + 1}号`);
    const documentId = Number(issued.headers['x-document-id']);
    expect(documentId).toBeGreaterThan(0);

    const again = await coordinator.request('GET', `/api/documents/${documentId}`);
    expect(again.statusCode).toBe(200);
    expect(again.headers['content-type']).toBe(DOCX_MEDIA_TYPE);
    expect(numberOf(again)).toBe(number);
    expect(again.headers['content-disposition']).toBe(issued.headers['content-disposition']);
    expect(Buffer.compare(again.rawPayload, issued.rawPayload)).toBe(0);
    expect(documentText(body(again))).toContain('另：请附现场照片。');
    expect(await counter()).toBe(before + 1);

    const next = await coordinator.request('POST', `/api/problems/${id}/documents/supervision-notice`, {});
    expect(numberOf(next)).toBe(`青督办〔2026〕${before + 2}号`);
    expect(Number(next.headers['x-document-id'])).not.toBe(documentId);

    // the list, newest first, and the record kept in the same transaction as the timeline event
    const list = await coordinator.request('GET', `/api/problems/${id}/documents`);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: number; documentNumber: string; kind: string; problemCode: string; issuedBy: { name: string }; replyBy: string; size: number; sha256: string; problemCount: number }[];
    const [p] = await ctx.database.raw<{ code: string }>('SELECT code FROM problems WHERE id = $1', [id]);
    expect(items.map((d) => d.documentNumber).slice(0, 2)).toEqual([`青督办〔2026〕${before + 2}号`, number]);
    expect(items[1]).toMatchObject({ id: documentId, kind: 'problem_notice', problemCode: p!.code, issuedBy: { name: '周督办' }, size: issued.rawPayload.length, problemCount: 1 });
    expect(items[1]!.sha256).toBe(createHash('sha256').update(issued.rawPayload).digest('hex'));
    const events = await ctx.database.raw<{ n: number }>(
      "SELECT count(*)::int AS n FROM problem_events WHERE problem_id = $1 AND action = 'supervision_notice'",
      [id],
    );
    expect(Number(events[0]!.n)).toBe(items.length);
  });

  it('keeps a unit notice too, listed for the unit and downloadable by its people', async () => {
    const unit = await unitId(ctx, '县水利局');
    const issued = await coordinator.request('POST', `/api/units/${unit}/documents/supervision-notice`, {});
    expect(issued.statusCode).toBe(200);
    const documentId = Number(issued.headers['x-document-id']);
    const list = (await water.request('GET', `/api/units/${unit}/documents`)).json().items as { id: number; kind: string; unitName: string; problemCount: number }[];
    expect(list[0]).toMatchObject({ id: documentId, kind: 'unit_notice', unitName: '青溪县水利局' });
    expect(list[0]!.problemCount).toBeGreaterThan(0);
    const mine = await water.request('GET', `/api/documents/${documentId}`);
    expect(mine.statusCode).toBe(200);
    expect(Buffer.compare(mine.rawPayload, issued.rawPayload)).toBe(0);
    // another unit's people neither see the list nor the file
    expect((await housing.request('GET', `/api/units/${unit}/documents`)).statusCode).toBe(404);
    expect((await housing.request('GET', `/api/documents/${documentId}`)).statusCode).toBe(404);
  });

  it('only those who may see the problem get its notices; a refused issue keeps nothing', async () => {
    const id = await idOf('白沙河入河排污口雨污混排');
    const [doc] = (await coordinator.request('GET', `/api/problems/${id}/documents`)).json().items as { id: number }[];
    // the lead unit's handler may re-download what was sent to it, and may still not issue (403)
    expect((await water.request('GET', `/api/problems/${id}/documents`)).json().items.length).toBeGreaterThan(0);
    expect((await water.request('GET', `/api/documents/${doc!.id}`)).statusCode).toBe(200);
    expect((await water.request('POST', `/api/problems/${id}/documents/supervision-notice`, {})).statusCode).toBe(403);
    // another unit: 404, as for anything outside one's scope
    expect((await housing.request('GET', `/api/problems/${id}/documents`)).statusCode).toBe(404);
    expect((await housing.request('GET', `/api/documents/${doc!.id}`)).json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await coordinator.request('GET', '/api/documents/999999')).statusCode).toBe(404);
    expect((await coordinator.request('GET', '/api/documents/abc')).statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/documents/${doc!.id}` })).statusCode).toBe(401);

    const kept = async () => Number((await ctx.database.raw<{ n: number }>('SELECT count(*)::int AS n FROM issued_documents'))[0]!.n);
    const n = await kept();
    const last = await counter();
    expect((await coordinator.request('POST', `/api/problems/${await idOf('城区河道水体黑臭反弹')}/documents/supervision-notice`, {})).statusCode).toBe(409);
    expect((await coordinator.request('POST', `/api/problems/${id}/documents/supervision-notice`, { replyBy: '2026-01-01' })).statusCode).toBe(422);
    expect(await kept()).toBe(n);
    expect(await counter()).toBe(last);
    // every number taken is a kept document, in order
    const numbers = await ctx.database.raw<{ document_number: string }>('SELECT document_number FROM issued_documents ORDER BY id');
    expect(numbers.map((r) => r.document_number)).toEqual(Array.from({ length: last }, (_, i) => `青督办〔2026〕${i + 1}号`));
  });

  it('writes each re-download to the history, without the notice’s contents', async () => {
    const id = await idOf('白沙河入河排污口雨污混排');
    const [doc] = (await water.request('GET', `/api/problems/${id}/documents`)).json().items as { id: number; documentNumber: string }[];
    const before = await auditCount('export.supervision_notice');
    expect((await water.request('GET', `/api/documents/${doc!.id}`)).statusCode).toBe(200);
    expect(await auditCount('export.supervision_notice')).toBe(before + 1);
    const [row] = await ctx.database.raw<{ actor_id: number; entity_type: string; entity_id: string; after: Record<string, unknown> }>(
      "SELECT actor_id, entity_type, entity_id, after FROM audit_log WHERE action = 'export.supervision_notice' ORDER BY id DESC LIMIT 1",
    );
    expect(row).toMatchObject({ actor_id: water.userId, entity_type: 'document', entity_id: String(doc!.id) });
    expect(row!.after).toMatchObject({ format: 'docx', rows: 1, documentNumber: doc!.documentNumber, problemId: id, unitId: null });
    expect(JSON.stringify(row!.after)).not.toContain('白沙河入河排污口雨污混排');
  });

  it('documents the new endpoints in the OpenAPI document', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths['/api/documents/{id}'].get.responses['200'].content)).toEqual([DOCX_MEDIA_TYPE]);
    expect(doc.paths['/api/problems/{id}/documents'].get.responses['200'].content['application/json']).toBeDefined();
    expect(doc.paths['/api/units/{id}/documents'].get.responses['200'].content['application/json']).toBeDefined();
  });
});

describe('销号申请表/验收表', () => {
  it('of a closed problem carries its five steps and the filing number', async () => {
    const res = await coordinator.request('GET', `/api/problems/${closedId}/documents/closing-form`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(DOCX_MEDIA_TYPE);
    const [p] = await ctx.database.raw<{ code: string; filing_number: string }>('SELECT code, filing_number FROM problems WHERE id = $1', [closedId]);
    expect(p!.filing_number).toBe(`青督改备〔2026〕${closedId}号`);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent(`销号申请表-${p!.code}.docx`));
    const text = documentText(body(res));
    expectInOrder(text, [
      '生态环境保护督察整改问题销号申请表',
      p!.code,
      '河道垃圾清理不及时',
      '三、自查情况',
      '王局长（青溪县水利局）',
      '四、核查情况',
      '吴核查',
      '青溪县生态环境局',
      '现场核查通过',
      '核查通过',
      '五、公示情况',
      '公示期间未收到异议',
      '六、归档情况',
      'SHA-256：',
      '七、备案情况',
      p!.filing_number,
      '2026年11月23日',
    ]);
    expect(text).not.toContain('（尚未进行）');
  });

  it('writes each download to the history: who, which problem, no personal data', async () => {
    const res = await water.request('GET', `/api/problems/${closedId}/documents/closing-form`);
    expect(res.statusCode).toBe(200);
    const [row] = await ctx.database.raw<{ actor_id: number; actor_name: string; entity_type: string; entity_id: string; after: Record<string, unknown> }>(
      "SELECT actor_id, actor_name, entity_type, entity_id, after FROM audit_log WHERE action = 'export.closing_form' ORDER BY id DESC LIMIT 1",
    );
    const [p] = await ctx.database.raw<{ code: string }>('SELECT code FROM problems WHERE id = $1', [closedId]);
    expect(row).toMatchObject({ actor_id: water.userId, actor_name: '李水清', entity_type: 'problem', entity_id: String(closedId) });
    expect(row!.after).toEqual({ format: 'docx', fileName: `销号申请表-${p!.code}.docx`, rows: 1 });
  });

  it('of an open problem shows the steps not reached; its unit may print it, other units get 404', async () => {
    const own = await idOf('白沙河入河排污口雨污混排');
    const res = await water.request('GET', `/api/problems/${own}/documents/closing-form`);
    expect(res.statusCode).toBe(200);
    expect(documentText(body(res)).split('（尚未进行）')).toHaveLength(6);
    expect((await housing.request('GET', `/api/problems/${own}/documents/closing-form`)).statusCode).toBe(404);
    expect((await coordinator.request('GET', '/api/problems/999999/documents/closing-form')).statusCode).toBe(404);
  });
});

describe('调度通报', () => {
  const period = { from: '2026-11-01', to: '2026-11-30' };
  const qs = `from=${period.from}&to=${period.to}`;

  it('counts what independent SQL counts, in the coordinator’s scope', async () => {
    // a rebound found by a look-back in the period
    const [campaign] = await ctx.database.raw<{ id: number }>(
      `INSERT INTO lookback_campaigns (name, sampling, status, created_by) VALUES ('测试回头看', '{"kind":"all"}', 'completed', $1) RETURNING id`,
      [coordinator.userId],
    );
    await ctx.database.raw(`INSERT INTO lookback_checks (campaign_id, problem_id, result, checked_at) VALUES ($1, $2, 'rebound', $3)`, [campaign!.id, closedId, '2026-11-20T03:00:00Z']);

    const res = await coordinator.request('GET', `/api/reports/bulletin/summary?${qs}`);
    expect(res.statusCode).toBe(200);
    const s = res.json() as BulletinSummary;

    const rows = await ctx.database.raw<{
      id: number;
      status: string;
      created_at: string | Date;
      closed_on: string | null;
      rectified_on: string | null;
      deadline_in_force: string | null;
      warning_light: string;
      lead_unit_id: number | null;
      plan_id: number | null;
    }>('SELECT id, status, created_at, closed_on, rectified_on, deadline_in_force, warning_light, lead_unit_id, plan_id FROM problems');
    const open = (r: (typeof rows)[number]) => ['assigned', 'acknowledged', 'rectifying'].includes(r.status);
    const inP = (d: string | null, p: { from: string; to: string }) => d !== null && d >= p.from && d <= p.to;
    const done = (r: (typeof rows)[number]) => r.rectified_on ?? r.closed_on;
    const prev = { from: '2026-10-01', to: '2026-10-31' };

    expect(s.period).toEqual({ ...period, label: '2026年11月' });
    expect(s.previousPeriod).toEqual({ ...prev, label: '2026年10月' });
    expect(s.asOf).toBe(TODAY);
    expect(s.scopeName).toBe('青溪县');
    expect(s.totals.total).toBe(rows.length);
    for (const st of PROBLEM_STATUSES) expect(s.totals.byStatus[st]).toBe(rows.filter((r) => r.status === st).length);
    expect(s.totals.closed).toBe(1);
    expect(s.totals.overdue).toBe(rows.filter((r) => open(r) && r.deadline_in_force !== null && r.deadline_in_force < TODAY).length);
    expect(s.totals.overdue).toBeGreaterThan(0);
    expect(s.flows.newProblems.current).toBe(rows.filter((r) => inP(chinaDate(new Date(r.created_at)), period)).length);
    expect(s.flows.newProblems.previous).toBe(rows.filter((r) => inP(chinaDate(new Date(r.created_at)), prev)).length);
    expect(s.flows.closed).toEqual({ current: 1, previous: 0, delta: 1 });
    expect(s.flows.rectified.current).toBe(rows.filter((r) => inP(done(r), period)).length);
    const yesterday = '2026-11-22';
    expect(s.flows.newlyOverdue.current).toBe(
      rows.filter((r) => inP(r.deadline_in_force, { from: period.from, to: yesterday }) && (done(r) === null || done(r)! > r.deadline_in_force!)).length,
    );
    for (const light of ['yellow', 'red', 'severe'] as const) expect(s.warnings[light]).toBe(rows.filter((r) => open(r) && r.warning_light === light).length);

    // overdue by lead unit
    const overdueBy = new Map<number, number>();
    for (const r of rows) if (open(r) && r.deadline_in_force && r.deadline_in_force < TODAY && r.lead_unit_id) overdueBy.set(Number(r.lead_unit_id), (overdueBy.get(Number(r.lead_unit_id)) ?? 0) + 1);
    expect(Object.fromEntries(s.overdueByUnit.map((u) => [u.unitId, u.overdue]))).toEqual(Object.fromEntries(overdueBy));
    expect(s.overdueByUnit.map((u) => u.overdue)).toEqual([...s.overdueByUnit.map((u) => u.overdue)].sort((a, b) => b - a));

    // the ranking, from the pure definition applied row by row
    const tally = new Map<number, { onTime: number; late: number }>();
    for (const r of rows) {
      if (!r.lead_unit_id) continue;
      const v = onTimeVerdict({ deadline: r.deadline_in_force, rectifiedOn: r.rectified_on, closedOn: r.closed_on }, period.to, TODAY);
      if (v !== 'on_time' && v !== 'late') continue;
      const t = tally.get(Number(r.lead_unit_id)) ?? { onTime: 0, late: 0 };
      t[v === 'on_time' ? 'onTime' : 'late']++;
      tally.set(Number(r.lead_unit_id), t);
    }
    expect(Object.fromEntries(s.ranking.map((u) => [u.unitId, { onTime: u.onTime, late: u.late }]))).toEqual(Object.fromEntries(tally));
    const closedLead = rows.find((r) => Number(r.id) === closedId)!.lead_unit_id;
    expect(s.ranking.find((u) => u.unitId === Number(closedLead))!.onTime).toBeGreaterThanOrEqual(1);

    // targets: the demo plan aims at 6 in 2026; one of its problems was closed this year
    expect(s.targets.year).toBe(2026);
    expect(s.targets.plans).toEqual([expect.objectContaining({ target: 6, closed: 1, depth: 0 })]);
    expect(s.targets.all).toEqual({ target: 6, closed: 1 });

    expect(s.rebounds).toMatchObject({ count: 1, previous: 0 });
    expect(s.rebounds.items).toEqual([expect.objectContaining({ problemId: closedId, checkedOn: '2026-11-20', title: '河道垃圾清理不及时' })]);
  });

  it('defaults to the last full month and compares it with the month before', async () => {
    const s = (await leader.request('GET', '/api/reports/bulletin/summary')).json() as BulletinSummary;
    expect(s.period).toEqual({ from: '2026-10-01', to: '2026-10-31', label: '2026年10月' });
    expect(s.previousPeriod).toMatchObject({ from: '2026-09-01', to: '2026-09-30' });
  });

  it('gives the leader the same figures; refuses unit users (403)', async () => {
    const a = (await coordinator.request('GET', `/api/reports/bulletin/summary?${qs}`)).json();
    const b = (await leader.request('GET', `/api/reports/bulletin/summary?${qs}`)).json();
    expect(b).toEqual(a);
    for (const s of [water, waterHead, verifier]) {
      expect((await s.request('GET', `/api/reports/bulletin/summary?${qs}`)).statusCode).toBe(403);
      expect((await s.request('GET', `/api/reports/bulletin?${qs}`)).statusCode).toBe(403);
    }
  });

  it('returns the bulletin as a Word document with the same figures and two charts', async () => {
    const s = (await leader.request('GET', `/api/reports/bulletin/summary?${qs}`)).json() as BulletinSummary;
    const res = await leader.request('GET', `/api/reports/bulletin?${qs}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(DOCX_MEDIA_TYPE);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('调度通报-2026年11月.docx')}`);
    const docx = body(res);
    const text = documentText(docx);
    expectInOrder(text, [
      '青溪县生态环境保护督察整改工作领导小组办公室', // the leader's bulletin is the office's
      '青督办〔2026〕　号',
      '关于2026年11月生态环境保护督察整改工作进展情况的通报',
      `青溪县纳入整改台账的问题共${s.totals.total}个`,
      `已交办未完成整改且超过整改时限的问题${s.totals.overdue}个`,
      `完成销号1个（上期0个，增加1个）`,
      '四、问题反弹情况',
      '“回头看”核查发现问题反弹1个',
      '五、按期完成率排名',
    ]);
    const media = Object.entries(docxParts(docx)).filter(([n]) => n.startsWith('word/media/'));
    expect(media).toHaveLength(2);
    for (const [, data] of media) expect([...data.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('writes each bulletin download to the history with its period; a refused one is not recorded', async () => {
    const count = async () => Number((await ctx.database.raw<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'export.bulletin'"))[0]!.n);
    const before = await count();
    expect((await leader.request('GET', `/api/reports/bulletin?${qs}`)).statusCode).toBe(200);
    const [row] = await ctx.database.raw<{ actor_id: number; entity_type: string; entity_id: string; after: Record<string, unknown> }>(
      "SELECT actor_id, entity_type, entity_id, after FROM audit_log WHERE action = 'export.bulletin' ORDER BY id DESC LIMIT 1",
    );
    const s = (await leader.request('GET', `/api/reports/bulletin/summary?${qs}`)).json() as BulletinSummary;
    expect(row).toMatchObject({ actor_id: leader.userId, entity_type: 'export', entity_id: 'bulletin' });
    expect(row!.after).toEqual({ format: 'docx', fileName: '调度通报-2026年11月.docx', rows: s.totals.total, reportPeriod: period });
    expect((await water.request('GET', `/api/reports/bulletin?${qs}`)).statusCode).toBe(403);
    expect((await coordinator.request('GET', '/api/reports/bulletin?from=2026-11-30&to=2026-11-01')).statusCode).toBe(400);
    // one row: not the refused downloads, nor the figures as JSON (shown on screen, not a file)
    expect(await count()).toBe(before + 1);
  });

  it('refuses a period that ends before it starts, and half a period', async () => {
    const bad = await coordinator.request('GET', '/api/reports/bulletin/summary?from=2026-11-30&to=2026-11-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'REPORT_PERIOD_INVALID' });
    expect((await coordinator.request('GET', '/api/reports/bulletin?from=2026-11-01')).statusCode).toBe(400);
    expect((await coordinator.request('GET', '/api/reports/bulletin/summary?from=2026-11-01&to=2026-13-01')).statusCode).toBe(400);
  });

  it('documents the Word answers in the OpenAPI document', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths['/api/reports/bulletin'].get.responses['200'].content)).toEqual([DOCX_MEDIA_TYPE]);
    expect(Object.keys(doc.paths['/api/problems/{id}/documents/closing-form'].get.responses['200'].content)).toEqual([DOCX_MEDIA_TYPE]);
    expect(Object.keys(doc.paths['/api/problems/{id}/documents/supervision-notice'].post.responses['200'].content)).toEqual([DOCX_MEDIA_TYPE]);
    expect(Object.keys(doc.paths['/api/units/{id}/documents/supervision-notice'].post.responses['200'].content)).toEqual([DOCX_MEDIA_TYPE]);
    expect(doc.paths['/api/reports/bulletin/summary'].get.responses['200'].content['application/json']).toBeDefined();
  });
});
