import { hash } from 'node:crypto';

/** Size of every hash in the log: SHA-256. */
export const MERKLE_HASH_BYTES = 32;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

// One buffer for every interior node hash: node hashing is the hot loop of building a 200,000-leaf tree,
// and filling a reused buffer costs less than allocating and concatenating three parts per node.
const nodeInput = new Uint8Array(1 + 2 * MERKLE_HASH_BYTES);
nodeInput[0] = NODE_PREFIX;

/**
 * The RFC 6962 leaf hash, SHA-256(0x00 ‖ data) (https://www.rfc-editor.org/rfc/rfc6962#section-2.1).
 * The prefix keeps a leaf from ever being mistaken for an interior node (second-preimage resistance).
 */
export function leafHash(data: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + data.length);
  input[0] = LEAF_PREFIX;
  input.set(data, 1);
  return hash('sha256', input, 'buffer');
}

/**
 * The RFC 6962 interior node hash, SHA-256(0x01 ‖ left ‖ right).
 * @throws RangeError if either child is not a 32-byte hash.
 */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  assertHash(left, 'left');
  assertHash(right, 'right');
  return nodeHashUnchecked(left, right);
}

/** {@link nodeHash} for callers that have already checked both lengths. */
export function nodeHashUnchecked(left: Uint8Array, right: Uint8Array): Uint8Array {
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + MERKLE_HASH_BYTES);
  return hash('sha256', nodeInput, 'buffer');
}

/** MTH({}) of RFC 6962: the hash of the empty tree, SHA-256 of the empty string. */
export function emptyTreeHash(): Uint8Array {
  return hash('sha256', new Uint8Array(0), 'buffer');
}

/** True when `value` is a byte array of exactly {@link MERKLE_HASH_BYTES} bytes. */
export function isMerkleHash(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.length === MERKLE_HASH_BYTES;
}

/** Byte equality. Hashes in a public log are not secrets, so an early exit leaks nothing. */
export function hashesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}

/** @throws RangeError naming `argumentName` if `value` is not a 32-byte hash. */
export function assertHash(value: Uint8Array, argumentName: string): void {
  if (!isMerkleHash(value)) {
    throw new RangeError(`${argumentName} must be a ${MERKLE_HASH_BYTES}-byte SHA-256 hash`);
  }
}
