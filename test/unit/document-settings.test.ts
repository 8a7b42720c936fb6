import { describe, expect, it } from 'vitest';
import { isValidIssuerName, isValidNumberPrefix, normalizeSettingText } from '../../src/domain/reports/document-settings.js';

describe('the documents setting', () => {
  it('reads empty and blank entries as "use the default"', () => {
    expect(normalizeSettingText(undefined)).toBeNull();
    expect(normalizeSettingText(null)).toBeNull();
    expect(normalizeSettingText(' \u3000 ')).toBeNull();
    expect(normalizeSettingText(' 青督办\u3000')).toBe('青督办');
  });
  it('takes an issuer name of 2–60 characters on one line', () => {
    expect(isValidIssuerName('青溪县生态环境保护督察整改工作领导小组办公室')).toBe(true);
    expect(isValidIssuerName('督办')).toBe(true);
    expect(isValidIssuerName('督'.repeat(60))).toBe(true);
    expect(isValidIssuerName('督')).toBe(false);
    expect(isValidIssuerName('督'.repeat(61))).toBe(false);
    expect(isValidIssuerName('青溪县\n督察办')).toBe(false);
    expect(isValidIssuerName('青溪县\t督察办')).toBe(false);
    expect(isValidIssuerName(' 青溪县督察办')).toBe(false); // normalized before checking
  });
  it('takes a 机关代字 of 1–12 Chinese characters or letters, nothing that would blur the 文号', () => {
    for (const ok of ['青督办', '青', '青环发', 'QX督办', '〇督办', '督'.repeat(12)]) expect(isValidNumberPrefix(ok), ok).toBe(true);
    for (const bad of ['', '青督办2', '青 督办', '青督办〔', '青[督]', '青督办（）', '青-督', '督'.repeat(13), '青督办:'])
      expect(isValidNumberPrefix(bad), bad).toBe(false);
  });
});
