import { compactKey } from './values.js';

/**
 * Possible duplicates among ledger rows and stored problems: near-identical descriptions (bigram Dice ≥ threshold)
 * with compatible addresses. Comparing all pairs would be quadratic (10,000 rows × 10,000); this is a prefix-filtered
 * similarity join (AllPairs): each text's distinct bigrams are ordered rarest first, and two sets with Dice ≥ t, i.e.
 * Jaccard ≥ J = t / (2 − t), must share a token among the first |A| − ⌈J·|A|⌉ + 1 tokens of each. Only records sharing
 * such a (rare) token are compared, which keeps the work close to linear on real ledgers.
 */

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
  /** The stored problem this row updates: never its own duplicate. */
  updatesId: number | null;
}

export interface DuplicateFinding {
  row: number;
  /** The most similar stored problem, if any reaches the threshold. */
  storedId: number | null;
  /** The most similar earlier row of the file, if any reaches the threshold. */
  earlierRow: number | null;
}

interface TokenSet {
  tokens: string[];
  set: ReadonlySet<string>;
}

interface RecordEntry extends TokenSet {
  address: string;
  stored: StoredCandidate | null;
  row: RowCandidate | null;
}

/** Distinct character bigrams of a compacted text. */
function tokenSet(value: string): TokenSet {
  const key = compactKey(value);
  const tokens = new Set<string>();
  if (key.length === 1) tokens.add(key);
  for (let i = 0; i < key.length - 1; i++) tokens.add(key.slice(i, i + 2));
  return { tokens: [...tokens], set: tokens };
}

/** Dice coefficient of two token sets. */
function dice(a: TokenSet, b: TokenSet): number {
  if (!a.tokens.length || !b.tokens.length) return 0;
  const [small, large] = a.tokens.length <= b.tokens.length ? [a, b] : [b, a];
  let shared = 0;
  for (const t of small.tokens) if (large.set.has(t)) shared++;
  return (2 * shared) / (a.tokens.length + b.tokens.length);
}

/** Addresses are compatible when either is missing, or they are equal, contain one another or are very similar. */
export function compatibleAddresses(a: string | null, b: string | null): boolean {
  const x = compactKey(a ?? '');
  const y = compactKey(b ?? '');
  if (!x || !y || x.includes(y) || y.includes(x)) return true;
  return dice(tokenSet(x), tokenSet(y)) >= 0.8;
}

const entryOf = (c: DuplicateCandidate, stored: StoredCandidate | null, row: RowCandidate | null): RecordEntry => ({
  ...tokenSet(c.description),
  address: c.address ?? '',
  stored,
  row,
});

/** For each row (in order) the most similar stored problem and earlier row, when they reach `threshold`. */
export function findPossibleDuplicates(rows: readonly RowCandidate[], stored: readonly StoredCandidate[], threshold: number): DuplicateFinding[] {
  const entries = [...stored.map((s) => entryOf(s, s, null)), ...rows.map((r) => entryOf(r, null, r))];
  const frequency = new Map<string, number>();
  for (const e of entries) for (const t of e.tokens) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  const byRarity = (a: string, b: string) => frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : a > b ? 1 : 0);
  const jaccard = threshold / (2 - threshold);
  const index = new Map<string, number[]>();
  const findings: DuplicateFinding[] = [];
  entries.forEach((entry, i) => {
    entry.tokens.sort(byRarity);
    const prefix = entry.tokens.slice(0, entry.tokens.length - Math.ceil(jaccard * entry.tokens.length) + 1);
    if (entry.row) {
      const finding = bestMatches(entry, entry.row, prefix, entries, index, threshold, jaccard);
      if (finding.storedId !== null || finding.earlierRow !== null) findings.push(finding);
    }
    for (const t of prefix) {
      const list = index.get(t);
      if (list) list.push(i);
      else index.set(t, [i]);
    }
  });
  return findings;
}

function bestMatches(
  entry: RecordEntry,
  row: RowCandidate,
  prefix: readonly string[],
  entries: readonly RecordEntry[],
  index: ReadonlyMap<string, number[]>,
  threshold: number,
  jaccard: number,
): DuplicateFinding {
  const seen = new Set<number>();
  let stored = { id: null as number | null, score: 0 };
  let earlier = { row: null as number | null, score: 0 };
  for (const t of prefix) {
    for (const i of index.get(t) ?? []) {
      if (seen.has(i)) continue;
      seen.add(i);
      const other = entries[i]!;
      // Length filter: sets this different in size cannot reach the threshold.
      if (other.tokens.length < jaccard * entry.tokens.length || entry.tokens.length < jaccard * other.tokens.length) continue;
      if (other.stored?.id === row.updatesId || (other.row && other.row.regionId !== row.regionId)) continue;
      const score = dice(entry, other);
      if (score < threshold || !compatibleAddresses(entry.address, other.address)) continue;
      if (other.stored && score > stored.score) stored = { id: other.stored.id, score };
      if (other.row && score > earlier.score) earlier = { row: other.row.row, score };
    }
  }
  return { row: row.row, storedId: stored.id, earlierRow: earlier.row };
}
