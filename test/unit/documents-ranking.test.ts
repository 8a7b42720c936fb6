import { describe, expect, it } from 'vitest';
import { completionDate, onTimeVerdict, rankUnits, type OnTimeInput } from '../../src/domain/reports/ranking.js';

const p = (deadline: string | null, rectifiedOn: string | null = null, closedOn: string | null = null): OnTimeInput => ({ deadline, rectifiedOn, closedOn });
const TO = '2026-10-31';
const TODAY = '2026-11-23';

describe('completionDate', () => {
  it('is the rectification day, else the closing day', () => {
    expect(completionDate(p(null, '2026-09-01', '2026-10-01'))).toBe('2026-09-01');
    expect(completionDate(p(null, null, '2026-10-01'))).toBe('2026-10-01');
    expect(completionDate(p(null))).toBeNull();
  });
});

describe('onTimeVerdict', () => {
  it('does not count problems without a deadline or due after the period', () => {
    expect(onTimeVerdict(p(null, '2026-01-01'), TO, TODAY)).toBe('not_due');
    expect(onTimeVerdict(p('2026-11-01'), TO, TODAY)).toBe('not_due');
    expect(onTimeVerdict(p('2026-11-01', '2026-10-01'), TO, TODAY)).toBe('not_due');
  });
  it('is on time when completed on or before the deadline', () => {
    expect(onTimeVerdict(p('2026-10-15', '2026-10-15'), TO, TODAY)).toBe('on_time');
    expect(onTimeVerdict(p('2026-10-15', '2026-03-01'), TO, TODAY)).toBe('on_time');
    expect(onTimeVerdict(p('2026-10-15', null, '2026-10-14'), TO, TODAY)).toBe('on_time');
    expect(onTimeVerdict(p('2026-10-31', '2026-10-31'), TO, TODAY)).toBe('on_time');
    // deadlines before the period count too (cumulative)
    expect(onTimeVerdict(p('2025-06-30', '2025-06-01'), TO, TODAY)).toBe('on_time');
  });
  it('is late when the deadline passed without completion, or completion came after it', () => {
    expect(onTimeVerdict(p('2026-10-15'), TO, TODAY)).toBe('late');
    expect(onTimeVerdict(p('2026-10-15', '2026-10-16'), TO, TODAY)).toBe('late');
    expect(onTimeVerdict(p('2026-10-15', null, '2026-11-20'), TO, TODAY)).toBe('late');
    // rectified late even though closed... the rectification day decides
    expect(onTimeVerdict(p('2026-10-15', '2026-10-20', '2026-10-10'), TO, TODAY)).toBe('late');
  });
  it('leaves undecided a deadline not yet reached in a period that runs to today or later', () => {
    const to = '2026-11-30';
    expect(onTimeVerdict(p('2026-11-23'), to, TODAY)).toBe('undecided'); // due today, not done yet
    expect(onTimeVerdict(p('2026-11-28'), to, TODAY)).toBe('undecided');
    expect(onTimeVerdict(p('2026-11-22'), to, TODAY)).toBe('late'); // yesterday
    expect(onTimeVerdict(p('2026-11-28', '2026-11-20'), to, TODAY)).toBe('on_time');
  });
});

describe('rankUnits', () => {
  const u = (unitId: number, unitName: string, onTime: number, late: number) => ({ unitId, unitName, onTime, late });

  it('computes due and rate, and ranks by rate', () => {
    const ranked = rankUnits([u(1, '县水利局', 3, 1), u(2, '县住建局', 4, 0), u(3, '白沙镇人民政府', 1, 3)]);
    expect(ranked.map((r) => [r.unitName, r.due, r.rate, r.rank])).toEqual([
      ['县住建局', 4, 1, 1],
      ['县水利局', 4, 0.75, 2],
      ['白沙镇人民政府', 4, 0.25, 3],
    ]);
  });

  it('gives equal rates the same rank (1, 2, 2, 4), ordering ties by more due, fewer late, then name', () => {
    const ranked = rankUnits([u(1, '白沙镇', 1, 1), u(2, '甲单位', 2, 2), u(3, '丙单位', 3, 0), u(4, '丁单位', 1, 3), u(5, '城关街道', 1, 1)]);
    expect(ranked.map((r) => [r.unitId, r.rank])).toEqual([
      [3, 1],
      [2, 2], // 2/4 = 50%, more due
      [1, 2], // 1/2 = 50%, 白沙镇 before 城关街道 by name (zh-CN collation: bái, chéng)
      [5, 2],
      [4, 5],
    ]);
  });

  it('compares rates exactly, without floating point surprises', () => {
    // 1/3 and 2/6 and 3/9 are equal; 0.1+0.2-like fractions must not split them
    const ranked = rankUnits([u(1, 'A', 1, 2), u(2, 'B', 2, 4), u(3, 'C', 3, 6), u(4, 'D', 7, 13)]);
    expect(ranked.map((r) => [r.unitId, r.rank])).toEqual([
      [4, 1], // 7/20 = 35%
      [3, 2],
      [2, 2],
      [1, 2],
    ]);
  });

  it('puts units with nothing due last, without a rate or rank', () => {
    const ranked = rankUnits([u(1, '甲', 0, 0), u(2, '乙', 0, 2), u(3, '丙', 1, 0)]);
    expect(ranked.map((r) => [r.unitId, r.rate, r.rank])).toEqual([
      [3, 1, 1],
      [2, 0, 2],
      [1, null, null],
    ]);
  });

  it('does not depend on the input order and does not change the input', () => {
    const input = [u(1, '甲', 2, 2), u(2, '乙', 5, 0), u(3, '丙', 0, 1), u(4, '丁', 2, 2)];
    const copy = JSON.parse(JSON.stringify(input));
    const a = rankUnits(input);
    const b = rankUnits([...input].reverse());
    expect(a).toEqual(b);
    expect(input).toEqual(copy);
  });

  it('handles no units', () => {
    expect(rankUnits([])).toEqual([]);
  });

  it('refuses negative or fractional counts', () => {
    expect(() => rankUnits([u(1, '甲', -1, 0)])).toThrow(RangeError);
    expect(() => rankUnits([u(1, '甲', 1, 0.5)])).toThrow(RangeError);
  });
});
