import { describe, it, expect } from 'vitest';
import { ZodError } from 'zod';
import {
  WorkingCalendar,
  createWorkingCalendar,
  parseIsoDate,
  tryParseIsoDate,
  formatIsoDate,
  isValidIsoDate,
  dayOfWeek,
  daysFromCivil,
  civilFromDays,
} from '../../src/domain/calendar/calendar';
import { parseCalendarYear, calendarYearSchema, type CalendarYear } from '../../src/domain/calendar/year-data';
import { shippedCalendarYears } from '../../src/domain/calendar/shipped';

// ---------------------------------------------------------------------------------------------------
// An independent, deliberately naive reference implementation: Date.UTC millisecond stepping and
// string sets straight from the data. The real module uses day numbers, a table and prefix sums; the
// two must agree everywhere.
// ---------------------------------------------------------------------------------------------------

const MS_PER_DAY = 86_400_000;
const toMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const shiftDays = (iso: string, days: number) => fromMs(toMs(iso) + days * MS_PER_DAY);

function naiveCalendar(years: CalendarYear[]) {
  const holidays = new Set(years.flatMap((y) => y.holidays.map((h) => h.date)));
  const workdays = new Set(years.flatMap((y) => y.workdays.map((w) => w.date)));
  const isWorking = (iso: string) => {
    if (holidays.has(iso)) return false;
    if (workdays.has(iso)) return true;
    const dow = new Date(toMs(iso)).getUTCDay();
    return dow !== 0 && dow !== 6;
  };
  const add = (iso: string, n: number): string => {
    if (n === 0) {
      let d = iso;
      while (!isWorking(d)) d = shiftDays(d, 1);
      return d;
    }
    const step = n > 0 ? 1 : -1;
    let left = Math.abs(n);
    let d = iso;
    while (left > 0) {
      d = shiftDays(d, step);
      if (isWorking(d)) left--;
    }
    return d;
  };
  const between = (from: string, to: string): number => {
    if (from === to) return 0;
    const [lo, hi, sign] = from < to ? [from, to, 1] : [to, from, -1];
    let count = 0;
    for (let d = shiftDays(lo, 1); d <= hi; d = shiftDays(d, 1)) if (isWorking(d)) count++;
    return sign * count;
  };
  return { isWorking, add, between };
}

function* eachDay(from: string, to: string): Generator<string> {
  for (let ms = toMs(from); ms <= toMs(to); ms += MS_PER_DAY) yield fromMs(ms);
}

/** Small deterministic PRNG (mulberry32) so "random" tests are reproducible. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cal = createWorkingCalendar(shippedCalendarYears);
const naive = naiveCalendar(shippedCalendarYears);
const yearOf = (y: number) => shippedCalendarYears.find((c) => c.year === y)!;

// ---------------------------------------------------------------------------------------------------

describe('date helpers', () => {
  it('parses and formats known dates', () => {
    expect(parseIsoDate('1970-01-01')).toBe(0);
    expect(parseIsoDate('1970-01-02')).toBe(1);
    expect(parseIsoDate('1969-12-31')).toBe(-1);
    expect(parseIsoDate('2000-03-01') - parseIsoDate('2000-02-28')).toBe(2);
    expect(formatIsoDate(0)).toBe('1970-01-01');
    expect(formatIsoDate(parseIsoDate('2026-02-14'))).toBe('2026-02-14');
    expect(formatIsoDate(parseIsoDate('0000-01-01'))).toBe('0000-01-01');
    expect(formatIsoDate(parseIsoDate('9999-12-31'))).toBe('9999-12-31');
  });

  it('agrees with Date.UTC and round-trips every day 1600–2400', () => {
    const start = Date.UTC(1600, 0, 1) / MS_PER_DAY;
    const end = Date.UTC(2400, 11, 31) / MS_PER_DAY;
    for (let d = start; d <= end; d++) {
      const iso = new Date(d * MS_PER_DAY).toISOString().slice(0, 10);
      if (parseIsoDate(iso) !== d || formatIsoDate(d) !== iso) throw new Error(`mismatch at ${iso}`);
      if (dayOfWeek(d) !== new Date(d * MS_PER_DAY).getUTCDay()) throw new Error(`weekday mismatch at ${iso}`);
    }
  });

  it('daysFromCivil and civilFromDays are inverse over the full 0000–9999 range', () => {
    const last = daysFromCivil(9999, 12, 31);
    for (let d = daysFromCivil(0, 1, 1); d <= last; d += 997) {
      const { year, month, day } = civilFromDays(d);
      expect(daysFromCivil(year, month, day)).toBe(d);
    }
  });

  it('handles leap years strictly', () => {
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2000-02-29')).toBe(true);
    expect(isValidIsoDate('2025-02-29')).toBe(false);
    expect(isValidIsoDate('1900-02-29')).toBe(false);
    expect(isValidIsoDate('2100-02-29')).toBe(false);
  });

  it.each([
    '2025-02-30',
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '2025-01-32',
    '2025-1-01',
    '2025-01-1',
    '25-01-01',
    '+02025-01-01',
    '2025/01/01',
    '20250101',
    '2025-01-01T00:00:00Z',
    ' 2025-01-01',
    '2025-01-01 ',
    '',
    '２０２５-01-01',
  ])('rejects %j', (bad) => {
    expect(tryParseIsoDate(bad)).toBeUndefined();
    expect(isValidIsoDate(bad)).toBe(false);
    expect(() => parseIsoDate(bad)).toThrow(RangeError);
    expect(() => parseIsoDate(bad)).toThrow(/Invalid date/);
  });

  it('rejects non-strings at runtime', () => {
    expect(() => parseIsoDate(20250101 as unknown as string)).toThrow(RangeError);
    expect(() => parseIsoDate(undefined as unknown as string)).toThrow(RangeError);
    expect(isValidIsoDate(new Date())).toBe(false);
  });

  it('formatIsoDate rejects non-integers and out-of-range day numbers', () => {
    expect(() => formatIsoDate(1.5)).toThrow(RangeError);
    expect(() => formatIsoDate(Number.NaN)).toThrow(RangeError);
    expect(() => formatIsoDate(parseIsoDate('9999-12-31') + 1)).toThrow(RangeError);
    expect(() => formatIsoDate(parseIsoDate('0000-01-01') - 1)).toThrow(RangeError);
  });
});

describe('shipped official data', () => {
  it('ships 2024, 2025 and 2026 with a source', () => {
    expect(shippedCalendarYears.map((y) => y.year)).toEqual([2024, 2025, 2026]);
    for (const y of shippedCalendarYears) {
      expect(y.source).toBe(`国务院办公厅关于${y.year}年部分节假日安排的通知`);
    }
    expect(cal.coveredYears()).toEqual([2024, 2025, 2026]);
    expect(cal.hasYear(2025)).toBe(true);
    expect(cal.hasYear(2023)).toBe(false);
    expect(cal.hasYear(2027)).toBe(false);
  });

  it('every make-up workday is a weekend day and is named …调休上班', () => {
    for (const y of shippedCalendarYears) {
      for (const w of y.workdays) {
        expect([0, 6]).toContain(new Date(toMs(w.date)).getUTCDay());
        expect(w.name).toMatch(/调休上班$/);
      }
    }
  });

  it('holiday spans have the official lengths', () => {
    const spanLengths = (y: number) => {
      const counts: Record<string, number> = {};
      for (const h of yearOf(y).holidays) counts[h.name] = (counts[h.name] ?? 0) + 1;
      return counts;
    };
    // 2024 元旦 was Dec 30 – Jan 1, but only Jan 1 is in 2024 (the rest belongs to 2023's data).
    expect(spanLengths(2024)).toEqual({ 元旦: 1, 春节: 8, 清明节: 3, 劳动节: 5, 端午节: 3, 中秋节: 3, 国庆节: 7 });
    expect(spanLengths(2025)).toEqual({ 元旦: 1, 春节: 8, 清明节: 3, 劳动节: 5, 端午节: 3, '国庆节、中秋节': 8 });
    expect(spanLengths(2026)).toEqual({ 元旦: 3, 春节: 9, 清明节: 3, 劳动节: 5, 端午节: 3, 中秋节: 3, 国庆节: 7 });
  });

  it('lists the official make-up workdays', () => {
    const workdays = (y: number) => yearOf(y).workdays.map((w) => w.date);
    expect(workdays(2024)).toEqual([
      '2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12',
    ]);
    expect(workdays(2025)).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    expect(workdays(2026)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });
});

describe('isWorkingDay: known facts', () => {
  it.each<[string, boolean, string]>([
    // [date, working?, why]
    ['2024-01-01', false, '元旦 Monday'],
    ['2024-01-02', true, 'ordinary Tuesday'],
    ['2024-02-04', true, '春节 make-up Sunday'],
    ['2024-02-09', true, 'Friday before 春节 (除夕 was not a holiday in 2024)'],
    ['2024-02-10', false, '春节 Saturday'],
    ['2024-02-12', false, '春节 Monday'],
    ['2024-02-16', false, '春节 Friday'],
    ['2024-02-18', true, '春节 make-up Sunday'],
    ['2024-04-07', true, '清明 make-up Sunday'],
    ['2024-05-11', true, '劳动节 make-up Saturday'],
    ['2024-06-10', false, '端午 Monday'],
    ['2024-09-14', true, '中秋 make-up Saturday'],
    ['2024-09-16', false, '中秋 Monday'],
    ['2024-09-29', true, '国庆 make-up Sunday'],
    ['2024-10-07', false, '国庆 Monday'],
    ['2024-10-12', true, '国庆 make-up Saturday'],
    ['2024-10-13', false, 'ordinary Sunday'],
    ['2025-01-01', false, '元旦 Wednesday'],
    ['2025-01-26', true, '春节 make-up Sunday'],
    ['2025-01-28', false, '除夕 Tuesday'],
    ['2025-02-04', false, '春节 Tuesday'],
    ['2025-02-05', true, 'first Wednesday after 春节'],
    ['2025-02-08', true, '春节 make-up Saturday'],
    ['2025-04-04', false, '清明 Friday'],
    ['2025-04-27', true, '劳动节 make-up Sunday'],
    ['2025-05-05', false, '劳动节 Monday'],
    ['2025-06-02', false, '端午 Monday'],
    ['2025-09-28', true, '国庆 make-up Sunday'],
    ['2025-10-08', false, '国庆/中秋 Wednesday'],
    ['2025-10-09', true, 'Thursday after 国庆'],
    ['2025-10-11', true, '国庆 make-up Saturday'],
    ['2026-01-02', false, '元旦 Friday'],
    ['2026-01-04', true, '元旦 make-up Sunday'],
    ['2026-02-14', true, '春节 make-up Saturday'],
    ['2026-02-16', false, '除夕 Monday'],
    ['2026-02-23', false, '春节 Monday'],
    ['2026-02-24', true, 'first Tuesday after 春节'],
    ['2026-02-28', true, '春节 make-up Saturday'],
    ['2026-05-05', false, '劳动节 Tuesday'],
    ['2026-05-09', true, '劳动节 make-up Saturday'],
    ['2026-06-19', false, '端午 Friday'],
    ['2026-09-20', true, '国庆 make-up Sunday'],
    ['2026-09-25', false, '中秋 Friday'],
    ['2026-10-07', false, '国庆 Wednesday'],
    ['2026-10-10', true, '国庆 make-up Saturday'],
  ])('%s is working: %s (%s)', (date, working) => {
    expect(cal.isWorkingDay(date)).toBe(working);
    expect(cal.isCovered(date)).toBe(true);
  });

  it('agrees with the naive reference on every day 2020–2030', () => {
    for (const d of eachDay('2020-01-01', '2030-12-31')) {
      if (cal.isWorkingDay(d) !== naive.isWorking(d)) throw new Error(`mismatch at ${d}`);
    }
  });
});

describe('working days per year', () => {
  const countYear = (year: number) => {
    let n = 0;
    for (const d of eachDay(`${year}-01-01`, `${year}-12-31`)) if (cal.isWorkingDay(d)) n++;
    return n;
  };

  // Why these numbers: working days = Mon–Fri days − holidays falling on Mon–Fri + make-up days.
  //   2024: 262 − 19 + 8 = 251  (366 days, 104 weekend days, 11 statutory holidays: 366 − 104 − 11)
  //   2025: 261 − 18 + 5 = 248  (365 − 104 − 13; statutory holidays grew from 11 to 13 in 2025:
  //                              除夕 and May 2 were added, so the old "250 working days" no longer holds)
  //   2026: 261 − 19 + 6 = 248  (365 − 104 − 13)
  it.each([
    [2024, 262, 19, 8, 251],
    [2025, 261, 18, 5, 248],
    [2026, 261, 19, 6, 248],
  ])('%i: %i weekdays − %i weekday holidays + %i make-up days = %i', (year, weekdays, weekdayHolidays, makeUp, total) => {
    let mondayToFriday = 0;
    for (const d of eachDay(`${year}-01-01`, `${year}-12-31`)) if (![0, 6].includes(new Date(toMs(d)).getUTCDay())) mondayToFriday++;
    expect(mondayToFriday).toBe(weekdays);
    const data = yearOf(year);
    expect(data.holidays.filter((h) => ![0, 6].includes(new Date(toMs(h.date)).getUTCDay())).length).toBe(weekdayHolidays);
    expect(data.workdays.length).toBe(makeUp);
    expect(countYear(year)).toBe(total);
    // The O(1) path gives the same answer: days in (Dec 31 of previous year, Dec 31].
    expect(cal.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`)).toBe(total);
  });

  it('an uncovered year counts plain Monday–Friday', () => {
    expect(cal.workingDaysBetween('2026-12-31', '2027-12-31')).toBe(261);
    expect(cal.workingDaysBetween('2022-12-31', '2023-12-31')).toBe(260);
  });
});

describe('addWorkingDays', () => {
  it('counts from the day after: Friday + 1 = Monday, Monday − 1 = Friday', () => {
    expect(cal.addWorkingDays('2025-03-07', 1)).toBe('2025-03-10');
    expect(cal.addWorkingDays('2025-03-07', 5)).toBe('2025-03-14');
    expect(cal.addWorkingDays('2025-03-10', -1)).toBe('2025-03-07');
    expect(cal.addWorkingDays('2025-03-08', 1)).toBe('2025-03-10'); // Saturday + 1
    expect(cal.addWorkingDays('2025-03-09', -1)).toBe('2025-03-07'); // Sunday − 1
  });

  it('n = 0 returns the date if working, else rolls forward', () => {
    expect(cal.addWorkingDays('2025-03-07', 0)).toBe('2025-03-07');
    expect(cal.addWorkingDays('2025-03-08', 0)).toBe('2025-03-10');
    expect(cal.addWorkingDays('2026-02-15', 0)).toBe('2026-02-24');
    expect(cal.addWorkingDays('2026-02-14', 0)).toBe('2026-02-14'); // a working Saturday
    expect(cal.addWorkingDays('2025-03-08', -0)).toBe('2025-03-10');
  });

  it('crosses 春节 2026', () => {
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14'); // Friday → make-up Saturday
    expect(cal.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24'); // over the 9-day holiday
    expect(cal.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(cal.addWorkingDays('2026-02-24', 4)).toBe('2026-02-28'); // Wed, Thu, Fri, make-up Sat
    expect(cal.addWorkingDays('2026-02-24', -1)).toBe('2026-02-14');
    expect(cal.addWorkingDays('2026-02-24', -2)).toBe('2026-02-13');
    expect(cal.previousWorkingDay('2026-02-20')).toBe('2026-02-14');
    expect(cal.nextWorkingDay('2026-02-15')).toBe('2026-02-24');
  });

  it('crosses 国庆 2025', () => {
    expect(cal.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28'); // Friday → make-up Sunday
    expect(cal.addWorkingDays('2025-09-28', 1)).toBe('2025-09-29');
    expect(cal.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(cal.addWorkingDays('2025-10-09', 2)).toBe('2025-10-11'); // make-up Saturday
    expect(cal.addWorkingDays('2025-10-11', 1)).toBe('2025-10-13');
    expect(cal.addWorkingDays('2025-10-09', -1)).toBe('2025-09-30');
    expect(cal.addWorkingDays('2025-10-01', 10)).toBe('2025-10-21');
    expect(cal.workingDaysBetween('2025-09-30', '2025-10-09')).toBe(1);
  });

  it('crosses 2024 → 2025 (both covered)', () => {
    expect(cal.addWorkingDays('2024-12-31', 1)).toBe('2025-01-02'); // 元旦
    expect(cal.addWorkingDays('2025-01-02', -1)).toBe('2024-12-31');
    expect(cal.addWorkingDays('2024-12-27', 3)).toBe('2025-01-02');
    expect(cal.workingDaysBetween('2024-12-31', '2025-01-02')).toBe(1);
  });

  it('crosses 2026 → 2027 with the uncovered Monday–Friday fallback', () => {
    expect(cal.isCovered('2026-12-31')).toBe(true);
    expect(cal.isCovered('2027-01-01')).toBe(false);
    // 2027-01-01 (Friday) is surely 元旦 in reality, but 2027 is not loaded: plain weekday rule.
    expect(cal.isWorkingDay('2027-01-01')).toBe(true);
    expect(cal.addWorkingDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(cal.addWorkingDays('2026-12-31', 2)).toBe('2027-01-04');
    expect(cal.addWorkingDays('2027-01-04', -2)).toBe('2026-12-31');
    expect(cal.workingDaysBetween('2026-12-31', '2027-01-04')).toBe(2);
  });

  it('crosses 2023 → 2024 from the uncovered side', () => {
    expect(cal.isCovered('2023-12-29')).toBe(false);
    expect(cal.addWorkingDays('2023-12-29', 1)).toBe('2024-01-02');
    expect(cal.addWorkingDays('2024-01-02', -1)).toBe('2023-12-29');
    expect(cal.workingDaysBetween('2023-12-29', '2024-01-02')).toBe(1);
  });

  it('spans many years in both directions', () => {
    const far = cal.addWorkingDays('2025-06-16', 10_000);
    expect(cal.workingDaysBetween('2025-06-16', far)).toBe(10_000);
    expect(cal.addWorkingDays(far, -10_000)).toBe('2025-06-16');
    const past = cal.addWorkingDays('2025-06-16', -10_000);
    expect(cal.workingDaysBetween(past, '2025-06-16')).toBe(10_000);
  });

  it('agrees with the naive reference for every day 2023-07 … 2027-06 and many n', () => {
    for (const d of eachDay('2023-07-01', '2027-06-30')) {
      for (const n of [-130, -23, -5, -2, -1, 0, 1, 2, 3, 5, 10, 23, 130]) {
        const got = cal.addWorkingDays(d, n);
        const want = naive.add(d, n);
        if (got !== want) throw new Error(`addWorkingDays(${d}, ${n}) = ${got}, expected ${want}`);
      }
    }
  });

  it('nextWorkingDay / previousWorkingDay are ±1', () => {
    for (const d of eachDay('2023-12-01', '2027-01-31')) {
      if (cal.nextWorkingDay(d) !== naive.add(d, 1)) throw new Error(`next ${d}`);
      if (cal.previousWorkingDay(d) !== naive.add(d, -1)) throw new Error(`previous ${d}`);
    }
  });
});

describe('workingDaysBetween', () => {
  it('excludes from, includes to; symmetric; zero when equal', () => {
    expect(cal.workingDaysBetween('2025-03-07', '2025-03-07')).toBe(0);
    expect(cal.workingDaysBetween('2025-03-07', '2025-03-10')).toBe(1); // Fri → Mon
    expect(cal.workingDaysBetween('2025-03-10', '2025-03-07')).toBe(-1);
    expect(cal.workingDaysBetween('2025-03-08', '2025-03-09')).toBe(0); // Sat → Sun
    expect(cal.workingDaysBetween('2025-03-09', '2025-03-10')).toBe(1);
    expect(cal.workingDaysBetween('2026-02-13', '2026-02-28')).toBe(6); // 14, 24, 25, 26, 27, 28
  });

  it('agrees with the naive reference on random spans 2020–2030', () => {
    const rnd = prng(20260214);
    const base = toMs('2020-01-01');
    const days = (toMs('2030-12-31') - base) / MS_PER_DAY;
    for (let i = 0; i < 600; i++) {
      const a = fromMs(base + Math.floor(rnd() * days) * MS_PER_DAY);
      const b = fromMs(base + Math.floor(rnd() * days) * MS_PER_DAY);
      const got = cal.workingDaysBetween(a, b);
      if (got !== naive.between(a, b)) throw new Error(`workingDaysBetween(${a}, ${b}) = ${got}`);
      if (got !== -cal.workingDaysBetween(b, a)) throw new Error(`not antisymmetric at ${a}, ${b}`);
    }
  });

  it('is additive: between(a, b) + between(b, c) = between(a, c)', () => {
    const rnd = prng(7);
    const base = toMs('2022-01-01');
    for (let i = 0; i < 2000; i++) {
      const [a, b, c] = [0, 0, 0].map(() => fromMs(base + Math.floor(rnd() * 2557) * MS_PER_DAY)) as [string, string, string];
      expect(cal.workingDaysBetween(a, b) + cal.workingDaysBetween(b, c)).toBe(cal.workingDaysBetween(a, c));
    }
  });
});

describe('round-trip property over every day 2024–2026', () => {
  const ns = [1, 2, 3, 4, 5, 7, 10, 15, 20, 22, 30, 60, 100, 250, 500];

  it('workingDaysBetween(d, addWorkingDays(d, n)) === n for every day and n ≥ 1', () => {
    for (const d of eachDay('2024-01-01', '2026-12-31')) {
      for (const n of ns) {
        const t = cal.addWorkingDays(d, n);
        if (cal.workingDaysBetween(d, t) !== n) throw new Error(`round trip failed for ${d} + ${n} = ${t}`);
        if (!cal.isWorkingDay(t)) throw new Error(`${d} + ${n} = ${t} is not a working day`);
        // t is the first day reaching n: the day before still has n − 1.
        if (cal.workingDaysBetween(d, shiftDays(t, -1)) !== n - 1) throw new Error(`not minimal: ${d} + ${n}`);
      }
    }
  });

  it('n = 0 round-trips to 0 on working days and to 1 (the rolled-forward day) otherwise', () => {
    for (const d of eachDay('2024-01-01', '2026-12-31')) {
      const t = cal.addWorkingDays(d, 0);
      expect(cal.workingDaysBetween(d, t)).toBe(cal.isWorkingDay(d) ? 0 : 1);
    }
  });

  it('negative n mirrors: |n| working days in [result, d), and between(result, d) === |n| when d is working', () => {
    for (const d of eachDay('2024-01-01', '2026-12-31')) {
      for (const n of ns) {
        const t = cal.addWorkingDays(d, -n);
        if (!cal.isWorkingDay(t)) throw new Error(`${d} − ${n} = ${t} is not a working day`);
        // Working days in [t, d) = (t − 1, d − 1].
        if (cal.workingDaysBetween(shiftDays(t, -1), shiftDays(d, -1)) !== n) throw new Error(`mirror failed: ${d} − ${n}`);
        if (cal.isWorkingDay(d) && cal.workingDaysBetween(t, d) !== n) throw new Error(`between failed: ${d} − ${n}`);
        if (cal.isWorkingDay(d) && cal.addWorkingDays(t, n) !== d) throw new Error(`inverse failed: ${d} − ${n}`);
      }
    }
  });
});

describe('coverage and fallback', () => {
  it('fills a gap year with Monday–Friday and reports it as uncovered', () => {
    const gappy = new WorkingCalendar([yearOf(2024), yearOf(2026)]);
    expect(gappy.coveredYears()).toEqual([2024, 2026]);
    expect(gappy.hasYear(2025)).toBe(false);
    expect(gappy.isCovered('2025-10-08')).toBe(false);
    expect(gappy.isWorkingDay('2025-10-08')).toBe(true); // a holiday in reality, unknown here
    expect(gappy.isWorkingDay('2025-09-28')).toBe(false); // a make-up Sunday in reality
    expect(gappy.isWorkingDay('2026-02-14')).toBe(true);
    expect(gappy.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(261);
    const ref = naiveCalendar([yearOf(2024), yearOf(2026)]);
    for (const d of eachDay('2023-11-01', '2027-02-28')) {
      for (const n of [-40, -1, 0, 1, 40]) {
        if (gappy.addWorkingDays(d, n) !== ref.add(d, n)) throw new Error(`gappy add ${d} ${n}`);
      }
    }
  });

  it('an empty calendar is plain Monday–Friday everywhere', () => {
    const empty = createWorkingCalendar([]);
    const ref = naiveCalendar([]);
    expect(empty.coveredYears()).toEqual([]);
    expect(empty.isCovered('2025-01-01')).toBe(false);
    expect(empty.isWorkingDay('2025-01-01')).toBe(true);
    for (const d of eachDay('1969-12-01', '1970-02-28')) {
      for (const n of [-8, -1, 0, 1, 8]) expect(empty.addWorkingDays(d, n)).toBe(ref.add(d, n));
      expect(empty.workingDaysBetween('1969-12-15', d)).toBe(ref.between('1969-12-15', d));
    }
    expect(empty.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(261);
    expect(empty.workingDaysBetween('2025-12-31', '2024-12-31')).toBe(-261);
  });

  it('works far from the table, including before 1970', () => {
    expect(cal.addWorkingDays('1900-01-05', 1)).toBe('1900-01-08'); // Friday → Monday
    expect(cal.workingDaysBetween('1900-01-05', '1900-01-08')).toBe(1);
    expect(cal.addWorkingDays('2100-12-31', 1)).toBe('2101-01-03'); // Friday → Monday
    expect(cal.isWorkingDay('0001-01-01')).toBe(true); // a Monday
  });
});

describe('invalid input', () => {
  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 60])(
    'addWorkingDays rejects n = %s',
    (n) => {
      expect(() => cal.addWorkingDays('2025-01-02', n)).toThrow(RangeError);
      expect(() => cal.addWorkingDays('2025-01-02', n)).toThrow(/integer/);
    },
  );

  it('addWorkingDays rejects a non-number n at runtime', () => {
    expect(() => cal.addWorkingDays('2025-01-02', '1' as unknown as number)).toThrow(RangeError);
  });

  it.each(['2025-02-30', '2025-2-3', 'today', ''])('every method rejects the date %j', (bad) => {
    expect(() => cal.isWorkingDay(bad)).toThrow(RangeError);
    expect(() => cal.isCovered(bad)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(bad, 1)).toThrow(RangeError);
    expect(() => cal.workingDaysBetween(bad, '2025-01-01')).toThrow(RangeError);
    expect(() => cal.workingDaysBetween('2025-01-01', bad)).toThrow(RangeError);
    expect(() => cal.nextWorkingDay(bad)).toThrow(RangeError);
    expect(() => cal.previousWorkingDay(bad)).toThrow(RangeError);
  });

  it('throws RangeError when the result leaves years 0000–9999', () => {
    expect(() => cal.addWorkingDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('0000-01-03', -5)).toThrow(RangeError);
  });

  it('rejects the same year twice and hand-built data that breaks the invariants', () => {
    expect(() => createWorkingCalendar([yearOf(2025), yearOf(2025)])).toThrow(/2025 was supplied more than once/);
    expect(
      () => new WorkingCalendar([{ year: 2025, holidays: [{ date: '2026-01-01', name: '元旦' }], workdays: [] }]),
    ).toThrow(/not in calendar year 2025/);
    expect(
      () =>
        new WorkingCalendar([
          { year: 2025, holidays: [{ date: '2025-02-08', name: 'x' }], workdays: [{ date: '2025-02-08', name: 'y' }] },
        ]),
    ).toThrow(/both a holiday and a make-up workday/);
  });
});

describe('year data validation', () => {
  const valid = () => ({
    year: 2025,
    source: 'test',
    holidays: [
      { date: '2025-01-01', name: '元旦' },
      { date: '2025-02-01', name: '春节' },
    ],
    workdays: [{ date: '2025-02-08', name: '春节调休上班' }],
  });

  /** Parse and return the issue messages (with paths), or [] when valid. */
  const issues = (input: unknown) => {
    const r = calendarYearSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts valid data and returns it typed', () => {
    const parsed = parseCalendarYear(valid());
    expect(parsed.year).toBe(2025);
    expect(parsed.workdays[0]?.date).toBe('2025-02-08');
    expect(parseCalendarYear({ year: 2030, holidays: [], workdays: [] }).source).toBeUndefined();
  });

  it('throws ZodError from parseCalendarYear', () => {
    expect(() => parseCalendarYear({ ...valid(), year: '2025' })).toThrow(ZodError);
    expect(() => parseCalendarYear(null)).toThrow(ZodError);
    expect(() => parseCalendarYear({ year: 2025, holidays: [] })).toThrow(ZodError);
  });

  it('rejects malformed dates', () => {
    const input = valid();
    input.holidays.push({ date: '2025-02-30', name: 'x' }, { date: '2025/03/01', name: 'y' });
    expect(issues(input)).toEqual([
      'holidays.2.date: "2025-02-30" is not a valid date: expected an existing calendar date as YYYY-MM-DD',
      'holidays.3.date: "2025/03/01" is not a valid date: expected an existing calendar date as YYYY-MM-DD',
    ]);
  });

  it('rejects dates outside the year', () => {
    const input = valid();
    input.holidays.push({ date: '2024-12-31', name: '元旦' });
    input.workdays.push({ date: '2026-01-04', name: '元旦调休上班' });
    expect(issues(input)).toEqual([
      'holidays.2.date: 2024-12-31 is not in year 2025',
      'workdays.1.date: 2026-01-04 is not in year 2025',
    ]);
  });

  it('rejects duplicates within a list', () => {
    const input = valid();
    input.holidays.push({ date: '2025-01-01', name: '元旦' });
    input.workdays.push({ date: '2025-02-08', name: '春节调休上班' });
    expect(issues(input)).toEqual([
      'holidays.2.date: 2025-01-01 is listed more than once in holidays',
      'workdays.1.date: 2025-02-08 is listed more than once in workdays',
    ]);
  });

  it('rejects a date that is both a holiday and a make-up workday', () => {
    const input = valid();
    input.workdays.push({ date: '2025-02-01', name: '春节调休上班' });
    expect(issues(input)).toEqual(['workdays.1.date: 2025-02-01 is listed both as a holiday and as a make-up workday']);
  });

  it('rejects a make-up workday that is not a Saturday or Sunday', () => {
    const input = valid();
    input.workdays.push({ date: '2025-02-07', name: '春节调休上班' });
    expect(issues(input)).toEqual([
      'workdays.1.date: make-up workday 2025-02-07 is a Friday; make-up workdays (调休上班) always fall on a Saturday or Sunday',
    ]);
  });

  it('rejects bad shapes: non-integer year, empty names, missing lists', () => {
    expect(issues({ ...valid(), year: 2025.5 })).toHaveLength(1);
    expect(issues({ ...valid(), year: 0 })).toHaveLength(1);
    expect(issues({ ...valid(), holidays: [{ date: '2025-01-01', name: '  ' }] })).toEqual([
      'holidays.0.name: Too small: expected string to have >=1 characters',
    ]);
    expect(issues({ year: 2025, holidays: [] }).length).toBeGreaterThan(0);
    expect(issues({ ...valid(), source: 42 }).length).toBeGreaterThan(0);
  });

  it('the shipped JSON files all validate (they are re-parsed here from the typed values)', () => {
    for (const y of shippedCalendarYears) expect(() => parseCalendarYear(structuredClone(y))).not.toThrow();
  });
});

describe('performance', () => {
  it('handles 100,000 mixed calls quickly', () => {
    const dates: string[] = [];
    for (const d of eachDay('2023-06-01', '2027-06-30')) dates.push(d);
    const t0 = performance.now();
    let acc = 0;
    for (let i = 0; i < 100_000; i++) {
      const a = dates[i % dates.length]!;
      const b = dates[(i * 7919) % dates.length]!;
      acc += cal.workingDaysBetween(a, b);
      acc += cal.addWorkingDays(a, (i % 61) - 30).length;
      if (cal.isWorkingDay(b)) acc++;
    }
    const ms = performance.now() - t0;
    expect(acc).not.toBe(0);
    // Generous bound for slow CI; locally this is a few tens of milliseconds.
    expect(ms).toBeLessThan(2000);
  });
});
