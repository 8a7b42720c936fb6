/**
 * Reporting periods of the 调度通报 (periodic bulletin): a closed range of China calendar days [from, to].
 *
 * Pure module: no clock; "today" is always a 'YYYY-MM-DD' parameter.
 *
 *  - Weeks run Monday to Sunday (the Chinese working week).
 *  - The default period is the last full calendar month before today (a bulletin for October is written in November).
 *  - The previous period, to compare against (环比), has the same length and ends the day before `from`, except that
 *    a period made of whole calendar months is compared with as many whole calendar months before it (October is
 *    compared with September, not with the 31 days from 31 August).
 */
import { civilFromDays, dayOfWeek, daysFromCivil, daysInMonth, formatIsoDate, parseIsoDate } from '../calendar/calendar.js';

export interface Period {
  /** first day, inclusive */
  from: string;
  /** last day, inclusive */
  to: string;
}

export const PERIOD_PRESETS = ['this_week', 'last_week', 'this_month', 'last_month'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** Longest period a bulletin may cover: ten years of days. */
export const MAX_PERIOD_DAYS = 3660;

export type PeriodProblem = 'order' | 'too_long';

/** Why a period cannot be used, or null. Throws on dates that are not 'YYYY-MM-DD'. */
export function periodProblem(period: Period): PeriodProblem | null {
  const from = parseIsoDate(period.from);
  const to = parseIsoDate(period.to);
  if (to < from) return 'order';
  if (to - from + 1 > MAX_PERIOD_DAYS) return 'too_long';
  return null;
}

/** Number of days in the period, both ends included. */
export function periodDays(period: Period): number {
  return parseIsoDate(period.to) - parseIsoDate(period.from) + 1;
}

/** When the period is one or more whole calendar months: how many; otherwise null. */
export function wholeMonths(period: Period): number | null {
  const from = civilFromDays(parseIsoDate(period.from));
  const to = civilFromDays(parseIsoDate(period.to));
  if (from.day !== 1 || to.day !== daysInMonth(to.year, to.month)) return null;
  const months = (to.year - from.year) * 12 + (to.month - from.month) + 1;
  return months >= 1 ? months : null;
}

/** The period to compare with (see the header). */
export function previousPeriod(period: Period): Period {
  const months = wholeMonths(period);
  const from = parseIsoDate(period.from);
  if (months !== null) {
    const { year, month } = civilFromDays(from);
    const index = year * 12 + (month - 1) - months;
    const y = Math.floor(index / 12);
    const m = index - y * 12 + 1;
    return { from: formatIsoDate(daysFromCivil(y, m, 1)), to: formatIsoDate(from - 1) };
  }
  const days = periodDays(period);
  return { from: formatIsoDate(from - days), to: formatIsoDate(from - 1) };
}

/** Monday of the week of `date`. */
export function weekStart(date: string): string {
  const d = parseIsoDate(date);
  return formatIsoDate(d - ((dayOfWeek(d) + 6) % 7));
}

function monthOf(date: string, offset: number): Period {
  const { year, month } = civilFromDays(parseIsoDate(date));
  const index = year * 12 + (month - 1) + offset;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return { from: formatIsoDate(daysFromCivil(y, m, 1)), to: formatIsoDate(daysFromCivil(y, m, daysInMonth(y, m))) };
}

/** 本周 / 上周 / 本月 / 上月 as of `today`. "This" periods run to their natural end, which may lie after today. */
export function presetPeriod(preset: PeriodPreset, today: string): Period {
  switch (preset) {
    case 'this_week': {
      const monday = parseIsoDate(weekStart(today));
      return { from: formatIsoDate(monday), to: formatIsoDate(monday + 6) };
    }
    case 'last_week': {
      const monday = parseIsoDate(weekStart(today)) - 7;
      return { from: formatIsoDate(monday), to: formatIsoDate(monday + 6) };
    }
    case 'this_month':
      return monthOf(today, 0);
    case 'last_month':
      return monthOf(today, -1);
    default:
      throw new RangeError(`Unknown period preset "${String(preset)}"`);
  }
}

/** The period a bulletin covers when none is asked for: the last full month. */
export function defaultPeriod(today: string): Period {
  return presetPeriod('last_month', today);
}

const QUARTERS = ['一', '二', '三', '四'];

/**
 * How the period is named in a title: "2026年10月", "2026年第三季度", "2026年上半年", "2026年", otherwise
 * "2026年11月16日至22日", "2026年10月25日至11月7日" or "2025年12月29日至2026年1月4日"; a single day "2026年11月3日".
 */
export function periodLabel(period: Period): string {
  const from = civilFromDays(parseIsoDate(period.from));
  const to = civilFromDays(parseIsoDate(period.to));
  const months = wholeMonths(period);
  if (months !== null && from.year === to.year) {
    if (months === 1) return `${from.year}年${from.month}月`;
    if (months === 12) return `${from.year}年`;
    if (months === 3 && from.month % 3 === 1) return `${from.year}年第${QUARTERS[(from.month - 1) / 3]}季度`;
    if (months === 6 && (from.month === 1 || from.month === 7)) return `${from.year}年${from.month === 1 ? '上' : '下'}半年`;
    return `${from.year}年${from.month}月至${to.month}月`;
  }
  const start = `${from.year}年${from.month}月${from.day}日`;
  if (period.from === period.to) return start;
  if (from.year !== to.year) return `${start}至${to.year}年${to.month}月${to.day}日`;
  if (from.month !== to.month) return `${start}至${to.month}月${to.day}日`;
  return `${start}至${to.day}日`;
}

/** The China date one day before `date`. */
export function dayBefore(date: string): string {
  return formatIsoDate(parseIsoDate(date) - 1);
}

/** The China date one day after `date`. */
export function dayAfter(date: string): string {
  return formatIsoDate(parseIsoDate(date) + 1);
}

/** The earlier of two ISO dates. */
export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}
