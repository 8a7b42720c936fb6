import { compactKey } from './values.js';

/**
 * Possible duplicates among ledger rows and stored problems: near-identical descriptions (bigram Dice ≥ threshold)
 * with compatible addresses. Comparing all pairs would be quadratic (10,000 rows × 10,000); this is a prefix-filtered
 * similarity join (AllPairs): each text's distinct bigrams are ordered rarest first, and two sets with Dice ≥ t, i.e.
 * Jaccard ≥ J = t / (2 − t), must share a token among the first |A| − ⌈J·|A|⌉ + 1 tokens of each. Only records sharing
 * such a (rare) token are compared, which keeps the work close to linear on real ledgers. Tokens found in more than
 * MAX_POSTING records (template phrases such as "群众反映") are not used to find candidates: a near-duplicate pair
 * almost always shares a rarer token (a place or an enterprise), and without the cut a templated 10,000-row ledger
 * would compare most pairs.
 */

/** Records per token beyond which the token no longer finds candidates (see above). */
export const MAX_POSTING = 100;

export interface DuplicateCandidate {
  description: string;
  address: string | null;
}

export interface StoredCandidate extends DuplicateCandidate {
  id: number;
}

export interface RowCandidate extends DuplicateCandidate {
  /** Excel row number. */
  row: number;
  /** Rows compare only within the same region (stored problems are compared whatever their region). */
  regionId: number;
  /** The stored problem this row names by its code (updated, or reported as a taken code): not a duplicate to warn of. */
  updatesId: number | null;
}

export interface DuplicateFinding {
  row: number;
  /** The most similar stored problem, if any reaches the threshold. */
  storedId: number | null;
  /** The most similar earlier row of the file, if any reaches the threshold. */
  earlierRow: number | null;
}

interface RecordEntry {
  /** Distinct bigrams as global ranks (0 = rarest), ascending, so the rarest tokens come first. */
  ranks: Int32Array;
  address: string;
  stored: StoredCandidate | null;
  row: RowCandidate | null;
}

/** Distinct character bigrams of a compacted text (the text itself when it is one character). */
function bigramsOf(value: string): string[] {
  const key = compactKey(value);
  const tokens = new Set<string>();
  if (key.length === 1) tokens.add(key);
  for (let i = 0; i < key.length - 1; i++) tokens.add(key.slice(i, i + 2));
  return [...tokens];
}

/** Dice coefficient of two token lists (distinct tokens). */
function diceOf(a: readonly string[], b: readonly string[]): number {
  if (!a.length || !b.length) return 0;
  const set = new Set(a);
  let shared = 0;
  for (const t of b) if (set.has(t)) shared++;
  return (2 * shared) / (a.length + b.length);
}

/** Addresses are compatible when either is missing, or they are equal, contain one another or are very similar. */
export function compatibleAddresses(a: string | null, b: string | null): boolean {
  const x = compactKey(a ?? '');
  const y = compactKey(b ?? '');
  if (!x || !y || x.includes(y) || y.includes(x)) return true;
  return diceOf(bigramsOf(x), bigramsOf(y)) >= 0.8;
}

/**
 * Distinct bigram ids of each text and how many texts hold each id. Bigrams are keyed by their two UTF-16 code units
 * as one number, so no string is allocated per bigram.
 */
function tokenize(texts: readonly string[]): { ids: number[][]; frequency: number[] } {
  const idOf = new Map<number, number>();
  const frequency: number[] = [];
  const lastText: number[] = [];
  const ids = texts.map((text, n) => {
    const key = compactKey(text);
    const out: number[] = [];
    const add = (code: number) => {
      let id = idOf.get(code);
      if (id === undefined) {
        id = frequency.length;
        idOf.set(code, id);
        frequency.push(0);
        lastText.push(-1);
      }
      if (lastText[id] === n) return;
      lastText[id] = n;
      frequency[id]!++;
      out.push(id);
    };
    if (key.length === 1) add(key.charCodeAt(0));
    for (let i = 0; i < key.length - 1; i++) add(key.charCodeAt(i) * 65_536 + key.charCodeAt(i + 1));
    return out;
  });
  return { ids, frequency };
}

/**
 * Each text's tokens as ranks in one global order (rarest first), as sorted integer arrays: comparing small integers
 * through a stamp array is an order of magnitude faster than string Set look-ups, which matters at 10,000 rows.
 */
function rankTokens(texts: readonly string[]): { ranks: Int32Array[]; tokenCount: number } {
  const { ids, frequency } = tokenize(texts);
  const order = frequency.map((_, id) => id).sort((a, b) => frequency[a]! - frequency[b]! || a - b);
  const rank = new Int32Array(frequency.length);
  order.forEach((id, r) => (rank[id] = r));
  const ranks = ids.map((list) => {
    const out = new Int32Array(list.length);
    for (let i = 0; i < list.length; i++) out[i] = rank[list[i]!]!;
    return out.sort();
  });
  return { ranks, tokenCount: frequency.length };
}

/** Postings of one token: the entries whose prefix holds it and the token's position in each. */
interface Posting {
  entries: number[];
  positions: number[];
}

/** For each row (in order) the most similar stored problem and earlier row, when they reach `threshold`. */
export function findPossibleDuplicates(rows: readonly RowCandidate[], stored: readonly StoredCandidate[], threshold: number): DuplicateFinding[] {
  const candidates: DuplicateCandidate[] = [...stored, ...rows];
  const { ranks, tokenCount } = rankTokens(candidates.map((c) => c.description));
  const entries: RecordEntry[] = candidates.map((c, i) => ({
    ranks: ranks[i]!,
    address: c.address ?? '',
    stored: i < stored.length ? stored[i]! : null,
    row: i < stored.length ? null : rows[i - stored.length]!,
  }));
  const jaccard = threshold / (2 - threshold);
  const index = new Map<number, Posting>();
  const stamp = new Int32Array(tokenCount).fill(-1);
  const seen = new Int32Array(entries.length).fill(-1);
  const findings: DuplicateFinding[] = [];
  entries.forEach((entry, i) => {
    const prefixLength = entry.ranks.length - Math.ceil(jaccard * entry.ranks.length) + 1;
    if (entry.row) {
      for (const t of entry.ranks) stamp[t] = i;
      const finding = bestMatches({ entry, row: entry.row, marker: i, stamp, seen, prefixLength, entries, index, threshold, jaccard });
      if (finding.storedId !== null || finding.earlierRow !== null) findings.push(finding);
    }
    for (let p = 0; p < prefixLength && p < entry.ranks.length; p++) {
      const t = entry.ranks[p]!;
      const posting = index.get(t) ?? { entries: [], positions: [] };
      posting.entries.push(i);
      posting.positions.push(p);
      index.set(t, posting);
    }
  });
  return findings;
}

interface Probe {
  entry: RecordEntry;
  row: RowCandidate;
  /** stamp[rank] === marker for the tokens of `entry`. */
  marker: number;
  stamp: Int32Array;
  /** seen[entry index] === marker once that entry was considered for this probe. */
  seen: Int32Array;
  prefixLength: number;
  entries: readonly RecordEntry[];
  index: ReadonlyMap<number, Posting>;
  threshold: number;
  jaccard: number;
}

/**
 * The best stored and earlier matches of one row. Positional filter: a candidate first met at probe position i and
 * its own position j shares no token before those (both lists are in the same order), so it can share at most
 * 1 + min(|A| − i − 1, |B| − j − 1) tokens; below the overlap the threshold needs, it is dropped unverified.
 */
function bestMatches(probe: Probe): DuplicateFinding {
  const { entry, row, marker, stamp, seen, prefixLength, entries, index, threshold, jaccard } = probe;
  const size = entry.ranks.length;
  let stored = { id: null as number | null, score: 0 };
  let earlier = { row: null as number | null, score: 0 };
  for (let i = 0; i < prefixLength && i < size; i++) {
    const posting = index.get(entry.ranks[i]!);
    if (!posting || posting.entries.length > MAX_POSTING) continue;
    for (let k = 0; k < posting.entries.length; k++) {
      const e = posting.entries[k]!;
      if (seen[e] === marker) continue;
      seen[e] = marker;
      const other = entries[e]!;
      const otherSize = other.ranks.length;
      // Length filter: sets this different in size cannot reach the threshold.
      if (otherSize < jaccard * size || size < jaccard * otherSize) continue;
      const needed = Math.ceil((threshold * (size + otherSize)) / 2 - 1e-9);
      if (1 + Math.min(size - i - 1, otherSize - posting.positions[k]! - 1) < needed) continue;
      if (other.stored?.id === row.updatesId || (other.row && other.row.regionId !== row.regionId)) continue;
      let shared = 0;
      for (const t of other.ranks) if (stamp[t] === marker) shared++;
      const score = (2 * shared) / (size + otherSize);
      if (score < threshold || !compatibleAddresses(entry.address, other.address)) continue;
      if (other.stored && score > stored.score) stored = { id: other.stored.id, score };
      if (other.row && score > earlier.score) earlier = { row: other.row.row, score };
    }
  }
  return { row: row.row, storedId: stored.id, earlierRow: earlier.row };
}
