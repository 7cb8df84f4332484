import { decodeBase64Url, encodeBase64Url } from './base64-text.js';
import { encodeAssociatedData, isWellFormedText } from './associated-data.js';
import { GCM_NONCE_BYTES, GCM_TAG_BYTES, openAes256Gcm, sealAes256Gcm } from './aes-256-gcm.js';
import { assertSafeIdentifier, isSafeIdentifier } from './key-identifiers.js';
import type { SubjectDataKey, SubjectKeyLookup } from './subject-data-key.js';

const FORMAT_VERSION_TAG = 'v1';
const ALGORITHM = 'A256GCM';
const ASSOCIATED_DATA_LABEL = 'carapace-field/1';

/**
 * Where a field value lives. All five are bound into the ciphertext as associated data, so a value copied
 * to another row, column, table, tenant or subject fails to decrypt instead of showing the wrong person's
 * data.
 */
export interface FieldContext {
  readonly tenantId: string;
  readonly table: string;
  readonly column: string;
  /** The row's primary key as text. */
  readonly rowId: string;
  readonly subjectId: string;
}

/** The ids a field ciphertext names, enough to find its data key. */
export interface FieldKeyReference {
  readonly tenantId: string;
  readonly subjectId: string;
  readonly dataKeyId: string;
  /** The tenant key version that wrapped the data key when the value was written (informational). */
  readonly tenantKeyVersion: number;
}

/** The parts of a field ciphertext string. */
export interface ParsedFieldCiphertext {
  readonly formatVersion: 1;
  readonly algorithm: 'A256GCM';
  readonly tenantKeyVersion: number;
  readonly dataKeyId: string;
  readonly nonce: Uint8Array;
  readonly ciphertext: Uint8Array;
  readonly tag: Uint8Array;
}

/** Why a field could not be decrypted. Stable values: callers branch on them. */
export type FieldDecryptionFailure = 'format' | 'unknown_key' | 'key_destroyed' | 'authentication_failed';

/**
 * A field value that cannot be decrypted. The message never contains plaintext, ciphertext or key
 * material. `key_destroyed` is the expected outcome for a crypto-shredded subject.
 */
export class FieldDecryptionError extends Error {
  override readonly name = 'FieldDecryptionError';

  constructor(
    readonly reason: FieldDecryptionFailure,
    message: string,
  ) {
    super(message);
  }
}

/** Finds the data key a ciphertext names; `FileKeyVault.subjectKey` fits. */
export type FieldKeyResolver = (reference: FieldKeyReference) => Promise<SubjectKeyLookup> | SubjectKeyLookup;

export interface EncryptFieldOptions {
  /**
   * For golden test vectors only. A nonce used twice under one data key reveals the XOR of the two
   * plaintexts and lets an attacker forge values; leave it out to get a fresh random 96-bit nonce.
   */
  readonly fixedNonceForTestVectors?: Uint8Array;
}

/**
 * Encrypts one field value with the subject's data key (AES-256-GCM, 96-bit random nonce) and returns
 * `v1.A256GCM.<tenantKeyVersion>.<dataKeyId>.<nonce>.<ciphertext>.<tag>` with unpadded base64url parts.
 * The associated data is the format header plus the five `context` fields, length-prefixed.
 *
 * Keep each data key under 2³² encryptions (NIST SP 800-38D §8.3, random nonces).
 * @throws RangeError if `key` belongs to another tenant or subject than `context` (encrypting under the
 * wrong subject's key would defeat crypto-shredding).
 * @throws TypeError if a context field or the plaintext contains a lone surrogate, which UTF-8 cannot carry.
 */
export function encryptField(
  plaintext: string,
  key: SubjectDataKey,
  context: FieldContext,
  options: EncryptFieldOptions = {},
): string {
  if (key.tenantId !== context.tenantId || key.subjectId !== context.subjectId) {
    throw new RangeError('key must be the data key of the tenant and subject named in context');
  }
  assertSafeIdentifier('key.dataKeyId', key.dataKeyId);
  if (!Number.isSafeInteger(key.tenantKeyVersion) || key.tenantKeyVersion < 1) {
    throw new RangeError('key.tenantKeyVersion must be a positive integer');
  }
  if (!isWellFormedText(plaintext)) throw new TypeError('plaintext contains a lone surrogate');
  const sealed = sealAes256Gcm(
    key.material.reveal(),
    Buffer.from(plaintext, 'utf8'),
    associatedData(key.tenantKeyVersion, key.dataKeyId, context),
    options.fixedNonceForTestVectors,
  );
  return [
    FORMAT_VERSION_TAG,
    ALGORITHM,
    String(key.tenantKeyVersion),
    key.dataKeyId,
    encodeBase64Url(sealed.nonce),
    encodeBase64Url(sealed.ciphertext),
    encodeBase64Url(sealed.tag),
  ].join('.');
}

/**
 * Decrypts a value written by `encryptField`, fetching its data key through `resolveKey`.
 * @throws FieldDecryptionError with `reason`:
 * - `format`: not a v1 field ciphertext;
 * - `unknown_key`: the resolver has no such key for this tenant and subject;
 * - `key_destroyed`: the subject's key was destroyed (crypto-shredded);
 * - `authentication_failed`: wrong context (a swapped value), wrong key or altered bytes.
 */
export async function decryptField(
  ciphertext: string,
  resolveKey: FieldKeyResolver,
  context: FieldContext,
): Promise<string> {
  const parsed = parseFieldCiphertext(ciphertext);
  const lookup = await resolveKey({
    tenantId: context.tenantId,
    subjectId: context.subjectId,
    dataKeyId: parsed.dataKeyId,
    tenantKeyVersion: parsed.tenantKeyVersion,
  });
  if (lookup.state === 'destroyed') {
    throw new FieldDecryptionError(
      'key_destroyed',
      `the data key of this subject was destroyed at ${lookup.destroyedAt}`,
    );
  }
  if (
    lookup.state === 'missing' ||
    lookup.key.dataKeyId !== parsed.dataKeyId ||
    lookup.key.tenantId !== context.tenantId ||
    lookup.key.subjectId !== context.subjectId
  ) {
    throw new FieldDecryptionError(
      'unknown_key',
      `no data key ${parsed.dataKeyId} for this tenant and subject`,
    );
  }
  let associated: Uint8Array;
  try {
    associated = associatedData(parsed.tenantKeyVersion, parsed.dataKeyId, context);
  } catch {
    throw new FieldDecryptionError('authentication_failed', 'field context contains a lone surrogate');
  }
  const plaintext = openAes256Gcm(lookup.key.material.reveal(), parsed, associated);
  if (plaintext === null) {
    throw new FieldDecryptionError(
      'authentication_failed',
      'field ciphertext does not authenticate for this context and key',
    );
  }
  return Buffer.from(plaintext).toString('utf8');
}

/**
 * Splits a field ciphertext into its parts without decrypting, so a rotation or rewrap job can see which
 * data key and tenant key version a value needs.
 * @throws FieldDecryptionError with reason `format` if `text` is not a v1 field ciphertext.
 */
export function parseFieldCiphertext(text: string): ParsedFieldCiphertext {
  const parts = text.split('.');
  if (parts.length !== 7) throw formatError('expected 7 dot-separated parts');
  const [versionTag, algorithm, tenantKeyVersionText, dataKeyId, nonceText, ciphertextText, tagText] =
    parts as [string, string, string, string, string, string, string];
  if (versionTag !== FORMAT_VERSION_TAG) throw formatError('unsupported format version');
  if (algorithm !== ALGORITHM) throw formatError('unsupported algorithm');
  if (!/^[1-9][0-9]{0,8}$/.test(tenantKeyVersionText)) throw formatError('bad tenant key version');
  if (!isSafeIdentifier(dataKeyId)) throw formatError('bad data key id');
  const nonce = decodeBase64Url(nonceText);
  const ciphertext = decodeBase64Url(ciphertextText);
  const tag = decodeBase64Url(tagText);
  if (nonce?.byteLength !== GCM_NONCE_BYTES) throw formatError('bad nonce');
  if (ciphertext === null) throw formatError('bad ciphertext encoding');
  if (tag?.byteLength !== GCM_TAG_BYTES) throw formatError('bad tag');
  return {
    formatVersion: 1,
    algorithm: ALGORITHM,
    tenantKeyVersion: Number(tenantKeyVersionText),
    dataKeyId,
    nonce,
    ciphertext,
    tag,
  };
}

/**
 * The header is authenticated as well as the context, so no part of the ciphertext string can be edited
 * without detection, including the informational tenant key version.
 */
function associatedData(tenantKeyVersion: number, dataKeyId: string, context: FieldContext): Uint8Array {
  return encodeAssociatedData([
    ASSOCIATED_DATA_LABEL,
    ALGORITHM,
    String(tenantKeyVersion),
    dataKeyId,
    context.tenantId,
    context.table,
    context.column,
    context.rowId,
    context.subjectId,
  ]);
}

function formatError(detail: string): FieldDecryptionError {
  return new FieldDecryptionError('format', `not a v1 field ciphertext: ${detail}`);
}
