/**
 * Dates as Chinese official documents write them (GB/T 9704-2012 §7.3.5.1): Arabic numerals, the year in full,
 * month and day without leading zeros — "2026年11月23日".
 */
import { civilFromDays, parseIsoDate } from '../calendar/calendar.js';

/** '2026-11-23' → '2026年11月23日'. Throws on anything but a valid 'YYYY-MM-DD'. */
export function chineseDate(date: string): string {
  const { year, month, day } = civilFromDays(parseIsoDate(date));
  return `${year}年${month}月${day}日`;
}

/** '2026-11-23' → '2026年11月'. */
export function chineseMonth(date: string): string {
  const { year, month } = civilFromDays(parseIsoDate(date));
  return `${year}年${month}月`;
}

/** A date or, when null, the given placeholder (default "—"). */
export function chineseDateOr(date: string | null | undefined, placeholder = '—'): string {
  return date ? chineseDate(date) : placeholder;
}

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/**
 * Numbers 1–99 in Chinese numerals for the headings of official documents ("一、" "（十二）"): 1 → 一, 10 → 十,
 * 12 → 十二, 20 → 二十, 35 → 三十五. Throws outside 1–99.
 */
export function chineseOrdinal(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`chineseOrdinal supports 1–99, got ${String(n)}`);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}
