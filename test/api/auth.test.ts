import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { createTestContext, signIn, type TestContext } from '../helpers/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

const login = (username: string, password: string, lang = 'zh-CN') =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers: { 'accept-language': lang } });

describe('sign-in', () => {
  it('sets an httpOnly SameSite session cookie and a readable CSRF cookie', async () => {
    const res = await login('admin', 'Qingxi@2026');
    expect(res.statusCode).toBe(200);
    const sid = res.cookies.find((c) => c.name === 'ducha_sid')!;
    const csrf = res.cookies.find((c) => c.name === 'ducha_csrf')!;
    expect(sid.httpOnly).toBe(true);
    expect(sid.sameSite).toBe('Lax');
    expect(csrf.httpOnly).toBeFalsy();
    expect(res.json()).toMatchObject({ username: 'admin', roles: ['admin'], csrfToken: csrf.value });
  });

  it('refuses a wrong password with a stable code in the caller language', async () => {
    const zh = await login('admin', 'wrong-password');
    expect(zh.statusCode).toBe(401);
    expect(zh.json()).toEqual({ code: 'AUTH_INVALID_CREDENTIALS', message: '用户名或密码错误' });
    const en = await login('admin', 'wrong-password', 'en-US,en;q=0.9');
    expect(en.json().message).toBe('Wrong username or password');
  });

  it('answers an unknown username exactly like a wrong password', async () => {
    const res = await login('nobody.here', 'whatever');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('locks the account after five failures in a row, even for the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await login('leader', `bad-${i}`)).statusCode).toBe(401);
    const locked = await login('leader', 'Qingxi@2026');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('AUTH_LOCKED');
    const admin = await signIn(ctx.app, 'admin');
    const leaderId = (await ctx.database.raw<{ id: number }>("SELECT id FROM users WHERE username='leader'"))[0]!.id;
    const user = await admin.request('GET', `/api/users/${leaderId}`);
    expect(user.json().locked).toBe(true);
    const unlocked = await admin.request('PATCH', `/api/users/${leaderId}`, { unlock: true, version: user.json().version });
    expect(unlocked.statusCode).toBe(200);
    expect((await login('leader', 'Qingxi@2026')).statusCode).toBe(200);
  });

  it('refuses a disabled account', async () => {
    const admin = await signIn(ctx.app, 'admin');
    const id = (await ctx.database.raw<{ id: number }>("SELECT id FROM users WHERE username='grid.town1'"))[0]!.id;
    const before = (await admin.request('GET', `/api/users/${id}`)).json();
    const grid = await signIn(ctx.app, 'grid.town1');
    expect((await admin.request('PATCH', `/api/users/${id}`, { enabled: false, version: before.version })).statusCode).toBe(200);
    expect((await login('grid.town1', 'Qingxi@2026')).json().code).toBe('AUTH_DISABLED');
    // Existing sessions end with the account.
    expect((await grid.request('GET', '/api/auth/me')).statusCode).toBe(401);
  });
});

describe('sessions', () => {
  it('should require authentication', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('lives in the database, so another app instance on the same database accepts it', async () => {
    const session = await signIn(ctx.app, 'coordinator');
    const other = await buildApp({ config: ctx.config, database: ctx.database, services: ctx.services });
    const res = await other.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json().username).toBe('coordinator');
    await other.close();
  });

  it('ends at sign-out', async () => {
    const session = await signIn(ctx.app, 'verifier');
    expect((await session.request('POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await session.request('GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('refuses a write without the CSRF token', async () => {
    const session = await signIn(ctx.app, 'verifier');
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: { cookie: session.cookie },
      payload: { displayName: '吴核查员' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_INVALID');
    const wrong = await session.request('PATCH', '/api/auth/me', { displayName: 'x' }, { 'x-csrf-token': 'forged' });
    expect(wrong.json().code).toBe('CSRF_INVALID');
  });
});

describe('own account', () => {
  it('updates the profile and records it in the history', async () => {
    const s = await signIn(ctx.app, 'head.water');
    const res = await s.request('PATCH', '/api/auth/me', { displayName: '王水利', phone: '0571-8888 1234', language: 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ displayName: '王水利', phone: '0571-8888 1234', language: 'en' });
    const audit = await ctx.database.raw<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_type='user' AND entity_id=$1 ORDER BY id DESC LIMIT 1",
      [String(s.userId)],
    );
    expect(audit[0]!.action).toBe('user.profile_updated');
  });

  it('refuses a weak new password and explains why', async () => {
    const s = await signIn(ctx.app, 'handler.housing');
    const res = await s.request('POST', '/api/auth/password', { currentPassword: 'Qingxi@2026', newPassword: 'short' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('PASSWORD_WEAK');
    expect(res.json().message).toContain('至少 10 位');
  });

  it('refuses a wrong current password', async () => {
    const s = await signIn(ctx.app, 'handler.housing');
    const res = await s.request('POST', '/api/auth/password', { currentPassword: 'nope', newPassword: 'Better-Pass-2026' });
    expect(res.json().code).toBe('AUTH_WRONG_PASSWORD');
  });

  it('changes the password and signs out the other sessions', async () => {
    const first = await signIn(ctx.app, 'head.housing');
    const second = await signIn(ctx.app, 'head.housing');
    const res = await second.request('POST', '/api/auth/password', { currentPassword: 'Qingxi@2026', newPassword: 'Green-River-2026' });
    expect(res.statusCode).toBe(204);
    expect((await first.request('GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await second.request('GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await login('head.housing', 'Qingxi@2026')).statusCode).toBe(401);
    expect((await login('head.housing', 'Green-River-2026')).statusCode).toBe(200);
  });
});
