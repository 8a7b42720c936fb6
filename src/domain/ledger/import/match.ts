import type { ImportReferences } from './types.js';
import { compactKey, parseChineseNumber } from './values.js';

/**
 * Matching what a ledger writes (unit, region, leader, round and batch names) against what is stored. Exact matches
 * (after compactKey) win; then tolerant forms (a county prefix added or left out, 人民政府/办事处 left out); else the
 * result carries suggestions ranked by similarity, for the clerk to pick from. Indexes are built once per reference
 * list (cached by the list's identity, so a list must not be changed in place once matched against), and matching
 * 10,000 rows costs a few map look-ups each.
 */

export type MatchResult<T> = { ok: true; value: T } | { ok: false; reason: 'unknown' | 'ambiguous'; suggestions: string[] };

type UnitRef = ImportReferences['units'][number];
type RegionRef = ImportReferences['regions'][number];
type LeaderRef = ImportReferences['leaders'][number];
type RoundRef = ImportReferences['rounds'][number];
type BatchRef = ImportReferences['batches'][number];

const MAX_SUGGESTIONS = 5;
const MIN_SUGGESTION_SCORE = 0.34;

// ---------------------------------------------------------------------------------------------------------------
// Similarity

function bigrams(s: string): string[] {
  if (s.length < 2) return s ? [s] : [];
  const out: string[] = [];
  for (let i = 0; i < s.length - 1; i++) out.push(s.slice(i, i + 2));
  return out;
}

/** Sørensen–Dice coefficient over character bigrams (multiset), 0…1. */
export function diceCoefficient(a: string, b: string): number {
  if (a === b) return a ? 1 : 0;
  const x = bigrams(a);
  const y = bigrams(b);
  if (!x.length || !y.length) return 0;
  const counts = new Map<string, number>();
  for (const g of x) counts.set(g, (counts.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of y) {
    const n = counts.get(g) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(g, n - 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

/** Levenshtein distance (insert, delete, substitute), two rows of memory. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Similarity of two names, 0…1: the better of bigram Dice (good for long names with a word changed) and normalized
 * edit distance (good for short names with one character wrong, "水务局" vs "水利局", which share no bigram).
 */
export function similarity(a: string, b: string): number {
  if (!a || !b) return 0;
  const longest = Math.max(a.length, b.length);
  return Math.max(diceCoefficient(a, b), 1 - editDistance(a, b) / longest);
}

function rank<T>(query: string, candidates: readonly T[], keysOf: (c: T) => readonly string[], label: (c: T) => string): string[] {
  const scored: { label: string; score: number }[] = [];
  for (const c of candidates) {
    const score = Math.max(0, ...keysOf(c).map((k) => similarity(query, k)));
    if (score >= MIN_SUGGESTION_SCORE) scored.push({ label: label(c), score });
  }
  scored.sort((a, b) => b.score - a.score || a.label.localeCompare(b.label, 'zh-CN'));
  return [...new Set(scored.map((s) => s.label))].slice(0, MAX_SUGGESTIONS);
}

/** Index keyed by reference list identity: built on first use, reused for every row. */
function cached<K extends object, V>(cache: WeakMap<K, V>, key: K, build: () => V): V {
  let value = cache.get(key);
  if (!value) {
    value = build();
    cache.set(key, value);
  }
  return value;
}

function addTo<T>(map: Map<string, T[]>, key: string, value: T) {
  if (key.length < 2) return;
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

/** One distinct hit (by id: aliases of one record count once) matches; several are ambiguous; none is no decision. */
function decide<T extends { id: number }>(hits: readonly T[] | undefined, label: (t: T) => string): MatchResult<T> | null {
  if (!hits?.length) return null;
  const distinct = hits.filter((h, i) => hits.findIndex((o) => o.id === h.id) === i);
  if (distinct.length === 1) return { ok: true, value: distinct[0]! };
  return { ok: false, reason: 'ambiguous', suggestions: [...new Set(distinct.map(label))].slice(0, MAX_SUGGESTIONS) };
}

// ---------------------------------------------------------------------------------------------------------------
// Units

interface UnitIndex {
  exact: Map<string, UnitRef[]>;
  loose: Map<string, UnitRef[]>;
  /** Named administrative prefixes shared by the unit names ("青溪县"), longest first. */
  prefixes: string[];
  keys: Map<UnitRef, string[]>;
  results: Map<string, MatchResult<UnitRef>>;
}

const unitIndexes = new WeakMap<readonly UnitRef[], UnitIndex>();

/**
 * The county (district, city) names the unit names start with, such as "青溪县" in "青溪县水利局": a prefix of two
 * to four characters ending in 县/区/市/旗 that at least two unit names share.
 */
function adminPrefixes(names: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const name of names) {
    const prefix = /^(.{2,4}?[县区市旗])/.exec(name)?.[1];
    if (prefix) counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => n >= 2).map(([p]) => p).sort((a, b) => b.length - a.length);
}

/** "青溪县水利局" / "县水利局" → "水利局"; only the known county names and their one-character short form. */
function stripPrefix(key: string, prefixes: readonly string[]): string {
  for (const p of prefixes) {
    if (key.startsWith(p) && key.length > p.length + 1) return key.slice(p.length);
    const bare = p.slice(-1);
    if (key.startsWith(bare) && key.length > 2) return key.slice(1);
  }
  return key;
}

const stripGovernmentSuffix = (key: string) => key.replace(/(人民政府|政府|办事处|办)$/, '');

/** The tolerant forms of a name, most specific first. */
function looseForms(key: string, prefixes: readonly string[]): string[] {
  const bare = stripPrefix(key, prefixes);
  return [...new Set([key, bare, stripGovernmentSuffix(key), stripGovernmentSuffix(bare)])].filter((k) => k.length >= 2);
}

function buildUnitIndex(units: readonly UnitRef[]): UnitIndex {
  const prefixes = adminPrefixes(units.map((u) => compactKey(u.name)));
  const index: UnitIndex = { exact: new Map(), loose: new Map(), prefixes, keys: new Map(), results: new Map() };
  for (const unit of units) {
    const names = [unit.name, unit.shortName].filter((n): n is string => !!n).map(compactKey);
    const forms = names.flatMap((n) => looseForms(n, prefixes));
    for (const n of names) addTo(index.exact, n, unit);
    for (const f of forms) addTo(index.loose, f, unit);
    index.keys.set(unit, [...new Set(forms)]);
  }
  return index;
}

const unitLabel = (u: UnitRef) => u.name;

/**
 * A unit by full name or short name ("青溪县水利局", "县水利局"), tolerating a county prefix added or left out
 * ("水利局") and 人民政府/办事处 left out ("白沙镇" for 白沙镇人民政府). Several units answering to the same name ⇒
 * ambiguous; none ⇒ unknown with the most similar unit names as suggestions.
 */
export function matchUnit(name: string, units: readonly UnitRef[]): MatchResult<UnitRef> {
  const index = cached(unitIndexes, units, () => buildUnitIndex(units));
  const key = compactKey(name);
  const known = index.results.get(key);
  if (known) return known;
  let result = decide(index.exact.get(key), unitLabel);
  for (const form of looseForms(key, index.prefixes)) result ??= decide(index.loose.get(form), unitLabel);
  result ??= {
    ok: false,
    reason: 'unknown',
    suggestions: rank(stripPrefix(key, index.prefixes), units, (u) => index.keys.get(u) ?? [], unitLabel),
  };
  index.results.set(key, result);
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Regions

interface RegionIndex {
  exact: Map<string, RegionRef[]>;
  loose: Map<string, RegionRef[]>;
  /** For "contains" matching, longest (then deepest) first. */
  byLength: { key: string; region: RegionRef }[];
  results: Map<string, MatchResult<RegionRef>>;
}

const regionIndexes = new WeakMap<readonly RegionRef[], RegionIndex>();
const ADMIN_SUFFIX = /(街道办事处|街道|镇|乡|县|区|市)$/;
const depth = (r: RegionRef) => r.path.split('/').filter(Boolean).length;

function buildRegionIndex(regions: readonly RegionRef[]): RegionIndex {
  const index: RegionIndex = { exact: new Map(), loose: new Map(), byLength: [], results: new Map() };
  for (const region of regions) {
    const key = compactKey(region.name);
    addTo(index.exact, key, region);
    addTo(index.exact, region.code, region);
    addTo(index.loose, key.replace(ADMIN_SUFFIX, ''), region);
    if (key.length >= 2) index.byLength.push({ key, region });
  }
  index.byLength.sort((a, b) => b.key.length - a.key.length || depth(b.region) - depth(a.region));
  return index;
}

const regionLabel = (r: RegionRef) => r.name;

/**
 * The names a text may mean, most specific first: itself, then what follows each administrative level
 * ("浙江省青溪县白沙镇" → "青溪县白沙镇" → "白沙镇").
 */
function tails(key: string): string[] {
  const out = [key];
  for (let i = 1; i < key.length - 1; i++) if (/[省市县区州盟旗]/.test(key[i - 1]!)) out.push(key.slice(i));
  return out;
}

/**
 * A region by name or code ("白沙镇", "青溪县白沙镇", "339901002", "白沙"); a text that starts with or contains exactly
 * one region name ("白沙镇白沙村") means that region.
 */
export function matchRegion(name: string, regions: readonly RegionRef[]): MatchResult<RegionRef> {
  const index = cached(regionIndexes, regions, () => buildRegionIndex(regions));
  const key = compactKey(name);
  const known = index.results.get(key);
  if (known) return known;
  let result: MatchResult<RegionRef> | null = null;
  for (const tail of tails(key)) result ??= decide(index.exact.get(tail), regionLabel);
  result ??= decide(index.loose.get(key.replace(ADMIN_SUFFIX, '')), regionLabel);
  if (!result) {
    const contained = index.byLength.find((e) => key.includes(e.key));
    if (contained) {
      const same = index.byLength.filter((e) => e.key === contained.key && depth(e.region) === depth(contained.region));
      result = decide(same.map((e) => e.region), regionLabel);
    }
  }
  result ??= { ok: false, reason: 'unknown', suggestions: rank(key, regions, (r) => [compactKey(r.name)], regionLabel) };
  index.results.set(key, result);
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Leaders

/**
 * A leader by display name ("刘副县长"); a text containing exactly one leader's name, or contained in exactly one
 * ("刘副县长（分管）"), also matches.
 */
export function matchLeader(name: string, leaders: readonly LeaderRef[]): MatchResult<LeaderRef> {
  const key = compactKey(name);
  const label = (l: LeaderRef) => l.displayName;
  const keyed = leaders.map((l) => ({ leader: l, key: compactKey(l.displayName) }));
  const exact = decide(keyed.filter((e) => e.key === key).map((e) => e.leader), label);
  if (exact) return exact;
  const partial = decide(
    keyed.filter((e) => e.key.length >= 2 && key.length >= 2 && (key.includes(e.key) || e.key.includes(key))).map((e) => e.leader),
    label,
  );
  return partial ?? { ok: false, reason: 'unknown', suggestions: rank(key, leaders, (l) => [compactKey(l.displayName)], label) };
}

// ---------------------------------------------------------------------------------------------------------------
// Rounds and batches

const BATCH_TEXT = /第?\s*([0-9〇零一二两三四五六七八九十百]+)\s*批次?/;

/** The "第2批" / "第二批次" part of a text, or null. */
export function batchTextOf(text: string): string | null {
  return BATCH_TEXT.exec(text)?.[0] ?? null;
}

interface RoundFeatures {
  ordinal: number | null;
  central: boolean;
  lookback: boolean;
  provincial: boolean;
  special: boolean;
}

function roundFeatures(key: string): RoundFeatures {
  const ordinal = /第([0-9〇零一二两三四五六七八九十]+)轮/.exec(key)?.[1];
  return {
    ordinal: ordinal ? parseChineseNumber(ordinal) : null,
    central: /中央/.test(key),
    lookback: /回头看/.test(key),
    provincial: /省/.test(key),
    special: /专项/.test(key),
  };
}

const sameKind = (a: RoundFeatures, b: RoundFeatures) =>
  a.central === b.central && a.lookback === b.lookback && a.provincial === b.provincial && a.special === b.special;

/**
 * An inspection round by name. Ledgers abbreviate ("第三轮中央环保督察" for 第三轮中央生态环境保护督察) and append the
 * batch ("…第2批"): the batch is ignored here, and when the name is not exact the round's ordinal (第三轮 = 第3轮) and
 * kind (中央 / 回头看 / 省级 / 专项) must agree with exactly one stored round.
 */
export function matchRound(text: string, rounds: readonly RoundRef[]): MatchResult<RoundRef> {
  const key = compactKey(text.replace(BATCH_TEXT, ''));
  const label = (r: RoundRef) => r.name;
  const keyed = rounds.map((r) => ({ round: r, key: compactKey(r.name) }));
  const exact = decide(keyed.filter((e) => e.key === key).map((e) => e.round), label);
  if (exact) return exact;
  const wanted = roundFeatures(key);
  const hasFeatures = wanted.ordinal !== null || wanted.central || wanted.lookback || wanted.provincial || wanted.special;
  if (hasFeatures) {
    const agreeing = keyed.filter((e) => {
      const f = roundFeatures(e.key);
      return (wanted.ordinal === null || f.ordinal === wanted.ordinal) && sameKind(f, wanted);
    });
    const found = decide(agreeing.map((e) => e.round), label);
    if (found) return found;
  }
  return { ok: false, reason: 'unknown', suggestions: rank(key, rounds, (r) => [compactKey(r.name)], label) };
}

/**
 * A batch by number ("第2批", "第二批次", "2") or name, within `roundId` when known; without a round, a number that
 * exactly one stored batch has.
 */
export function matchBatch(text: string, batches: readonly BatchRef[], roundId: number | null): MatchResult<BatchRef> {
  const key = compactKey(text);
  const label = (b: BatchRef) => b.name;
  const inRound = batches.filter((b) => roundId === null || b.roundId === roundId);
  const number = /^\d+$/.test(key) ? Number(key) : parseChineseNumber(BATCH_TEXT.exec(key)?.[1] ?? '');
  const found =
    decide(inRound.filter((b) => compactKey(b.name) === key), label) ??
    (number === null ? null : decide(inRound.filter((b) => b.number === number), label));
  return found ?? { ok: false, reason: 'unknown', suggestions: inRound.map(label).slice(0, MAX_SUGGESTIONS) };
}
