import { describe, expect, it } from 'vitest';
import {
  dayAfter,
  dayBefore,
  defaultPeriod,
  MAX_PERIOD_DAYS,
  minDate,
  periodDays,
  periodLabel,
  periodProblem,
  presetPeriod,
  previousPeriod,
  weekStart,
  wholeMonths,
} from '../../src/domain/reports/period.js';

describe('periodProblem', () => {
  it('accepts a single day and ordered ranges', () => {
    expect(periodProblem({ from: '2026-10-01', to: '2026-10-01' })).toBeNull();
    expect(periodProblem({ from: '2026-10-01', to: '2026-10-31' })).toBeNull();
  });
  it('refuses a range that ends before it starts', () => {
    expect(periodProblem({ from: '2026-10-02', to: '2026-10-01' })).toBe('order');
  });
  it('refuses more than ten years, accepts exactly the maximum', () => {
    const from = '2020-01-01';
    const atMax = { from, to: '2030-01-07' };
    expect(periodDays(atMax)).toBe(MAX_PERIOD_DAYS);
    expect(periodProblem(atMax)).toBeNull();
    expect(periodProblem({ from, to: '2030-01-08' })).toBe('too_long');
  });
  it('throws on malformed dates', () => {
    expect(() => periodProblem({ from: '2026-13-01', to: '2026-12-31' })).toThrow(RangeError);
    expect(() => periodProblem({ from: '2026-1-1', to: '2026-12-31' })).toThrow(RangeError);
  });
});

describe('periodDays and wholeMonths', () => {
  it('counts both ends', () => {
    expect(periodDays({ from: '2026-10-01', to: '2026-10-31' })).toBe(31);
    expect(periodDays({ from: '2024-02-01', to: '2024-02-29' })).toBe(29);
    expect(periodDays({ from: '2026-11-23', to: '2026-11-23' })).toBe(1);
  });
  it('recognises whole calendar months only', () => {
    expect(wholeMonths({ from: '2026-10-01', to: '2026-10-31' })).toBe(1);
    expect(wholeMonths({ from: '2026-01-01', to: '2026-12-31' })).toBe(12);
    expect(wholeMonths({ from: '2025-11-01', to: '2026-02-28' })).toBe(4);
    expect(wholeMonths({ from: '2024-02-01', to: '2024-02-29' })).toBe(1);
    expect(wholeMonths({ from: '2024-02-01', to: '2024-02-28' })).toBeNull(); // leap year: not the month's end
    expect(wholeMonths({ from: '2026-10-02', to: '2026-10-31' })).toBeNull();
    expect(wholeMonths({ from: '2026-10-01', to: '2026-10-30' })).toBeNull();
  });
});

describe('previousPeriod', () => {
  it('compares a month with the month before, whatever their lengths', () => {
    expect(previousPeriod({ from: '2026-10-01', to: '2026-10-31' })).toEqual({ from: '2026-09-01', to: '2026-09-30' });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-01-31' })).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });
  it('compares several whole months with as many months before', () => {
    expect(previousPeriod({ from: '2026-07-01', to: '2026-09-30' })).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-12-31' })).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-02-28' })).toEqual({ from: '2025-11-01', to: '2025-12-31' });
  });
  it('compares any other period with the same number of days just before it', () => {
    expect(previousPeriod({ from: '2026-11-16', to: '2026-11-22' })).toEqual({ from: '2026-11-09', to: '2026-11-15' });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-10' })).toEqual({ from: '2026-02-19', to: '2026-02-28' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-01-01' })).toEqual({ from: '2025-12-31', to: '2025-12-31' });
    expect(previousPeriod({ from: '2024-03-01', to: '2024-03-15' })).toEqual({ from: '2024-02-15', to: '2024-02-29' });
  });
  it('always ends the day before the period and never overlaps it', () => {
    const cases = [
      { from: '2026-10-01', to: '2026-10-31' },
      { from: '2026-11-16', to: '2026-11-22' },
      { from: '2025-12-15', to: '2026-01-20' },
      { from: '2026-02-01', to: '2026-04-30' },
    ];
    for (const p of cases) {
      const prev = previousPeriod(p);
      expect(prev.to).toBe(dayBefore(p.from));
      expect(periodProblem(prev)).toBeNull();
      if (wholeMonths(p) === null) expect(periodDays(prev)).toBe(periodDays(p));
      else expect(wholeMonths(prev)).toBe(wholeMonths(p));
    }
  });
});

describe('weeks and presets', () => {
  it('starts weeks on Monday', () => {
    expect(weekStart('2026-11-23')).toBe('2026-11-23'); // Monday
    expect(weekStart('2026-11-22')).toBe('2026-11-16'); // Sunday
    expect(weekStart('2026-11-25')).toBe('2026-11-23'); // Wednesday
    expect(weekStart('2026-01-01')).toBe('2025-12-29'); // Thursday, across the year
  });
  it('gives this and last week, Monday to Sunday', () => {
    expect(presetPeriod('this_week', '2026-11-25')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(presetPeriod('last_week', '2026-11-25')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(presetPeriod('last_week', '2026-11-23')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(presetPeriod('this_week', '2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
  });
  it('gives this and last month, across years and leap Februaries', () => {
    expect(presetPeriod('this_month', '2026-11-23')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(presetPeriod('last_month', '2026-11-23')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(presetPeriod('last_month', '2026-01-05')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetPeriod('last_month', '2024-03-31')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(presetPeriod('this_month', '2026-12-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
  it('refuses an unknown preset', () => {
    expect(() => presetPeriod('next_year' as never, '2026-11-23')).toThrow(RangeError);
  });
  it('defaults to the last full month', () => {
    expect(defaultPeriod('2026-11-23')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(defaultPeriod('2026-11-01')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(defaultPeriod('2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });
});

describe('periodLabel', () => {
  it('names months, quarters, halves and years as titles do', () => {
    expect(periodLabel({ from: '2026-10-01', to: '2026-10-31' })).toBe('2026年10月');
    expect(periodLabel({ from: '2026-07-01', to: '2026-09-30' })).toBe('2026年第三季度');
    expect(periodLabel({ from: '2026-01-01', to: '2026-03-31' })).toBe('2026年第一季度');
    expect(periodLabel({ from: '2026-10-01', to: '2026-12-31' })).toBe('2026年第四季度');
    expect(periodLabel({ from: '2026-01-01', to: '2026-06-30' })).toBe('2026年上半年');
    expect(periodLabel({ from: '2026-07-01', to: '2026-12-31' })).toBe('2026年下半年');
    expect(periodLabel({ from: '2026-01-01', to: '2026-12-31' })).toBe('2026年');
    expect(periodLabel({ from: '2026-02-01', to: '2026-04-30' })).toBe('2026年2月至4月');
  });
  it('names other ranges by their days, shortening what repeats', () => {
    expect(periodLabel({ from: '2026-11-16', to: '2026-11-22' })).toBe('2026年11月16日至22日');
    expect(periodLabel({ from: '2026-10-25', to: '2026-11-07' })).toBe('2026年10月25日至11月7日');
    expect(periodLabel({ from: '2025-12-29', to: '2026-01-04' })).toBe('2025年12月29日至2026年1月4日');
    expect(periodLabel({ from: '2026-11-03', to: '2026-11-03' })).toBe('2026年11月3日');
    expect(periodLabel({ from: '2025-11-01', to: '2026-01-31' })).toBe('2025年11月1日至2026年1月31日');
  });
});

describe('day arithmetic', () => {
  it('steps over month and year ends', () => {
    expect(dayBefore('2026-01-01')).toBe('2025-12-31');
    expect(dayAfter('2024-02-28')).toBe('2024-02-29');
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
    expect(minDate('2026-10-31', '2026-11-22')).toBe('2026-10-31');
    expect(minDate('2026-11-30', '2026-11-22')).toBe('2026-11-22');
  });
});
