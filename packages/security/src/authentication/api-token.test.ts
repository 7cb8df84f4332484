import { describe, expect, it } from 'vitest';
import {
  apiTokenSecretMatches,
  generateApiToken,
  hashApiTokenSecret,
  parsePresentedApiToken,
} from './api-token.js';

describe('partner API tokens', () => {
  it('generates a 16-hex id, a 32-byte base64url secret and the cpt_ form', () => {
    const token = generateApiToken();
    expect(token.tokenId).toMatch(/^[0-9a-f]{16}$/);
    expect(Buffer.from(token.secret, 'base64url')).toHaveLength(32);
    expect(token.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(token.presented).toBe(`cpt_${token.tokenId}_${token.secret}`);
  });

  it('generates different tokens each time', () => {
    const tokens = Array.from({ length: 50 }, () => generateApiToken());
    expect(new Set(tokens.map((token) => token.tokenId)).size).toBe(50);
    expect(new Set(tokens.map((token) => token.secret)).size).toBe(50);
  });

  it('parses what it generates, including secrets that contain underscores', () => {
    for (let i = 0; i < 200; i++) {
      const token = generateApiToken();
      expect(parsePresentedApiToken(token.presented)).toEqual({
        tokenId: token.tokenId,
        secret: token.secret,
      });
    }
    const withUnderscores = `cpt_0123456789abcdef_${'_'.repeat(42)}A`;
    expect(parsePresentedApiToken(withUnderscores)).toEqual({
      tokenId: '0123456789abcdef',
      secret: `${'_'.repeat(42)}A`,
    });
  });

  it('returns null for anything else', () => {
    const { presented, tokenId, secret } = generateApiToken();
    const rejected: unknown[] = [
      '',
      `Bearer ${presented}`,
      `${presented} `,
      presented.toUpperCase(),
      `cpt_${tokenId}${secret}`,
      `cpt_${tokenId.slice(1)}_${secret}`,
      `cpt_${tokenId}_${secret.slice(1)}`,
      `cpt_${tokenId}_${secret}A`,
      `cpt_${tokenId}_${secret.slice(0, 42)}B`,
      `cpt_${tokenId}_${secret.slice(0, 42)}=`,
      `cpx_${tokenId}_${secret}`,
      null,
      42,
    ];
    for (const text of rejected) expect(parsePresentedApiToken(text as string), String(text)).toBeNull();
  });

  it('hashes the secret with SHA-256', () => {
    expect(hashApiTokenSecret('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('matches the right secret only', () => {
    const { secret } = generateApiToken();
    const storedHash = hashApiTokenSecret(secret);
    expect(apiTokenSecretMatches(secret, storedHash)).toBe(true);
    expect(apiTokenSecretMatches(generateApiToken().secret, storedHash)).toBe(false);
    expect(apiTokenSecretMatches(`${secret}x`, storedHash)).toBe(false);
  });

  it('returns false instead of throwing for malformed stored hashes and secrets', () => {
    const { secret } = generateApiToken();
    const storedHash = hashApiTokenSecret(secret);
    expect(apiTokenSecretMatches(secret, storedHash.slice(2))).toBe(false);
    expect(apiTokenSecretMatches(secret, storedHash.toUpperCase())).toBe(false);
    expect(apiTokenSecretMatches(secret, '')).toBe(false);
    expect(apiTokenSecretMatches(undefined as unknown as string, storedHash)).toBe(false);
    expect(apiTokenSecretMatches(secret, null as unknown as string)).toBe(false);
  });
});
