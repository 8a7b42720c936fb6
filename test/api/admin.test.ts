import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, signIn, unitId, type Session, type TestContext } from '../helpers/context.js';

let ctx: TestContext;
let admin: Session;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await signIn(ctx.app, 'admin');
});
afterAll(async () => ctx.close());

describe('regions', () => {
  it('creates a town under the county with its level derived from the code', async () => {
    const res = await admin.request('POST', '/api/regions', { code: '339901006', name: '南山镇', parentId: 1 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ level: 'town', parentId: 1, enabled: true });
  });

  it('refuses to disable a region that still has enabled towns or units', async () => {
    const res = await admin.request('PATCH', '/api/regions/1', { enabled: false, version: 1 });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('HAS_ACTIVE_CHILDREN');
  });

  it('disables an empty region and keeps it for history', async () => {
    const region = (await admin.request('GET', '/api/regions')).json().items.find((r: { code: string }) => r.code === '339901006');
    const res = await admin.request('PATCH', `/api/regions/${region.id}`, { enabled: false, version: region.version });
    expect(res.json().enabled).toBe(false);
    expect((await admin.request('GET', '/api/regions')).json().items.some((r: { code: string }) => r.code === '339901006')).toBe(false);
    expect((await admin.request('GET', '/api/regions?includeDisabled=true')).json().items.some((r: { code: string }) => r.code === '339901006')).toBe(true);
  });
});

describe('units', () => {
  it('moves a unit with its subtree under a new parent', async () => {
    const town = await unitId(ctx, '白沙镇人民政府');
    const ecology = await unitId(ctx, '县生态环境局');
    const res = await admin.request('PATCH', `/api/units/${town}`, { parentId: ecology, version: 1 });
    expect(res.statusCode).toBe(200);
    const paths = await ctx.database.raw<{ name: string; path: string }>('SELECT name, path FROM units WHERE path LIKE $1 ORDER BY path', [`%/${town}/%`]);
    expect(paths.map((p) => p.name)).toEqual(['白沙镇人民政府', '青溪县宏达化工有限公司', '青溪县白沙生态养殖专业合作社']);
    for (const p of paths) expect(p.path.startsWith(`/1/${ecology}/${town}/`)).toBe(true);
    // The town's own users now fall inside the environment bureau's subtree scope.
    const back = await admin.request('PATCH', `/api/units/${town}`, { parentId: 1, version: 2 });
    expect(back.statusCode).toBe(200);
  });

  it('refuses to move a unit under its own descendant', async () => {
    const town = await unitId(ctx, '白沙镇人民政府');
    const enterprise = await unitId(ctx, '青溪县宏达化工有限公司');
    const current = (await admin.request('GET', `/api/units/${town}`)).json();
    const res = await admin.request('PATCH', `/api/units/${town}`, { parentId: enterprise, version: current.version });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('TREE_CYCLE');
  });

  it('refuses to disable a unit that still has enabled users, then disables it once they are moved', async () => {
    const housing = await unitId(ctx, '县住建局');
    const refused = await admin.request('PATCH', `/api/units/${housing}`, { enabled: false, version: 1 });
    expect(refused.json()).toMatchObject({ code: 'UNIT_HAS_ACTIVE_USERS' });
    expect(refused.json().message).toContain('2 个启用的用户');
    const users = (await admin.request('GET', `/api/users?unitId=${housing}`)).json().items;
    for (const u of users) await admin.request('PATCH', `/api/users/${u.id}`, { enabled: false, version: u.version });
    const res = await admin.request('PATCH', `/api/units/${housing}`, { enabled: false, version: 1 });
    expect(res.statusCode).toBe(200);
    expect((await admin.request('GET', `/api/units/${housing}`)).json().enabled).toBe(false);
  });
});

describe('users', () => {
  it('creates a user with several roles who must change the initial password', async () => {
    const water = await unitId(ctx, '县水利局');
    const res = await admin.request('POST', '/api/users', {
      username: 'Zhang.San',
      displayName: '张三',
      unitId: water,
      roles: ['unit_handler', 'verifier'],
      password: 'Initial-Pass-2026',
      phone: '13800000000',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'zhang.san', roles: ['unit_handler', 'verifier'], mustChangePassword: true });
    const me = await signIn(ctx.app, 'zhang.san', 'Initial-Pass-2026');
    expect((await me.request('GET', '/api/auth/me')).json().mustChangePassword).toBe(true);
  });

  it('refuses a taken username and a weak password', async () => {
    const base = { displayName: '重名', unitId: 1, roles: ['leader'] };
    expect((await admin.request('POST', '/api/users', { ...base, username: 'admin', password: 'Initial-Pass-2026' })).json().code).toBe('USERNAME_TAKEN');
    expect((await admin.request('POST', '/api/users', { ...base, username: 'weak.one', password: 'password1' })).json().code).toBe('PASSWORD_WEAK');
  });

  it('resets a password: old sessions end, the user must change it', async () => {
    const id = (await admin.request('GET', '/api/users?q=verifier')).json().items[0].id;
    const session = await signIn(ctx.app, 'verifier');
    expect((await admin.request('POST', `/api/users/${id}/reset-password`, { newPassword: 'Reset-Pass-2026!' })).statusCode).toBe(204);
    expect((await session.request('GET', '/api/auth/me')).statusCode).toBe(401);
    const again = await signIn(ctx.app, 'verifier', 'Reset-Pass-2026!');
    expect((await again.request('GET', '/api/auth/me')).json().mustChangePassword).toBe(true);
  });

  it('changes roles and ends the sessions that carried the old ones', async () => {
    const leader = await signIn(ctx.app, 'leader');
    const u = (await admin.request('GET', '/api/users?q=leader')).json().items[0];
    const res = await admin.request('PATCH', `/api/users/${u.id}`, { roles: ['leader', 'coordinator'], version: u.version });
    expect(res.json().roles).toEqual(['coordinator', 'leader']);
    expect((await leader.request('GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('does not let an admin lock themself out', async () => {
    const me = (await admin.request('GET', `/api/users/${admin.userId}`)).json();
    const res = await admin.request('PATCH', `/api/users/${admin.userId}`, { enabled: false, version: me.version });
    expect(res.json().code).toBe('CANNOT_DISABLE_SELF');
  });
});

describe('calendars', () => {
  it('lists the shipped official years with their working-day totals', async () => {
    const items = (await admin.request('GET', '/api/calendars')).json().items;
    expect(items.map((i: { year: number; workingDays: number }) => [i.year, i.workingDays])).toEqual([
      [2024, 251],
      [2025, 248],
      [2026, 248],
    ]);
  });

  it('loads a new year and uses it at once for working-day arithmetic', async () => {
    const before = (await admin.request('GET', '/api/calendars/add-working-days?from=2026-12-31&days=1')).json();
    expect(before).toMatchObject({ date: '2027-01-01', covered: false });
    const year = { year: 2027, holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [], source: 'test' };
    expect((await admin.request('PUT', '/api/calendars/2027', year)).statusCode).toBe(204);
    const after = (await admin.request('GET', '/api/calendars/add-working-days?from=2026-12-31&days=1')).json();
    expect(after).toMatchObject({ date: '2027-01-04', covered: true });
  });

  it('refuses a make-up working day that is not a weekend, naming the problem', async () => {
    const res = await admin.request('PUT', '/api/calendars/2028', { year: 2028, holidays: [], workdays: [{ date: '2028-02-02', name: '调休' }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('CALENDAR_INVALID');
    expect(res.json().message).toBe('日历数据有误：workdays.0.date: 调休上班日 2028-02-02 不是周六或周日（调休上班总在周末）');
    const inEnglish = await admin.request('PUT', '/api/calendars/2028', { year: 2028, holidays: [{ date: '2028-13-01', name: '' }], workdays: [] }, { 'accept-language': 'en' });
    expect(inEnglish.json().message).toContain('holidays.0.date: "2028-13-01" is not a valid date');
    const inChinese = await admin.request('PUT', '/api/calendars/2028', { year: 2028, holidays: [{ date: '2028-13-01', name: '' }], workdays: [] });
    expect(inChinese.json().message).toContain('holidays.0.date: “2028-13-01”不是有效日期');
    expect(inChinese.json().message).not.toContain('must'); // zod's own checks speak Chinese too
    expect(inChinese.json().message).toContain('holidays.0.name: ');
  });

  it('computes deadlines across the Spring Festival of 2026', async () => {
    const res = (await admin.request('GET', '/api/calendars/add-working-days?from=2026-02-13&days=2')).json();
    expect(res.date).toBe('2026-02-24');
  });
});
