import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A partner API token as issued. Show `presented` to the partner once; store only `tokenId` and the hash. */
export interface GeneratedApiToken {
  /** 16 lowercase hex digits (64 random bits): the lookup key, safe to log. */
  readonly tokenId: string;
  /** 32 random bytes in base64url without padding (43 characters): the secret. */
  readonly secret: string;
  /** `cpt_<tokenId>_<secret>`, what the partner sends. */
  readonly presented: string;
}

export interface ParsedApiToken {
  readonly tokenId: string;
  readonly secret: string;
}

const TOKEN_ID_BYTES = 8;
const SECRET_BYTES = 32;
// The prefix lets secret scanners and people recognise a leaked Carapace token. The secret's base64url
// alphabet includes '_', so the format is fixed-width rather than split on '_'.
const PRESENTED_TOKEN = /^cpt_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A new token with a random id and a 256-bit random secret. */
export function generateApiToken(): GeneratedApiToken {
  const tokenId = randomBytes(TOKEN_ID_BYTES).toString('hex');
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  return { tokenId, secret, presented: `cpt_${tokenId}_${secret}` };
}

/**
 * Splits a presented token into its id and secret; null unless it has exactly the form
 * `generateApiToken` writes (including canonical base64url of 32 bytes). Never throws.
 */
export function parsePresentedApiToken(text: string): ParsedApiToken | null {
  if (typeof text !== 'string') return null;
  const match = PRESENTED_TOKEN.exec(text);
  const tokenId = match?.[1];
  const secret = match?.[2];
  if (tokenId === undefined || secret === undefined) return null;
  // 43 characters carry 258 bits; the last two must be zero for the text to be the one encoding of 32 bytes.
  if (Buffer.from(secret, 'base64url').toString('base64url') !== secret) return null;
  return { tokenId, secret };
}

/**
 * The SHA-256 of the secret, as lowercase hex, to store instead of the secret.
 *
 * A fast hash is right here, unlike for passwords: the secret is 256 random bits, so even at billions of
 * guesses per second a stolen hash cannot be reversed, and slow hashing (Argon2) only defends low-entropy,
 * human-chosen secrets. Being fast also keeps checking a token on every API request cheap.
 */
export function hashApiTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * True when `secret` hashes to `storedHash`. Compares the digests in constant time, so the response time
 * does not reveal how many leading bytes of a guess were right. False, never a throw, for malformed input.
 */
export function apiTokenSecretMatches(secret: string, storedHash: string): boolean {
  if (typeof secret !== 'string' || typeof storedHash !== 'string' || !SHA256_HEX.test(storedHash))
    return false;
  const presentedDigest = createHash('sha256').update(secret, 'utf8').digest();
  return timingSafeEqual(presentedDigest, Buffer.from(storedHash, 'hex'));
}
