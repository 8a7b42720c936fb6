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
 *
 * Rows are compared with one another in one join (ranks by frequency in the file) and with stored problems in another
 * (ranks by frequency among stored problems, kept in StoredTokens between imports so 100,000 stored descriptions are
 * not cut into bigrams and indexed again for every file). The prefix principle holds for any fixed order, so both joins
 * find every pair above the threshold whose shared prefix token is not cut by MAX_POSTING.
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

/** Distinct bigram codes of a compacted text (two UTF-16 code units as one number; the character when it is one). */
function bigramCodes(text: string): number[] {
  const key = compactKey(text);
  if (key.length === 1) return [key.charCodeAt(0)];
  const out = new Set<number>();
  for (let i = 0; i < key.length - 1; i++) out.add(key.charCodeAt(i) * 65_536 + key.charCodeAt(i + 1));
  return [...out];
}

/** Prefix length of a token set of `size` for Jaccard `jaccard`: two sets reaching it share a token in both prefixes. */
const prefixOf = (size: number, jaccard: number) => Math.min(size, size - Math.ceil(jaccard * size - 1e-9) + 1);

/** Postings of one token: the entries whose prefix holds it and the token's position in each. */
interface Posting {
  entries: number[];
  positions: number[];
}

function addPosting(index: Map<number, Posting>, token: number, entry: number, position: number): void {
  let posting = index.get(token);
  if (!posting) index.set(token, (posting = { entries: [], positions: [] }));
  posting.entries.push(entry);
  posting.positions.push(position);
}

interface StoredEntry {
  candidate: StoredCandidate;
  /** Distinct bigrams as ranks in the stored order, ascending (rarest first). */
  ranks: Int32Array;
  address: string;
}

/**
 * Stored problems' descriptions as ranked bigram sets with a prefix index, built once and kept by the analysis thread
 * between imports (only changed problems are `upsert`ed or `remove`d). The order is the bigrams' frequency among the
 * stored problems when the index was (re)built; bigrams first met later rank before all of them (they are rare), and
 * the order is rebuilt once the changes since outnumber half the problems.
 */
export class StoredTokens {
  private rankOf = new Map<number, number>();
  /** The next rank for a bigram first met after the build (counting down from −1). */
  private nextNew = -1;
  private slots: (StoredEntry | null)[] = [];
  private slotOf = new Map<number, number>();
  private free: number[] = [];
  private index = new Map<number, Posting>();
  private changesSinceBuild = 0;

  constructor(readonly threshold: number) {}

  static of(stored: readonly StoredCandidate[], threshold: number): StoredTokens {
    const tokens = new StoredTokens(threshold);
    tokens.upsert(stored);
    return tokens;
  }

  get size(): number {
    return this.slotOf.size;
  }

  private get jaccard(): number {
    return this.threshold / (2 - this.threshold);
  }

  /** Add or replace stored problems (by id). */
  upsert(stored: readonly StoredCandidate[]): void {
    if (stored.length === 0) return;
    this.remove(stored.map((c) => c.id));
    this.changesSinceBuild += stored.length;
    if (this.changesSinceBuild > this.size / 2) return this.rebuild([...this.live(), ...stored]);
    for (const candidate of stored) this.insert(candidate, bigramCodes(candidate.description));
  }

  remove(ids: Iterable<number>): void {
    for (const id of ids) {
      const slot = this.slotOf.get(id);
      if (slot === undefined) continue;
      const entry = this.slots[slot]!;
      for (let p = 0; p < prefixOf(entry.ranks.length, this.jaccard); p++) {
        const posting = this.index.get(entry.ranks[p]!)!;
        const at = posting.entries.indexOf(slot);
        posting.entries.splice(at, 1);
        posting.positions.splice(at, 1);
      }
      this.slots[slot] = null;
      this.slotOf.delete(id);
      this.free.push(slot);
    }
  }

  private *live(): Generator<StoredCandidate> {
    for (const entry of this.slots) if (entry) yield entry.candidate;
  }

  /** Order the bigrams by their frequency among `stored` and index every one of them again. */
  private rebuild(stored: readonly StoredCandidate[]): void {
    const codes = stored.map((c) => bigramCodes(c.description));
    const frequency = new Map<number, number>();
    for (const list of codes) for (const code of list) frequency.set(code, (frequency.get(code) ?? 0) + 1);
    const order = [...frequency.keys()].sort((a, b) => frequency.get(a)! - frequency.get(b)! || a - b);
    this.rankOf = new Map(order.map((code, rank) => [code, rank]));
    this.nextNew = -1;
    this.slots = [];
    this.slotOf = new Map();
    this.free = [];
    this.index = new Map();
    this.changesSinceBuild = 0;
    stored.forEach((c, i) => this.insert(c, codes[i]!));
  }

  private insert(candidate: StoredCandidate, codes: number[]): void {
    const ranks = new Int32Array(codes.length);
    codes.forEach((code, i) => {
      let rank = this.rankOf.get(code);
      if (rank === undefined) this.rankOf.set(code, (rank = this.nextNew--));
      ranks[i] = rank;
    });
    ranks.sort();
    const slot = this.free.pop() ?? this.slots.length;
    this.slots[slot] = { candidate, ranks, address: candidate.address ?? '' };
    this.slotOf.set(candidate.id, slot);
    for (let p = 0; p < prefixOf(ranks.length, this.jaccard); p++) addPosting(this.index, ranks[p]!, slot, p);
  }

  /**
   * The best stored match of each row (Dice ≥ threshold, compatible addresses, `visible`, not the problem the row
   * updates), by row index. Bigrams no stored problem has rank first, in the row's own order: they find nothing.
   */
  bestMatches(rows: readonly RowCandidate[], rowCodes: readonly number[][], visible: (id: number) => boolean): (number | null)[] {
    const jaccard = this.jaccard;
    const threshold = this.threshold;
    const seen = new Int32Array(this.slots.length).fill(-1);
    // Stamps of the row's bigrams that stored problems can have: ranks ≥ 0, and new ones (−1 … nextNew + 1).
    const stampKnown = new Int32Array(this.rankOf.size + 1).fill(-1);
    const stampNew = new Int32Array(-this.nextNew + 1).fill(-1);
    const stamped = (t: number, marker: number) => (t >= 0 ? stampKnown[t] === marker : stampNew[-t] === marker);
    return rows.map((row, marker) => {
      const codes = rowCodes[marker]!;
      let unknown = this.nextNew;
      const ranks = new Int32Array(codes.length);
      for (let i = 0; i < codes.length; i++) {
        const rank = this.rankOf.get(codes[i]!);
        if (rank === undefined) ranks[i] = unknown--;
        else {
          ranks[i] = rank;
          if (rank >= 0) stampKnown[rank] = marker;
          else stampNew[-rank] = marker;
        }
      }
      ranks.sort();
      const size = ranks.length;
      let best = { id: null as number | null, score: 0 };
      const prefix = prefixOf(size, jaccard);
      for (let i = 0; i < prefix; i++) {
        const posting = this.index.get(ranks[i]!);
        if (!posting || posting.entries.length > MAX_POSTING) continue;
        for (let k = 0; k < posting.entries.length; k++) {
          const slot = posting.entries[k]!;
          if (seen[slot] === marker) continue;
          seen[slot] = marker;
          const other = this.slots[slot]!;
          const otherSize = other.ranks.length;
          if (otherSize < jaccard * size || size < jaccard * otherSize) continue;
          const needed = Math.ceil((threshold * (size + otherSize)) / 2 - 1e-9);
          if (1 + Math.min(size - i - 1, otherSize - posting.positions[k]! - 1) < needed) continue;
          if (other.candidate.id === row.updatesId || !visible(other.candidate.id)) continue;
          let shared = 0;
          for (const t of other.ranks) if (stamped(t, marker)) shared++;
          const score = (2 * shared) / (size + otherSize);
          if (score < threshold || score <= best.score || !compatibleAddresses(row.address, other.address)) continue;
          best = { id: other.candidate.id, score };
        }
      }
      return best.id;
    });
  }
}

/**
 * Rows' bigram sets as ranks in the file's own order (rarest first), as sorted integer arrays: comparing small
 * integers is an order of magnitude faster than string Set look-ups, which matters at 10,000 rows.
 */
function rankRows(rowCodes: readonly number[][]): { ranks: Int32Array[]; tokenCount: number } {
  const idOf = new Map<number, number>();
  const frequency: number[] = [];
  const ids = rowCodes.map((codes) =>
    codes.map((code) => {
      let id = idOf.get(code);
      if (id === undefined) {
        idOf.set(code, (id = frequency.length));
        frequency.push(0);
      }
      frequency[id]!++;
      return id;
    }),
  );
  const order = frequency.map((_, id) => id).sort((a, b) => frequency[a]! - frequency[b]! || a - b);
  const rank = new Int32Array(frequency.length);
  order.forEach((id, r) => (rank[id] = r));
  return { ranks: ids.map((list) => Int32Array.from(list, (id) => rank[id]!).sort()), tokenCount: frequency.length };
}

/** The most similar earlier row of the same region for each row (by index), when it reaches `threshold`. */
function earlierMatches(rows: readonly RowCandidate[], rowCodes: readonly number[][], threshold: number): (number | null)[] {
  const { ranks, tokenCount } = rankRows(rowCodes);
  const jaccard = threshold / (2 - threshold);
  const index = new Map<number, Posting>();
  const stamp = new Int32Array(tokenCount).fill(-1);
  const seen = new Int32Array(rows.length).fill(-1);
  return rows.map((row, i) => {
    const mine = ranks[i]!;
    const size = mine.length;
    const prefix = prefixOf(size, jaccard);
    for (const t of mine) stamp[t] = i;
    let best = { row: null as number | null, score: 0 };
    for (let p = 0; p < prefix; p++) {
      const posting = index.get(mine[p]!);
      if (!posting || posting.entries.length > MAX_POSTING) continue;
      for (let k = 0; k < posting.entries.length; k++) {
        const e = posting.entries[k]!;
        if (seen[e] === i) continue;
        seen[e] = i;
        const other = ranks[e]!;
        const otherSize = other.length;
        // Length filter, then positional filter: a candidate first met at probe position p and its own position j
        // shares no token before those (same order), so it shares at most 1 + min(|A| − p − 1, |B| − j − 1).
        if (otherSize < jaccard * size || size < jaccard * otherSize) continue;
        const needed = Math.ceil((threshold * (size + otherSize)) / 2 - 1e-9);
        if (1 + Math.min(size - p - 1, otherSize - posting.positions[k]! - 1) < needed) continue;
        if (rows[e]!.regionId !== row.regionId) continue;
        let shared = 0;
        for (const t of other) if (stamp[t] === i) shared++;
        const score = (2 * shared) / (size + otherSize);
        if (score < threshold || score <= best.score || !compatibleAddresses(row.address, rows[e]!.address)) continue;
        best = { row: rows[e]!.row, score };
      }
    }
    for (let p = 0; p < prefix; p++) addPosting(index, mine[p]!, i, p);
    return best.row;
  });
}

/**
 * For each row (in order) the most similar stored problem and earlier row, when they reach `threshold`. `stored` is a
 * list, or StoredTokens kept between analyses (built for the same threshold) with `visible` naming the ones this
 * user may be warned about.
 */
export function findPossibleDuplicates(
  rows: readonly RowCandidate[],
  stored: readonly StoredCandidate[] | StoredTokens,
  threshold: number,
  visible: (id: number) => boolean = () => true,
): DuplicateFinding[] {
  const tokens = stored instanceof StoredTokens ? stored : StoredTokens.of(stored, threshold);
  if (tokens.threshold !== threshold) throw new Error(`stored tokens built for ${tokens.threshold}, asked for ${threshold}`);
  const rowCodes = rows.map((r) => bigramCodes(r.description));
  const storedIds = tokens.size ? tokens.bestMatches(rows, rowCodes, visible) : rows.map(() => null);
  const earlier = earlierMatches(rows, rowCodes, threshold);
  const findings: DuplicateFinding[] = [];
  rows.forEach((row, i) => {
    if (storedIds[i] !== null || earlier[i] !== null) findings.push({ row: row.row, storedId: storedIds[i]!, earlierRow: earlier[i]! });
  });
  return findings;
}
