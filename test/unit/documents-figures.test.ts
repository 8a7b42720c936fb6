import { describe, expect, it } from 'vitest';
import { change, changeText, percentText, planProgress, rate, totalTarget, type PlanNode } from '../../src/domain/reports/figures.js';

describe('change', () => {
  it('computes the delta and states it as a bulletin does', () => {
    expect(change(12, 9)).toEqual({ current: 12, previous: 9, delta: 3 });
    expect(changeText(change(12, 9))).toBe('增加3个');
    expect(changeText(change(4, 6))).toBe('减少2个');
    expect(changeText(change(5, 5))).toBe('持平');
    expect(changeText(change(0, 0))).toBe('持平');
    expect(changeText(change(3, 1), '家')).toBe('增加2家');
  });
});

describe('percentText and rate', () => {
  it('rounds to one decimal, dropping .0', () => {
    expect(percentText(2, 3)).toBe('66.7%');
    expect(percentText(1, 3)).toBe('33.3%');
    expect(percentText(1, 8)).toBe('12.5%');
    expect(percentText(1, 2)).toBe('50%');
    expect(percentText(3, 3)).toBe('100%');
    expect(percentText(0, 7)).toBe('0%');
    expect(percentText(7, 6)).toBe('116.7%');
    expect(percentText(1, 1000)).toBe('0.1%');
    expect(percentText(1, 3000)).toBe('0%');
  });
  it('has no share of nothing', () => {
    expect(percentText(0, 0)).toBe('—');
    expect(percentText(3, 0)).toBe('—');
    expect(rate(3, 0)).toBeNull();
    expect(rate(3, 4)).toBe(0.75);
  });
});

describe('planProgress', () => {
  const plans: PlanNode[] = [
    { id: 1, parentId: null, name: '总体方案', yearlyTargets: { '2026': 10, '2027': 4 } },
    { id: 2, parentId: 1, name: '水污染防治任务清单', yearlyTargets: { '2026': 6 } },
    { id: 3, parentId: 1, name: '大气任务清单', yearlyTargets: {} },
    { id: 4, parentId: 3, name: '扬尘专项', yearlyTargets: { '2026': 2 } },
    { id: 5, parentId: null, name: '专项方案', yearlyTargets: { '2026': 3 } },
    { id: 6, parentId: null, name: '无目标方案', yearlyTargets: { '2025': 1 } },
  ];
  const closed = new Map([
    [1, 1],
    [2, 4],
    [3, 2],
    [4, 1],
    [5, 5],
    [6, 9],
  ]);

  it('rolls closed problems up to the plans above, in tree order, only plans with a target that year', () => {
    const progress = planProgress(plans, closed, 2026);
    expect(progress.map((p) => [p.planId, p.depth, p.target, p.closed])).toEqual([
      [1, 0, 10, 8], // 1 + 4 + 2 + 1
      [2, 1, 6, 4],
      [4, 1, 2, 1], // its parent 3 has no target: it sits one level under 1
      [5, 0, 3, 5],
    ]);
    expect(progress.find((p) => p.planId === 5)!.rate).toBeCloseTo(5 / 3);
    expect(totalTarget(progress)).toBe(13);
  });

  it('uses the targets of the year asked for', () => {
    const progress = planProgress(plans, closed, 2027);
    expect(progress.map((p) => [p.planId, p.target, p.closed])).toEqual([[1, 4, 8]]);
    expect(planProgress(plans, closed, 2030)).toEqual([]);
    expect(totalTarget([])).toBe(0);
  });

  it('survives unknown parents and cycles', () => {
    const odd: PlanNode[] = [
      { id: 1, parentId: 99, name: '孤儿方案', yearlyTargets: { '2026': 1 } },
      { id: 2, parentId: 3, name: '环A', yearlyTargets: { '2026': 2 } },
      { id: 3, parentId: 2, name: '环B', yearlyTargets: { '2026': 3 } },
      { id: 4, parentId: 4, name: '自指', yearlyTargets: { '2026': 4 } },
    ];
    const progress = planProgress(odd, new Map([[1, 1], [2, 2], [3, 3], [4, 4]]), 2026);
    expect(progress.map((p) => p.planId).sort()).toEqual([1, 2, 3, 4]);
    expect(progress.find((p) => p.planId === 1)!.closed).toBe(1);
    expect(progress.find((p) => p.planId === 4)!.closed).toBe(4);
    // the cycle is cut where it closes: each plan counted once
    const a = progress.find((p) => p.planId === 2)!;
    const b = progress.find((p) => p.planId === 3)!;
    expect(a.closed + b.closed).toBeLessThanOrEqual(2 + 3 + 3);
  });

  it('ignores zero or non-numeric targets', () => {
    const progress = planProgress([{ id: 1, parentId: null, name: 'x', yearlyTargets: { '2026': 0 } }, { id: 2, parentId: null, name: 'y', yearlyTargets: { '2026': 'many' as unknown as number } }], new Map(), 2026);
    expect(progress).toEqual([]);
  });
});
