import dayjs from 'dayjs';
import type { DayEntry } from '../api';

export interface Span {
  key: string;
  name: string;
  type: 'holiday' | 'workday';
  first: string;
  last: string;
  days: number;
}

/**
 * Read the year the way the State Council notice is written: consecutive days off with the same name become one
 * span ("春节 2月15日至23日，共9天"); each make-up working day is its own row. Sorted by date.
 */
export function toSpans(holidays: DayEntry[], workdays: DayEntry[]): Span[] {
  const spans: Span[] = [];
  const sorted = [...holidays].sort((a, b) => a.date.localeCompare(b.date));
  for (const day of sorted) {
    const open = spans.at(-1);
    if (open && open.name === day.name && dayjs(open.last).add(1, 'day').format('YYYY-MM-DD') === day.date) {
      open.last = day.date;
      open.days += 1;
    } else spans.push({ key: `h${day.date}`, name: day.name, type: 'holiday', first: day.date, last: day.date, days: 1 });
  }
  for (const day of workdays) spans.push({ key: `w${day.date}`, name: day.name, type: 'workday', first: day.date, last: day.date, days: 1 });
  return spans.sort((a, b) => a.first.localeCompare(b.first));
}
