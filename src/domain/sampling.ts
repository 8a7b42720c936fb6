/**
 * Reproducible stratified random sampling (分层随机抽样) for the look-back (回头看, domain.md §4).
 *
 * The same seed and the same population always give the same sample, whatever order the population arrives in:
 * the input is sorted by id, strata are visited in code-point order of their names, and each stratum draws from its
 * own pseudo-random stream seeded by (seed, stratum), so adding or removing problems in one stratum never changes
 * the draw in another. Anyone holding the seed and the list of closed problems can redo the draw and audit it.
 *
 * Sample size per stratum of n items:
 *   - `ratio` r (0 < r ≤ 1)   → round(n · r) (proportional; halves round up)
 *   - `perStratum` k          → k (a fixed number per stratum); with `ratio` too it caps the proportional size
 *   - then at least `minPerStratum` (default 1: every non-empty stratum is covered), and never more than n.
 *
 * PRNG: cyrb128 hashes the seed string into 128 bits, mulberry32 turns the first 32 of them into a stream of
 * uniform numbers in [0, 1); a partial Fisher–Yates shuffle over the stratum's ids (sorted) picks the sample.
 * Good enough statistically for a draw and fully specified, so it can be re-implemented elsewhere for an audit.
 */

export interface SampleItem {
  id: number;
  stratum: string;
}

export interface SampleOptions {
  /** Proportion drawn from each stratum, 0 < ratio ≤ 1. */
  ratio?: number;
  /** Fixed number drawn from each stratum (≥ 1); with `ratio`, an upper bound on the proportional size. */
  perStratum?: number;
  /** At least this many from each non-empty stratum (default 1; 0 allows a stratum to be skipped). */
  minPerStratum?: number;
  /** Any string; the same seed and population give the same sample. */
  seed: string;
}

export interface StratumDraw {
  stratum: string;
  population: number;
  drawn: number;
}

export interface SampleResult {
  /** Drawn ids, ascending. */
  ids: number[];
  /** Per stratum, in code-point order of the stratum names. */
  strata: StratumDraw[];
}

/** cyrb128: a small, well-mixed 128-bit string hash (public domain, bryc). Returns four unsigned 32-bit words. */
export function cyrb128(input: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < input.length; i++) {
    const k = input.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** mulberry32: a 32-bit-state PRNG; returns a function giving uniform numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The random stream of one stratum: independent of every other stratum. */
export function streamFor(seed: string, stratum: string): () => number {
  return mulberry32(cyrb128(`${seed}\u0000${stratum}`)[0]);
}

/** How many to draw from a stratum of `population` items (see the module comment). */
export function sampleSize(population: number, options: Omit<SampleOptions, 'seed'>): number {
  validate(options);
  if (population <= 0) return 0;
  const { ratio, perStratum } = options;
  let k: number;
  if (ratio !== undefined) {
    k = Math.round(population * ratio);
    if (perStratum !== undefined) k = Math.min(k, perStratum);
  } else {
    k = perStratum!;
  }
  k = Math.max(k, options.minPerStratum ?? 1);
  return Math.min(k, population);
}

function validate(options: Omit<SampleOptions, 'seed'>): void {
  const { ratio, perStratum, minPerStratum } = options;
  if (ratio === undefined && perStratum === undefined) throw new RangeError('give ratio or perStratum');
  if (ratio !== undefined && !(Number.isFinite(ratio) && ratio > 0 && ratio <= 1)) throw new RangeError(`ratio must be in (0, 1], got ${String(ratio)}`);
  if (perStratum !== undefined && !(Number.isSafeInteger(perStratum) && perStratum >= 1)) throw new RangeError(`perStratum must be an integer ≥ 1, got ${String(perStratum)}`);
  if (minPerStratum !== undefined && !(Number.isSafeInteger(minPerStratum) && minPerStratum >= 0))
    throw new RangeError(`minPerStratum must be an integer ≥ 0, got ${String(minPerStratum)}`);
}

/** The draw with its per-stratum counts (what the look-back stores for the audit). */
export function stratifiedSampleDetail(items: readonly SampleItem[], options: SampleOptions): SampleResult {
  validate(options);
  if (typeof options.seed !== 'string') throw new TypeError('seed must be a string');
  const seen = new Set<number>();
  const byStratum = new Map<string, number[]>();
  for (const item of [...items].sort((a, b) => a.id - b.id)) {
    if (seen.has(item.id)) throw new RangeError(`duplicate id ${item.id}`);
    seen.add(item.id);
    const list = byStratum.get(item.stratum);
    if (list) list.push(item.id);
    else byStratum.set(item.stratum, [item.id]);
  }
  const ids: number[] = [];
  const strata: StratumDraw[] = [];
  for (const stratum of [...byStratum.keys()].sort(codePointCompare)) {
    const pool = [...byStratum.get(stratum)!];
    const k = sampleSize(pool.length, options);
    const random = streamFor(options.seed, stratum);
    // Partial Fisher–Yates: positions 0..k-1 end up holding a uniform sample without replacement.
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(random() * (pool.length - i));
      const t = pool[i]!;
      pool[i] = pool[j]!;
      pool[j] = t;
    }
    ids.push(...pool.slice(0, k));
    strata.push({ stratum, population: pool.length, drawn: k });
  }
  ids.sort((a, b) => a - b);
  return { ids, strata };
}

/** Reproducible stratified random sample: the drawn ids, ascending. */
export function stratifiedSample(items: readonly SampleItem[], options: SampleOptions): number[] {
  return stratifiedSampleDetail(items, options).ids;
}

function codePointCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
