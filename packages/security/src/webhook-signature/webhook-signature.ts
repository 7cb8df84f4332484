import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Redacted } from '../redacted.js';

/**
 * Webhook signatures in the Standard Webhooks scheme (https://www.standardwebhooks.com/, spec v1.0.0):
 * `webhook-id`, `webhook-timestamp` (unix seconds) and `webhook-signature: v1,<base64 HMAC-SHA256 of
 * "<id>.<timestamp>.<body>">`, keyed by the bytes of a `whsec_<base64>` secret. Receivers that already
 * use a Standard Webhooks library verify our deliveries without custom code.
 */

const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;
const MIN_SECRET_BYTES = 32;
// Standard Webhooks caps secrets at 64 bytes; a longer one is more likely a pasted mistake than a key.
const MAX_SECRET_BYTES = 64;
const SIGNATURE_VERSION = 'v1';
const DEFAULT_TOLERANCE_SECONDS = 5 * 60;
/**
 * Letters, digits, '_' and '-'. No '.', so "<id>.<timestamp>.<body>" splits only one way, and nothing a
 * header or an e-mail Message-ID would have to quote.
 */
const WEBHOOK_ID = /^[A-Za-z0-9_-]{1,255}$/;
const UNIX_SECONDS = /^[0-9]{1,12}$/;

export interface WebhookSignatureHeaders {
  readonly 'webhook-id': string;
  /** Unix seconds as decimal digits. */
  readonly 'webhook-timestamp': string;
  /** One `v1,<base64>` per signing secret, separated by single spaces. */
  readonly 'webhook-signature': string;
}

/** One secret, or several while a receiver's secret is being rotated (each signs; any one verifies). */
export type WebhookSecrets = Redacted<string> | readonly Redacted<string>[];

export interface SignWebhookRequest {
  /** The message's dedupe id: the same for every re-send of one message. See `isValidWebhookId`. */
  readonly id: string;
  /** When this attempt is sent; written as whole unix seconds. */
  readonly timestamp: Date;
  /** The exact bytes that go on the wire (a string is sent as UTF-8). */
  readonly body: string | Uint8Array;
  readonly secret: WebhookSecrets;
}

/** Request headers as Node's `IncomingHttpHeaders` (lower-case keys) or a fetch `Headers`. */
export type WebhookHeaderSource =
  { get(name: string): string | null } | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface VerifyWebhookRequest {
  readonly headers: WebhookHeaderSource;
  /** The raw body as received, before any JSON parsing. */
  readonly body: string | Uint8Array;
  readonly secret: WebhookSecrets;
  readonly now: Date;
  /** How far the timestamp may be from `now`, either way; 300 s (the Standard Webhooks default) unless set. */
  readonly toleranceSeconds?: number;
}

export type WebhookRejectionReason =
  | 'missing_header'
  | 'malformed_id'
  | 'malformed_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_in_future'
  | 'no_valid_signature';

export type WebhookVerification =
  | { readonly kind: 'verified'; readonly id: string; readonly timestamp: Date }
  | { readonly kind: 'rejected'; readonly reason: WebhookRejectionReason };

/** Whether `id` can be a webhook id (and, derived from it, an e-mail Message-ID): see `WEBHOOK_ID`. */
export function isValidWebhookId(id: string): boolean {
  return typeof id === 'string' && WEBHOOK_ID.test(id);
}

/** A new signing secret: 32 random bytes as `whsec_<base64>`, the form receivers paste into their library. */
export function generateWebhookSecret(): Redacted<string> {
  return Redacted.of(`${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`);
}

/** @throws RangeError if the secret is not `whsec_` and canonical base64 of 32 to 64 bytes. */
function secretKey(secret: Redacted<string>): Buffer {
  const text = secret.reveal();
  if (typeof text !== 'string' || !text.startsWith(SECRET_PREFIX)) {
    throw new RangeError('secret must start with whsec_');
  }
  const encoded = text.slice(SECRET_PREFIX.length);
  const key = Buffer.from(encoded, 'base64');
  // Buffer's decoder skips characters it does not know; a secret that does not round-trip was mistyped.
  if (key.toString('base64').replace(/=+$/, '') !== encoded.replace(/=+$/, '')) {
    throw new RangeError('secret must be whsec_ followed by base64');
  }
  if (key.length < MIN_SECRET_BYTES || key.length > MAX_SECRET_BYTES) {
    throw new RangeError(`secret must hold ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} bytes`);
  }
  return key;
}

function secretList(secret: WebhookSecrets): readonly Redacted<string>[] {
  return secret instanceof Redacted ? [secret] : secret;
}

function signatureOf(key: Buffer, id: string, timestampSeconds: string, body: string | Uint8Array): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestampSeconds}.`).update(body).digest();
}

/**
 * The three headers for one delivery attempt.
 *
 * @throws RangeError if the id is not valid (`isValidWebhookId`), the timestamp is before 1970 or not a
 * valid date, there is no secret, or a secret is malformed.
 */
export function signWebhook(request: SignWebhookRequest): WebhookSignatureHeaders {
  const { id, timestamp, body } = request;
  if (!isValidWebhookId(id)) {
    throw new RangeError('id must be 1 to 255 letters, digits, underscores or hyphens');
  }
  const milliseconds = timestamp instanceof Date ? timestamp.getTime() : Number.NaN;
  if (!Number.isFinite(milliseconds) || milliseconds < 0) {
    throw new RangeError('timestamp must be a valid date after 1970');
  }
  const secrets = secretList(request.secret);
  if (secrets.length === 0) throw new RangeError('secret must name at least one secret');
  const timestampSeconds = String(Math.floor(milliseconds / 1000));
  const signatures = secrets.map(
    (secret) =>
      `${SIGNATURE_VERSION},${signatureOf(secretKey(secret), id, timestampSeconds, body).toString('base64')}`,
  );
  return {
    'webhook-id': id,
    'webhook-timestamp': timestampSeconds,
    'webhook-signature': signatures.join(' '),
  };
}

function headerValue(headers: WebhookHeaderSource, name: string): string | undefined {
  if (typeof headers.get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const value = (headers as Readonly<Record<string, string | readonly string[] | undefined>>)[name];
  // A repeated signature header is the same list split over two lines; a repeated id or timestamp is
  // ambiguous, so it reads as malformed below.
  if (Array.isArray(value)) return name === 'webhook-signature' ? value.join(' ') : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** The decoded `v1` signatures of the header; other versions (such as asymmetric `v1a`) are ignored. */
function presentedSignatures(header: string): Buffer[] {
  return header
    .split(' ')
    .filter((part) => part.startsWith(`${SIGNATURE_VERSION},`))
    .map((part) => Buffer.from(part.slice(SIGNATURE_VERSION.length + 1), 'base64'));
}

/**
 * Checks a received webhook: the headers are present and well formed, the timestamp is within
 * `toleranceSeconds` of `now` (against replays), and at least one `v1` signature is the HMAC of one of the
 * secrets. Signatures are compared in constant time. Expected failures are values, never exceptions.
 *
 * @throws RangeError if toleranceSeconds is negative or not finite, there is no secret, or a secret is
 * malformed (those are the receiver's own configuration, not the sender's fault).
 */
export function verifyWebhook(request: VerifyWebhookRequest): WebhookVerification {
  const toleranceSeconds = request.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (!Number.isFinite(toleranceSeconds) || toleranceSeconds < 0) {
    throw new RangeError('toleranceSeconds must be a finite number of seconds, zero or more');
  }
  const keys = secretList(request.secret).map(secretKey);
  if (keys.length === 0) throw new RangeError('secret must name at least one secret');

  const id = headerValue(request.headers, 'webhook-id');
  const timestampText = headerValue(request.headers, 'webhook-timestamp');
  const signatureHeader = headerValue(request.headers, 'webhook-signature');
  if (id === undefined || timestampText === undefined || signatureHeader === undefined) {
    return { kind: 'rejected', reason: 'missing_header' };
  }
  if (!isValidWebhookId(id)) return { kind: 'rejected', reason: 'malformed_id' };
  if (!UNIX_SECONDS.test(timestampText)) return { kind: 'rejected', reason: 'malformed_timestamp' };

  const timestampSeconds = Number(timestampText);
  const nowSeconds = Math.floor(request.now.getTime() / 1000);
  if (timestampSeconds < nowSeconds - toleranceSeconds) {
    return { kind: 'rejected', reason: 'timestamp_too_old' };
  }
  if (timestampSeconds > nowSeconds + toleranceSeconds) {
    return { kind: 'rejected', reason: 'timestamp_in_future' };
  }

  const presented = presentedSignatures(signatureHeader);
  for (const key of keys) {
    const expected = signatureOf(key, id, timestampText, request.body);
    // Lengths are public (every v1 signature is 32 bytes); only equal-length buffers are compared.
    if (
      presented.some(
        (signature) => signature.length === expected.length && timingSafeEqual(signature, expected),
      )
    ) {
      return { kind: 'verified', id, timestamp: new Date(timestampSeconds * 1000) };
    }
  }
  return { kind: 'rejected', reason: 'no_valid_signature' };
}
