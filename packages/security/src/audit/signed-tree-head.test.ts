import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type SignedTreeHead,
  auditPublicKeyFromSeed,
  signTreeHead,
  treeHeadSigningInput,
  verifyTreeHead,
} from './signed-tree-head.js';

const seed = Uint8Array.from({ length: 32 }, (_, i) => i);
const otherSeed = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
const rootHash = 'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77';
const unsigned = {
  logId: 'carapace-audit-test',
  treeSize: 3,
  rootHash,
  timestamp: '2026-01-02T03:04:05.006Z',
};

describe('signed tree heads', () => {
  const publicKey = auditPublicKeyFromSeed(seed);
  const head = signTreeHead(unsigned, seed);

  it('derives the RFC 8032 public key from the seed', () => {
    // RFC 8032 §7.1 TEST 1: secret key 9d61…7f60 has public key d75a…511a.
    const testOneSeed = Buffer.from(
      '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
      'hex',
    );
    const testOneKey = auditPublicKeyFromSeed(testOneSeed);
    expect(testOneKey.hex).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    expect(Buffer.from(testOneKey.base64, 'base64').toString('hex')).toBe(testOneKey.hex);
    expect(testOneKey.raw).toHaveLength(32);
  });

  it('signs a head that verifies, deterministically', () => {
    expect(verifyTreeHead(head, publicKey)).toBe(true);
    expect(verifyTreeHead(head, publicKey.raw)).toBe(true);
    expect(signTreeHead(unsigned, seed)).toEqual(head);
    expect(Buffer.from(head.signature, 'base64')).toHaveLength(64);
  });

  it('signs the domain-separated canonical JSON of the four fields', () => {
    expect(new TextDecoder().decode(treeHeadSigningInput(unsigned))).toBe(
      'carapace-sth/1\n' +
        `{"logId":"carapace-audit-test","rootHash":"${rootHash}","timestamp":"2026-01-02T03:04:05.006Z","treeSize":3}`,
    );
  });

  it('accepts the root as bytes or upper-case hex and stores lowercase hex', () => {
    expect(signTreeHead({ ...unsigned, rootHash: Buffer.from(rootHash, 'hex') }, seed)).toEqual(head);
    expect(signTreeHead({ ...unsigned, rootHash: rootHash.toUpperCase() }, seed)).toEqual(head);
  });

  it('fails when any field changes', () => {
    const changed: SignedTreeHead[] = [
      { ...head, logId: 'carapace-audit-other' },
      { ...head, treeSize: 4 },
      { ...head, rootHash: rootHash.replace(/^a/, 'b') },
      { ...head, timestamp: '2026-01-02T03:04:05.007Z' },
      { ...head, signature: flipFirstSignatureBit(head.signature) },
    ];
    for (const forged of changed) expect(verifyTreeHead(forged, publicKey)).toBe(false);
  });

  it('fails under the wrong key', () => {
    expect(verifyTreeHead(head, auditPublicKeyFromSeed(otherSeed))).toBe(false);
    const unrelated = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
    expect(verifyTreeHead(head, Buffer.from(unrelated.x ?? '', 'base64url'))).toBe(false);
  });

  it('returns false instead of throwing for malformed heads and keys', () => {
    const malformed: unknown[] = [
      { ...head, signature: '' },
      { ...head, signature: `${head.signature}=` },
      { ...head, signature: head.signature.replace(/=+$/, '') },
      { ...head, signature: 42 },
      { ...head, treeSize: -1 },
      { ...head, treeSize: 1.5 },
      { ...head, rootHash: rootHash.toUpperCase() },
      { ...head, rootHash: rootHash.slice(2) },
      { ...head, timestamp: '2026-01-02T03:04:05Z' },
      { ...head, timestamp: '2026-01-02T03:04:05.006+00:00' },
      { ...head, timestamp: '2026-02-30T03:04:05.006Z' },
      { ...head, logId: '' },
      null,
    ];
    for (const candidate of malformed) {
      expect(verifyTreeHead(candidate as SignedTreeHead, publicKey)).toBe(false);
    }
    expect(verifyTreeHead(head, new Uint8Array(31))).toBe(false);
    expect(verifyTreeHead(head, new Uint8Array(32).fill(0xff))).toBe(false);
  });

  it('refuses to sign malformed heads or with a seed that is not 32 bytes', () => {
    expect(() => signTreeHead(unsigned, new Uint8Array(31))).toThrow(RangeError);
    expect(() => signTreeHead({ ...unsigned, timestamp: '2026-01-02' }, seed)).toThrow(RangeError);
    expect(() => signTreeHead({ ...unsigned, rootHash: 'abc' }, seed)).toThrow(RangeError);
    expect(() => signTreeHead({ ...unsigned, treeSize: -1 }, seed)).toThrow(RangeError);
    expect(() => auditPublicKeyFromSeed(new Uint8Array(33))).toThrow(RangeError);
  });
});

function flipFirstSignatureBit(signature: string): string {
  const bytes = Buffer.from(signature, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return bytes.toString('base64');
}
