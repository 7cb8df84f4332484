import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decryptField,
  encryptField,
  FieldDecryptionError,
  parseFieldCiphertext,
  type FieldContext,
  type FieldKeyResolver,
} from './field-cipher.js';
import { randomSubjectDataKey, resolverOf, SAMPLE_CONTEXT } from './testing/subject-data-keys.js';

async function decryptionFailure(
  ciphertext: string,
  resolver: FieldKeyResolver,
  context: FieldContext,
): Promise<FieldDecryptionError> {
  try {
    await decryptField(ciphertext, resolver, context);
  } catch (error) {
    expect(error).toBeInstanceOf(FieldDecryptionError);
    return error as FieldDecryptionError;
  }
  throw new Error('expected decryption to fail');
}

describe('field cipher', () => {
  const key = randomSubjectDataKey(SAMPLE_CONTEXT.tenantId, SAMPLE_CONTEXT.subjectId, 3);
  const resolver = resolverOf(key);

  it('decrypts what it encrypted, for any text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme' }), async (plaintext) => {
        const ciphertext = encryptField(plaintext, key, SAMPLE_CONTEXT);
        expect(await decryptField(ciphertext, resolver, SAMPLE_CONTEXT)).toBe(plaintext);
      }),
      { seed: 20240517, numRuns: 200 },
    );
  });

  it('writes the documented format and a fresh nonce every time', () => {
    const first = encryptField('13812341234', key, SAMPLE_CONTEXT);
    const second = encryptField('13812341234', key, SAMPLE_CONTEXT);
    expect(first).toMatch(
      /^v1\.A256GCM\.3\.[0-9a-f-]{36}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/,
    );
    expect(first).not.toBe(second);
    expect(first).not.toContain('13812341234');
  });

  it('exposes the key ids a rotation job needs', () => {
    const parsed = parseFieldCiphertext(encryptField('x', key, SAMPLE_CONTEXT));
    expect(parsed).toMatchObject({
      formatVersion: 1,
      algorithm: 'A256GCM',
      tenantKeyVersion: 3,
      dataKeyId: key.dataKeyId,
    });
    expect(parsed.nonce).toHaveLength(12);
    expect(parsed.tag).toHaveLength(16);
  });

  it.each([
    ['row', { rowId: '43' }],
    ['column', { column: 'phone_home' }],
    ['table', { table: 'customer.contact' }],
  ])('refuses a value moved to another %s', async (_field, change) => {
    const ciphertext = encryptField('13812341234', key, SAMPLE_CONTEXT);
    const error = await decryptionFailure(ciphertext, resolver, { ...SAMPLE_CONTEXT, ...change });
    expect(error.reason).toBe('authentication_failed');
    expect(error.message).not.toContain('13812341234');
  });

  it('refuses a value moved to another subject or tenant, whose key is not the one it names', async () => {
    const otherSubject = randomSubjectDataKey(SAMPLE_CONTEXT.tenantId, 'subject-2');
    const otherTenant = randomSubjectDataKey('tenant-b', SAMPLE_CONTEXT.subjectId);
    const both = resolverOf(key, otherSubject, otherTenant);
    const ciphertext = encryptField('13812341234', key, SAMPLE_CONTEXT);
    for (const context of [
      { ...SAMPLE_CONTEXT, subjectId: 'subject-2' },
      { ...SAMPLE_CONTEXT, tenantId: 'tenant-b' },
    ]) {
      expect((await decryptionFailure(ciphertext, both, context)).reason).toBe('unknown_key');
    }
  });

  it('refuses a value whose key resolves to the right ids but other material', async () => {
    const ciphertext = encryptField('13812341234', key, SAMPLE_CONTEXT);
    const impostor = { ...randomSubjectDataKey(key.tenantId, key.subjectId), dataKeyId: key.dataKeyId };
    expect((await decryptionFailure(ciphertext, resolverOf(impostor), SAMPLE_CONTEXT)).reason).toBe(
      'authentication_failed',
    );
  });

  it('detects any single changed character', async () => {
    const ciphertext = encryptField('张三丰', key, SAMPLE_CONTEXT);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: ciphertext.length - 1 }), async (position) => {
        const original = ciphertext.charAt(position);
        const replacement = original === 'A' ? 'B' : 'A';
        const altered = ciphertext.slice(0, position) + replacement + ciphertext.slice(position + 1);
        await expect(decryptField(altered, resolver, SAMPLE_CONTEXT)).rejects.toThrow(FieldDecryptionError);
      }),
      { seed: 7, numRuns: 100 },
    );
  });

  it('reports a destroyed key as destroyed, not as missing', async () => {
    const ciphertext = encryptField('13812341234', key, SAMPLE_CONTEXT);
    const destroyed: FieldKeyResolver = () => ({
      state: 'destroyed',
      dataKeyId: key.dataKeyId,
      destroyedAt: '2025-01-02T03:04:05.000Z',
    });
    const error = await decryptionFailure(ciphertext, destroyed, SAMPLE_CONTEXT);
    expect(error.reason).toBe('key_destroyed');
    expect((await decryptionFailure(ciphertext, () => ({ state: 'missing' }), SAMPLE_CONTEXT)).reason).toBe(
      'unknown_key',
    );
  });

  it.each([
    ['empty', ''],
    ['plain text', '13812341234'],
    ['another version', 'v2.A256GCM.1.k.AAAAAAAAAAAAAAAA..AAAAAAAAAAAAAAAAAAAAAA'],
    ['another algorithm', 'v1.SM4CTR.1.k.AAAAAAAAAAAAAAAA..AAAAAAAAAAAAAAAAAAAAAA'],
    ['short nonce', 'v1.A256GCM.1.k.AAAA..AAAAAAAAAAAAAAAAAAAAAA'],
    ['padded part', 'v1.A256GCM.1.k.AAAAAAAAAAAAAAAA.AA==.AAAAAAAAAAAAAAAAAAAAAA'],
    ['version zero', 'v1.A256GCM.0.k.AAAAAAAAAAAAAAAA..AAAAAAAAAAAAAAAAAAAAAA'],
  ])('refuses a malformed value (%s) before looking up a key', async (_name, ciphertext) => {
    let lookedUp = false;
    const watching: FieldKeyResolver = () => {
      lookedUp = true;
      return { state: 'missing' };
    };
    expect((await decryptionFailure(ciphertext, watching, SAMPLE_CONTEXT)).reason).toBe('format');
    expect(lookedUp).toBe(false);
  });

  it("refuses to encrypt under another subject's key", () => {
    const otherKey = randomSubjectDataKey(SAMPLE_CONTEXT.tenantId, 'subject-2');
    expect(() => encryptField('x', otherKey, SAMPLE_CONTEXT)).toThrow(RangeError);
  });

  it('refuses text that UTF-8 cannot carry', () => {
    expect(() => encryptField('\uD800', key, SAMPLE_CONTEXT)).toThrow(TypeError);
  });
});
