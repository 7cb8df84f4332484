import { describe, expect, it } from 'vitest';
import { isValidCreditCode } from '../organisations/unified-social-credit-code.js';
import { ORGANISATION_KINDS } from '../organisations/organisation.js';
import { DEMO_ORGANISATIONS } from './demo-organisations.js';

describe('demo organisations', () => {
  it('have valid, unique credit codes', () => {
    const codes = DEMO_ORGANISATIONS.map((organisation) => organisation.creditCode ?? '');
    expect(codes.every(isValidCreditCode)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('cover every kind of organisation the platform serves', () => {
    const kinds = new Set(DEMO_ORGANISATIONS.map((organisation) => organisation.kind));
    expect([...kinds].sort()).toEqual([...ORGANISATION_KINDS].sort());
  });

  it('are marked as demo data in both languages', () => {
    for (const organisation of DEMO_ORGANISATIONS) {
      expect(organisation.nameZh).toContain('演示');
      expect(organisation.nameEn).toMatch(/\(demo\)$/);
    }
  });
});
