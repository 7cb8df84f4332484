import { describe, expect, it } from 'vitest';
import {
  DUMMY_PASSWORD_HASH,
  hashPassword,
  passwordHashNeedsRehash,
  verifyAgainstDummyHash,
  verifyPassword,
} from './password-hashing.js';
import { PasswordPolicyError, checkPasswordPolicy } from './password-policy.js';

const password = 'correct horse battery staple';

describe('password hashing', () => {
  it('hashes with Argon2id at m=19456 KiB, t=2, p=1 and verifies the same password only', async () => {
    const stored = await hashPassword(password);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword(stored, password)).toBe(true);
    expect(await verifyPassword(stored, 'correct horse battery stapler')).toBe(false);
    expect(passwordHashNeedsRehash(stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword(password)).not.toBe(await hashPassword(password));
  });

  it('normalises to NFKC, so composed and decomposed accents match', async () => {
    const composed = 'caf\u00e9 au lait 2026';
    const decomposed = 'cafe\u0301 au lait 2026';
    expect(await verifyPassword(await hashPassword(composed), decomposed)).toBe(true);
  });

  it('returns false instead of throwing for malformed hashes and inputs', async () => {
    const stored = await hashPassword(password);
    const cases: [unknown, unknown][] = [
      ['', password],
      ['not a hash', password],
      ['$argon2id$v=19$m=19456,t=2,p=1$short$short', password],
      [stored.slice(0, -5), password],
      [null, password],
      [stored, undefined],
      [stored, 42],
    ];
    for (const [candidateHash, candidatePassword] of cases) {
      expect(await verifyPassword(candidateHash as string, candidatePassword as string)).toBe(false);
    }
  });

  it('verifies against the dummy hash and always says no', async () => {
    expect(await verifyAgainstDummyHash(password)).toBe(false);
    expect(await verifyAgainstDummyHash(undefined as unknown as string)).toBe(false);
  });

  it('keeps the dummy hash at the current parameters, so it costs what a real verification costs', () => {
    expect(passwordHashNeedsRehash(DUMMY_PASSWORD_HASH)).toBe(false);
  });

  it('asks for a rehash of weaker, older or unparseable hashes', () => {
    const salt = 'c29tZXNhbHRzb21lc2FsdA';
    const digest = 'A'.repeat(43);
    expect(passwordHashNeedsRehash(`$argon2id$v=19$m=19456,t=2,p=1$${salt}$${digest}`)).toBe(false);
    expect(passwordHashNeedsRehash(`$argon2id$v=19$m=65536,t=3,p=1$${salt}$${digest}`)).toBe(false);
    expect(passwordHashNeedsRehash(`$argon2id$v=19$m=4096,t=2,p=1$${salt}$${digest}`)).toBe(true);
    expect(passwordHashNeedsRehash(`$argon2id$v=19$m=19456,t=1,p=1$${salt}$${digest}`)).toBe(true);
    expect(passwordHashNeedsRehash(`$argon2i$v=19$m=19456,t=2,p=1$${salt}$${digest}`)).toBe(true);
    expect(passwordHashNeedsRehash(`$argon2id$v=16$m=19456,t=2,p=1$${salt}$${digest}`)).toBe(true);
    expect(passwordHashNeedsRehash(`$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$${digest}`)).toBe(true);
    expect(passwordHashNeedsRehash('$2b$12$abcdefghijklmnopqrstuuN8P0ZtF5X7dDkUxj2fBDKKlG5HOC4Ni')).toBe(
      true,
    );
    expect(passwordHashNeedsRehash('garbage')).toBe(true);
  });
});

describe('password policy', () => {
  it('refuses passwords shorter than 12 characters, counted in code points', async () => {
    await expect(hashPassword('elevenchars')).rejects.toMatchObject({ code: 'password_too_short' });
    expect(() => {
      checkPasswordPolicy('😀'.repeat(11));
    }).toThrow(PasswordPolicyError);
    expect(() => {
      checkPasswordPolicy('😀'.repeat(12));
    }).not.toThrow();
    expect(() => {
      checkPasswordPolicy('twelve chars');
    }).not.toThrow();
  });

  it('refuses passwords longer than 256 characters', () => {
    expect(() => {
      checkPasswordPolicy('x'.repeat(256) + '!');
    }).toThrow(expect.objectContaining({ code: 'password_too_long' }) as Error);
    expect(() => {
      checkPasswordPolicy('xy'.repeat(128));
    }).not.toThrow();
  });

  it('refuses the most common passwords whatever their case', () => {
    for (const common of ['password1234', 'Password1234', 'QWERTY123456', '123456789012']) {
      expect(() => {
        checkPasswordPolicy(common);
      }, common).toThrow(expect.objectContaining({ code: 'password_too_common' }) as Error);
    }
  });

  it('never puts the password in the error', () => {
    try {
      checkPasswordPolicy('hunter2');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PasswordPolicyError);
      expect(String(error)).not.toContain('hunter2');
      expect((error as PasswordPolicyError).name).toBe('PasswordPolicyError');
    }
  });
});
