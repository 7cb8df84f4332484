import { SignJWT, errors, jwtVerify } from 'jose';
import { Redacted } from '../redacted.js';

/** The `aud` of every session token: only the Carapace API accepts them. */
export const SESSION_TOKEN_AUDIENCE = 'carapace-api';

const ALGORITHM = 'HS256';
/** HS256 keys shorter than the hash output weaken the MAC (RFC 7518 §3.2 requires at least 256 bits). */
const SECRET_BYTES = 32;
// Far above any token issue() writes; refuses oversized input before any parsing.
const MAX_TOKEN_CHARACTERS = 4096;

export interface SessionTokenRequest {
  readonly userId: string;
  readonly tenantId: string;
  readonly sessionId: string;
  /** Lifetime in seconds, a positive integer. */
  readonly ttlSeconds: number;
  /** Issue time; `iat` is this instant rounded down to the second. */
  readonly now: Date;
}

export interface SessionTokenClaims {
  /** User id. */
  readonly sub: string;
  /** Tenant id. */
  readonly tid: string;
  /** Session id, so a session can be revoked server-side. */
  readonly sid: string;
  /** Issued at, seconds since the epoch. */
  readonly iat: number;
  /** Expires at, seconds since the epoch; the token is expired from this second on. */
  readonly exp: number;
  readonly iss: string;
  readonly aud: typeof SESSION_TOKEN_AUDIENCE;
}

export type SessionTokenVerification =
  | { readonly kind: 'valid'; readonly claims: SessionTokenClaims }
  /** Authentic, but past `exp`: the client may refresh rather than log in again. */
  | { readonly kind: 'expired' }
  | { readonly kind: 'invalid' };

/**
 * Issues and verifies session tokens: compact JWS (RFC 7515) JWTs (RFC 7519) MACed with HS256 under one
 * 32-byte server secret. Verification accepts HS256 only, so `alg: none` and algorithm-confusion tokens
 * are refused, and checks issuer, audience and expiry against the caller's clock.
 */
export class SessionTokenCodec {
  readonly #secret: Redacted<Uint8Array>;
  readonly #issuer: string;

  /**
   * @param secret 32 random bytes, the same on every API instance. Copied.
   * @param issuer The `iss` to write and to require, e.g. the deployment's public URL.
   * @throws RangeError if the secret is not 32 bytes or the issuer is empty.
   */
  constructor(secret: Uint8Array | Redacted<Uint8Array>, issuer: string) {
    const bytes = secret instanceof Redacted ? secret.reveal() : secret;
    if (!(bytes instanceof Uint8Array) || bytes.length !== SECRET_BYTES) {
      throw new RangeError(`secret must be ${SECRET_BYTES} bytes`);
    }
    if (typeof issuer !== 'string' || issuer.length === 0)
      throw new RangeError('issuer must be a non-empty string');
    this.#secret = Redacted.of(Uint8Array.from(bytes));
    this.#issuer = issuer;
  }

  /**
   * A signed token for the session.
   * @throws RangeError if an id is empty, `ttlSeconds` is not a positive safe integer, or `now` is invalid.
   */
  async issue(request: SessionTokenRequest): Promise<string> {
    const { userId, tenantId, sessionId, ttlSeconds, now } = request;
    for (const [name, value] of [
      ['userId', userId],
      ['tenantId', tenantId],
      ['sessionId', sessionId],
    ] as const) {
      if (typeof value !== 'string' || value.length === 0)
        throw new RangeError(`${name} must be a non-empty string`);
    }
    if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) {
      throw new RangeError('ttlSeconds must be a positive integer');
    }
    if (!(now instanceof Date) || Number.isNaN(now.getTime()))
      throw new RangeError('now must be a valid Date');
    const issuedAt = Math.floor(now.getTime() / 1000);
    return new SignJWT({ tid: tenantId, sid: sessionId })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(this.#issuer)
      .setAudience(SESSION_TOKEN_AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ttlSeconds)
      .sign(this.#secret.reveal());
  }

  /**
   * Verifies a token against the clock `now`. Never throws: anything that is not an authentic, well-formed
   * token of this issuer for this audience is `invalid`. `expired` is reported only for a token whose MAC,
   * issuer and audience all check out, so it reveals nothing about forged tokens.
   */
  async verify(token: string, now: Date): Promise<SessionTokenVerification> {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_CHARACTERS) return { kind: 'invalid' };
    if (!(now instanceof Date) || Number.isNaN(now.getTime())) return { kind: 'invalid' };
    try {
      const { payload } = await jwtVerify(token, this.#secret.reveal(), {
        algorithms: [ALGORITHM],
        issuer: this.#issuer,
        audience: SESSION_TOKEN_AUDIENCE,
        currentDate: now,
        requiredClaims: ['sub', 'tid', 'sid', 'iat', 'exp'],
      });
      const { sub, tid, sid, iat, exp } = payload;
      if (
        typeof sub !== 'string' ||
        typeof tid !== 'string' ||
        typeof sid !== 'string' ||
        typeof iat !== 'number' ||
        typeof exp !== 'number'
      ) {
        return { kind: 'invalid' };
      }
      return {
        kind: 'valid',
        claims: { sub, tid, sid, iat, exp, iss: this.#issuer, aud: SESSION_TOKEN_AUDIENCE },
      };
    } catch (error) {
      // jose checks the MAC before any claim, and issuer and audience before expiry.
      return error instanceof errors.JWTExpired ? { kind: 'expired' } : { kind: 'invalid' };
    }
  }
}
