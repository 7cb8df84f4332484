import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Redacted } from '../redacted.js';
import { decodeBase64, encodeBase64 } from './base64-text.js';

/** The format tag every keyring file starts with; a new layout gets a new tag. */
export const KEYRING_FORMAT = 'carapace-keyring/1';

const KEY_BYTES = 32;
const KEYRING_FIELDS = ['format', 'root', 'blindIndexKey', 'sessionSigningKey', 'auditSigningKey'];
const ROOT_FIELDS = ['currentVersion', 'minDecryptionVersion', 'versions'];

/**
 * The root of the key hierarchy: what an operator keeps outside the database (a file on a separate volume,
 * a secret store). Each key has exactly one purpose, so a leak or a rotation of one never touches another.
 * Values are immutable; the functions below return new keyrings.
 */
export interface Keyring {
  /** Versioned root keys that wrap tenant key-encryption keys (see `KeyringKeyProvider`). */
  readonly root: RootKeys;
  /** HMAC key for blind indexes (`blindIndex`). */
  readonly blindIndexKey: Redacted<Uint8Array>;
  /** HMAC key for session tokens. */
  readonly sessionSigningKey: Redacted<Uint8Array>;
  /** 32-byte Ed25519 seed (RFC 8032 §5.1.5) for signing audit tree heads. */
  readonly auditSigningKey: Redacted<Uint8Array>;
}

export interface RootKeys {
  /** The version new wraps use. */
  readonly currentVersion: number;
  /** Versions below this are retired: unwrapping with them is refused. */
  readonly minDecryptionVersion: number;
  /** Every version from `minDecryptionVersion` to `currentVersion`, possibly older ones too. */
  readonly versions: ReadonlyMap<number, Redacted<Uint8Array>>;
}

/**
 * A keyring file that cannot be used. The message names the field and never contains key material, so it
 * is safe to log and to show an operator.
 */
export class KeyringError extends Error {
  override readonly name = 'KeyringError';
}

/** A fresh keyring: root key version 1 and one random key per purpose, from the OS CSPRNG. */
export function generateKeyring(): Keyring {
  return {
    root: {
      currentVersion: 1,
      minDecryptionVersion: 1,
      versions: new Map([[1, randomKey()]]),
    },
    blindIndexKey: randomKey(),
    sessionSigningKey: randomKey(),
    auditSigningKey: randomKey(),
  };
}

/**
 * Parses and validates the JSON text of a keyring file.
 * @throws KeyringError naming the first bad field: wrong format tag, unknown or missing field, a key that is
 * not base64 of exactly 32 bytes, inconsistent versions, or one key used for two purposes.
 */
export function parseKeyring(text: string): Keyring {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    // The parser's message quotes the text around the error, which may be key material.
    throw new KeyringError('keyring is not valid JSON; restore the file from its backup');
  }
  const top = requireObject(document, 'keyring');
  // The format tag first: a file of another format version should say so, not list its differences.
  if (top.format !== KEYRING_FORMAT) {
    throw new KeyringError(`keyring field "format" must be "${KEYRING_FORMAT}"`);
  }
  requireExactFields(top, KEYRING_FIELDS, 'keyring');
  const keyring: Keyring = {
    root: parseRootKeys(top.root),
    blindIndexKey: parseKey(top.blindIndexKey, 'blindIndexKey'),
    sessionSigningKey: parseKey(top.sessionSigningKey, 'sessionSigningKey'),
    auditSigningKey: parseKey(top.auditSigningKey, 'auditSigningKey'),
  };
  requireDistinctKeys(keyring);
  return keyring;
}

/** The JSON text of a keyring file, ending in a newline. Parsing it gives an equal keyring. */
export function serialiseKeyring(keyring: Keyring): string {
  const versions: Record<string, string> = {};
  for (const version of [...keyring.root.versions.keys()].sort((a, b) => a - b)) {
    versions[String(version)] = encodeBase64(requireVersion(keyring, version).reveal());
  }
  const document = {
    format: KEYRING_FORMAT,
    root: {
      currentVersion: keyring.root.currentVersion,
      minDecryptionVersion: keyring.root.minDecryptionVersion,
      versions,
    },
    blindIndexKey: encodeBase64(keyring.blindIndexKey.reveal()),
    sessionSigningKey: encodeBase64(keyring.sessionSigningKey.reveal()),
    auditSigningKey: encodeBase64(keyring.auditSigningKey.reveal()),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Adds root key version `currentVersion + 1` and makes it current. Older versions keep decrypting until
 * `retireRootKeysBefore` raises the minimum; run the rewrap jobs in between.
 */
export function rotateRootKey(keyring: Keyring): Keyring {
  const nextVersion = keyring.root.currentVersion + 1;
  const versions = new Map(keyring.root.versions);
  versions.set(nextVersion, randomKey());
  return { ...keyring, root: { ...keyring.root, currentVersion: nextVersion, versions } };
}

/**
 * Refuses unwrapping with root versions below `version` (Vault's `min_decryption_version`). The material
 * of older versions stays in the keyring, so a premature retirement can be undone by calling this again
 * with a lower version; deleting it is a separate, deliberate step outside this function.
 * @throws RangeError if `version` is not an integer from 1 to the current version, or if the keyring has
 * no material for a version that would become usable again.
 */
export function retireRootKeysBefore(keyring: Keyring, version: number): Keyring {
  if (!Number.isSafeInteger(version) || version < 1 || version > keyring.root.currentVersion) {
    throw new RangeError('version must be an integer from 1 to the current root key version');
  }
  for (let usable = version; usable <= keyring.root.currentVersion; usable += 1) {
    if (!keyring.root.versions.has(usable)) {
      throw new RangeError(`root key version ${usable} has no key material and cannot be made usable`);
    }
  }
  return { ...keyring, root: { ...keyring.root, minDecryptionVersion: version } };
}

function parseRootKeys(value: unknown): RootKeys {
  const root = requireObject(value, 'root');
  requireExactFields(root, ROOT_FIELDS, 'root');
  const currentVersion = requireVersionNumber(root.currentVersion, 'root.currentVersion');
  const minDecryptionVersion = requireVersionNumber(root.minDecryptionVersion, 'root.minDecryptionVersion');
  if (minDecryptionVersion > currentVersion) {
    throw new KeyringError('keyring field "root.minDecryptionVersion" must not exceed root.currentVersion');
  }
  const versionsObject = requireObject(root.versions, 'root.versions');
  const versions = new Map<number, Redacted<Uint8Array>>();
  for (const [name, encoded] of Object.entries(versionsObject)) {
    const fieldName = `root.versions.${name}`;
    if (!/^[1-9][0-9]{0,8}$/.test(name)) {
      throw new KeyringError(`keyring field "${fieldName}" must be named by a positive integer version`);
    }
    const version = Number(name);
    if (version > currentVersion) {
      throw new KeyringError(`keyring field "${fieldName}" is newer than root.currentVersion`);
    }
    versions.set(version, parseKey(encoded, fieldName));
  }
  for (let version = minDecryptionVersion; version <= currentVersion; version += 1) {
    if (!versions.has(version)) {
      throw new KeyringError(`keyring field "root.versions.${version}" is missing`);
    }
  }
  return { currentVersion, minDecryptionVersion, versions };
}

function parseKey(value: unknown, fieldName: string): Redacted<Uint8Array> {
  const bytes = typeof value === 'string' ? decodeBase64(value) : null;
  if (bytes?.byteLength !== KEY_BYTES) {
    throw new KeyringError(`keyring field "${fieldName}" must be base64 of exactly ${KEY_BYTES} bytes`);
  }
  return Redacted.of(bytes);
}

function requireVersionNumber(value: unknown, fieldName: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new KeyringError(`keyring field "${fieldName}" must be a positive integer`);
  }
  return value;
}

function requireObject(value: unknown, fieldName: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KeyringError(`keyring field "${fieldName}" must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

function requireExactFields(
  object: Record<string, unknown>,
  expected: readonly string[],
  where: string,
): void {
  for (const name of expected) {
    if (!(name in object)) throw new KeyringError(`keyring field "${qualify(where, name)}" is missing`);
  }
  for (const name of Object.keys(object)) {
    if (!expected.includes(name))
      throw new KeyringError(`keyring field "${qualify(where, name)}" is unknown`);
  }
}

function qualify(where: string, name: string): string {
  return where === 'keyring' ? name : `${where}.${name}`;
}

/**
 * One key pasted into two slots would silently give two purposes the same secret; catching it here is the
 * only place it can be caught.
 */
function requireDistinctKeys(keyring: Keyring): void {
  const named: [string, Uint8Array][] = [
    ['blindIndexKey', keyring.blindIndexKey.reveal()],
    ['sessionSigningKey', keyring.sessionSigningKey.reveal()],
    ['auditSigningKey', keyring.auditSigningKey.reveal()],
  ];
  for (const [version, key] of keyring.root.versions) named.push([`root.versions.${version}`, key.reveal()]);
  for (let later = 1; later < named.length; later += 1) {
    for (let earlier = 0; earlier < later; earlier += 1) {
      const [laterName, laterKey] = named[later] as [string, Uint8Array];
      const [earlierName, earlierKey] = named[earlier] as [string, Uint8Array];
      if (timingSafeEqual(laterKey, earlierKey)) {
        throw new KeyringError(
          `keyring field "${laterName}" repeats the key in "${earlierName}"; each key needs its own value`,
        );
      }
    }
  }
}

function requireVersion(keyring: Keyring, version: number): Redacted<Uint8Array> {
  const key = keyring.root.versions.get(version);
  if (key === undefined) throw new RangeError(`root key version ${version} is not in the keyring`);
  return key;
}

function randomKey(): Redacted<Uint8Array> {
  return Redacted.of(new Uint8Array(randomBytes(KEY_BYTES)));
}
