import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/server/services.js';
import type { DocumentSettingsView } from '../../src/shared/api/settings.js';
import { createTestContext, signIn, type Session, type TestContext } from '../helpers/context.js';
import { documentText } from '../helpers/docx.js';

let ctx: TestContext;
let admin: Session;
let coordinator: Session;
let handler: Session;

const OFFICE = '青溪县生态环境保护督察整改工作领导小组办公室';

beforeAll(async () => {
  ctx = await createTestContext({ demoProblems: true, clock: fixedClock('2026-11-23') });
  admin = await signIn(ctx.app, 'admin');
  coordinator = await signIn(ctx.app, 'coordinator');
  handler = await signIn(ctx.app, 'handler.water');
}, 120_000);
afterAll(async () => ctx?.close());

const view = async () => (await admin.request('GET', '/api/settings/documents')).json() as DocumentSettingsView;
const issueNotice = async () => {
  const [p] = await ctx.database.raw<{ id: number }>("SELECT id FROM problems WHERE title = '县城污水处理厂出水总磷超标'");
  const res = await coordinator.request('POST', `/api/problems/${Number(p!.id)}/documents/supervision-notice`, {});
  expect(res.statusCode).toBe(200);
  return { number: decodeURIComponent(String(res.headers['x-document-number'])), text: documentText(new Uint8Array(res.rawPayload)) };
};

describe('documents setting (文书设置)', () => {
  it('starts empty and shows the defaults that apply', async () => {
    const res = await admin.request('GET', '/api/settings/documents');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      issuerName: null,
      numberPrefix: null,
      defaults: { issuerName: OFFICE, numberPrefix: '青督办', regionName: '青溪县' },
      year: 2026,
      counters: [],
    });
  });

  it('is for administrators only (403), needs a session (401) and the CSRF token', async () => {
    for (const s of [coordinator, handler]) {
      expect((await s.request('GET', '/api/settings/documents')).statusCode).toBe(403);
      expect((await s.request('PUT', '/api/settings/documents', { numberPrefix: '青环督' })).json()).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect((await ctx.app.inject({ method: 'GET', url: '/api/settings/documents' })).statusCode).toBe(401);
    const noCsrf = await ctx.app.inject({ method: 'PUT', url: '/api/settings/documents', headers: { cookie: admin.cookie }, payload: { numberPrefix: '青环督' } });
    expect(noCsrf.json()).toMatchObject({ code: 'CSRF_INVALID' });
    expect((await view()).numberPrefix).toBeNull();
  });

  it('refuses invalid values with stable codes in both languages, and stores nothing', async () => {
    for (const numberPrefix of ['青督办2', '青 督办', '青督办〔', 'abcdefghijklm', '青[督]']) {
      const res = await admin.request('PUT', '/api/settings/documents', { numberPrefix });
      expect(res.statusCode, numberPrefix).toBe(422);
      expect(res.json()).toEqual({ code: 'DOCUMENT_PREFIX_INVALID', message: expect.stringContaining('机关代字须为 1–12 个汉字') });
    }
    for (const issuerName of ['办', '青溪县\n督察办', '督'.repeat(61)]) {
      const res = await admin.request('PUT', '/api/settings/documents', { issuerName, numberPrefix: '青环督' });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('DOCUMENT_ISSUER_INVALID');
    }
    const en = await admin.request('PUT', '/api/settings/documents', { numberPrefix: '2026' }, { 'accept-language': 'en' });
    expect(en.json()).toEqual({ code: 'DOCUMENT_PREFIX_INVALID', message: expect.stringContaining('The document number prefix must be 1–12 Chinese characters') });
    // the shape: strict body, strings only
    const unknown = await admin.request('PUT', '/api/settings/documents', { numberPrefix: '青环督', seal: 'x' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('VALIDATION_FAILED');
    expect((await admin.request('PUT', '/api/settings/documents', { numberPrefix: 7 })).json().code).toBe('VALIDATION_FAILED');
    expect((await view()).numberPrefix).toBeNull();
    const [n] = await ctx.database.raw<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'settings.documents_updated'");
    expect(Number(n!.n)).toBe(0);
  });

  it('saves trimmed values, audits the change, and the next notice uses them with a numbering of its own', async () => {
    const before = await issueNotice();
    expect(before.number).toBe('青督办〔2026〕1号');
    const res = await admin.request('PUT', '/api/settings/documents', { issuerName: ' 青溪县生态环境保护督察整改办公室　', numberPrefix: ' 青环督 ' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      issuerName: '青溪县生态环境保护督察整改办公室',
      numberPrefix: '青环督',
      defaults: { numberPrefix: '青督办' },
      counters: [{ numberPrefix: '青督办', last: 1 }],
    });
    const [audit] = await ctx.database.raw<{ actor_id: number; entity_type: string; entity_id: string; before: unknown; after: unknown }>(
      "SELECT actor_id, entity_type, entity_id, before, after FROM audit_log WHERE action = 'settings.documents_updated' ORDER BY id DESC LIMIT 1",
    );
    expect(audit).toEqual({ actor_id: admin.userId, entity_type: 'settings', entity_id: 'documents', before: {}, after: { issuerName: '青溪县生态环境保护督察整改办公室', numberPrefix: '青环督' } });

    const after = await issueNotice();
    expect(after.number).toBe('青环督〔2026〕1号');
    expect(after.text).toContain('青溪县生态环境保护督察整改办公室');
    expect(after.text).not.toContain(OFFICE);
    expect((await view()).counters).toEqual([
      { numberPrefix: '青环督', last: 1 },
      { numberPrefix: '青督办', last: 1 },
    ]);
  });

  it('goes back to the defaults when the fields are emptied; the old numbering continues', async () => {
    const res = await admin.request('PUT', '/api/settings/documents', { issuerName: '', numberPrefix: null });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ issuerName: null, numberPrefix: null });
    const notice = await issueNotice();
    expect(notice.number).toBe('青督办〔2026〕2号');
    expect(notice.text).toContain(OFFICE);
    const [audit] = await ctx.database.raw<{ before: unknown; after: unknown }>(
      "SELECT before, after FROM audit_log WHERE action = 'settings.documents_updated' ORDER BY id DESC LIMIT 1",
    );
    expect(audit).toEqual({ before: { issuerName: '青溪县生态环境保护督察整改办公室', numberPrefix: '青环督' }, after: {} });
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/settings/documents'].get.responses['200']).toBeDefined();
    expect(doc.paths['/api/settings/documents'].put.requestBody.content['application/json'].schema.properties).toHaveProperty('numberPrefix');
  });
});
