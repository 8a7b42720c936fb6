import { describe, expect, it } from 'vitest';
import {
  MAX_PROVINCE_PREFIX,
  MIN_PROVINCE_PREFIX,
  isRegionCodeWithin,
  isValidRegionCode,
  parentRegionCodeOf,
  regionLevelOf,
} from '../../src/domain/region-code.js';

describe('regionLevelOf', () => {
  describe('six digits', () => {
    it.each([
      ['110000', 'province'], // 北京市
      ['330000', 'province'], // 浙江省
      ['820000', 'province'], // 澳门 (highest prefix)
      ['330100', 'city'], // 杭州市
      ['110100', 'city'], // 北京 市辖区 placeholder
      ['429000', 'city'], // 湖北 省直辖县级行政区划 grouping
      ['330102', 'county'], // 上城区
      ['110101', 'county'], // 东城区
      ['429004', 'county'], // 仙桃市 (province-administered county-level city)
    ] as const)('%s is a %s', (code, level) => {
      expect(regionLevelOf(code)).toBe(level);
    });

    it('accepts the whole province prefix range 11..82 and nothing else', () => {
      expect(MIN_PROVINCE_PREFIX).toBe(11);
      expect(MAX_PROVINCE_PREFIX).toBe(82);
      for (let p = 0; p <= 99; p++) {
        const code = `${String(p).padStart(2, '0')}0000`;
        const expected = p >= 11 && p <= 82 ? 'province' : null;
        expect(regionLevelOf(code), code).toBe(expected);
      }
    });

    it.each(['000000', '100000', '830000', '900000', '990000', '000101', '990101'])(
      'rejects out-of-range province prefix in %s',
      (code) => {
        expect(regionLevelOf(code)).toBeNull();
      },
    );

    it('rejects a county part under a 00 city part', () => {
      expect(regionLevelOf('330001')).toBeNull();
      expect(regionLevelOf('110099')).toBeNull();
    });
  });

  describe('nine digits', () => {
    it('a county + 3 digits is a town', () => {
      expect(regionLevelOf('330102001')).toBe('town');
      expect(regionLevelOf('110101001')).toBe('town');
      expect(regionLevelOf('330102999')).toBe('town');
    });

    it('a city without counties + 3 digits is a town (东莞, 中山)', () => {
      expect(regionLevelOf('441900003')).toBe('town');
      expect(regionLevelOf('442000001')).toBe('town');
    });

    it('rejects a province + 3 digits', () => {
      expect(regionLevelOf('330000001')).toBeNull();
    });

    it('rejects an invalid six-digit prefix', () => {
      expect(regionLevelOf('000000001')).toBeNull();
      expect(regionLevelOf('990102001')).toBeNull();
      expect(regionLevelOf('330001001')).toBeNull();
    });

    it('rejects a 000 town part (zero padding)', () => {
      expect(regionLevelOf('330102000')).toBeNull();
    });
  });

  describe('twelve digits', () => {
    it('a town + 3 digits is a village', () => {
      expect(regionLevelOf('330102001001')).toBe('village');
      expect(regionLevelOf('441900003201')).toBe('village');
    });

    it('rejects an invalid town prefix', () => {
      expect(regionLevelOf('330102000001')).toBeNull();
      expect(regionLevelOf('330000001001')).toBeNull();
      expect(regionLevelOf('990102001001')).toBeNull();
    });

    it('rejects a 000 village part (zero padding)', () => {
      expect(regionLevelOf('330102001000')).toBeNull();
    });
  });

  describe('malformed input', () => {
    it.each([
      ['empty', ''],
      ['2 digits', '33'],
      ['4 digits', '3301'],
      ['5 digits', '33010'],
      ['7 digits', '3301020'],
      ['8 digits', '33010200'],
      ['10 digits', '3301020010'],
      ['11 digits', '33010200100'],
      ['13 digits', '3301020010010'],
      ['15 digits', '330102001001001'],
      ['letters', '33010A'],
      ['leading space', ' 330102'],
      ['trailing space', '330102 '],
      ['sign', '+33010'],
      ['decimal point', '3301.2'],
      ['full-width digits', '３３０１０２'],
      ['Arabic-Indic digits', '٣٣٠١٠٢'],
    ])('%s → null', (_label, code) => {
      expect(regionLevelOf(code)).toBeNull();
    });
  });
});

describe('isValidRegionCode', () => {
  it('is true exactly when a level is found', () => {
    for (const code of ['330000', '330100', '330102', '330102001', '330102001001']) {
      expect(isValidRegionCode(code), code).toBe(true);
    }
    for (const code of ['', '000000', '330001', '330000001', '330102000', '33010', 'abcdef']) {
      expect(isValidRegionCode(code), code).toBe(false);
    }
  });
});

describe('isRegionCodeWithin', () => {
  const province = '330000';
  const city = '330100';
  const county = '330102';
  const town = '330102001';
  const village = '330102001001';

  it('town 330102001 is within its county, city and province', () => {
    expect(isRegionCodeWithin(town, county)).toBe(true);
    expect(isRegionCodeWithin(town, city)).toBe(true);
    expect(isRegionCodeWithin(town, province)).toBe(true);
  });

  it('a county is within its city and province', () => {
    expect(isRegionCodeWithin(county, city)).toBe(true);
    expect(isRegionCodeWithin(county, province)).toBe(true);
  });

  it('a city is within its province', () => {
    expect(isRegionCodeWithin(city, province)).toBe(true);
  });

  it('a village is within every ancestor', () => {
    for (const parent of [town, county, city, province]) {
      expect(isRegionCodeWithin(village, parent), parent).toBe(true);
    }
  });

  it('a code is not within itself', () => {
    for (const code of [province, city, county, town, village]) {
      expect(isRegionCodeWithin(code, code), code).toBe(false);
    }
  });

  it('is never true upwards', () => {
    const chain = [province, city, county, town, village];
    for (let i = 0; i < chain.length; i++) {
      for (let j = i + 1; j < chain.length; j++) {
        expect(isRegionCodeWithin(chain[i]!, chain[j]!), `${chain[i]} in ${chain[j]}`).toBe(false);
      }
    }
  });

  it('nothing is within a village', () => {
    expect(isRegionCodeWithin('330102001002', village)).toBe(false);
  });

  it('rejects siblings and cousins', () => {
    expect(isRegionCodeWithin('320000', province)).toBe(false); // other province
    expect(isRegionCodeWithin('330200', city)).toBe(false); // sibling city
    expect(isRegionCodeWithin('330201', city)).toBe(false); // county of another city
    expect(isRegionCodeWithin('330103', county)).toBe(false); // sibling county
    expect(isRegionCodeWithin('330103001', county)).toBe(false); // town of another county
    expect(isRegionCodeWithin('330102002', town)).toBe(false); // sibling town
    expect(isRegionCodeWithin('330102002001', town)).toBe(false); // village of another town
    expect(isRegionCodeWithin('330201001', city)).toBe(false);
    expect(isRegionCodeWithin('320102001', province)).toBe(false);
  });

  it('handles towns directly under a city without counties', () => {
    expect(isRegionCodeWithin('441900003', '441900')).toBe(true);
    expect(isRegionCodeWithin('441900003', '440000')).toBe(true);
    expect(isRegionCodeWithin('441900003201', '441900')).toBe(true);
    expect(isRegionCodeWithin('441900003', '442000')).toBe(false);
  });

  it('handles municipalities and province-administered counties by prefix', () => {
    expect(isRegionCodeWithin('110101', '110000')).toBe(true);
    expect(isRegionCodeWithin('110101', '110100')).toBe(true);
    expect(isRegionCodeWithin('429004', '420000')).toBe(true);
    expect(isRegionCodeWithin('429004', '429000')).toBe(true);
  });

  it('is false when either code is malformed', () => {
    expect(isRegionCodeWithin('330102', '33')).toBe(false);
    expect(isRegionCodeWithin('330102', '330000000')).toBe(false);
    expect(isRegionCodeWithin('330102', '')).toBe(false);
    expect(isRegionCodeWithin('3301020', '330000')).toBe(false);
    expect(isRegionCodeWithin('330102000', '330102')).toBe(false);
    expect(isRegionCodeWithin('330102x01', '330102')).toBe(false);
    expect(isRegionCodeWithin('', '330000')).toBe(false);
  });
});

describe('parentRegionCodeOf', () => {
  it.each([
    ['330102001001', '330102001'], // village → town
    ['330102001', '330102'], // town → county
    ['441900003', '441900'], // town → city (no counties)
    ['330102', '330100'], // county → city
    ['110101', '110100'], // municipality district → 市辖区 placeholder (a hint only)
    ['429004', '429000'], // province-administered county → grouping code (a hint only)
    ['330100', '330000'], // city → province
  ])('%s → %s', (code, parent) => {
    expect(parentRegionCodeOf(code)).toBe(parent);
  });

  it('a province has no parent', () => {
    expect(parentRegionCodeOf('330000')).toBeNull();
    expect(parentRegionCodeOf('110000')).toBeNull();
  });

  it('a malformed code has no parent', () => {
    expect(parentRegionCodeOf('')).toBeNull();
    expect(parentRegionCodeOf('000000')).toBeNull();
    expect(parentRegionCodeOf('330102000')).toBeNull();
    expect(parentRegionCodeOf('3301')).toBeNull();
  });

  it('the implied parent is valid and contains the child', () => {
    for (const code of ['330102001001', '330102001', '441900003', '330102', '330100']) {
      const parent = parentRegionCodeOf(code);
      expect(parent).not.toBeNull();
      expect(isValidRegionCode(parent!)).toBe(true);
      expect(isRegionCodeWithin(code, parent!)).toBe(true);
    }
  });

  it('walking up always ends at the province', () => {
    const seen: string[] = [];
    let code: string | null = '330102001001';
    while (code !== null) {
      seen.push(code);
      code = parentRegionCodeOf(code);
    }
    expect(seen).toEqual(['330102001001', '330102001', '330102', '330100', '330000']);
  });
});
