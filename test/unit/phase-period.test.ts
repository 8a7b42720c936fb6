import { describe, expect, it } from 'vitest';
import { phasePeriodLabel } from '../../src/shared/i18n/phase-period.js';

describe('phase periods as people say them', () => {
  it.each([
    ['2026', '2026年度', '2026'],
    ['2026-Q1', '2026年第一季度', 'Q1 2026'],
    ['2026-Q4', '2026年第四季度', 'Q4 2026'],
    ['2026-H1', '2026年上半年', 'H1 2026'],
    ['2026-H2', '2026年下半年', 'H2 2026'],
    ['2026-03', '2026年3月', 'March 2026'],
    ['2026-12', '2026年12月', 'December 2026'],
  ])('%s → %s / %s', (period, zh, en) => {
    expect(phasePeriodLabel(period, 'zh-CN')).toBe(zh);
    expect(phasePeriodLabel(period, 'en')).toBe(en);
  });

  it('leaves anything else as it is', () => {
    for (const odd of ['2026-13', '2026-00', '2026-Q5', '26-Q1', '']) expect(phasePeriodLabel(odd, 'zh-CN')).toBe(odd);
  });
});
