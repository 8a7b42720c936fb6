import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_CLOSED_FIELDS, PUBLIC_PROGRESS_FIELDS } from '../../src/domain/ledger/disclosure.js';
import { XLSX_MIME } from '../../src/shared/api/exports.js';
import { fixedClock } from '../../src/server/services.js';
import { createTestContext, signIn, type Session, type TestContext } from '../helpers/context.js';
import { closedProblem } from '../helpers/loop.js';
import { problemInput } from '../helpers/problems.js';
import { dataRows, readWorkbook, rowValues, workbookText } from '../helpers/xlsx.js';

const clock = fixedClock('2026-03-02');
let ctx: TestContext;
let coordinator: Session;
let hiddenCode: string;
let closedCodes: string[];

/** What must never reach the public: the demo's responsible person and phone, and this test's private values. */
const SECRETS = ['张明', '0570-6012345', '赵保密', '13800138000', '91339901MA2H7K3L0X', '内部备注：先别公开', '举报人钱某某', '东岸 12 号院', '不公开的问题'];

const get = (url: string) => ctx.app.inject({ method: 'GET', url });

beforeAll(async () => {
  ctx = await createTestContext({ demoProblems: true, clock });
  coordinator = await signIn(ctx.app, 'coordinator');
  const parties = { coordinator, handler: await signIn(ctx.app, 'handler.water'), head: await signIn(ctx.app, 'head.water'), verifier: await signIn(ctx.app, 'verifier') };
  const privateFields = {
    responsiblePerson: '赵保密',
    responsiblePhone: '13800138000',
    enterpriseName: '青溪县宏达化工有限公司',
    remarks: '内部备注：先别公开',
    description: '举报人钱某某反映白沙河东岸 12 号院旁排口直排。',
    address: '白沙镇东岸 12 号院',
    measures: '截污纳管；排口封堵；联系人电话 13800138000',
  };
  const a = await closedProblem(ctx, parties, { title: '公开的已销号问题', ...privateFields });
  const b = await closedProblem(ctx, parties, { title: '另一个公开的已销号问题', regionId: await regionId('白沙镇') });
  const hidden = await coordinator.request('POST', '/api/problems', await problemInput(ctx, { title: '不公开的问题', isPublic: false }));
  hiddenCode = hidden.json().code;
  const codes = await ctx.database.raw<{ code: string }>('SELECT code FROM problems WHERE id IN ($1, $2) ORDER BY id', [a, b]);
  closedCodes = codes.map((r) => r.code);
});
afterAll(async () => ctx.close());

async function regionId(name: string) {
  const rows = await ctx.database.raw<{ id: number }>('SELECT id FROM regions WHERE name = $1', [name]);
  return Number(rows[0]!.id);
}

async function allItems(tab: 'closed' | 'progress', query = '') {
  const items: Record<string, unknown>[] = [];
  for (let page = 1; ; page++) {
    const res = await get(`/api/public/disclosure?tab=${tab}&pageSize=2&page=${page}${query}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    items.push(...body.items);
    if (page * 2 >= body.total) return { items, body };
  }
}

describe('GET /api/public/disclosure (no sign-in)', () => {
  it('lists closed public problems with the public fields only', async () => {
    const res = await get('/api/public/disclosure');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ tab: 'closed', total: 2, page: 1, pageSize: 20, counts: { closed: 2, progress: 10 }, asOf: '2026-03-02' });
    expect(body.items.map((i: { code: string }) => i.code).sort()).toEqual([...closedCodes].sort());
    for (const item of body.items) expect(Object.keys(item)).toEqual([...PUBLIC_CLOSED_FIELDS]);
    const first = body.items.find((i: { title: string }) => i.title === '公开的已销号问题');
    expect(first).toMatchObject({ regionName: '青溪县', category: 'water', leadUnitName: '青溪县水利局', closedOn: '2026-03-02', measuresSummary: '截污纳管；排口封堵；联系人电话 ***' });
    expect(body.regions.map((r: { name: string }) => r.name)).toEqual(['青溪县', '白沙镇']);
  });

  it('lists the progress of public problems not yet closed, never a non-public one', async () => {
    const { items, body } = await allItems('progress');
    expect(body.total).toBe(10);
    expect(items).toHaveLength(10);
    for (const item of items) {
      expect(Object.keys(item)).toEqual([...PUBLIC_PROGRESS_FIELDS]);
      expect(item.status).not.toBe('closed');
    }
    expect(items.map((i) => i.code)).not.toContain(hiddenCode);
    const fishing = items.find((i) => i.title === '长江流域禁渔期非法垂钓')!;
    expect(fishing).toMatchObject({ deadlineKind: 'ongoing', deadline: null, status: 'registered', leadUnitName: '青溪县农业农村局' });
    expect(items.find((i) => i.title === '云台乡非法采砂破坏河道生态')).toMatchObject({ latestProgress: '已制定整改方案，明确责任人和时间节点，正在组织实施。', status: 'rectifying' });
  });

  it('never answers a private value, with or without a session', async () => {
    const answers = [
      (await get('/api/public/disclosure?tab=closed&pageSize=100')).body,
      (await get('/api/public/disclosure?tab=progress&pageSize=100')).body,
      (await coordinator.request('GET', '/api/public/disclosure?tab=progress&pageSize=100')).body,
      (await get(`/api/public/disclosure?tab=progress&q=${encodeURIComponent(hiddenCode)}`)).body,
    ].join('\n');
    for (const secret of SECRETS) expect(answers).not.toContain(secret);
    for (const field of ['responsiblePerson', 'responsiblePhone', 'enterpriseUscc', 'remarks', 'description', 'address', 'leader'])
      expect(answers).not.toContain(`"${field}"`);
    expect(answers).not.toContain(hiddenCode);
  });

  it('filters by words and by region', async () => {
    const byWord = (await get(`/api/public/disclosure?q=${encodeURIComponent('另一个')}`)).json();
    expect(byWord.items.map((i: { title: string }) => i.title)).toEqual(['另一个公开的已销号问题']);
    const byRegion = (await get(`/api/public/disclosure?regionId=${await regionId('白沙镇')}`)).json();
    expect(byRegion.total).toBe(1);
    expect(byRegion.items[0].regionName).toBe('白沙镇');
    const county = (await get(`/api/public/disclosure?regionId=${await regionId('青溪县')}`)).json();
    expect(county.total).toBe(2);
  });

  it('keeps paging within bounds', async () => {
    expect((await get('/api/public/disclosure?pageSize=100')).statusCode).toBe(200);
    for (const bad of ['pageSize=101', 'pageSize=0', 'page=0', 'page=abc', 'tab=all', `q=${'x'.repeat(101)}`]) {
      const res = await get(`/api/public/disclosure?${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    const one = (await get('/api/public/disclosure?tab=progress&pageSize=1&page=1')).json();
    const two = (await get('/api/public/disclosure?tab=progress&pageSize=1&page=2')).json();
    expect(one.items).toHaveLength(1);
    expect(two.items[0].code).not.toBe(one.items[0].code);
    expect((await get('/api/public/disclosure?tab=progress&pageSize=100&page=9')).json().items).toEqual([]);
  });

  it('stops showing a problem once it is no longer marked public', async () => {
    const row = (await ctx.database.raw<{ id: number; version: number; code: string }>("SELECT id, version, code FROM problems WHERE title = '城区河道水体黑臭反弹'"))[0]!;
    expect((await allItems('progress')).items.map((i) => i.code)).toContain(row.code);
    const res = await coordinator.request('PATCH', `/api/problems/${row.id}`, { isPublic: false, version: row.version });
    expect(res.statusCode).toBe(200);
    expect((await allItems('progress')).items.map((i) => i.code)).not.toContain(row.code);
    await coordinator.request('PATCH', `/api/problems/${row.id}`, { isPublic: true, version: res.json().version });
  });
});

describe('GET /api/public/disclosure.xlsx (no sign-in)', () => {
  it('writes both public tables and nothing private', async () => {
    const res = await get('/api/public/disclosure.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const wb = await readWorkbook(res.rawPayload);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['已销号问题', '整改进展', '说明']);
    const closed = wb.getWorksheet('已销号问题')!;
    expect(closed.getCell('A1').value).toBe('青溪县生态环境保护督察整改公开情况（已销号问题）');
    expect(rowValues(closed, 2)).toEqual(['问题编号', '问题简述', '行政区划', '问题类型', '牵头单位', '整改措施', '销号日期']);
    expect(dataRows(closed).map((r) => r[0]).sort()).toEqual([...closedCodes].sort());
    expect(dataRows(closed)[0]![6]).toEqual(new Date(Date.UTC(2026, 2, 2)));
    const progress = wb.getWorksheet('整改进展')!;
    expect(rowValues(progress, 2)).toEqual(['问题编号', '问题简述', '行政区划', '问题类型', '牵头单位', '整改时限', '整改状态', '整改进展']);
    const rows = dataRows(progress);
    expect(rows).toHaveLength(10);
    expect(rows.find((r) => r[1] === '长江流域禁渔期非法垂钓')![5]).toBe('长期坚持');
    expect(progress.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(progress.pageSetup.printTitlesRow).toBe('2:2');

    const text = workbookText(wb);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).not.toContain(hiddenCode);
  });

  it('follows the filters of the page', async () => {
    const wb = await readWorkbook((await get(`/api/public/disclosure.xlsx?regionId=${await regionId('白沙镇')}`)).rawPayload);
    expect(dataRows(wb.getWorksheet('已销号问题')!)).toHaveLength(1);
    expect(dataRows(wb.getWorksheet('整改进展')!)).toHaveLength(0);
    expect(wb.getWorksheet('已销号问题')!.getCell('A1').value).toBe('白沙镇生态环境保护督察整改公开情况（已销号问题）');
  });
});
