import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** AES-256-GCM with the 96-bit nonce and 128-bit tag that NIST SP 800-38D recommends. */
export const AES_256_KEY_BYTES = 32;
export const GCM_NONCE_BYTES = 12;
export const GCM_TAG_BYTES = 16;

export interface SealedBytes {
  readonly nonce: Uint8Array;
  readonly ciphertext: Uint8Array;
  readonly tag: Uint8Array;
}

/**
 * Encrypts and authenticates `plaintext`, binding `associatedData` into the tag.
 * `nonce` exists for golden test vectors only: a nonce reused under one key reveals the XOR of the two
 * plaintexts and lets an attacker forge tags, so production callers leave it out and get a random one.
 * @throws RangeError if the key is not 32 bytes or the nonce is not 12 bytes.
 */
export function sealAes256Gcm(
  key: Uint8Array,
  plaintext: Uint8Array,
  associatedData: Uint8Array,
  nonce: Uint8Array = randomBytes(GCM_NONCE_BYTES),
): SealedBytes {
  if (key.byteLength !== AES_256_KEY_BYTES) throw new RangeError('key must be 32 bytes for AES-256-GCM');
  if (nonce.byteLength !== GCM_NONCE_BYTES) throw new RangeError('nonce must be 12 bytes for AES-256-GCM');
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: GCM_TAG_BYTES });
  cipher.setAAD(associatedData);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { nonce: new Uint8Array(nonce), ciphertext: new Uint8Array(ciphertext), tag: cipher.getAuthTag() };
}

/**
 * Checks the tag and decrypts. Returns `null` when authentication fails (wrong key, wrong associated data
 * or altered bytes): GCM cannot tell these apart, and callers map the failure to their own error.
 * @throws RangeError if the key, nonce or tag has the wrong length.
 */
export function openAes256Gcm(
  key: Uint8Array,
  sealed: SealedBytes,
  associatedData: Uint8Array,
): Uint8Array | null {
  if (key.byteLength !== AES_256_KEY_BYTES) throw new RangeError('key must be 32 bytes for AES-256-GCM');
  if (sealed.nonce.byteLength !== GCM_NONCE_BYTES) throw new RangeError('nonce must be 12 bytes');
  // A short tag would be accepted by OpenSSL and weaken authentication to its length.
  if (sealed.tag.byteLength !== GCM_TAG_BYTES) throw new RangeError('tag must be 16 bytes');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.nonce, { authTagLength: GCM_TAG_BYTES });
  decipher.setAAD(associatedData);
  decipher.setAuthTag(sealed.tag);
  try {
    const plaintext = Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
    return new Uint8Array(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength);
  } catch {
    return null;
  }
}
