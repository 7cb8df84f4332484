import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Redacted } from '../redacted.js';
import {
  generateWebhookSecret,
  isValidWebhookId,
  signWebhook,
  verifyWebhook,
  type WebhookSignatureHeaders,
} from './webhook-signature.js';

// Key bytes 0x00..0x1f and 0x64..0x83; the expected signatures below were computed with Python's hmac
// module, and each test also recomputes them with node:crypto, so neither our code nor one library is
// checking itself.
const SECRET = Redacted.of('whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=');
const NEXT_SECRET = Redacted.of('whsec_ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CBgoM=');
const ID = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
const TIMESTAMP = new Date('2023-11-14T22:13:20Z'); // unix 1700000000
const BODY = '{"alert":"CVE-2024-3094","title":"xz 后门"}';
const SIGNATURE = 'M1eKVMhQ00N2eaPKUX6o+ghxWNHU7CyowRGdpGfMF3U=';
const NEXT_SIGNATURE = 'xrKcf4ClRQPfKqFS+cJ8H01lBBpQYaTBps9Q3IyNeps=';

function independentSignature(keyBytes: Buffer, content: string): string {
  return createHmac('sha256', keyBytes).update(Buffer.from(content, 'utf8')).digest('base64');
}

function keyOf(secret: Redacted<string>): Buffer {
  return Buffer.from(secret.reveal().slice('whsec_'.length), 'base64');
}

function verifyAt(headers: Record<string, string>, body: string, now = TIMESTAMP) {
  return verifyWebhook({ headers, body, secret: SECRET, now, toleranceSeconds: 300 });
}

describe('webhook signing (Standard Webhooks v1)', () => {
  it('signs "<id>.<timestamp>.<body>" with HMAC-SHA256 of the secret bytes', () => {
    expect(independentSignature(keyOf(SECRET), `${ID}.1700000000.${BODY}`)).toBe(SIGNATURE);
    expect(signWebhook({ id: ID, timestamp: TIMESTAMP, body: BODY, secret: SECRET })).toEqual({
      'webhook-id': ID,
      'webhook-timestamp': '1700000000',
      'webhook-signature': `v1,${SIGNATURE}`,
    });
  });

  it('signs the same bytes whether the body is a string or its UTF-8 encoding', () => {
    const fromBytes = signWebhook({
      id: ID,
      timestamp: TIMESTAMP,
      body: Buffer.from(BODY, 'utf8'),
      secret: SECRET,
    });
    expect(fromBytes['webhook-signature']).toBe(`v1,${SIGNATURE}`);
  });

  it('writes whole unix seconds, dropping milliseconds', () => {
    const headers = signWebhook({
      id: ID,
      timestamp: new Date(TIMESTAMP.getTime() + 999),
      body: BODY,
      secret: SECRET,
    });
    expect(headers['webhook-timestamp']).toBe('1700000000');
  });

  it('signs with every secret during a rotation, one space-separated signature each', () => {
    expect(independentSignature(keyOf(NEXT_SECRET), `${ID}.1700000000.${BODY}`)).toBe(NEXT_SIGNATURE);
    const headers = signWebhook({ id: ID, timestamp: TIMESTAMP, body: BODY, secret: [SECRET, NEXT_SECRET] });
    expect(headers['webhook-signature']).toBe(`v1,${SIGNATURE} v1,${NEXT_SIGNATURE}`);
  });

  it('refuses ids that a header or the signed content could not carry unambiguously', () => {
    for (const id of ['', 'a.b', 'has space', 'new\nline', 'x'.repeat(256), 'ünïcode']) {
      expect(isValidWebhookId(id)).toBe(false);
      expect(() => signWebhook({ id, timestamp: TIMESTAMP, body: BODY, secret: SECRET })).toThrow(RangeError);
    }
    expect(isValidWebhookId('0190a0f4-7b3c-7def-8a12-3456789abcde')).toBe(true);
  });

  it('refuses malformed, short and missing secrets and invalid timestamps', () => {
    const secrets = [
      Redacted.of('AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8='),
      Redacted.of('whsec_not base64!'),
      Redacted.of(`whsec_${Buffer.alloc(24).toString('base64')}`),
      Redacted.of(`whsec_${Buffer.alloc(65).toString('base64')}`),
    ];
    for (const secret of secrets) {
      expect(() => signWebhook({ id: ID, timestamp: TIMESTAMP, body: BODY, secret })).toThrow(RangeError);
    }
    expect(() => signWebhook({ id: ID, timestamp: TIMESTAMP, body: BODY, secret: [] })).toThrow(RangeError);
    expect(() =>
      signWebhook({ id: ID, timestamp: new Date(Number.NaN), body: BODY, secret: SECRET }),
    ).toThrow(RangeError);
  });
});

describe('webhook secrets', () => {
  it('are whsec_ and base64 of 32 random bytes, different each time, hidden from logs', () => {
    const secrets = Array.from({ length: 20 }, () => generateWebhookSecret());
    for (const secret of secrets) {
      expect(secret.reveal()).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(keyOf(secret)).toHaveLength(32);
      expect(inspect({ secret })).not.toContain('whsec_');
      expect(JSON.stringify({ secret })).not.toContain('whsec_');
    }
    expect(new Set(secrets.map((secret) => secret.reveal())).size).toBe(20);
  });

  it('sign what they verify', () => {
    const secret = generateWebhookSecret();
    const headers = signWebhook({ id: ID, timestamp: TIMESTAMP, body: BODY, secret });
    expect(verifyWebhook({ headers: { ...headers }, body: BODY, secret, now: TIMESTAMP })).toEqual({
      kind: 'verified',
      id: ID,
      timestamp: TIMESTAMP,
    });
  });
});

describe('webhook verification', () => {
  const signed: WebhookSignatureHeaders = {
    'webhook-id': ID,
    'webhook-timestamp': '1700000000',
    'webhook-signature': `v1,${SIGNATURE}`,
  };

  it('accepts the fixed vector from plain headers and from a fetch Headers object', () => {
    expect(verifyAt({ ...signed }, BODY)).toEqual({ kind: 'verified', id: ID, timestamp: TIMESTAMP });
    const headers = new Headers({ ...signed, 'content-type': 'application/json' });
    expect(verifyWebhook({ headers, body: BODY, secret: SECRET, now: TIMESTAMP }).kind).toBe('verified');
  });

  it('rejects a tampered body, id or timestamp', () => {
    expect(verifyAt({ ...signed }, BODY.replace('3094', '3095'))).toEqual({
      kind: 'rejected',
      reason: 'no_valid_signature',
    });
    expect(verifyAt({ ...signed, 'webhook-id': 'msg_other' }, BODY).kind).toBe('rejected');
    expect(verifyAt({ ...signed, 'webhook-timestamp': '1700000001' }, BODY)).toEqual({
      kind: 'rejected',
      reason: 'no_valid_signature',
    });
  });

  it('rejects a signature made with another secret or truncated or of another version', () => {
    const otherSecret = generateWebhookSecret();
    const foreign = signWebhook({ id: ID, timestamp: TIMESTAMP, body: BODY, secret: otherSecret });
    expect(verifyAt({ ...foreign }, BODY).kind).toBe('rejected');
    expect(verifyAt({ ...signed, 'webhook-signature': `v1,${SIGNATURE.slice(0, 20)}` }, BODY).kind).toBe(
      'rejected',
    );
    expect(verifyAt({ ...signed, 'webhook-signature': `v2,${SIGNATURE}` }, BODY).kind).toBe('rejected');
    expect(verifyAt({ ...signed, 'webhook-signature': SIGNATURE }, BODY).kind).toBe('rejected');
  });

  it('accepts any one of several signatures, in any order (sender rotating its secret)', () => {
    const header = `v1a,ZmFrZQ== v1,${NEXT_SIGNATURE} v1,${SIGNATURE}`;
    expect(verifyAt({ ...signed, 'webhook-signature': header }, BODY).kind).toBe('verified');
  });

  it('verifies with any of the receiver secrets (receiver rotating its secret)', () => {
    const headers = signWebhook({ id: ID, timestamp: TIMESTAMP, body: BODY, secret: NEXT_SECRET });
    const verification = verifyWebhook({
      headers: { ...headers },
      body: BODY,
      secret: [SECRET, NEXT_SECRET],
      now: TIMESTAMP,
    });
    expect(verification.kind).toBe('verified');
  });

  it('joins a signature header that arrived on several lines', () => {
    const headers = {
      'webhook-id': ID,
      'webhook-timestamp': '1700000000',
      'webhook-signature': [`v1,${NEXT_SIGNATURE}`, `v1,${SIGNATURE}`],
    };
    expect(verifyWebhook({ headers, body: BODY, secret: SECRET, now: TIMESTAMP }).kind).toBe('verified');
  });

  it('rejects stale and future timestamps outside the tolerance, and accepts them at its edge', () => {
    const at = (offsetSeconds: number) => new Date(TIMESTAMP.getTime() + offsetSeconds * 1000);
    expect(verifyAt({ ...signed }, BODY, at(300)).kind).toBe('verified');
    expect(verifyAt({ ...signed }, BODY, at(-300)).kind).toBe('verified');
    expect(verifyAt({ ...signed }, BODY, at(301))).toEqual({ kind: 'rejected', reason: 'timestamp_too_old' });
    expect(verifyAt({ ...signed }, BODY, at(-301))).toEqual({
      kind: 'rejected',
      reason: 'timestamp_in_future',
    });
  });

  it('rejects missing and malformed headers without throwing', () => {
    const unsigned = { 'webhook-id': ID, 'webhook-timestamp': '1700000000' };
    expect(verifyAt(unsigned, BODY)).toEqual({ kind: 'rejected', reason: 'missing_header' });
    expect(verifyAt({ ...signed, 'webhook-timestamp': '1.7e9' }, BODY)).toEqual({
      kind: 'rejected',
      reason: 'malformed_timestamp',
    });
    expect(verifyAt({ ...signed, 'webhook-id': 'a.b' }, BODY)).toEqual({
      kind: 'rejected',
      reason: 'malformed_id',
    });
    const repeatedId = { ...signed, 'webhook-id': [ID, ID] };
    expect(verifyWebhook({ headers: repeatedId, body: BODY, secret: SECRET, now: TIMESTAMP }).kind).toBe(
      'rejected',
    );
  });

  it('refuses its own misconfiguration with a RangeError', () => {
    expect(() => verifyWebhook({ headers: { ...signed }, body: BODY, secret: [], now: TIMESTAMP })).toThrow(
      RangeError,
    );
    expect(() =>
      verifyWebhook({
        headers: { ...signed },
        body: BODY,
        secret: SECRET,
        now: TIMESTAMP,
        toleranceSeconds: -1,
      }),
    ).toThrow(RangeError);
  });
});
