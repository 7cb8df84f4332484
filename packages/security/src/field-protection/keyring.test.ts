import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  generateKeyring,
  KeyringError,
  parseKeyring,
  retireRootKeysBefore,
  rotateRootKey,
  serialiseKeyring,
  type Keyring,
} from './keyring.js';

type KeyringDocument = Record<string, unknown> & {
  root: Record<string, unknown> & { versions: Record<string, unknown> };
};

function documentOf(keyring: Keyring): KeyringDocument {
  return JSON.parse(serialiseKeyring(keyring)) as KeyringDocument;
}

function parseError(document: unknown): KeyringError {
  try {
    parseKeyring(JSON.stringify(document));
  } catch (error) {
    expect(error).toBeInstanceOf(KeyringError);
    return error as KeyringError;
  }
  throw new Error('expected parseKeyring to throw');
}

describe('keyring', () => {
  it('round-trips through its JSON text', () => {
    const keyring = rotateRootKey(generateKeyring());
    const text = serialiseKeyring(keyring);
    expect(serialiseKeyring(parseKeyring(text))).toBe(text);
    expect(JSON.parse(text)).toMatchObject({
      format: 'carapace-keyring/1',
      root: { currentVersion: 2, minDecryptionVersion: 1 },
    });
  });

  it('generates a distinct 32-byte key for every purpose', () => {
    const keyring = generateKeyring();
    const keys = [
      keyring.root.versions.get(1)?.reveal(),
      keyring.blindIndexKey.reveal(),
      keyring.sessionSigningKey.reveal(),
      keyring.auditSigningKey.reveal(),
    ].map((key) => Buffer.from(key ?? new Uint8Array()).toString('hex'));
    expect(keys.every((key) => key.length === 64)).toBe(true);
    expect(new Set(keys).size).toBe(4);
  });

  it('never shows key material when logged', () => {
    const keyring = generateKeyring();
    const rendering = inspect(keyring, { depth: 10 }) + JSON.stringify(keyring);
    const blindIndexKey = Buffer.from(keyring.blindIndexKey.reveal()).toString('base64');
    expect(rendering).not.toContain(blindIndexKey);
  });

  it('rotates by adding version n+1 and making it current', () => {
    const rotated = rotateRootKey(rotateRootKey(generateKeyring()));
    expect(rotated.root.currentVersion).toBe(3);
    expect([...rotated.root.versions.keys()]).toEqual([1, 2, 3]);
  });

  it('retires versions below a given one and can undo it while the material is kept', () => {
    const rotated = rotateRootKey(generateKeyring());
    const retired = retireRootKeysBefore(rotated, 2);
    expect(retired.root.minDecryptionVersion).toBe(2);
    expect(retired.root.versions.has(1)).toBe(true);
    expect(retireRootKeysBefore(retired, 1).root.minDecryptionVersion).toBe(1);
    expect(() => retireRootKeysBefore(rotated, 3)).toThrow(RangeError);
    expect(() => retireRootKeysBefore(rotated, 0)).toThrow(RangeError);
  });

  describe('rejects a bad file with a one-line error naming the field', () => {
    const valid = documentOf(rotateRootKey(generateKeyring()));
    const secretText = JSON.stringify(valid);
    const cases: [string, (document: KeyringDocument) => void, string][] = [
      ['wrong format tag', (document) => (document.format = 'carapace-keyring/0'), '"format"'],
      ['missing field', (document) => delete document.auditSigningKey, '"auditSigningKey" is missing'],
      ['unknown field', (document) => (document.backupKey = valid.blindIndexKey), '"backupKey" is unknown'],
      [
        'short key',
        (document) => (document.blindIndexKey = Buffer.alloc(16).toString('base64')),
        '"blindIndexKey"',
      ],
      [
        'non-canonical base64',
        (document) => (document.sessionSigningKey = `${String(valid.sessionSigningKey)}\n`),
        '"sessionSigningKey"',
      ],
      [
        'current version missing',
        (document) => delete document.root.versions['2'],
        '"root.versions.2" is missing',
      ],
      [
        'version above current',
        (document) => (document.root.versions['3'] = valid.blindIndexKey),
        '"root.versions.3"',
      ],
      [
        'minimum above current',
        (document) => (document.root.minDecryptionVersion = 3),
        '"root.minDecryptionVersion"',
      ],
      ['fractional version', (document) => (document.root.currentVersion = 1.5), '"root.currentVersion"'],
      [
        'one key for two purposes',
        (document) => (document.auditSigningKey = valid.sessionSigningKey),
        '"auditSigningKey" repeats',
      ],
    ];
    it.each(cases)('%s', (_name, edit, expected) => {
      const document = structuredClone(valid);
      edit(document);
      const error = parseError(document);
      expect(error.message).toContain(expected);
      expect(error.message).not.toContain('\n');
      for (const key of secretText.match(/[A-Za-z0-9+/]{43}=/g) ?? [])
        expect(error.message).not.toContain(key);
    });

    it('invalid JSON', () => {
      expect(() => parseKeyring('{"format": ')).toThrow(/not valid JSON/);
    });
  });
});
