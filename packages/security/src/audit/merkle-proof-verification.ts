import { emptyTreeHash, hashesEqual, isMerkleHash, nodeHashUnchecked } from './merkle-hashing.js';

/** What {@link verifyInclusion} checks. */
export interface InclusionProofClaim {
  /** The leaf's RFC 6962 leaf hash. */
  readonly leafHash: Uint8Array;
  /** 0-based position of the leaf. */
  readonly leafIndex: number;
  readonly treeSize: number;
  /** Audit path, leaf sibling first. */
  readonly proof: readonly Uint8Array[];
  readonly rootHash: Uint8Array;
}

/** What {@link verifyConsistency} checks. */
export interface ConsistencyProofClaim {
  readonly oldSize: number;
  readonly newSize: number;
  readonly oldRoot: Uint8Array;
  readonly newRoot: Uint8Array;
  readonly proof: readonly Uint8Array[];
}

/**
 * Checks an inclusion proof with the algorithm of RFC 9162 §2.1.3.2
 * (https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2), which accepts exactly the audit paths of
 * RFC 6962 §2.1.1. Returns false, never throws, for anything malformed: sizes or an index that are not
 * non-negative safe integers, an index ≥ the tree size, hashes that are not 32 bytes, or a proof of the
 * wrong length (every element must be consumed and the walk must end at the root).
 */
export function verifyInclusion(claim: InclusionProofClaim): boolean {
  const { leafHash, leafIndex, treeSize, proof, rootHash } = claim;
  if (!isSizeOrIndex(leafIndex) || !isSizeOrIndex(treeSize) || leafIndex >= treeSize) return false;
  if (!isMerkleHash(leafHash) || !isMerkleHash(rootHash) || !isHashList(proof)) return false;

  // fn walks the leaf's position up the tree and sn the last leaf's; sn reaching 0 means we are at the
  // root. Halving by division instead of >>> keeps sizes above 2^32 exact.
  let fn = leafIndex;
  let sn = treeSize - 1;
  let hash = leafHash;
  for (const sibling of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      hash = nodeHashUnchecked(sibling, hash);
      // A node on the right edge with no right sibling moves up unchanged until it is a right child.
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      hash = nodeHashUnchecked(hash, sibling);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && hashesEqual(hash, rootHash);
}

/**
 * Checks a consistency proof with the algorithm of RFC 9162 §2.1.4.2
 * (https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.2), which accepts exactly the proofs of
 * RFC 6962 §2.1.2: the tree of `oldSize` leaves with root `oldRoot` is a prefix of the tree of `newSize`
 * leaves with root `newRoot`.
 *
 * Edge cases: equal sizes need an empty proof and equal roots. Old size 0 needs an empty proof and an old
 * root equal to the empty tree hash (stricter than RFC 9162, which leaves size 0 out, so a forged "empty"
 * head cannot pass). Returns false, never throws, for anything malformed: non-integer or negative sizes,
 * oldSize > newSize, hashes that are not 32 bytes, or a proof of the wrong length.
 */
export function verifyConsistency(claim: ConsistencyProofClaim): boolean {
  const { oldSize, newSize, oldRoot, newRoot, proof } = claim;
  if (!isSizeOrIndex(oldSize) || !isSizeOrIndex(newSize) || oldSize > newSize) return false;
  if (!isMerkleHash(oldRoot) || !isMerkleHash(newRoot) || !isHashList(proof)) return false;

  if (oldSize === 0) return proof.length === 0 && hashesEqual(oldRoot, emptyTreeHash());
  if (oldSize === newSize) return proof.length === 0 && hashesEqual(oldRoot, newRoot);
  if (proof.length === 0) return false;

  // When the old tree is a complete subtree of the new one, its root is the first node of the path and
  // the proof leaves it out.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  const [first, ...rest] = path;
  if (first === undefined) return false;
  let oldHash = first;
  let newHash = first;
  for (const node of rest) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      oldHash = nodeHashUnchecked(node, oldHash);
      newHash = nodeHashUnchecked(node, newHash);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      newHash = nodeHashUnchecked(newHash, node);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && hashesEqual(oldHash, oldRoot) && hashesEqual(newHash, newRoot);
}

function isSizeOrIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isHashList(value: unknown): value is readonly Uint8Array[] {
  return Array.isArray(value) && value.every(isMerkleHash);
}

function isOdd(value: number): boolean {
  return value % 2 === 1;
}

function half(value: number): number {
  return Math.floor(value / 2);
}

function isPowerOfTwo(value: number): boolean {
  let power = 1;
  while (power < value) power *= 2;
  return power === value;
}
