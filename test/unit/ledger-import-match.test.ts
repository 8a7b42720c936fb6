import { describe, expect, it } from 'vitest';
import {
  batchTextOf,
  diceCoefficient,
  editDistance,
  matchBatch,
  matchLeader,
  matchRegion,
  matchRound,
  matchUnit,
  similarity,
  type MatchResult,
} from '../../src/domain/ledger/import/match.js';
import { DEMO_BATCH_IDS, DEMO_REGION_IDS, DEMO_ROUND_ID, DEMO_UNITS, demoImportReferences, demoUnitId } from '../helpers/ledger-fixtures.js';

const refs = demoImportReferences();
const idOf = <T extends { id: number }>(r: MatchResult<T>) => (r.ok ? r.value.id : null);

describe('similarity', () => {
  it('bigram Dice', () => {
    expect(diceCoefficient('生态环境局', '生态环境局')).toBe(1);
    expect(diceCoefficient('生态环保局', '生态环境局')).toBeCloseTo(0.5);
    expect(diceCoefficient('水务局', '水利局')).toBe(0);
    expect(diceCoefficient('', 'x')).toBe(0);
  });

  it('edit distance', () => {
    expect(editDistance('水务局', '水利局')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('takes the better of both', () => {
    expect(similarity('水务局', '水利局')).toBeCloseTo(2 / 3);
    expect(similarity('abc', 'xyz')).toBe(0);
  });
});

describe('matchUnit', () => {
  it.each([
    ['青溪县水利局', '青溪县水利局'],
    ['县水利局', '青溪县水利局'],
    ['水利局', '青溪县水利局'],
    ['青溪县住建局', '青溪县住房和城乡建设局'],
    ['住建局', '青溪县住房和城乡建设局'],
    ['住房和城乡建设局', '青溪县住房和城乡建设局'],
    ['县住房和城乡建设局', '青溪县住房和城乡建设局'],
    ['县市场监管局', '青溪县市场监督管理局'],
    ['市场监管局', '青溪县市场监督管理局'],
    ['县城管局', '青溪县城市管理局'],
    ['白沙镇人民政府', '白沙镇人民政府'],
    ['白沙镇', '白沙镇人民政府'],
    ['白沙镇政府', '白沙镇人民政府'],
    ['城关街道', '城关街道办事处'],
    ['城关街道办', '城关街道办事处'],
    ['县政府', '青溪县人民政府'],
    [' 县 水利局 ', '青溪县水利局'],
    ['县水利局\u3000', '青溪县水利局'],
    ['青溪县宏达化工有限公司', '青溪县宏达化工有限公司'],
  ])('%s ⇒ %s', (name, expected) => {
    expect(matchUnit(name, refs.units)).toEqual({ ok: true, value: expect.objectContaining({ id: demoUnitId(expected) }) });
  });

  it('does not take a city bureau for the county one', () => {
    const result = matchUnit('市公安局', refs.units);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.suggestions[0]).toBe('青溪县公安局');
  });

  it('suggests near misses, best first', () => {
    const result = matchUnit('青溪县生态环保局', refs.units);
    expect(result).toMatchObject({ ok: false, reason: 'unknown' });
    if (!result.ok) expect(result.suggestions[0]).toBe('青溪县生态环境局');
    const typo = matchUnit('县水务局', refs.units);
    expect(typo).toMatchObject({ ok: false, reason: 'unknown' });
    if (!typo.ok) expect(typo.suggestions).toContain('青溪县水利局');
  });

  it('gives no suggestions for something unrelated', () => {
    expect(matchUnit('火星探测中心', refs.units)).toEqual({ ok: false, reason: 'unknown', suggestions: [] });
  });

  it('reports names that fit several units as ambiguous', () => {
    const units = [...DEMO_UNITS, { id: 99, name: '白沙镇', shortName: null, kind: 'town' }, { id: 98, name: '青溪县林业局', shortName: '县林业局', kind: 'department' }];
    const result = matchUnit('县林业局', units);
    expect(result).toMatchObject({ ok: false, reason: 'ambiguous' });
    // An exact name wins over a tolerant form of another unit.
    expect(idOf(matchUnit('白沙镇', units))).toBe(99);
  });

  it('counts aliases of one unit (same id) once', () => {
    const units = [...DEMO_UNITS, { id: demoUnitId('县水利局'), name: '县水务局', shortName: null, kind: 'department' }];
    expect(idOf(matchUnit('县水务局', units))).toBe(demoUnitId('县水利局'));
    expect(idOf(matchUnit('县水利局', units))).toBe(demoUnitId('县水利局'));
  });
});

describe('matchRegion', () => {
  it.each([
    ['白沙镇', DEMO_REGION_IDS.白沙镇],
    ['青溪县白沙镇', DEMO_REGION_IDS.白沙镇],
    ['浙江省青溪县白沙镇', DEMO_REGION_IDS.白沙镇],
    ['白沙', DEMO_REGION_IDS.白沙镇],
    ['白沙镇白沙村', DEMO_REGION_IDS.白沙镇],
    ['339901002', DEMO_REGION_IDS.白沙镇],
    ['东湖街道', DEMO_REGION_IDS.东湖街道],
    ['青溪县', DEMO_REGION_IDS.county],
    ['云台乡', DEMO_REGION_IDS.云台乡],
  ])('%s', (name, id) => {
    expect(idOf(matchRegion(name, refs.regions))).toBe(id);
  });

  it('suggests for an unknown region', () => {
    const result = matchRegion('白纱镇', refs.regions);
    expect(result).toMatchObject({ ok: false, reason: 'unknown' });
    if (!result.ok) expect(result.suggestions[0]).toBe('白沙镇');
  });

  it('reports same-named regions as ambiguous', () => {
    const regions = [...refs.regions, { id: 77, code: '339902002', name: '白沙镇', path: '/70/77/' }];
    expect(matchRegion('白沙镇', regions)).toMatchObject({ ok: false, reason: 'ambiguous' });
  });
});

describe('matchLeader', () => {
  it('matches by display name, also inside a longer text', () => {
    expect(idOf(matchLeader('刘副县长', refs.leaders))).toBe(9);
    expect(idOf(matchLeader(' 刘副县长（分管） ', refs.leaders))).toBe(9);
  });

  it('suggests for a near miss', () => {
    const result = matchLeader('刘县长', refs.leaders);
    expect(result).toMatchObject({ ok: false, reason: 'unknown' });
    if (!result.ok) expect(result.suggestions).toEqual(['刘副县长']);
  });
});

describe('rounds and batches', () => {
  it.each(['第三轮中央生态环境保护督察', '第三轮中央环保督察', '第3轮中央督察', '第三轮中央环保督察第1批', '中央生态环境保护督察'])('round %s', (text) => {
    expect(idOf(matchRound(text, refs.rounds))).toBe(DEMO_ROUND_ID);
  });

  it('does not take another round or kind for this one', () => {
    expect(matchRound('第二轮中央环保督察', refs.rounds)).toMatchObject({ ok: false, reason: 'unknown' });
    expect(matchRound('第三轮省级督察', refs.rounds)).toMatchObject({ ok: false, reason: 'unknown' });
    expect(matchRound('中央督察“回头看”', refs.rounds)).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('finds the batch text in a round cell', () => {
    expect(batchTextOf('第三轮中央环保督察第2批')).toBe('第2批');
    expect(batchTextOf('第三轮中央环保督察（第二批次）')).toBe('第二批次');
    expect(batchTextOf('第三轮中央环保督察')).toBeNull();
  });

  it.each([
    ['第1批', DEMO_BATCH_IDS.first],
    ['第2批', DEMO_BATCH_IDS.second],
    ['第二批', DEMO_BATCH_IDS.second],
    ['第二批次', DEMO_BATCH_IDS.second],
    ['2', DEMO_BATCH_IDS.second],
  ])('batch %s', (text, id) => {
    expect(idOf(matchBatch(text, refs.batches, DEMO_ROUND_ID))).toBe(id);
    expect(idOf(matchBatch(text, refs.batches, null))).toBe(id);
  });

  it('refuses a batch of another round, or a number several rounds have without a round', () => {
    expect(matchBatch('第1批', refs.batches, 5)).toMatchObject({ ok: false, reason: 'unknown' });
    const batches = [...refs.batches, { id: 3, roundId: 2, number: 1, name: '第1批' }];
    expect(matchBatch('第1批', batches, null)).toMatchObject({ ok: false, reason: 'ambiguous' });
    expect(idOf(matchBatch('第1批', batches, 2))).toBe(3);
    expect(matchBatch('第9批', refs.batches, DEMO_ROUND_ID)).toEqual({ ok: false, reason: 'unknown', suggestions: ['第1批', '第2批'] });
  });
});
