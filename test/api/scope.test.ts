import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, signIn, unitId, userIdOf, type Session, type TestContext } from '../helpers/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

const names = (res: { json(): { items: { name?: string; username?: string }[] } }) =>
  res.json().items.map((i) => i.name ?? i.username);

describe('data scope', () => {
  it('a unit handler sees only their own unit', async () => {
    const water = await signIn(ctx.app, 'handler.water');
    const res = await water.request('GET', '/api/units');
    expect(res.statusCode).toBe(200);
    expect(names(res)).toEqual(['青溪县水利局']);
  });

  it('a town sees itself and the enterprises below it', async () => {
    const town = await signIn(ctx.app, 'handler.town1');
    expect(names(await town.request('GET', '/api/units'))).toEqual([
      '白沙镇人民政府',
      '青溪县宏达化工有限公司',
      '青溪县白沙生态养殖专业合作社',
    ]);
  });

  it('a coordinator sees its whole region subtree', async () => {
    const coordinator = await signIn(ctx.app, 'coordinator');
    const units = await coordinator.request('GET', '/api/units');
    expect(units.json().items).toHaveLength(1 + 15 + 5 + 4);
    const users = await coordinator.request('GET', '/api/users?pageSize=100');
    expect(users.json().total).toBe(10);
  });

  it('a unit head sees the users of their unit only', async () => {
    const head = await signIn(ctx.app, 'head.water');
    expect(names(await head.request('GET', '/api/users')).sort()).toEqual(['handler.water', 'head.water']);
  });
});

describe('a user of one unit cannot read or change another unit', () => {
  let water: Session;
  let housingUnit: number;
  let housingUser: number;
  beforeAll(async () => {
    water = await signIn(ctx.app, 'handler.water');
    housingUnit = await unitId(ctx, '县住建局');
    housingUser = await userIdOf(ctx, 'handler.housing');
  });

  it('cannot read another unit or its users (404, never the data)', async () => {
    const unit = await water.request('GET', `/api/units/${housingUnit}`);
    expect(unit.statusCode).toBe(404);
    expect(unit.json()).toEqual({ code: 'NOT_FOUND', message: '未找到该资源，或您无权查看' });
    expect((await water.request('GET', `/api/users/${housingUser}`)).statusCode).toBe(404);
    expect(unit.body).not.toContain('住建');
  });

  it('cannot filter its way into another unit', async () => {
    expect(names(await water.request('GET', `/api/units?q=${encodeURIComponent('住建')}`))).toEqual([]);
  });

  it('cannot list users at all without the permission', async () => {
    expect((await water.request('GET', `/api/users?unitId=${housingUnit}`)).statusCode).toBe(403);
  });

  it('cannot change another unit, user, region, calendar, or read the audit history', async () => {
    const attempts: [string, string, unknown][] = [
      ['PATCH', `/api/units/${housingUnit}`, { name: '改名', version: 1 }],
      ['POST', '/api/units', { name: '新单位', kind: 'department', regionId: 1, parentId: housingUnit }],
      ['PATCH', `/api/users/${housingUser}`, { displayName: '改名', version: 1 }],
      ['POST', `/api/users/${housingUser}/reset-password`, { newPassword: 'Another-Pass-2026' }],
      ['POST', '/api/users', { username: 'intruder', displayName: 'x', unitId: housingUnit, roles: ['admin'], password: 'Another-Pass-2026' }],
      ['POST', '/api/regions', { code: '339901009', name: '新镇', parentId: 1 }],
      ['PATCH', '/api/regions/1', { name: '改名', version: 1 }],
      ['PUT', '/api/calendars/2027', { year: 2027, holidays: [], workdays: [] }],
      ['GET', '/api/audit', undefined],
      ['POST', '/api/audit/verify', undefined],
    ];
    for (const [method, url, body] of attempts) {
      const res = await water.request(method, url, body);
      expect([403, 404], `${method} ${url}`).toContain(res.statusCode);
      expect(res.json().code, `${method} ${url}`).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
    }
    const housing = await ctx.database.raw<{ name: string; version: number }>('SELECT name, version FROM units WHERE id = $1', [housingUnit]);
    expect(housing[0]).toEqual({ name: '青溪县住房和城乡建设局', version: 1 });
  });

  it('an admin cannot be scoped out, but a coordinator cannot manage units', async () => {
    const coordinator = await signIn(ctx.app, 'coordinator');
    const res = await coordinator.request('PATCH', `/api/units/${housingUnit}`, { name: '改名', version: 1 });
    expect(res.statusCode).toBe(403);
    const admin = await signIn(ctx.app, 'admin');
    expect((await admin.request('GET', `/api/units/${housingUnit}`)).statusCode).toBe(200);
  });
});

describe('navigation follows roles', () => {
  it('sends each user the permissions their roles grant', async () => {
    const admin = await signIn(ctx.app, 'admin');
    const water = await signIn(ctx.app, 'handler.water');
    const adminMe = (await admin.request('GET', '/api/auth/me')).json();
    const waterMe = (await water.request('GET', '/api/auth/me')).json();
    expect(adminMe.permissions).toContain('user.manage');
    expect(waterMe.permissions).not.toContain('user.manage');
    expect(waterMe.permissions).not.toContain('audit.read');
  });
});
