import { describe, expect, it } from 'vitest';
import {
  USCC_CHARSET,
  USCC_LENGTH,
  USCC_NATIONAL_DIVISION,
  USCC_WEIGHTS,
  computeUsccCheckChar,
  isValidUscc,
  normalizeUscc,
  validateUscc,
} from '../../src/domain/uscc.js';

/**
 * Codes published by real entities (business licences / public registries).
 * Each one's check character was confirmed both by the module under test and
 * by an independent Python one-liner (sum of value * 3^i mod 31) while writing
 * these tests; '91100000100003962T' uses the national-level division 100000.
 */
const PUBLISHED_CODES = [
  '91350100M000100Y43',
  '91110000600037341L',
  '911100001000044477',
  '91100000100003962T',
  '91110108551385082Q',
];

/**
 * Synthetic codes in realistic shapes (enterprise 91, public institution 12,
 * social organisation 52, farmer cooperative 93). Their check characters were
 * computed with the same independent Python one-liner, not with this module.
 */
const SYNTHETIC_CODES = [
  '91330102MA2B3C4D5K',
  '123301000024987652',
  '52110105MJ0123456N',
  '93330102MA28A1B2CE',
  // Sum ≡ 0 (mod 31): 31 - 0 = 31 must wrap to 0.
  '913301020000000180',
  // Sum ≡ 1 (mod 31): the largest value, 30 → 'Y'.
  '91330102000000008Y',
];

/** Straightforward reference implementation, written independently of the module. */
function referenceCheckChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    let w = 1;
    for (let k = 0; k < i; k++) w = (w * 3) % 31;
    sum += USCC_CHARSET.indexOf(body.charAt(i)) * w;
  }
  const c = 31 - (sum % 31);
  return USCC_CHARSET.charAt(c === 31 ? 0 : c);
}

/** Deterministic PRNG (mulberry32) so the randomized cross-check is reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('constants', () => {
  it('charset has the 31 allowed characters and excludes I, O, Z, S, V', () => {
    expect(USCC_CHARSET).toHaveLength(31);
    expect(new Set(USCC_CHARSET).size).toBe(31);
    for (const banned of 'IOZSV') expect(USCC_CHARSET).not.toContain(banned);
  });

  it('weights are 3^i mod 31', () => {
    expect(USCC_WEIGHTS).toHaveLength(17);
    USCC_WEIGHTS.forEach((w, i) => {
      let expected = 1;
      for (let k = 0; k < i; k++) expected = (expected * 3) % 31;
      expect(w).toBe(expected);
    });
  });

  it('length is 18', () => {
    expect(USCC_LENGTH).toBe(18);
  });
});

describe('normalizeUscc', () => {
  it('trims and removes inner whitespace of all kinds', () => {
    expect(normalizeUscc('  9135 0100 M000 100Y 43  ')).toBe('91350100M000100Y43');
    expect(normalizeUscc('\t91350100M000100Y43\n')).toBe('91350100M000100Y43');
    expect(normalizeUscc('913501\u00a000M000100Y43')).toBe('91350100M000100Y43');
  });

  it('converts full-width characters and the ideographic space', () => {
    expect(normalizeUscc('９１３５０１００Ｍ０００１００Ｙ４３')).toBe('91350100M000100Y43');
    expect(normalizeUscc('９１３５０１００\u3000Ｍ０００１００ｙ４３')).toBe('91350100M000100Y43');
  });

  it('upper-cases', () => {
    expect(normalizeUscc('91350100m000100y43')).toBe('91350100M000100Y43');
  });

  it('leaves other characters alone so validation can reject them', () => {
    expect(normalizeUscc('9135-0100')).toBe('9135-0100');
    expect(normalizeUscc('代码')).toBe('代码');
    expect(normalizeUscc('')).toBe('');
  });
});

describe('computeUsccCheckChar', () => {
  it.each([...PUBLISHED_CODES, ...SYNTHETIC_CODES])('agrees with known code %s', (code) => {
    expect(computeUsccCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
  });

  it('maps a remainder of 0 to "0" (31 wraps to 0)', () => {
    expect(computeUsccCheckChar('91330102000000018')).toBe('0');
  });

  it('agrees with the reference implementation on 2000 random bodies', () => {
    const rand = mulberry32(20150901);
    for (let n = 0; n < 2000; n++) {
      let body = '';
      for (let i = 0; i < 17; i++) body += USCC_CHARSET.charAt(Math.floor(rand() * 31));
      expect(computeUsccCheckChar(body)).toBe(referenceCheckChar(body));
    }
  });

  it('normalises its input', () => {
    expect(computeUsccCheckChar('91350100m000100y4')).toBe('3');
    expect(computeUsccCheckChar('９１３５０１００Ｍ０００１００Ｙ４')).toBe('3');
    expect(computeUsccCheckChar(' 91350100 M000100Y4 ')).toBe('3');
  });

  it('throws RangeError for the wrong length', () => {
    expect(() => computeUsccCheckChar('91350100M000100Y')).toThrow(RangeError);
    expect(() => computeUsccCheckChar('91350100M000100Y43')).toThrow(RangeError);
    expect(() => computeUsccCheckChar('')).toThrow(RangeError);
  });

  it('throws RangeError for characters outside the charset', () => {
    expect(() => computeUsccCheckChar('91350100I000100Y4')).toThrow(RangeError);
    expect(() => computeUsccCheckChar('91350100M000100-4')).toThrow(RangeError);
  });
});

describe('validateUscc', () => {
  it.each(PUBLISHED_CODES)('accepts published code %s', (code) => {
    expect(validateUscc(code)).toEqual({ ok: true, value: code });
  });

  it.each(SYNTHETIC_CODES)('accepts synthetic code %s', (code) => {
    expect(validateUscc(code)).toEqual({ ok: true, value: code });
  });

  it('accepts the national-level division 100000', () => {
    expect(USCC_NATIONAL_DIVISION).toBe('100000');
    expect(validateUscc('91100000100003962T').ok).toBe(true);
  });

  it('returns the normalised value for full-width input', () => {
    expect(validateUscc('９１３５０１００Ｍ０００１００Ｙ４３')).toEqual({
      ok: true,
      value: '91350100M000100Y43',
    });
  });

  it('returns the normalised value for lowercase input', () => {
    expect(validateUscc('91110000600037341l')).toEqual({ ok: true, value: '91110000600037341L' });
    expect(validateUscc('91350100m000100y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
  });

  it('returns the normalised value for spaced input', () => {
    expect(validateUscc(' 911100 0060 0037 341L ')).toEqual({
      ok: true,
      value: '91110000600037341L',
    });
  });

  describe('reason: length', () => {
    it.each([
      ['empty', ''],
      ['only spaces', '   '],
      ['17 characters', '91350100M000100Y4'],
      ['19 characters', '91350100M000100Y430'],
      ['15-digit old business registration number', '350100400012345'],
    ])('%s', (_label, input) => {
      expect(validateUscc(input)).toEqual({ ok: false, reason: 'length' });
    });

    it('is checked before the charset', () => {
      expect(validateUscc('IIII')).toEqual({ ok: false, reason: 'length' });
    });
  });

  describe('reason: charset', () => {
    it.each(['I', 'O', 'Z', 'S', 'V'])('rejects the excluded letter %s', (letter) => {
      const code = `91350100M000100${letter}43`;
      expect(validateUscc(code)).toEqual({ ok: false, reason: 'charset' });
    });

    it.each([
      ['hyphen', '91350100-000100Y43'],
      ['CJK character', '91350100中000100Y43'],
      ['lowercase excluded letter', '91350100o000100Y43'],
      ['full-width excluded letter', '91350100Ｏ000100Y43'],
      ['symbol in the check position', '91350100M000100Y4#'],
    ])('rejects a %s', (_label, input) => {
      expect(validateUscc(input)).toEqual({ ok: false, reason: 'charset' });
    });

    it('is checked before the division', () => {
      expect(validateUscc('91000000M000100YI3')).toEqual({ ok: false, reason: 'charset' });
    });
  });

  describe('reason: division', () => {
    /** Build a code with the given division and a correct check character. */
    function withDivision(division: string): string {
      const body = `91${division}MA2B3C4D5`;
      return body + computeUsccCheckChar(body);
    }

    it('control: the helper produces valid codes for real divisions', () => {
      for (const d of ['110000', '330100', '330102', '820000', '441900']) {
        expect(validateUscc(withDivision(d)).ok).toBe(true);
      }
    });

    it.each([
      ['province 00', '000000'],
      ['province 10 (not national 100000)', '100100'],
      ['province 83', '830000'],
      ['province 9x', '990000'],
      ['city part 00 with a county part', '330001'],
      ['letters in the division', '33AB02'],
    ])('rejects %s even with a correct check character', (_label, division) => {
      expect(validateUscc(withDivision(division))).toEqual({ ok: false, reason: 'division' });
    });

    it('is checked before the checksum', () => {
      expect(validateUscc('91000000M000100Y40')).toEqual({ ok: false, reason: 'division' });
    });
  });

  describe('reason: checksum', () => {
    it('reports the expected check character', () => {
      expect(validateUscc('91350100M000100Y44')).toEqual({
        ok: false,
        reason: 'checksum',
        expected: '3',
      });
      expect(validateUscc('91110000600037341K')).toEqual({
        ok: false,
        reason: 'checksum',
        expected: 'L',
      });
    });

    it('reports the expected character after normalisation', () => {
      expect(validateUscc('91110000600037341ｋ')).toEqual({
        ok: false,
        reason: 'checksum',
        expected: 'L',
      });
    });

    it('rejects every wrong check character', () => {
      const body = '91350100M000100Y4';
      for (const c of USCC_CHARSET) {
        const result = validateUscc(body + c);
        if (c === '3') expect(result.ok).toBe(true);
        else expect(result).toEqual({ ok: false, reason: 'checksum', expected: '3' });
      }
    });

    it('detects every single-character substitution in the body', () => {
      // Mod 31 is prime and no weight is 0, so any one changed value changes the sum.
      const code = '91350100M000100Y43';
      for (let i = 0; i < 17; i++) {
        for (const c of USCC_CHARSET) {
          if (c === code[i]) continue;
          const mutated = code.slice(0, i) + c + code.slice(i + 1);
          const result = validateUscc(mutated);
          expect(result.ok, mutated).toBe(false);
          if (!result.ok) expect(['division', 'checksum']).toContain(result.reason);
        }
      }
    });

    it('detects every adjacent transposition in the body', () => {
      // Swapping a,b at i,i+1 changes the sum by 2(b-a)·3^i, never 0 mod 31.
      const code = '91330102MA2B3C4D5K';
      for (let i = 0; i < 16; i++) {
        if (code[i] === code[i + 1]) continue;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(isValidUscc(swapped), swapped).toBe(false);
      }
    });
  });
});

describe('isValidUscc', () => {
  it('mirrors validateUscc', () => {
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc('９１３５０１００ｍ０００１００ｙ４３')).toBe(true);
    expect(isValidUscc('91350100M000100Y44')).toBe(false);
    expect(isValidUscc('91350100M000100Y4')).toBe(false);
    expect(isValidUscc('91350100M000100O43')).toBe(false);
    expect(isValidUscc('91000000M000100Y43')).toBe(false);
  });
});
