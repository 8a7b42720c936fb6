import { describe, expect, it } from 'vitest';
import { bulletinParams, presentSummary, type BulletinGroup } from '../../src/server/usecases/documents/bulletin-summary.js';
import { AppError } from '../../src/server/errors.js';

const params = bulletinParams({ from: '2026-10-01', to: '2026-10-31' }, '2026-11-23');

const group = (unit: number | null, plan: number | null, counts: Record<string, number>, name = `单位${unit}`): BulletinGroup => ({
  unit_id: unit,
  plan_id: plan,
  unit_name: unit === null ? null : name,
  short_name: null,
  ...counts,
});

describe('bulletinParams', () => {
  it('takes the period asked for and compares it with the one before', () => {
    expect(params).toEqual({ period: { from: '2026-10-01', to: '2026-10-31' }, previous: { from: '2026-09-01', to: '2026-09-30' }, today: '2026-11-23' });
  });
  it('defaults to the last full month', () => {
    expect(bulletinParams({}, '2026-11-23').period).toEqual({ from: '2026-10-01', to: '2026-10-31' });
  });
  it('refuses a reversed period', () => {
    expect(() => bulletinParams({ from: '2026-10-31', to: '2026-10-01' }, '2026-11-23')).toThrow(AppError);
  });
});

describe('presentSummary', () => {
  it('adds up the (unit, plan) groups into totals, per-unit figures and per-plan closings', () => {
    const s = presentSummary(params, {
      groups: [
        group(1, 10, { total: 5, st_rectifying: 3, st_closed: 2, overdue: 2, severe: 1, w_red: 1, w_severe: 1, closed_year: 2, on_time: 2, late: 1, new_cur: 1, closed_cur: 1, closed_prev: 2 }),
        group(1, null, { total: 2, st_assigned: 2, overdue: 1, w_yellow: 1, late: 1, new_prev: 2 }),
        group(2, 11, { total: 4, st_closed: 4, closed_year: 4, on_time: 4, rect_cur: 3, rect_prev: 1 }),
        group(null, 10, { total: 1, st_registered: 1, closed_year: 0 }),
      ],
      plans: [
        { id: 10, parent_id: null, name: '总体方案', yearly_targets: { '2026': 6 } },
        { id: 11, parent_id: 10, name: '任务清单', yearly_targets: { '2026': 3 } },
      ],
      reboundCounts: { cur: 1, prev: 0 },
      reboundItems: [{ id: 7, code: 'X-7', title: '反弹问题', lead_unit_name: '单位2', checked_at: '2026-10-12T02:00:00Z' }],
      scopeName: '青溪县',
    });
    expect(s.totals).toMatchObject({ total: 12, closed: 6, inProgress: 5, rectifiedNotClosed: 0, overdue: 3 });
    expect(s.totals.byStatus).toMatchObject({ registered: 1, assigned: 2, rectifying: 3, closed: 6, verifying: 0 });
    expect(s.flows).toEqual({
      newProblems: { current: 1, previous: 2, delta: -1 },
      rectified: { current: 3, previous: 1, delta: 2 },
      closed: { current: 1, previous: 2, delta: -1 },
      newlyOverdue: { current: 0, previous: 0, delta: 0 },
    });
    expect(s.warnings).toEqual({ yellow: 1, red: 1, severe: 1 });
    expect(s.overdueByUnit).toEqual([{ unitId: 1, unitName: '单位1', shortName: null, overdue: 3, severe: 1 }]);
    expect(s.ranking.map((u) => [u.unitId, u.onTime, u.late, u.rank])).toEqual([
      [2, 4, 0, 1],
      [1, 2, 2, 2],
    ]);
    // plan 10 counts its own closings and those of task list 11
    expect(s.targets.plans.map((p) => [p.planId, p.target, p.closed])).toEqual([
      [10, 6, 6],
      [11, 3, 4],
    ]);
    expect(s.targets.all).toEqual({ target: 6, closed: 6 });
    expect(s.rebounds).toEqual({ count: 1, previous: 0, items: [{ problemId: 7, code: 'X-7', title: '反弹问题', leadUnitName: '单位2', checkedOn: '2026-10-12' }] });
    expect(s.period.label).toBe('2026年10月');
  });

  it('is all zeros for an empty scope', () => {
    const s = presentSummary(params, { groups: [], plans: [], reboundCounts: { cur: 0, prev: 0 }, reboundItems: [], scopeName: '' });
    expect(s.totals.total).toBe(0);
    expect(s.ranking).toEqual([]);
    expect(s.overdueByUnit).toEqual([]);
    expect(s.targets).toEqual({ year: 2026, plans: [], all: { target: null, closed: 0 } });
  });
});
