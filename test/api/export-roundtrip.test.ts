import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS } from '../../src/domain/ledger/columns.js';
import type { ImportReferences } from '../../src/domain/ledger/import/types.js';
import { runAnalysis } from '../../src/server/ledger/import-analysis.js';
import { fixedClock } from '../../src/server/services.js';
import { createTestContext, signIn, type Session, type TestContext } from '../helpers/context.js';
import { closedProblem } from '../helpers/loop.js';

/**
 * The exported ledger imports back without loss: the import (src/domain/ledger/import/) finds the header below the
 * title row, maps every exported column, and reads every row into the same problem fields.
 */
const clock = fixedClock('2026-03-02');
let ctx: TestContext;
let coordinator: Session;

beforeAll(async () => {
  ctx = await createTestContext({ demoProblems: true, clock });
  coordinator = await signIn(ctx.app, 'coordinator');
  const parties = { coordinator, handler: await signIn(ctx.app, 'handler.water'), head: await signIn(ctx.app, 'head.water'), verifier: await signIn(ctx.app, 'verifier') };
  await closedProblem(ctx, parties, { title: '已销号的排口问题', lng: 120.125, lat: 30.25, remarks: '备注一行\n备注二行' });
});
afterAll(async () => ctx.close());

async function references(): Promise<ImportReferences> {
  const raw = ctx.database.raw.bind(ctx.database);
  return {
    today: '2026-03-02',
    defaultRegionId: 1,
    regions: (await raw<{ id: number; code: string; name: string; path: string }>('SELECT id, code, name, path FROM regions')).map((r) => ({ ...r, id: Number(r.id) })),
    units: (await raw<{ id: number; name: string; short_name: string | null; kind: string }>('SELECT id, name, short_name, kind FROM units WHERE enabled')).map((u) => ({
      id: Number(u.id),
      name: u.name,
      shortName: u.short_name,
      kind: u.kind,
    })),
    leaders: (await raw<{ id: number; display_name: string }>("SELECT u.id, u.display_name FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'leader'")).map((l) => ({ id: Number(l.id), displayName: l.display_name })),
    rounds: (await raw<{ id: number; name: string }>('SELECT id, name FROM rounds')).map((r) => ({ id: Number(r.id), name: r.name })),
    batches: (await raw<{ id: number; round_id: number; number: number; name: string }>('SELECT id, round_id, number, name FROM batches')).map((b) => ({ id: Number(b.id), roundId: Number(b.round_id), number: b.number, name: b.name })),
    existing: [],
  };
}

describe('export → import', () => {
  it('reads every exported row back into the same fields', async () => {
    const res = await coordinator.request('GET', '/api/exports/ledger.xlsx');
    expect(res.statusCode).toBe(200);
    const result = await runAnalysis({
      file: res.rawPayload,
      fileName: 'ledger.xlsx',
      refs: await references(),
      options: { updateExisting: false, defaults: {} },
      unitAliases: {},
      choice: null,
      savedMappings: {},
    });
    const detection = result.detections[0]!;
    expect(detection.sheetName).toBe('问题清单');
    expect(detection.firstDataRow).toBe(2);
    for (const c of LEDGER_COLUMNS.filter((c) => c.exported && c.key !== 'seq')) expect(detection.mapping[c.key], c.key).toBeTypeOf('number');

    const analysis = result.analysis!;
    const errors = analysis.rows.flatMap((r) => r.issues.filter((i) => i.severity === 'error').map((i) => `row ${r.row} ${i.column}: ${i.code}`));
    expect(errors).toEqual([]);
    expect(analysis.summary.create).toBe(11);

    const stored = await ctx.database.raw<Record<string, unknown>>(
      `SELECT p.*, (SELECT array_agg(unit_id ORDER BY unit_id) FROM problem_units WHERE problem_id = p.id AND role = 'cooperating') AS coop FROM problems p`,
    );
    for (const row of analysis.rows) {
      const imported = row.problem!;
      const original = stored.find((s) => s.code === imported.code)!;
      expect(original, imported.code ?? '').toBeDefined();
      expect({
        title: imported.title,
        description: imported.description,
        source: imported.source,
        category: imported.category,
        regionId: imported.regionId,
        leadUnitId: imported.leadUnitId,
        cooperatingUnitIds: [...imported.cooperatingUnitIds].sort((a, b) => a - b),
        closingCriteria: imported.closingCriteria,
        deadlineKind: imported.deadlineKind,
        flagged: imported.flagged,
        flagLevel: imported.flagLevel,
        isPublic: imported.isPublic,
        responsiblePerson: imported.responsiblePerson,
        responsiblePhone: imported.responsiblePhone,
        measures: imported.measures,
        goal: imported.goal,
        closedOn: imported.closedOn,
        roundId: imported.roundId,
        remarks: imported.remarks,
        latestProgress: imported.latestProgress,
      }).toEqual({
        title: original.title,
        description: original.description,
        source: original.source,
        category: original.category,
        regionId: Number(original.region_id),
        leadUnitId: Number(original.lead_unit_id),
        cooperatingUnitIds: ((original.coop as number[] | null) ?? []).map(Number),
        closingCriteria: original.closing_criteria,
        deadlineKind: original.deadline_kind,
        flagged: original.flagged,
        flagLevel: original.flag_level,
        isPublic: original.is_public,
        responsiblePerson: original.responsible_person,
        responsiblePhone: original.responsible_phone,
        measures: original.measures,
        goal: original.goal,
        closedOn: original.closed_on,
        roundId: original.round_id === null ? null : Number(original.round_id),
        remarks: original.remarks,
        latestProgress: original.latest_progress,
      });
      if (original.deadline_kind === 'date') expect(imported.deadline).toBe(original.deadline);
      if (original.lng !== null) expect([imported.lng, imported.lat]).toEqual([Number(original.lng), Number(original.lat)]);
    }
  });
});
