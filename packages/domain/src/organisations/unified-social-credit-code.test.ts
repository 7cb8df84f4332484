import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, isValidCreditCode } from './unified-social-credit-code.js';

describe('unified social credit code (GB 32100-2015)', () => {
  // Codes printed on public business licences, used here only as checksum fixtures.
  const publishedCodes = ['91350100M000100Y43', '911100001000079554', '91440300708461136T'];

  it.each(publishedCodes)('accepts the published code %s', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('computes the check character of a published code', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckCharacter('91440300708461136')).toBe('T');
  });

  it('rejects a code whose check character was mistyped', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
  });

  it('rejects letters the standard leaves out (I, O, S, V, Z) and wrong lengths', () => {
    expect(isValidCreditCode('91350100M000100I43')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100m000100y43')).toBe(false);
  });

  it('refuses to compute a check character for a malformed body', () => {
    expect(() => creditCodeCheckCharacter('123')).toThrow(/17 characters/);
    expect(() => creditCodeCheckCharacter('9135010OM000100Y4')).toThrow(/'O' is not allowed/);
  });
});
