import { readFileSync } from 'node:fs';

/** The committed RFC 6962 reference vectors (packages/security/test-vectors/rfc6962.json). */
export interface Rfc6962Vectors {
  readonly leafInputsHex: readonly string[];
  readonly leafHashes: readonly string[];
  /** Indexed by tree size, 0 to 8. */
  readonly rootsBySize: readonly string[];
  readonly inclusion: readonly InclusionVector[];
  readonly consistency: readonly ConsistencyVector[];
  readonly published: {
    readonly inclusion: readonly InclusionVector[];
    readonly consistency: readonly ConsistencyVector[];
  };
}

export interface InclusionVector {
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly proof: readonly string[];
}

export interface ConsistencyVector {
  readonly oldSize: number;
  readonly newSize: number;
  readonly proof: readonly string[];
}

export function loadRfc6962Vectors(): Rfc6962Vectors {
  const url = new URL('../../../test-vectors/rfc6962.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Rfc6962Vectors;
}

export function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** A copy of `bytes` with bit `bitIndex` (0 = most significant bit of byte 0) flipped. */
export function flipBit(bytes: Uint8Array, bitIndex: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  const byteIndex = Math.floor(bitIndex / 8);
  copy[byteIndex] = (copy[byteIndex] ?? 0) ^ (0x80 >> (bitIndex % 8));
  return copy;
}
