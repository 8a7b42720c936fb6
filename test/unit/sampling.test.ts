import { describe, expect, it } from 'vitest';
import { cyrb128, mulberry32, sampleSize, stratifiedSample, stratifiedSampleDetail, streamFor, type SampleItem } from '../../src/domain/sampling.js';

/** `counts` items per stratum, ids numbered from 1 across strata. */
function population(counts: Record<string, number>): SampleItem[] {
  const items: SampleItem[] = [];
  let id = 1;
  for (const [stratum, n] of Object.entries(counts)) for (let i = 0; i < n; i++) items.push({ id: id++, stratum });
  return items;
}

const shuffled = <T>(list: T[], seed: number): T[] => {
  const random = mulberry32(seed);
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

const strataOf = (items: SampleItem[], ids: number[]) => {
  const byId = new Map(items.map((i) => [i.id, i.stratum]));
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(byId.get(id)!, (counts.get(byId.get(id)!) ?? 0) + 1);
  return counts;
};

describe('PRNG', () => {
  it('cyrb128 is deterministic, 32-bit unsigned, and sensitive to every character', () => {
    expect(cyrb128('回头看-2026')).toEqual(cyrb128('回头看-2026'));
    for (const w of cyrb128('x')) expect(w >>> 0).toBe(w);
    expect(cyrb128('seed-a')).not.toEqual(cyrb128('seed-b'));
    expect(cyrb128('')).not.toEqual(cyrb128(' '));
  });

  it('mulberry32 gives the same stream for the same seed, numbers in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    expect(mulberry32(43)()).not.toBe(mulberry32(42)());
  });

  it('is roughly uniform (each tenth gets 8–12 % of 10,000 draws)', () => {
    const random = mulberry32(cyrb128('uniform')[0]);
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) bins[Math.floor(random() * 10)]++;
    for (const b of bins) {
      expect(b).toBeGreaterThan(800);
      expect(b).toBeLessThan(1200);
    }
  });

  it('each stratum has its own stream', () => {
    expect(streamFor('s', 'A')()).not.toBe(streamFor('s', 'B')());
    expect(streamFor('s', 'A')()).toBe(streamFor('s', 'A')());
  });
});

describe('sample size per stratum', () => {
  it('is proportional, rounded half up', () => {
    expect(sampleSize(10, { ratio: 0.2 })).toBe(2);
    expect(sampleSize(30, { ratio: 0.1 })).toBe(3); // 3.0000000000000004 is not 4
    expect(sampleSize(15, { ratio: 0.1 })).toBe(2); // 1.5 → 2
    expect(sampleSize(14, { ratio: 0.1 })).toBe(1);
    expect(sampleSize(7, { ratio: 1 })).toBe(7);
  });

  it('covers every non-empty stratum with at least minPerStratum (default 1), never more than the stratum', () => {
    expect(sampleSize(3, { ratio: 0.01 })).toBe(1);
    expect(sampleSize(3, { ratio: 0.01, minPerStratum: 2 })).toBe(2);
    expect(sampleSize(3, { ratio: 0.01, minPerStratum: 5 })).toBe(3);
    expect(sampleSize(3, { ratio: 0.01, minPerStratum: 0 })).toBe(0);
    expect(sampleSize(0, { ratio: 0.5 })).toBe(0);
  });

  it('perStratum is a fixed size, or a cap on the proportional size', () => {
    expect(sampleSize(10, { perStratum: 3 })).toBe(3);
    expect(sampleSize(2, { perStratum: 3 })).toBe(2);
    expect(sampleSize(100, { ratio: 0.5, perStratum: 10 })).toBe(10);
    expect(sampleSize(10, { ratio: 0.5, perStratum: 10 })).toBe(5);
  });

  it('refuses bad options', () => {
    expect(() => sampleSize(10, {})).toThrow(RangeError);
    for (const ratio of [0, -0.1, 1.01, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => sampleSize(10, { ratio })).toThrow(RangeError);
    for (const perStratum of [0, -1, 1.5]) expect(() => sampleSize(10, { perStratum })).toThrow(RangeError);
    for (const minPerStratum of [-1, 0.5]) expect(() => sampleSize(10, { ratio: 0.5, minPerStratum })).toThrow(RangeError);
  });
});

describe('stratifiedSample', () => {
  const items = population({ 'unit-3': 40, 'unit-7': 25, 'unit-9': 10, 'unit-12': 3, 'unit-15': 1 });

  it('is reproducible: same seed and population, same sample, whatever the input order', () => {
    const a = stratifiedSample(items, { ratio: 0.2, seed: 'lookback-2026-07' });
    expect(stratifiedSample(items, { ratio: 0.2, seed: 'lookback-2026-07' })).toEqual(a);
    for (let s = 1; s <= 5; s++) expect(stratifiedSample(shuffled(items, s), { ratio: 0.2, seed: 'lookback-2026-07' })).toEqual(a);
  });

  it('pins a known draw, so a change of algorithm is noticed (audits redo old draws)', () => {
    const pinned = stratifiedSample(population({ A: 10, B: 5 }), { ratio: 0.3, seed: 'pinned' });
    expect(pinned).toHaveLength(5); // A: round(3) = 3, B: round(1.5) = 2
    expect(stratifiedSample(population({ A: 10, B: 5 }), { ratio: 0.3, seed: 'pinned' })).toEqual(pinned);
    expect(pinned).toEqual([3, 7, 9, 11, 14]);
  });

  it('different seeds give different samples', () => {
    const draws = new Set<string>();
    for (let s = 0; s < 20; s++) draws.add(stratifiedSample(items, { ratio: 0.2, seed: `seed-${s}` }).join(','));
    expect(draws.size).toBeGreaterThan(15);
  });

  it('is proportional per stratum and covers every stratum', () => {
    const ids = stratifiedSample(items, { ratio: 0.2, seed: 'x' });
    const counts = strataOf(items, ids);
    expect(Object.fromEntries(counts)).toEqual({ 'unit-3': 8, 'unit-7': 5, 'unit-9': 2, 'unit-12': 1, 'unit-15': 1 });
  });

  it('returns distinct ids from the population, ascending', () => {
    const ids = stratifiedSample(items, { ratio: 0.5, seed: 'y' });
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const all = new Set(items.map((i) => i.id));
    for (const id of ids) expect(all.has(id)).toBe(true);
  });

  it('ratio 1 takes everything', () => {
    expect(stratifiedSample(items, { ratio: 1, seed: 'z' })).toEqual(items.map((i) => i.id));
  });

  it('every item of a stratum is drawn with about the same probability', () => {
    const small = population({ S: 10 });
    const hits = new Map<number, number>();
    for (let s = 0; s < 2000; s++) for (const id of stratifiedSample(small, { ratio: 0.3, seed: `u${s}` })) hits.set(id, (hits.get(id) ?? 0) + 1);
    // expected 600 each (3 of 10 per draw)
    for (let id = 1; id <= 10; id++) {
      expect(hits.get(id)).toBeGreaterThan(480);
      expect(hits.get(id)).toBeLessThan(720);
    }
  });

  it('a change in one stratum does not change the draw in another', () => {
    const before = stratifiedSampleDetail(population({ A: 20, B: 20 }), { ratio: 0.25, seed: 'iso' });
    const more = population({ A: 20, B: 20 });
    more.push({ id: 1000, stratum: 'B' }, { id: 1001, stratum: 'C' });
    const after = stratifiedSampleDetail(more, { ratio: 0.25, seed: 'iso' });
    const inA = (ids: number[]) => ids.filter((id) => id <= 20);
    expect(inA(after.ids)).toEqual(inA(before.ids));
  });

  it('reports the population and the number drawn per stratum, in code-point order', () => {
    const detail = stratifiedSampleDetail(population({ b: 4, a: 9, 县水利局: 2 }), { ratio: 0.5, seed: 's' });
    expect(detail.strata).toEqual([
      { stratum: 'a', population: 9, drawn: 5 },
      { stratum: 'b', population: 4, drawn: 2 },
      { stratum: '县水利局', population: 2, drawn: 1 },
    ]);
    expect(detail.ids).toHaveLength(8);
  });

  it('fixed per-stratum size', () => {
    const counts = strataOf(items, stratifiedSample(items, { perStratum: 2, seed: 'p' }));
    expect(Object.fromEntries(counts)).toEqual({ 'unit-3': 2, 'unit-7': 2, 'unit-9': 2, 'unit-12': 2, 'unit-15': 1 });
  });

  it('minPerStratum 0 may skip a small stratum', () => {
    const counts = strataOf(items, stratifiedSample(items, { ratio: 0.1, minPerStratum: 0, seed: 'q' }));
    expect(counts.has('unit-15')).toBe(false);
    expect(counts.get('unit-3')).toBe(4);
  });

  it('empty input gives an empty sample', () => {
    expect(stratifiedSample([], { ratio: 0.5, seed: 'e' })).toEqual([]);
    expect(stratifiedSampleDetail([], { ratio: 0.5, seed: 'e' }).strata).toEqual([]);
  });

  it('a single item is always drawn', () => {
    expect(stratifiedSample([{ id: 7, stratum: 'x' }], { ratio: 0.01, seed: 'one' })).toEqual([7]);
  });

  it('refuses duplicate ids and bad options', () => {
    expect(() => stratifiedSample([{ id: 1, stratum: 'a' }, { id: 1, stratum: 'b' }], { ratio: 0.5, seed: 'd' })).toThrow(/duplicate/);
    expect(() => stratifiedSample(items, { ratio: 2, seed: 'd' })).toThrow(RangeError);
    expect(() => stratifiedSample(items, { seed: 'd' })).toThrow(RangeError);
  });

  it('does not modify its input', () => {
    const input = shuffled(items, 9);
    const copy = input.map((i) => ({ ...i }));
    stratifiedSample(input, { ratio: 0.3, seed: 'm' });
    expect(input).toEqual(copy);
  });
});
