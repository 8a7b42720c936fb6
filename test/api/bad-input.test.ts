import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, signIn, type Session, type TestContext } from '../helpers/context.js';

let ctx: TestContext;
let admin: Session;
let endpoints: { method: string; path: string; hasBody: boolean; hasQuery: boolean; hasParams: boolean }[];

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await signIn(ctx.app, 'admin');
  await ctx.app.ready();
  const doc = ctx.app.swagger() as { paths: Record<string, Record<string, { requestBody?: unknown; parameters?: { in: string }[] }>> };
  endpoints = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      hasBody: Boolean(op.requestBody),
      hasQuery: (op.parameters ?? []).some((p) => p.in === 'query'),
      hasParams: (op.parameters ?? []).some((p) => p.in === 'path'),
    })),
  );
});
afterAll(async () => ctx.close());

const fill = (path: string, value: string) => path.replace(/\{[^}]+\}/g, value);

function expectClientError(res: { statusCode: number; json(): { code?: string; message?: string } }, label: string) {
  expect(res.statusCode, label).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, label).toBeLessThan(500);
  const body = res.json();
  expect(typeof body.code, label).toBe('string');
  expect(typeof body.message, label).toBe('string');
}

describe('bad input on every endpoint', () => {
  it('finds the endpoints in the OpenAPI document', () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(18);
  });

  it('refuses malformed JSON with 400 and a code', async () => {
    for (const e of endpoints.filter((x) => x.hasBody)) {
      const res = await admin.request(e.method, fill(e.path, '1'), '{"name": ', { 'content-type': 'application/json' });
      expectClientError(res, `${e.method} ${e.path}`);
    }
  });

  it('refuses wrongly typed bodies with VALIDATION_FAILED and field details, writing nothing', async () => {
    const before = await ctx.database.raw<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    for (const e of endpoints.filter((x) => x.hasBody)) {
      const res = await admin.request(e.method, fill(e.path, '1'), { name: 42, code: [], version: 'x', username: {}, year: 'y' });
      expectClientError(res, `${e.method} ${e.path}`);
      expect(['VALIDATION_FAILED', 'CALENDAR_INVALID', 'CALENDAR_YEAR_MISMATCH'], `${e.method} ${e.path}`).toContain(res.json().code);
    }
    const after = await ctx.database.raw<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('refuses garbage path parameters', async () => {
    for (const e of endpoints.filter((x) => x.hasParams)) {
      for (const value of ['abc', '-1', '0', '99999999999999999999', '1.5']) {
        const res = await admin.request(e.method, fill(e.path, value), e.hasBody ? {} : undefined);
        expectClientError(res, `${e.method} ${e.path} with ${value}`);
      }
    }
  });

  it('refuses garbage query strings', async () => {
    for (const e of endpoints.filter((x) => x.hasQuery)) {
      const res = await admin.request(
        e.method,
        `${fill(e.path, '1')}?page=0&pageSize=100000&from=yesterday&days=many&includeDisabled=maybe&kind=castle&role=king`,
      );
      expectClientError(res, `${e.method} ${e.path}`);
    }
  });

  it('refuses oversized bodies with 413', async () => {
    const res = await admin.request('POST', '/api/units', { name: 'x'.repeat(3 * 1024 * 1024) });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers unknown API routes with a coded 404', async () => {
    const res = await admin.request('GET', '/api/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('ROUTE_NOT_FOUND');
  });

  it('gives validation messages in the caller language', async () => {
    const zh = await admin.request('POST', '/api/regions', { code: 12, name: '', parentId: null });
    expect(zh.json().message).toMatch(/^输入有误/);
    expect(zh.json().details[0].message).toMatch(/[\u4e00-\u9fff]/);
    const en = await admin.request('POST', '/api/regions', { code: 12, name: '', parentId: null }, { 'accept-language': 'en' });
    expect(en.json().message).toMatch(/^Invalid input/);
  });
});

describe('domain rules refuse bad data with a clear code', () => {
  it('checks region codes against their parent', async () => {
    const bad = await admin.request('POST', '/api/regions', { code: '12345', name: '错', parentId: null });
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    const outside = await admin.request('POST', '/api/regions', { code: '330102001', name: '外县镇', parentId: 1 });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().code).toBe('REGION_CODE_OUTSIDE_PARENT');
    const taken = await admin.request('POST', '/api/regions', { code: '339901001', name: '重复', parentId: 1 });
    expect(taken.json().code).toBe('REGION_CODE_TAKEN');
  });

  it('checks the credit code of an enterprise by its check character', async () => {
    const base = { name: '青溪县测试企业有限公司', kind: 'enterprise', regionId: 1, parentId: 1 };
    expect((await admin.request('POST', '/api/units', base)).json().code).toBe('ENTERPRISE_NEEDS_USCC');
    const wrong = await admin.request('POST', '/api/units', { ...base, uscc: '91350100M000100Y44' });
    expect(wrong.json().code).toBe('USCC_INVALID');
    expect(wrong.json().message).toContain('校验位不正确（应为 3）');
    const ok = await admin.request('POST', '/api/units', { ...base, uscc: ' 91350100m000100y43 ' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().uscc).toBe('91350100M000100Y43');
    const dup = await admin.request('POST', '/api/units', { ...base, name: '另一家', uscc: '91350100M000100Y43' });
    expect(dup.json().code).toBe('USCC_TAKEN');
  });

  it('refuses a stale version with CONFLICT', async () => {
    const unit = (await admin.request('GET', '/api/units/2')).json();
    expect((await admin.request('PATCH', '/api/units/2', { name: '新名称甲', version: unit.version })).statusCode).toBe(200);
    const stale = await admin.request('PATCH', '/api/units/2', { name: '新名称乙', version: unit.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
  });
});
