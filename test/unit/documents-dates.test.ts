import { describe, expect, it } from 'vitest';
import { chineseDate, chineseDateOr, chineseMonth, chineseOrdinal } from '../../src/domain/reports/chinese-date.js';
import { defaultNumberPrefix, formatDocumentNumber, noticeCounterKey, parseDocumentNumber } from '../../src/domain/reports/document-number.js';

describe('chineseDate', () => {
  it('writes the year in full and month and day without leading zeros (GB/T 9704)', () => {
    expect(chineseDate('2026-11-23')).toBe('2026年11月23日');
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
    expect(chineseDate('2024-02-29')).toBe('2024年2月29日');
    expect(chineseDate('2026-10-01')).toBe('2026年10月1日');
  });
  it('refuses invalid dates', () => {
    expect(() => chineseDate('2026-02-29')).toThrow(RangeError);
    expect(() => chineseDate('20261123')).toThrow(RangeError);
    expect(() => chineseDate('')).toThrow(RangeError);
  });
  it('writes months, and a placeholder for a missing date', () => {
    expect(chineseMonth('2026-03-09')).toBe('2026年3月');
    expect(chineseDateOr(null)).toBe('—');
    expect(chineseDateOr(undefined, '（未填写）')).toBe('（未填写）');
    expect(chineseDateOr('2026-12-31')).toBe('2026年12月31日');
  });
});

describe('chineseOrdinal', () => {
  it('writes heading numbers as Chinese numerals', () => {
    expect([1, 2, 3, 9, 10, 11, 12, 19, 20, 21, 35, 90, 99].map(chineseOrdinal)).toEqual([
      '一', '二', '三', '九', '十', '十一', '十二', '十九', '二十', '二十一', '三十五', '九十', '九十九',
    ]);
  });
  it('refuses what it cannot write', () => {
    for (const n of [0, -1, 100, 1.5, Number.NaN]) expect(() => chineseOrdinal(n)).toThrow(RangeError);
  });
});

describe('document numbers (发文字号)', () => {
  it('formats 机关代字〔年份〕顺序号号 without leading zeros', () => {
    expect(formatDocumentNumber({ prefix: '青督办', year: 2026, seq: 3 })).toBe('青督办〔2026〕3号');
    expect(formatDocumentNumber({ prefix: ' 青督办 ', year: 2026, seq: 120 })).toBe('青督办〔2026〕120号');
  });
  it('refuses a missing prefix, odd years and sequence numbers', () => {
    expect(() => formatDocumentNumber({ prefix: ' ', year: 2026, seq: 1 })).toThrow(RangeError);
    expect(() => formatDocumentNumber({ prefix: '青督办', year: 26, seq: 1 })).toThrow(RangeError);
    expect(() => formatDocumentNumber({ prefix: '青督办', year: 2026, seq: 0 })).toThrow(RangeError);
    expect(() => formatDocumentNumber({ prefix: '青督办', year: 2026, seq: 1.5 })).toThrow(RangeError);
  });
  it('reads a number back, with hexagonal or square brackets', () => {
    expect(parseDocumentNumber('青督办〔2026〕3号')).toEqual({ prefix: '青督办', year: 2026, seq: 3 });
    expect(parseDocumentNumber('青督办[2026]12号')).toEqual({ prefix: '青督办', year: 2026, seq: 12 });
    expect(parseDocumentNumber('青督办〔2026〕03号')).toBeNull();
    expect(parseDocumentNumber('青督办〔2026〕0号')).toBeNull();
    expect(parseDocumentNumber('青督办2026年3号')).toBeNull();
    for (const seq of [1, 9, 10, 250]) expect(parseDocumentNumber(formatDocumentNumber({ prefix: '白督办', year: 2027, seq }))).toEqual({ prefix: '白督办', year: 2027, seq });
  });
  it('counts per office and year', () => {
    expect(noticeCounterKey('青督办', 2026)).toBe('notice:青督办:2026');
    expect(noticeCounterKey(' 青督办', 2027)).toBe('notice:青督办:2027');
  });
  it('derives the prefix from the region when no setting gives one', () => {
    expect(defaultNumberPrefix('青溪县')).toBe('青督办');
    expect(defaultNumberPrefix(' 云溪县')).toBe('云督办');
    expect(defaultNumberPrefix('')).toBe('督办');
  });
});
