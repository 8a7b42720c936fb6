import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/server/services.js';
import { running } from '../../src/server/usecases/imports/commit-import.js';
import { createTestContext, signIn, type Session, type TestContext } from '../helpers/context.js';
import { multipart } from '../helpers/multipart.js';

/**
 * Round trip (issue 4): the ledger exported as .xlsx imports back without loss. Into the same installation every row
 * names its stored problem by code and changes nothing (each ledger field parsed back equals the stored one); into a
 * fresh installation with the same organisation the same problems are created with the same fields.
 */
const clock = fixedClock('2026-03-16');
let source: TestContext;
let target: TestContext;
let coordinator: Session;

beforeAll(async () => {
  source = await createTestContext({ clock, demoProblems: true });
  target = await createTestContext({ clock });
  coordinator = await signIn(source.app, 'coordinator');
});
afterAll(async () => {
  await source?.close();
  await target?.close();
});

async function upload(ctx: TestContext, session: Session, data: Buffer) {
  const { payload, headers } = multipart([{ name: 'file', filename: '问题清单.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data }]);
  const res = await ctx.app.inject({ method: 'POST', url: '/api/imports', payload, headers: { ...headers, cookie: session.cookie, 'x-csrf-token': session.csrf } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Every ledger field of every problem, by code, as the problem page shows it. */
async function ledgerOf(ctx: TestContext, session: Session) {
  const list = (await session.request('GET', '/api/problems?pageSize=200&sort=code')).json().items as { id: number }[];
  const out: Record<string, unknown> = {};
  for (const { id } of list) {
    const p = (await session.request('GET', `/api/problems/${id}`)).json();
    out[p.code] = {
      source: p.source,
      round: p.roundName ?? null,
      batch: p.batchName ?? null,
      category: p.category,
      title: p.title,
      description: p.description,
      region: p.regionName,
      address: p.address,
      lng: p.lng === null ? null : Number(p.lng),
      lat: p.lat === null ? null : Number(p.lat),
      enterpriseName: p.enterpriseName,
      enterpriseUscc: p.enterpriseUscc,
      lead: p.leadUnitName,
      cooperating: p.cooperatingUnits.map((u: { name: string }) => u.name).sort(),
      leader: p.leader?.name ?? null,
      responsiblePerson: p.responsiblePerson,
      responsiblePhone: p.responsiblePhone,
      goal: p.goal,
      measures: p.measures,
      closingCriteria: p.closingCriteria,
      deadlineKind: p.deadlineKind,
      deadline: p.deadlineKind === 'date' ? p.originalDeadline : null,
      flagged: p.flagged,
      flagLevel: p.flagLevel,
      isPublic: p.isPublic,
      remarks: p.remarks,
    };
  }
  return out;
}

describe('ledger round trip', () => {
  let exported: Buffer;

  it('exports the whole ledger', async () => {
    const res = await coordinator.request('GET', '/api/exports/ledger.xlsx');
    expect(res.statusCode).toBe(200);
    exported = res.rawPayload;
  });

  it('imports back into the same installation as "no change" for every problem', async () => {
    const total = (await coordinator.request('GET', '/api/problems?pageSize=1')).json().total;
    const view = await upload(source, coordinator, exported);
    const unchanged = view.issues.filter((i: { code: string }) => i.code === 'row_unchanged');
    const others = view.issues.filter((i: { code: string; severity: string }) => i.code !== 'row_unchanged');
    expect(others, JSON.stringify(others.slice(0, 5))).toEqual([]);
    expect(view.summary).toMatchObject({ create: 0, update: 0, invalid: 0, errors: 0, skip: total });
    expect(unchanged).toHaveLength(total);
    expect(unchanged[0].message).toMatch(/^与已登记的问题 DC\d+-\d{4}-\d{4} 完全一致，无需更新$/);
  });

  it('creates the same problems with the same fields in a fresh installation of the same organisation', async () => {
    const before = await ledgerOf(source, coordinator);
    const targetCoordinator = await signIn(target.app, 'coordinator');
    // The organisation's rounds and batches are set up first, as a district does before importing.
    for (const round of await source.database.raw<{ id: number; name: string; kind: string; year: number }>('SELECT id, name, kind, year FROM rounds ORDER BY id')) {
      const created = (await targetCoordinator.request('POST', '/api/rounds', { name: round.name, kind: round.kind, year: round.year })).json();
      for (const b of await source.database.raw<{ number: number; name: string; received_on: string | null }>('SELECT number, name, received_on FROM batches WHERE round_id = $1 ORDER BY number', [round.id]))
        expect((await targetCoordinator.request('POST', `/api/rounds/${created.id}/batches`, { number: b.number, name: b.name, receivedOn: b.received_on })).statusCode).toBeLessThan(300);
    }
    const view = await upload(target, targetCoordinator, exported);
    const errors = view.issues.filter((i: { severity: string }) => i.severity === 'error');
    expect(errors, JSON.stringify(errors.slice(0, 5))).toEqual([]);
    expect(view.summary.create).toBe(Object.keys(before).length);
    const start = await targetCoordinator.request('POST', `/api/imports/${view.id}/commit`, { version: view.version });
    expect(start.statusCode, start.body).toBe(202);
    await running.get(view.id);
    expect((await targetCoordinator.request('GET', `/api/imports/${view.id}`)).json().status).toBe('committed');
    expect(await ledgerOf(target, targetCoordinator)).toEqual(before);
  });
});
