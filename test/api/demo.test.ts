import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, signIn, type TestContext } from '../helpers/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ demoProblems: true });
});
afterAll(async () => ctx.close());

describe('the demo county', () => {
  it('has problems at every early stage, with derived warnings, seen by each unit in its scope', async () => {
    const coordinator = await signIn(ctx.app, 'coordinator');
    const all = (await coordinator.request('GET', '/api/problems?pageSize=50')).json();
    expect(all.total).toBe(10);
    const statuses = new Set(all.items.map((p: { status: string }) => p.status));
    for (const s of ['registered', 'assigned', 'acknowledged', 'rectifying']) expect(statuses).toContain(s);
    expect(all.counts.red + all.counts.severe).toBeGreaterThan(0);
    expect(all.counts.green).toBeGreaterThan(0);
    const water = await signIn(ctx.app, 'handler.water');
    const mine = (await water.request('GET', '/api/problems?pageSize=50')).json();
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.total).toBeLessThan(all.total);
    const rounds = (await coordinator.request('GET', '/api/rounds')).json().items;
    expect(rounds[0]).toMatchObject({ name: '第三轮中央生态环境保护督察', batches: [{ number: 1 }, { number: 2 }] });
  });

  it('keeps the audit chain intact after seeding', async () => {
    const admin = await signIn(ctx.app, 'admin');
    expect((await admin.request('POST', '/api/audit/verify')).json().ok).toBe(true);
  });
});
