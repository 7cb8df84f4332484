import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { Redacted } from '../redacted.js';
import { SESSION_TOKEN_AUDIENCE, SessionTokenCodec } from './session-token-codec.js';

const secret = Uint8Array.from({ length: 32 }, (_, i) => i * 3);
const issuer = 'https://carapace.test';
const issuedAt = new Date('2026-03-01T08:00:00.400Z');
const request = {
  userId: 'user-1',
  tenantId: 'tenant-1',
  sessionId: 'session-1',
  ttlSeconds: 900,
  now: issuedAt,
};

function secondsAfter(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}

function base64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('SessionTokenCodec', () => {
  const codec = new SessionTokenCodec(secret, issuer);

  it('round-trips the session claims', async () => {
    const token = await codec.issue(request);
    expect(token.split('.')).toHaveLength(3);
    const iat = Math.floor(issuedAt.getTime() / 1000);
    expect(await codec.verify(token, secondsAfter(issuedAt, 10))).toEqual({
      kind: 'valid',
      claims: {
        sub: 'user-1',
        tid: 'tenant-1',
        sid: 'session-1',
        iat,
        exp: iat + 900,
        iss: issuer,
        aud: 'carapace-api',
      },
    });
  });

  it('writes an HS256 header and the registered claims', async () => {
    const [header, payload] = (await codec.issue(request)).split('.');
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toEqual({
      alg: 'HS256',
      typ: 'JWT',
    });
    expect(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString())).toMatchObject({
      sub: 'user-1',
      tid: 'tenant-1',
      sid: 'session-1',
      iss: issuer,
      aud: SESSION_TOKEN_AUDIENCE,
    });
  });

  it('accepts the secret as a Redacted value', async () => {
    const redactedCodec = new SessionTokenCodec(Redacted.of(secret), issuer);
    expect((await redactedCodec.verify(await codec.issue(request), issuedAt)).kind).toBe('valid');
  });

  it('reports expiry from the exp second on', async () => {
    const token = await codec.issue(request);
    const exp = Math.floor(issuedAt.getTime() / 1000) + 900;
    expect((await codec.verify(token, new Date(exp * 1000 - 1))).kind).toBe('valid');
    expect(await codec.verify(token, new Date(exp * 1000))).toEqual({ kind: 'expired' });
    expect(await codec.verify(token, secondsAfter(issuedAt, 86_400))).toEqual({ kind: 'expired' });
  });

  it('refuses a tampered payload or signature', async () => {
    const [header, payload, signature] = (await codec.issue(request)).split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const otherTenant = base64urlJson({ ...claims, tid: 'tenant-2' });
    const flipped = Buffer.from(signature ?? '', 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    for (const tampered of [
      `${header}.${otherTenant}.${signature}`,
      `${header}.${payload}.${flipped.toString('base64url')}`,
      `${header}.${payload}.`,
      `${header}.${payload}`,
    ]) {
      expect(await codec.verify(tampered, issuedAt)).toEqual({ kind: 'invalid' });
    }
  });

  it('reports an expired token that was also tampered with as invalid, not expired', async () => {
    const [header, payload, signature] = (await codec.issue(request)).split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const forged = `${header}.${base64urlJson({ ...claims, sub: 'admin' })}.${signature}`;
    expect(await codec.verify(forged, secondsAfter(issuedAt, 86_400))).toEqual({ kind: 'invalid' });
  });

  it('refuses a token of another issuer, audience or secret', async () => {
    const otherIssuer = new SessionTokenCodec(secret, 'https://elsewhere.test');
    expect(await codec.verify(await otherIssuer.issue(request), issuedAt)).toEqual({ kind: 'invalid' });
    const otherSecret = new SessionTokenCodec(new Uint8Array(32).fill(1), issuer);
    expect(await codec.verify(await otherSecret.issue(request), issuedAt)).toEqual({ kind: 'invalid' });
    const iat = Math.floor(issuedAt.getTime() / 1000);
    const otherAudience = await new SignJWT({ tid: 'tenant-1', sid: 'session-1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user-1')
      .setIssuer(issuer)
      .setAudience('carapace-web')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 900)
      .sign(secret);
    expect(await codec.verify(otherAudience, issuedAt)).toEqual({ kind: 'invalid' });
  });

  it('refuses alg none and any algorithm but HS256', async () => {
    const [, payload] = (await codec.issue(request)).split('.');
    const unsecured = `${base64urlJson({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    expect(await codec.verify(unsecured, issuedAt)).toEqual({ kind: 'invalid' });
    const iat = Math.floor(issuedAt.getTime() / 1000);
    const hs512 = await new SignJWT({ tid: 'tenant-1', sid: 'session-1' })
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('user-1')
      .setIssuer(issuer)
      .setAudience(SESSION_TOKEN_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 900)
      .sign(new Uint8Array(64).fill(2));
    expect(await codec.verify(hs512, issuedAt)).toEqual({ kind: 'invalid' });
  });

  it('refuses an authentic token that lacks a session claim', async () => {
    const iat = Math.floor(issuedAt.getTime() / 1000);
    const withoutSession = await new SignJWT({ tid: 'tenant-1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user-1')
      .setIssuer(issuer)
      .setAudience(SESSION_TOKEN_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 900)
      .sign(secret);
    expect(await codec.verify(withoutSession, issuedAt)).toEqual({ kind: 'invalid' });
    const numericTenant = await new SignJWT({ tid: 7, sid: 'session-1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user-1')
      .setIssuer(issuer)
      .setAudience(SESSION_TOKEN_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 900)
      .sign(secret);
    expect(await codec.verify(numericTenant, issuedAt)).toEqual({ kind: 'invalid' });
  });

  it('never throws for garbage', async () => {
    for (const garbage of ['', 'a.b.c', '...', 'x'.repeat(10_000), 42, null, undefined]) {
      expect(await codec.verify(garbage as string, issuedAt)).toEqual({ kind: 'invalid' });
    }
    expect(await codec.verify(await codec.issue(request), new Date(Number.NaN))).toEqual({ kind: 'invalid' });
  });

  it('refuses a short secret, an empty issuer and bad issue requests', async () => {
    expect(() => new SessionTokenCodec(new Uint8Array(16), issuer)).toThrow(RangeError);
    expect(() => new SessionTokenCodec(secret, '')).toThrow(RangeError);
    await expect(codec.issue({ ...request, ttlSeconds: 0 })).rejects.toThrow(RangeError);
    await expect(codec.issue({ ...request, ttlSeconds: 1.5 })).rejects.toThrow(RangeError);
    await expect(codec.issue({ ...request, userId: '' })).rejects.toThrow(RangeError);
    await expect(codec.issue({ ...request, now: new Date(Number.NaN) })).rejects.toThrow(RangeError);
  });

  it('keeps its secret out of logs', () => {
    expect(JSON.stringify(codec)).toBe('{}');
  });
});
