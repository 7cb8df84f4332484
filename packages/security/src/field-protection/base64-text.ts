/**
 * Strict base64 and base64url codecs. Node's decoder skips characters it does not know and accepts missing
 * padding, so two different strings can decode to the same bytes; stored key material and ciphertext parts
 * must have exactly one spelling, so every decode here is checked by encoding the result again.
 */

const BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*$/;

/** Encodes bytes as padded standard base64 (RFC 4648 §4). */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Encodes bytes as unpadded base64url (RFC 4648 §5). */
export function encodeBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/** Decodes padded standard base64; returns `null` unless `text` is the one canonical spelling of its bytes. */
export function decodeBase64(text: string): Uint8Array | null {
  if (!BASE64_PATTERN.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? new Uint8Array(bytes) : null;
}

/** Decodes unpadded base64url; returns `null` unless `text` is the one canonical spelling of its bytes. */
export function decodeBase64Url(text: string): Uint8Array | null {
  if (!BASE64URL_PATTERN.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? new Uint8Array(bytes) : null;
}
