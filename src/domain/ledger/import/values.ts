import { vocabularyCatalog } from '../../../shared/i18n/vocabulary.js';
import { normalizeUscc, validateUscc } from '../../uscc.js';
import type { DeadlineKind, FlagLevel, ProblemCategory, ProblemSource } from '../../problem/vocabulary.js';
import { PROBLEM_CATEGORIES, PROBLEM_SOURCES } from '../../problem/vocabulary.js';
import { normalizeText } from '../columns.js';
import type { Cell, ImportedStatus } from './types.js';

/**
 * Parsers for the values found in ledger cells. Each returns `{ ok: true, value }` or `{ ok: false, code, params }`
 * where `code` is an import issue code (message and fix hint in src/shared/i18n/import.ts). They never throw.
 */

export type ParseResult<T> = { ok: true; value: T } | { ok: false; code: string; params: Record<string, string | number> };

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = <T>(code: string, params: Record<string, string | number> = {}): ParseResult<T> => ({ ok: false, code, params });

// ---------------------------------------------------------------------------------------------------------------
// Text

/** ISO calendar day (YYYY-MM-DD) of a Date taken in UTC (exceljs gives date cells as UTC midnight); null if invalid. */
export function isoOfDate(date: Date): string | null {
  const time = date.getTime();
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}

/** What normalizeText would change: full-width forms, special spaces, zero-width characters, untrimmed or doubled space. */
const NEEDS_NORMALIZING = /[\uFF01-\uFF5E\u3000\u200B-\u200D\uFEFF]|\s\s|[^\S ]|^\s|\s$/;

/** A cell's text for identifiers, names, codes and vocabularies: normalizeText of its display form ('' when empty). */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return NEEDS_NORMALIZING.test(cell) ? normalizeText(cell) : cell;
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? '是' : '否';
  return isoOfDate(cell) ?? '';
}

/**
 * A cell's free text (descriptions, measures, progress): full-width letters, digits and spaces become half-width and
 * runs of spaces collapse, but Chinese punctuation and line breaks are kept, since they are part of the text.
 */
export function freeText(cell: Cell | undefined): string {
  if (typeof cell !== 'string') return cellText(cell);
  return cell
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .split('\n')
    .map((line) => line.replace(/[ \t\u3000\u00A0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A key for comparing names and texts: normalized, without white space and punctuation, lower case. */
export function compactKey(value: string): string {
  return normalizeText(value)
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .toLowerCase();
}

const CHINESE_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "12", "十二", "二十", "第二" without 第, "一百零五" → number; null when it is not a number (0–999). */
export function parseChineseNumber(value: string): number | null {
  const s = normalizeText(value);
  if (/^\d+$/.test(s)) return Number(s);
  if (!/^[〇零一二两三四五六七八九十百]+$/.test(s)) return null;
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (ch === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else {
      digit = CHINESE_DIGITS[ch] ?? 0;
    }
  }
  return total + digit;
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

const DAY_MS = 86_400_000;
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * An Excel serial day number in the 1900 date system → ISO date. Excel counts 1900-02-29, which never existed
 * (the Lotus 1-2-3 leap-year bug): serials 1–59 are 1900-01-01…1900-02-28, 60 is that phantom day (null), and from
 * 61 on every serial is one day later than a plain count from 1899-12-31. Fractions (times of day) are dropped.
 */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial)) return null;
  const whole = Math.floor(serial);
  if (whole < 1 || whole > 2_958_465 || whole === 60) return null;
  const offset = whole < 60 ? whole : whole - 1;
  return new Date(Date.UTC(1899, 11, 31) + offset * DAY_MS).toISOString().slice(0, 10);
}

/** One date found in a cell. `yearAssumed`: the text named no year ("6月底前") and today's year was used. */
interface DatePoint {
  iso: string;
  yearAssumed: boolean;
}

type DateScan = ParseResult<DatePoint[]>;

function checkedDate(y: number, m: number, d: number, raw: string): ParseResult<string> {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return fail('date_invalid', { value: raw });
  if (y < MIN_YEAR || y > MAX_YEAR) return fail('date_out_of_range', { value: raw });
  return ok(isoOf(y, m, d));
}

const monthEnd = (y: number, m: number, raw: string) => (m >= 1 && m <= 12 ? checkedDate(y, m, daysInMonth(y, m), raw) : fail<string>('date_invalid', { value: raw }));

/**
 * A number in a date column. Excel turns what clerks type into numbers: 2025 (a year ⇒ its last day), 20250630
 * (yyyymmdd), 2025.6 (a month ⇒ its last day; note Excel stores "2025.10" as 2025.1, which reads as January), and
 * real dates that are not date-formatted arrive as serials.
 */
function dateOfNumber(n: number, raw: string): ParseResult<string> {
  if (Number.isInteger(n) && n >= MIN_YEAR && n <= MAX_YEAR) return checkedDate(n, 12, 31, raw);
  if (Number.isInteger(n) && n >= 19_000_101 && n <= 21_001_231) {
    return checkedDate(Math.floor(n / 10_000), Math.floor(n / 100) % 100, n % 100, raw);
  }
  if (!Number.isInteger(n) && n >= MIN_YEAR && n < MAX_YEAR + 1) {
    const [yearPart, monthPart = ''] = String(n).split('.');
    return monthEnd(Number(yearPart), Number(monthPart), raw);
  }
  const iso = excelSerialToIso(n);
  if (!iso) return fail('date_invalid', { value: raw });
  const year = Number(iso.slice(0, 4));
  return year < MIN_YEAR || year > MAX_YEAR ? fail('date_out_of_range', { value: raw }) : ok(iso);
}

/** Chinese numerals in dates ("二〇二五年十二月底") become digits so one set of patterns reads them all. */
function arabicDates(text: string): string {
  return text
    .replace(/[〇零一二三四五六七八九]{4}(?=\s*年)/g, (y) => [...y].map((ch) => String(CHINESE_DIGITS[ch] ?? 0)).join(''))
    .replace(/[一二三四五六七八九十]{1,3}(?=\s*[月日号])/g, (n) => String(parseChineseNumber(n) ?? n));
}

/**
 * The date tokens of a text, tried in this order at each position: y-m-d (any of 年月日 . / - as separators),
 * yyyymmdd, a quarter or half year, y-m, a year, m-d and m without a year, a quarter/half without a year, 年底.
 */
const DATE_TOKEN = new RegExp(
  [
    String.raw`(?<ymdY>\d{4})\s*[年./-]\s*(?<ymdM>\d{1,2})\s*[月./-]\s*(?<ymdD>\d{1,2})(?!\d)`,
    String.raw`(?<!\d)(?<cY>\d{4})(?<cM>\d{2})(?<cD>\d{2})(?!\d)`,
    String.raw`(?<qY>\d{4})\s*年?\s*(?:第?\s*(?<qQ>[一二三四1-4])\s*季度?|(?<qH>[上下])\s*半年)`,
    String.raw`(?<ymY>\d{4})\s*[年./-]\s*(?<ymM>\d{1,2})(?!\d)`,
    String.raw`(?<yY>\d{4})\s*年`,
    String.raw`(?<!\d)(?<mdM>\d{1,2})\s*月\s*(?<mdD>\d{1,2})\s*[日号]`,
    String.raw`(?<!\d)(?<mM>\d{1,2})\s*月`,
    String.raw`(?:第\s*(?<q2Q>[一二三四1-4])\s*季度|(?<q2Q2>[一二三四1-4])\s*季度|(?<q2H>[上下])\s*半年)`,
    String.raw`(?<yearEnd>年底|年末|年内)`,
  ].join('|'),
  'g',
);

const quarterEnd = (q: string) => ({ 1: 3, 2: 6, 3: 9, 4: 12 })[parseChineseNumber(q) as 1 | 2 | 3 | 4] ?? 12;

/** Every date of a text, in order; tokens without a year take the previous token's year, else today's. */
function scanDates(text: string, today: string): DateScan {
  const points: DatePoint[] = [];
  const todayYear = Number(today.slice(0, 4));
  let lastYear: number | null = null;
  for (const m of arabicDates(text).matchAll(DATE_TOKEN)) {
    const g = m.groups ?? {};
    const raw = m[0];
    const explicitYear = g.ymdY ?? g.cY ?? g.qY ?? g.ymY ?? g.yY;
    const year: number = explicitYear ? Number(explicitYear) : (lastYear ?? todayYear);
    const yearAssumed = !explicitYear && lastYear === null;
    if (explicitYear) lastYear = year;
    let date: ParseResult<string>;
    if (g.ymdY) date = checkedDate(year, Number(g.ymdM), Number(g.ymdD), raw);
    else if (g.cY) date = checkedDate(year, Number(g.cM), Number(g.cD), raw);
    else if (g.qY) date = monthEnd(year, g.qH ? (g.qH === '上' ? 6 : 12) : quarterEnd(g.qQ ?? '4'), raw);
    else if (g.ymY) date = monthEnd(year, Number(g.ymM), raw);
    else if (g.yY || g.yearEnd) date = checkedDate(year, 12, 31, raw);
    else if (g.mdM) date = checkedDate(year, Number(g.mdM), Number(g.mdD), raw);
    else if (g.mM) date = monthEnd(year, Number(g.mM), raw);
    else date = monthEnd(year, g.q2H ? (g.q2H === '上' ? 6 : 12) : quarterEnd(g.q2Q ?? g.q2Q2 ?? '4'), raw);
    if (!date.ok) return fail(date.code, { value: text });
    points.push({ iso: date.value, yearAssumed });
  }
  return ok(points);
}

/** The dates of a cell: one for numbers and Date objects, every date token for text. */
function datesOfCell(cell: Cell, today: string): DateScan {
  if (cell instanceof Date) {
    const iso = isoOfDate(cell);
    if (!iso) return fail('date_invalid', { value: String(cell) });
    const year = Number(iso.slice(0, 4));
    return year < MIN_YEAR || year > MAX_YEAR ? fail('date_out_of_range', { value: iso }) : ok([{ iso, yearAssumed: false }]);
  }
  const text = cellText(cell);
  if (typeof cell === 'number' || /^\d+(\.\d+)?$/.test(text)) {
    const d = dateOfNumber(Number(text), text);
    return d.ok ? ok([{ iso: d.value, yearAssumed: false }]) : d;
  }
  return scanDates(text, today);
}

const latest = (points: DatePoint[]) => points.reduce((a, b) => (b.iso > a.iso ? b : a));

export interface ParsedDeadline {
  kind: DeadlineKind;
  date: string | null;
  /** Set when the text named no year and `today`'s year was used ("年底前", "6月底前"). */
  assumedYear?: number;
  /** Set when the text names a date and also 立行立改 / 长期坚持: the date wins (see parseDeadline). */
  alsoSays?: 'immediate' | 'ongoing';
}

const IMMEDIATE = /立行立改|立即整改|立查立改|即知即改|马上就改|立即|立行/;
const ONGOING = /长期坚持|长期|持续推进|持续整改|持续|常态化|久久为功/;

/**
 * 整改时限. Accepts what ledgers write: Excel dates and serials, "2024年12月底前" (⇒ 12-31), "2025年6月" (⇒ the
 * month's last day), "2025年6月30日前", "2025.6.30", "2025/6/30", "2025-06-30", "上半年" (⇒ 06-30), "第三季度"
 * (⇒ 09-30), "年底前" (⇒ 12-31 of today's year), ranges "2025.3—2025.6" and staged texts "2025年6月底前完成主体工程，
 * 12月底前全面完成" (⇒ the latest date), "立行立改" (immediate) and "长期坚持"/"持续推进"/"长期" (ongoing).
 *
 * A text with both a date and 立行立改/长期坚持 is taken as a date deadline (a date is what the closed loop can
 * check; "长期坚持" next to a date usually means "keep it up after"); `alsoSays` lets the caller warn.
 */
export function parseDeadline(cell: Cell, today: string): ParseResult<ParsedDeadline> {
  const text = cellText(cell);
  if (!text && !(cell instanceof Date)) return fail('deadline_missing');
  const scanned = datesOfCell(cell, today);
  if (!scanned.ok) return scanned;
  const keyword: ParsedDeadline['alsoSays'] = IMMEDIATE.test(text) ? 'immediate' : ONGOING.test(text) ? 'ongoing' : undefined;
  if (scanned.value.length === 0) {
    return keyword ? ok({ kind: keyword, date: null }) : fail('deadline_unrecognised', { value: text });
  }
  const point = latest(scanned.value);
  const value: ParsedDeadline = { kind: 'date', date: point.iso };
  if (point.yearAssumed) value.assumedYear = Number(point.iso.slice(0, 4));
  if (keyword) value.alsoSays = keyword;
  return ok(value);
}

/** A calendar date such as 销号日期 (same forms as parseDeadline's dates; a month means its last day). */
export function parseDate(cell: Cell, today: string): ParseResult<string> {
  const text = cellText(cell);
  if (!text && !(cell instanceof Date)) return fail('date_unrecognised', { value: '' });
  const scanned = datesOfCell(cell, today);
  if (!scanned.ok) return scanned;
  if (scanned.value.length === 0) return fail('date_unrecognised', { value: text });
  return ok(latest(scanned.value).iso);
}

// ---------------------------------------------------------------------------------------------------------------
// Lists, coordinates, phones, credit codes

/** List numbering in front of an item: "1." "2、" "(3)" "①". */
const LIST_NUMBER = /^\s*(?:\d{1,2}\s*[.、)．]|[(（]\s*\d{1,2}\s*[)）]|[①-⑳])\s*/;

/** Role notes written after a unit's name: "县水利局（牵头）". */
const ROLE_NOTE = /[(（]\s*(牵头|配合|主办|协办|责任|主责|参与)(单位)?\s*[)）]/g;

/**
 * The names of a multi-unit cell: separated by 、，,;；/| or line breaks; list numbering ("1." "①" "(1)"), role notes
 * and a trailing 等 are dropped; duplicates are removed, order kept.
 */
export function splitNames(cell: Cell | string): string[] {
  const raw = typeof cell === 'string' ? cell : cell === null ? '' : cellText(cell);
  const names: string[] = [];
  for (const line of raw.split(/[\r\n]+/)) {
    for (const part of normalizeText(line.replace(ROLE_NOTE, '').replace(LIST_NUMBER, '')).split(/[、,;/|，；／｜]+/)) {
      const name = part.replace(LIST_NUMBER, '').replace(/等$/, '').trim();
      if (name && !names.includes(name)) names.push(name);
    }
  }
  return names;
}

export interface Coordinates {
  lng: number;
  lat: number;
  /** The values came in the other order (latitude first) and were swapped by their ranges. */
  swapped: boolean;
}

const LNG_RANGE = [73, 136] as const;
const LAT_RANGE = [3, 54] as const;
const inRange = (v: number, [min, max]: readonly [number, number]) => v >= min && v <= max;
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** A coordinate number, decimal or degrees-minutes-seconds, with an optional E/N/东经/北纬 label around it. */
const COORDINATE = /(?<pre>东经|北纬|西经|南纬|经度|纬度|[EWNSewns])?\s*[:：]?\s*(?<deg>-?\d+(?:\.\d+)?)\s*(?:[°度]\s*(?:(?<min>\d+(?:\.\d+)?)\s*['′分]\s*)?(?:(?<sec>\d+(?:\.\d+)?)\s*(?:"|″|''|秒)\s*)?)?(?<post>[EWNSewns](?![a-z]))?/g;

type Axis = 'lng' | 'lat' | null;

function axisOfLabel(label: string | undefined): Axis {
  if (!label) return null;
  if (/^(东经|西经|经度|[EWew])$/.test(label)) return 'lng';
  return 'lat';
}

/** Assign two numbers to lng/lat: by their labels when they have any, else by range (they cannot overlap). */
function assignAxes(values: { value: number; axis: Axis }[], raw: string): ParseResult<Coordinates> {
  const [a, b] = values as [{ value: number; axis: Axis }, { value: number; axis: Axis }];
  let lng = a.value;
  let lat = b.value;
  let swapped = false;
  if (a.axis === 'lat' || b.axis === 'lng') [lng, lat, swapped] = [b.value, a.value, true];
  if (!inRange(lng, LNG_RANGE) || !inRange(lat, LAT_RANGE)) {
    if (inRange(lat, LNG_RANGE) && inRange(lng, LAT_RANGE)) [lng, lat, swapped] = [lat, lng, !swapped];
    else return fail('coordinates_out_of_range', { value: raw });
  }
  return ok({ lng: round6(lng), lat: round6(lat), swapped });
}

/**
 * 经纬度 in one cell: "120.123,30.456", "120.123 30.456", "120.123°E 30.456°N", "东经120.1 北纬30.2",
 * "E120°7′22″ N30°27′", or latitude first ("30.456,120.123", detected by range: China's longitudes 73–136 and
 * latitudes 3–54 do not overlap).
 */
export function parseCoordinates(value: string): ParseResult<Coordinates> {
  const text = normalizeText(value);
  const found: { value: number; axis: Axis }[] = [];
  for (const m of text.matchAll(COORDINATE)) {
    const g = m.groups ?? {};
    const deg = Number(g.deg);
    const abs = Math.abs(deg) + Number(g.min ?? 0) / 60 + Number(g.sec ?? 0) / 3600;
    found.push({ value: deg < 0 ? -abs : abs, axis: axisOfLabel(g.pre ?? g.post) });
  }
  if (found.length !== 2) return fail('coordinates_invalid', { value: text });
  return assignAxes(found, text);
}

/** One coordinate value (decimal or degrees-minutes-seconds, labels ignored); null unless the cell holds exactly one. */
function coordinateNumber(cell: Cell): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  const found = [...cellText(cell).matchAll(COORDINATE)];
  if (found.length !== 1) return null;
  const g = found[0]!.groups ?? {};
  return Math.abs(Number(g.deg)) + Number(g.min ?? 0) / 60 + Number(g.sec ?? 0) / 3600;
}

/** Separate 经度 and 纬度 columns; values in each other's column are swapped by range (and reported as swapped). */
export function parseLngLat(lngCell: Cell, latCell: Cell): ParseResult<Coordinates> {
  const lng = coordinateNumber(lngCell);
  const lat = coordinateNumber(latCell);
  const raw = `${cellText(lngCell)}, ${cellText(latCell)}`;
  if (lng === null || lat === null) return fail('coordinates_invalid', { value: raw });
  return assignAxes([{ value: lng, axis: null }, { value: lat, axis: null }], raw);
}

const PHONE_TOKEN = /(?:\+?86[- ]?)?(?:1[3-9]\d[- ]?\d{4}[- ]?\d{4}|0\d{2,3}[- ]?\d{7,8}(?:[-转]\d{1,5})?|\d[\d\- ]{3,}\d)/g;

/** Digits of a phone without country code and extension; null when its shape is not a Chinese phone number. */
function phoneDigits(phone: string): string | null {
  const main = phone.replace(/^\+?86[- ]?(?=1|0)/, '').replace(/^(0\d{2,3}[- ]?\d{7,8})[- ]\d{1,5}$/, '$1');
  const digits = main.replace(/\D/g, '');
  if (digits.startsWith('1')) return /^1[3-9]\d{9}$/.test(digits) ? digits : null; // mobile
  if (digits.startsWith('0')) return digits.length >= 10 && digits.length <= 12 ? digits : null; // area code + number
  return digits.length >= 7 && digits.length <= 8 ? digits : null; // local number
}

/**
 * 联系电话: a mobile (11 digits, 1[3-9]…) or a landline (with or without area code, extension allowed), written with
 * spaces or dashes; when a cell lists several numbers the first is kept. It must also satisfy the API's pattern
 * (digits, + - ( ) and spaces, 5–20 characters). Hotlines such as 12345 are not a person's phone and are refused.
 */
export function parsePhone(value: string): ParseResult<string> {
  const text = normalizeText(value).replace(/^(电话|手机|联系电话|座机|tel)\s*[:：]?\s*/i, '');
  const first = text.split(/[,，;；/、]|\s{2,}/)[0]!.trim().replace(/转/g, '-');
  const valid = /^[0-9+\-() ]{5,20}$/.test(first) && phoneDigits(first.replace(/[()]/g, '')) !== null;
  return valid ? ok(first) : fail('phone_invalid', { value: text });
}

/**
 * 责任人/联系电话 in one cell ("李水清 13905710001", "李水清（电话：0571-1234567）"): the name and the first
 * phone-like token (any run of ≥5 digits, so a malformed number is still found and reported). The phone is null when
 * the cell has none.
 */
export function splitPersonAndPhone(value: string): { name: string; phone: string | null } {
  const text = normalizeText(value);
  const match = text.match(PHONE_TOKEN)?.find((t) => t.replace(/\D/g, '').length >= 5);
  if (!match) return { name: text, phone: null };
  const name = text
    .replace(match, ' ')
    .replace(/(联系)?(电话|手机|座机)\s*[:：]?/g, ' ')
    .replace(/[(（]\s*[)）]/g, ' ')
    .replace(/[,，;；/:：]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { name, phone: match.trim() };
}

/** 涉及企业/统一社会信用代码 in one cell: the name and an 18-character token that looks like a credit code. */
export function splitEnterpriseAndUscc(value: string): { name: string; uscc: string | null } {
  const text = normalizeText(value);
  const match = text.match(/(?<![0-9A-Za-z])[0-9A-Za-z]{18}(?![0-9A-Za-z])/);
  if (!match) return { name: text, uscc: null };
  const name = text
    .replace(match[0], ' ')
    .replace(/(统一社会)?信用代码\s*[:：]?/g, ' ')
    .replace(/[(（]\s*[)）]/g, ' ')
    .replace(/[,，;；/:：]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { name, uscc: match[0] };
}

/** 统一社会信用代码: normalized and validated (GB 32100); failures are `uscc_invalid_<reason>`. */
export function parseUscc(value: string): ParseResult<string> {
  const verdict = validateUscc(value);
  if (verdict.ok) return ok(verdict.value);
  return fail(`uscc_invalid_${verdict.reason}`, { value: normalizeUscc(value), expected: verdict.expected ?? '' });
}

// ---------------------------------------------------------------------------------------------------------------
// Vocabularies

type Rule<T> = readonly [RegExp, T];

/** Labels and stored values of a vocabulary, compared as compact keys. */
function labelIndex<T extends string>(values: readonly T[], prefix: string): Map<string, T> {
  const catalog = vocabularyCatalog as Record<string, { 'zh-CN': string; en: string }>;
  const index = new Map<string, T>();
  for (const value of values) {
    const entry = catalog[`${prefix}.${value}`];
    for (const label of [value, entry?.['zh-CN'], entry?.en]) if (label) index.set(compactKey(label), value);
  }
  return index;
}

function parseVocabulary<T extends string>(value: string, labels: Map<string, T>, rules: readonly Rule<T>[], code: string): ParseResult<T> {
  const key = compactKey(value);
  const exact = labels.get(key);
  if (exact) return ok(exact);
  for (const [pattern, result] of rules) if (pattern.test(key)) return ok(result);
  return fail(code, { value: normalizeText(value) });
}

const SOURCE_LABELS = labelIndex(PROBLEM_SOURCES, 'source');

/**
 * Ordered: look-back before central, cross checks before undercover checks, and the inspection kinds before
 * complaints, so "中央环保督察交办信访件" (a complaint handed over by the central inspection) counts as the central
 * inspection, as counties file them.
 */
const SOURCE_RULES: readonly Rule<ProblemSource>[] = [
  [/回头看/, 'central_lookback'],
  [/中央/, 'central_inspection'],
  [/省(级|委|政府)?.*督(察|查)|省级/, 'provincial_inspection'],
  [/专项/, 'special_inspection'],
  [/交叉/, 'cross_check'],
  [/暗(查|访)|明察暗访/, 'undercover_check'],
  [/警示片/, 'warning_film'],
  [/通报|生态环境(部|厅|局)/, 'bureau_bulletin'],
  [/自查|排查|大起底|自行发现/, 'self_inspection'],
  [/网格|巡查|巡河|巡林/, 'grid_patrol'],
  [/信访|举报|投诉|来信|来访|来电|热线|12345|12369|群众反映/, 'complaint'],
  [/^其他|^其它/, 'other'],
];

/** 问题来源: a label ("中央生态环境保护督察") or a usual wording ("第二轮中央督察", "12369举报", "暗访"). */
export function parseSource(value: string): ParseResult<ProblemSource> {
  return parseVocabulary(value, SOURCE_LABELS, SOURCE_RULES, 'source_unknown');
}

const CATEGORY_LABELS = labelIndex(PROBLEM_CATEGORIES, 'category');

/** Ordered from specific to general: "长江禁渔" is not water, "水土流失" is ecology, "大气" before "水". */
const CATEGORY_RULES: readonly Rule<ProblemCategory>[] = [
  [/禁捕|禁渔|非法捕捞|电鱼|垂钓/, 'yangtze_fishing_ban'],
  [/自然保护|保护区|保护地|风景名胜|森林公园|湿地公园|地质公园/, 'protected_area'],
  [/辐射|核|电磁|放射/, 'radiation'],
  [/噪声|噪音|振动/, 'noise'],
  [/固体废物|固废|危废|危险废物|废物|垃圾|尾矿|渣|污泥/, 'solid_waste'],
  [/土壤|耕地污染|重金属|地块/, 'soil'],
  [/生态破坏|水土流失|采砂|采石|矿山|毁林|林地|围垦|岸线|植被|湿地|草原/, 'ecology'],
  [/大气|扬尘|废气|空气|油烟|异味|臭气|vocs|粉尘|烟尘|秸秆焚烧|锅炉/, 'air'],
  [/水|排污口|黑臭|污水|河道|河|湖|饮用水/, 'water'],
  [/生态/, 'ecology'],
  [/^其他|^其它|综合/, 'other'],
];

/** 问题类型: a label ("大气") or a usual wording ("大气污染", "扬尘", "水环境", "危废", "禁渔"). */
export function parseCategory(value: string): ParseResult<ProblemCategory> {
  return parseVocabulary(value, CATEGORY_LABELS, CATEGORY_RULES, 'category_unknown');
}

export interface ParsedStatus {
  status: ImportedStatus;
  /**
   * The ledger says the rectification is done (已完成整改, 已整改, 完成) but not that it was closed (销号/办结).
   * Such rows are imported as closed: the ledger is the county's own record of completed work and ducha has no
   * "done but not yet verified" state to import into; the caller warns so that the clerk can write 整改中 instead
   * when the problem should still go through self-check and verification in ducha.
   */
  completedOnly: boolean;
}

/** Checked in order: negations ("未完成", "未销号") before the words they contain. */
const STATUS_RULES: readonly Rule<ParsedStatus>[] = [
  [/^(未交办|待交办|未开始|尚未启动|未启动|登记|待办|新增|否交办)$/, { status: 'registered', completedOnly: false }],
  // Also ducha's own closing steps (自查申请, 核查中, 公示中, 公示期满待归档, 已归档), as its ledger export writes them:
  // the loop goes on in ducha.
  [/未完成|未销号|未整改|未办结|部分完成|阶段性完成|基本完成|整改中|推进中|正在|序时|已交办|已签收|办理中|逾期|滞后|进度|自查|核查|公示|归档|验收中|待验收|^否$/, { status: 'rectifying', completedOnly: false }],
  [/销号|办结|已关闭|已结案/, { status: 'closed', completedOnly: false }],
  [/完成|已整改|整改到位|^是$|^已办$/, { status: 'closed', completedOnly: true }],
];

/**
 * 整改状态: '' and 未交办/待交办 ⇒ registered (待交办); 整改中/推进中/正在整改/未完成/已交办/序时推进 ⇒ rectifying;
 * 已销号/已办结 ⇒ closed; 已完成/已整改/完成整改 ⇒ closed with `completedOnly` (see ParsedStatus). In a 是否完成
 * column, 是 counts as completed and 否 as rectifying.
 */
export function parseStatus(value: string): ParseResult<ParsedStatus> {
  const key = compactKey(value);
  if (!key) return ok({ status: 'registered', completedOnly: false });
  for (const [pattern, result] of STATUS_RULES) if (pattern.test(key)) return ok(result);
  return fail('status_unknown', { value: normalizeText(value) });
}

const YES = /^(是|有|y|yes|true|1|√|✓|✔|对|要)$/;
const NO = /^(否|无|不|n|no|false|0|×|✗|✘|x|不是|没有|\/)$/;

/** 是/否, 公开/不公开, Y/N, √/×; null when empty (the caller's default applies). */
export function parseBoolean(value: string): ParseResult<boolean | null> {
  const key = normalizeText(value).replace(/\s+/g, '').toLowerCase();
  if (!key) return ok(null);
  if (NO.test(key) || /^(不|不予|暂不|非)公开|^不对外/.test(key)) return ok(false);
  if (YES.test(key) || /公开/.test(key)) return ok(true);
  return fail('public_unknown', { value: normalizeText(value) });
}

export interface ParsedFlag {
  flagged: boolean;
  level: FlagLevel | null;
}

/** 挂牌督办: "是"/"挂牌督办" ⇒ flagged without level; "省级挂牌"/"市级挂牌督办"/"县级" ⇒ flagged at that level; "否"/'' ⇒ not. */
export function parseFlag(value: string): ParseResult<ParsedFlag> {
  const key = normalizeText(value).replace(/\s+/g, '').toLowerCase();
  if (!key || NO.test(key) || /^(未挂牌|不挂牌|非挂牌|无挂牌)/.test(key)) return ok({ flagged: false, level: null });
  if (/省/.test(key)) return ok({ flagged: true, level: 'province' });
  if (/市/.test(key)) return ok({ flagged: true, level: 'city' });
  if (/县|区级/.test(key)) return ok({ flagged: true, level: 'county' });
  if (YES.test(key) || /挂牌|督办/.test(key)) return ok({ flagged: true, level: null });
  return fail('flag_unknown', { value: normalizeText(value) });
}
