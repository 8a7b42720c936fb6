import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/server/usecases/verify-audit.js';
import { createTestContext, signIn, type Session, type TestContext } from '../helpers/context.js';

let ctx: TestContext;
let admin: Session;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await signIn(ctx.app, 'admin');
});
afterAll(async () => ctx.close());

describe('audit history', () => {
  it('records who changed what, with before and after, in the same transaction as the change', async () => {
    const created = await admin.request('POST', '/api/units', { name: '青溪县审计测试局', kind: 'department', regionId: 1, parentId: 1 });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    await admin.request('PATCH', `/api/units/${id}`, { name: '青溪县审计局', version: 1 });
    const res = await admin.request('GET', `/api/audit?entityType=unit&entityId=${id}`);
    const items = res.json().items;
    expect(items.map((i: { action: string }) => i.action)).toEqual(['unit.updated', 'unit.created']);
    expect(items[0]).toMatchObject({ actorName: '系统管理员', before: { name: '青溪县审计测试局' }, after: { name: '青溪县审计局' } });
  });

  it('filters by actor, action prefix and time', async () => {
    const res = await admin.request('GET', `/api/audit?actorId=${admin.userId}&action=unit.&from=2000-01-01T00:00:00Z`);
    expect(res.json().total).toBeGreaterThanOrEqual(2);
    for (const item of res.json().items) expect(item.action.startsWith('unit.')).toBe(true);
  });

  it('writes nothing when the change is refused', async () => {
    const before = (await admin.request('GET', '/api/audit?pageSize=1')).json().total;
    await admin.request('POST', '/api/units', { name: '企业', kind: 'enterprise', regionId: 1, parentId: 1, uscc: 'bad' });
    expect((await admin.request('GET', '/api/audit?pageSize=1')).json().total).toBe(before);
  });

  it('is append-only at the database', async () => {
    await expect(ctx.database.raw("UPDATE audit_log SET action = 'x' WHERE id = 1")).rejects.toThrow(/append-only/);
    await expect(ctx.database.raw('DELETE FROM audit_log WHERE id = 1')).rejects.toThrow(/append-only/);
  });

  it('verifies an intact chain', async () => {
    const res = await admin.request('POST', '/api/audit/verify');
    expect(res.json()).toMatchObject({ ok: true });
    expect(res.json().rows).toBeGreaterThan(3);
  });

  it('detects an edited row and names it', async () => {
    const rows = await ctx.database.raw<{ id: number }>("SELECT id FROM audit_log WHERE action = 'unit.created' ORDER BY id LIMIT 1");
    const target = Number(rows[0]!.id);
    // Someone with database superuser rights bypasses the trigger and edits history.
    await ctx.database.raw('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await ctx.database.raw(`UPDATE audit_log SET after = jsonb_set(after, '{name}', '"篡改"') WHERE id = ${target}`);
    await ctx.database.raw('ALTER TABLE audit_log ENABLE TRIGGER USER');
    const verdict = await verifyAudit(ctx.database.db, 2);
    expect(verdict).toMatchObject({ ok: false, brokenId: target, reason: 'content' });
    const res = await admin.request('POST', '/api/audit/verify');
    expect(res.json()).toMatchObject({ ok: false, brokenId: target });
  });

  it('detects a deleted row by the broken link after it', async () => {
    const rows = await ctx.database.raw<{ id: number }>('SELECT id FROM audit_log ORDER BY id DESC LIMIT 2');
    const [last, previous] = rows.map((r) => Number(r.id));
    await ctx.database.raw('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await ctx.database.raw(`DELETE FROM audit_log WHERE id = ${previous}`);
    await ctx.database.raw('ALTER TABLE audit_log ENABLE TRIGGER USER');
    const verdict = await verifyAudit(ctx.database.db);
    expect(verdict.ok).toBe(false);
    // The first break is still the edited row from the previous test; check the link break directly too.
    const tail = await ctx.database.raw<{ prev_hash: string }>(`SELECT prev_hash FROM audit_log WHERE id = ${last}`);
    const before = await ctx.database.raw<{ hash: string }>(`SELECT hash FROM audit_log WHERE id < ${last} ORDER BY id DESC LIMIT 1`);
    expect(tail[0]!.prev_hash).not.toBe(before[0]!.hash);
  });
});
