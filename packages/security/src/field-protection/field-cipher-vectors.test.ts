import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Redacted } from '../redacted.js';
import { decryptField, encryptField, FieldDecryptionError, type FieldContext } from './field-cipher.js';
import type { SubjectDataKey } from './subject-data-key.js';
import { resolverOf } from './testing/subject-data-keys.js';

interface VectorKey {
  tenantId: string;
  subjectId: string;
  dataKeyId: string;
  tenantKeyVersion: number;
  materialHex: string;
}

interface VectorFile {
  format: string;
  vectors: {
    name: string;
    key: VectorKey;
    context: FieldContext;
    nonceHex: string;
    plaintext: string;
    ciphertext: string;
  }[];
  mustFail: { name: string; key: VectorKey; context: FieldContext; ciphertext: string; reason: string }[];
}

// Written by packages/security/scripts/write-field-cipher-vectors.ts. Ciphertexts in backups outlive code:
// if a vector stops decrypting, the change broke stored data, however harmless it looks.
const vectorFile = JSON.parse(
  readFileSync(new URL('../../test-vectors/field-cipher-v1.json', import.meta.url), 'utf8'),
) as VectorFile;

function subjectDataKey(key: VectorKey): SubjectDataKey {
  return { ...key, material: Redacted.of(new Uint8Array(Buffer.from(key.materialHex, 'hex'))) };
}

describe('field cipher golden vectors', () => {
  it('are the v1 vector file with the required cases', () => {
    expect(vectorFile.format).toBe('carapace-field-cipher-vectors/1');
    const plaintexts = vectorFile.vectors.map((vector) => vector.plaintext);
    expect(plaintexts).toContain('');
    expect(plaintexts.some((plaintext) => /\p{Script=Han}/u.test(plaintext))).toBe(true);
    expect(vectorFile.mustFail.length).toBeGreaterThan(0);
  });

  it.each(vectorFile.vectors.map((vector) => [vector.name, vector] as const))(
    'still decrypts and re-encrypts identically: %s',
    async (_name, vector) => {
      const key = subjectDataKey(vector.key);
      expect(await decryptField(vector.ciphertext, resolverOf(key), vector.context)).toBe(vector.plaintext);
      const nonce = new Uint8Array(Buffer.from(vector.nonceHex, 'hex'));
      expect(encryptField(vector.plaintext, key, vector.context, { fixedNonceForTestVectors: nonce })).toBe(
        vector.ciphertext,
      );
    },
  );

  it.each(vectorFile.mustFail.map((vector) => [vector.name, vector] as const))(
    'still refuses: %s',
    async (_name, vector) => {
      const decryption = decryptField(
        vector.ciphertext,
        resolverOf(subjectDataKey(vector.key)),
        vector.context,
      );
      await expect(decryption).rejects.toThrow(FieldDecryptionError);
      await expect(decryption).rejects.toMatchObject({ reason: vector.reason });
    },
  );
});
