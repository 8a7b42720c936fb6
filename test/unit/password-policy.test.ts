import { describe, expect, it } from 'vitest';
import {
  COMMON_PASSWORDS,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MAX_REPEAT,
  PASSWORD_MAX_SEQUENCE,
  PASSWORD_MIN_CLASSES,
  PASSWORD_MIN_LENGTH,
  PASSWORD_NAME_MIN_LENGTH,
  checkPassword,
  type PasswordProblem,
} from '../../src/domain/password-policy.js';

/** A 10-character password with all four classes and no pattern; cycles cleanly too. */
const GOOD = 'Xk7#mQ9!pL';

function problemsOf(password: string, context: Parameters<typeof checkPassword>[1] = {}) {
  const result = checkPassword(password, context);
  return result.ok ? [] : result.problems;
}

describe('constants', () => {
  it('have the documented values', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(10);
    expect(PASSWORD_MAX_LENGTH).toBe(128);
    expect(PASSWORD_MIN_CLASSES).toBe(3);
    expect(PASSWORD_NAME_MIN_LENGTH).toBe(3);
    expect(PASSWORD_MAX_REPEAT).toBe(4);
    expect(PASSWORD_MAX_SEQUENCE).toBe(5);
  });

  it('the common list has about fifty lowercase entries', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(50);
    for (const p of COMMON_PASSWORDS) expect(p).toBe(p.toLowerCase());
  });
});

describe('accepted passwords', () => {
  it.each([
    ['minimum length, four classes', GOOD],
    ['three classes: lower, upper, digit', 'kxmqPWRT79'],
    ['three classes: lower, digit, symbol', 'kx7#mq9!pl'],
    ['three classes: upper, digit, symbol', 'KX7#MQ9!PL'],
    ['three classes: lower, upper, symbol', 'kx#mQw!pLr'],
    ['long passphrase with classes', 'Correct-Horse-Battery-Staple-7'],
    ['a common word not at the whole-password level', 'MyPassword1!'],
    ['only trailing digits/symbols are stripped, per spec', '2024Password!'],
    ['an all-digit common entry only matches in full', 'A#147258369'],
    ['four-digit run is allowed', 'Xk#1234mQp'],
    ['three identical characters are allowed', 'Xk7#aaamQ9'],
    ['no wrap-around sequences', 'Xk#89012mQ'],
    ['runs across the digit/symbol boundary do not count', 'Qk#789:;<='],
    ['runs across the letter/symbol boundary do not count', 'Qk7#xyz{|}'],
  ])('%s: %s', (_label, password) => {
    expect(checkPassword(password, {})).toEqual({ ok: true });
  });

  it('works without a context argument', () => {
    expect(checkPassword(GOOD)).toEqual({ ok: true });
  });

  it('counts Chinese characters as symbols', () => {
    expect(checkPassword('督察整改kx79mq', {})).toEqual({ ok: true });
  });
});

describe('too_short / too_long', () => {
  it('rejects fewer than 10 characters', () => {
    expect(problemsOf(GOOD.slice(0, 9))).toEqual(['too_short']);
    expect(problemsOf(GOOD)).toEqual([]);
  });

  it('counts code points, not UTF-16 units', () => {
    // 9 code points but 10 UTF-16 units.
    expect(problemsOf('Xk7mQ9pL😀')).toEqual(['too_short']);
    // 10 code points.
    expect(problemsOf('Xk7mQ9pLw😀')).toEqual([]);
  });

  it('accepts exactly 128 and rejects 129 characters', () => {
    const long = GOOD.repeat(13);
    expect(problemsOf(long.slice(0, 128))).toEqual([]);
    expect(problemsOf(long.slice(0, 129))).toEqual(['too_long']);
  });

  it('counts astral characters once towards the maximum', () => {
    // 120 emoji (240 UTF-16 units) + 8 ASCII = 128 code points: still acceptable.
    const emoji = '😀😁😂🤣😃😄😅😆'.repeat(15);
    expect([...emoji]).toHaveLength(120);
    expect(problemsOf(`${emoji}Xk7mQ9pL`)).toEqual([]);
    expect(problemsOf(`${emoji}Xk7mQ9pLw`)).toEqual(['too_long']);
  });

  it('reports only too_long for very large input without scanning it', () => {
    expect(problemsOf('a'.repeat(100_000))).toEqual(['too_long']);
    expect(problemsOf('a'.repeat(2 * PASSWORD_MAX_LENGTH + 1))).toEqual(['too_long']);
  });

  it('the empty password is too short with too few classes', () => {
    expect(problemsOf('')).toEqual(['too_short', 'too_few_classes']);
  });
});

describe('too_few_classes', () => {
  it.each([
    ['lowercase only', 'kxmqpwrtnv'],
    ['uppercase only', 'KXMQPWRTNV'],
    ['digits only', '7394028617'],
    ['symbols only', '#!@%&*#!@%'],
    ['lower + upper', 'kxmqpwRTNV'],
    ['lower + digit', 'kxmqpw7394'],
    ['upper + symbol', 'KXMQ#!@%PW'],
    ['digit + symbol', '7#9@4!2%8&'],
    ['Chinese + digits (symbol + digit)', '督察整改办公室7394'],
  ])('%s', (_label, password) => {
    expect(problemsOf(password)).toEqual(['too_few_classes']);
  });

  it('treats spaces as symbols', () => {
    expect(problemsOf('kxmq pwrt 79')).toEqual([]);
  });
});

describe('contains_username', () => {
  it('rejects the username in any case', () => {
    expect(problemsOf('x9#zhangweiQ', { username: 'zhangwei' })).toEqual(['contains_username']);
    expect(problemsOf('x9#ZhangWeiQ', { username: 'zhangwei' })).toEqual(['contains_username']);
    expect(problemsOf('x9#zhangweiQ', { username: 'ZHANGWEI' })).toEqual(['contains_username']);
  });

  it('trims the username before comparing', () => {
    expect(problemsOf('x9#zhangweiQ', { username: '  zhangwei ' })).toEqual(['contains_username']);
  });

  it('ignores usernames shorter than 3 characters', () => {
    expect(problemsOf('Li#Xk7mQ9p', { username: 'li' })).toEqual([]);
    expect(problemsOf(GOOD, { username: '' })).toEqual([]);
    expect(problemsOf(GOOD, { username: '   ' })).toEqual([]);
  });

  it('checks usernames of exactly 3 characters', () => {
    expect(problemsOf('Wxy#Xk7mQ9', { username: 'wxy' })).toEqual(['contains_username']);
  });

  it('passes when the username is absent from the password', () => {
    expect(problemsOf(GOOD, { username: 'zhangwei' })).toEqual([]);
  });

  it('also rejects the display name, whole or by part', () => {
    expect(problemsOf('Q7#zhangwei!x', { displayName: 'Zhang Wei' })).toEqual(['contains_username']);
    expect(problemsOf('Q7#zhang!xkmp', { displayName: 'Zhang Wei' })).toEqual(['contains_username']);
    expect(problemsOf('Q7#Wei!xkmpt', { displayName: 'Zhang Wei' })).toEqual(['contains_username']);
  });

  it('rejects a Chinese display name of 3+ characters', () => {
    expect(problemsOf('Xk7#欧阳娜娜Q9', { displayName: '欧阳娜娜' })).toEqual(['contains_username']);
  });

  it('ignores display names and parts shorter than 3 characters', () => {
    expect(problemsOf('Xk7#张伟Q9mp', { displayName: '张伟' })).toEqual([]);
    expect(problemsOf('Xk7#张伟Q9mp', { displayName: '张 伟' })).toEqual([]);
    expect(problemsOf('Xk7#LiQ9mpw', { displayName: 'Li Na' })).toEqual([]);
  });

  it('checks username and display name together', () => {
    const context = { username: 'wangfang', displayName: '王芳芳' };
    expect(problemsOf('Xk7#wangfangQ', context)).toEqual(['contains_username']);
    expect(problemsOf('Xk7#王芳芳Q9m', context)).toEqual(['contains_username']);
    expect(problemsOf(GOOD, context)).toEqual([]);
  });
});

describe('common', () => {
  it('flags every list entry used verbatim, in any case', () => {
    for (const entry of COMMON_PASSWORDS) {
      expect(problemsOf(entry), entry).toContain('common');
      expect(problemsOf(entry.toUpperCase()), entry).toContain('common');
    }
  });

  it.each([
    ['capitalised with a year and "!"', 'Password2024!'],
    ['upper case with a year and "!"', 'PASSWORD2024!'],
    ['leet variant with suffix', 'P@ssw0rd2468!'],
    ['keyboard walk with symbols appended', '1qaz2WSX!@#'],
    ['keyboard row', 'Qwertyuiop1!'],
    ['pinyin with the 1314 suffix', 'Woaini1314!'],
    ['the product name', 'Ducha@2024#'],
    ['government', 'Zhengfu#2468'],
    ['role word with a suffix', 'Administrator1!'],
  ])('flags %s: %s', (_label, password) => {
    expect(problemsOf(password)).toEqual(['common']);
  });

  it('entries with a digit suffix cover other suffixes (admin123 → admin…)', () => {
    expect(problemsOf('Admin#2468@')).toEqual(['common']);
    expect(problemsOf('Abc@2468#!x')).toEqual([]); // 'abc@2468#!x' ends in a letter
  });

  it('all-digit entries match only in full', () => {
    expect(problemsOf('147258369')).toContain('common');
    expect(problemsOf('A#147258369')).toEqual([]);
  });
});

describe('repeated', () => {
  it.each([
    ['four identical letters', 'Xk7#aaaamQ'],
    ['four identical letters, case-insensitive', 'Xk7#aAaAmQ'],
    ['four identical digits', 'Xk#m9999Qp'],
    ['four identical symbols', 'Xk7m!!!!Qp'],
    ['four identical Chinese characters', 'Xk7#哈哈哈哈Qp'],
    ['four identical emoji', 'Xk7#😀😀😀😀Qp'],
    ['ascending digits', 'Xk#12345mQ'],
    ['descending digits', 'Xk#98765mQ'],
    ['ascending letters', 'X7#abcdeQp'],
    ['descending letters', 'x7#EDCBAqp'],
    ['mixed-case letter run', 'X7#aBcDe9p'],
    ['run at the very end', 'Xk#mQp34567'],
    ['run at the very start', '56789Xk#mQ'],
    ['long run', 'Xk#0123456789'],
  ])('%s: %s', (_label, password) => {
    expect(problemsOf(password)).toEqual(['repeated']);
  });
});

describe('multiple problems', () => {
  it('reports every problem in a fixed order', () => {
    const all: PasswordProblem[] = [
      'too_long',
      'too_few_classes',
      'contains_username',
      'common',
      'repeated',
    ];
    const password = `admin12345${'7'.repeat(119)}`;
    expect([...password]).toHaveLength(129);
    expect(problemsOf(password, { username: 'admin' })).toEqual(all);
  });

  it('reports too_short together with the content problems', () => {
    expect(problemsOf('abc1111', { username: 'abc' })).toEqual([
      'too_short',
      'too_few_classes',
      'contains_username',
      'common',
      'repeated',
    ]);
  });

  it('returns ok: false with a non-empty list, or ok: true without one', () => {
    const bad = checkPassword('admin', { username: 'admin' });
    expect(bad).toEqual({
      ok: false,
      problems: ['too_short', 'too_few_classes', 'contains_username', 'common'],
    });
    expect(checkPassword(GOOD, { username: 'admin', displayName: 'Admin User' })).toEqual({
      ok: true,
    });
  });
});
