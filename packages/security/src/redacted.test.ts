import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Redacted } from './redacted.js';

describe('Redacted', () => {
  const secret = Redacted.of('postgres://app:s3cret@db.internal/carapace');

  it('gives the value back only through reveal()', () => {
    expect(secret.reveal()).toBe('postgres://app:s3cret@db.internal/carapace');
  });

  it('never shows the value in strings, JSON or inspection', () => {
    const renderings = [
      String(secret),
      `connecting to ${String(secret)}`,
      JSON.stringify({ secret }),
      inspect({ nested: { secret } }),
    ];
    for (const rendering of renderings) {
      expect(rendering).not.toContain('s3cret');
      expect(rendering).toContain('<redacted>');
    }
  });
});
