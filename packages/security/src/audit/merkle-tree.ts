import { MERKLE_HASH_BYTES, assertHash, emptyTreeHash, nodeHashUnchecked } from './merkle-hashing.js';

/**
 * An RFC 6962 Merkle tree over a fixed list of leaf hashes, built once to answer many roots and proofs
 * (https://www.rfc-editor.org/rfc/rfc6962#section-2.1).
 *
 * Level 0 holds the leaf hashes; each level above holds the hashes of adjacent pairs of the level below,
 * with an unpaired last node left out. Every stored node is therefore the root of a complete subtree of
 * 2^level leaves. The hash of any other range the RFC recursion asks for, such as the right edge of a tree
 * whose size is not a power of two, is folded from at most log2(n) stored nodes, so a root of any prefix
 * costs O(log n) hashes and a proof O(log² n). Building costs n − 1 node hashes and about 64 bytes per leaf.
 *
 * A tree of size m < n over the first m leaves is the same tree as the RFC defines for D[0:m], so one tree
 * answers the roots and proofs of every earlier tree head too.
 */
export class MerkleTree {
  /** levels[h] holds the complete subtrees of 2^h leaves, 32 bytes each, left to right. */
  readonly #levels: readonly Uint8Array[];
  readonly #size: number;

  private constructor(levels: readonly Uint8Array[], size: number) {
    this.#levels = levels;
    this.#size = size;
  }

  /**
   * Builds the tree from leaf hashes (each the output of `leafHash`). The hashes are copied.
   * @throws RangeError if any element is not a 32-byte hash.
   */
  static fromLeafHashes(leafHashes: readonly Uint8Array[]): MerkleTree {
    const size = leafHashes.length;
    const leaves = new Uint8Array(size * MERKLE_HASH_BYTES);
    leafHashes.forEach((leaf, index) => {
      assertHash(leaf, `leafHashes[${index}]`);
      leaves.set(leaf, index * MERKLE_HASH_BYTES);
    });
    const levels: Uint8Array[] = [leaves];
    let below = leaves;
    let belowCount = size;
    while (belowCount > 1) {
      const count = Math.floor(belowCount / 2);
      const level = new Uint8Array(count * MERKLE_HASH_BYTES);
      for (let i = 0; i < count; i++) {
        const leftOffset = 2 * i * MERKLE_HASH_BYTES;
        const left = below.subarray(leftOffset, leftOffset + MERKLE_HASH_BYTES);
        const right = below.subarray(leftOffset + MERKLE_HASH_BYTES, leftOffset + 2 * MERKLE_HASH_BYTES);
        level.set(nodeHashUnchecked(left, right), i * MERKLE_HASH_BYTES);
      }
      levels.push(level);
      below = level;
      belowCount = count;
    }
    return new MerkleTree(levels, size);
  }

  /** Number of leaves. */
  get size(): number {
    return this.#size;
  }

  /**
   * The leaf hash at `leafIndex` (a copy).
   * @throws RangeError if `leafIndex` is not an integer in [0, size).
   */
  leafHash(leafIndex: number): Uint8Array {
    this.#assertIndex(leafIndex, this.#size, 'leafIndex');
    return this.#node(0, leafIndex).slice();
  }

  /**
   * MTH of the first `treeSize` leaves; the empty tree hash when `treeSize` is 0.
   * @throws RangeError if `treeSize` is not an integer in [0, size].
   */
  rootHash(treeSize: number = this.#size): Uint8Array {
    this.#assertSize(treeSize, 'treeSize');
    if (treeSize === 0) return emptyTreeHash();
    return this.#rangeHash(0, treeSize).slice();
  }

  /**
   * The audit path PATH(leafIndex, D[0:treeSize]) of RFC 6962 §2.1.1, ordered from the leaf's sibling up
   * to the child of the root, as `verifyInclusion` expects.
   * @throws RangeError if `treeSize` is not an integer in [1, size] or `leafIndex` not in [0, treeSize).
   */
  inclusionProof(leafIndex: number, treeSize: number = this.#size): Uint8Array[] {
    this.#assertSize(treeSize, 'treeSize');
    this.#assertIndex(leafIndex, treeSize, 'leafIndex');
    const pathFromRoot: Uint8Array[] = [];
    let start = 0;
    let end = treeSize;
    while (end - start > 1) {
      const split = start + largestPowerOfTwoBelow(end - start);
      if (leafIndex < split) {
        pathFromRoot.push(this.#rangeHash(split, end).slice());
        end = split;
      } else {
        pathFromRoot.push(this.#rangeHash(start, split).slice());
        start = split;
      }
    }
    return pathFromRoot.reverse();
  }

  /**
   * The consistency proof PROOF(oldSize, D[0:newSize]) of RFC 6962 §2.1.2. Empty when `oldSize` is 0 or
   * equals `newSize`: every tree extends the empty tree, and a tree is consistent with itself.
   * @throws RangeError unless 0 ≤ oldSize ≤ newSize ≤ size, all integers.
   */
  consistencyProof(oldSize: number, newSize: number = this.#size): Uint8Array[] {
    this.#assertSize(newSize, 'newSize');
    if (!Number.isSafeInteger(oldSize) || oldSize < 0 || oldSize > newSize) {
      throw new RangeError(`oldSize must be an integer in [0, ${newSize}], got ${oldSize}`);
    }
    if (oldSize === 0 || oldSize === newSize) return [];
    const proofFromRoot: Uint8Array[] = [];
    let start = 0;
    let end = newSize;
    // SUBPROOF's flag b: true while the old tree's root is still a node on the path we descend.
    let oldRootIsAncestorOfPath = true;
    for (;;) {
      if (oldSize === end) {
        if (!oldRootIsAncestorOfPath) proofFromRoot.push(this.#rangeHash(start, end).slice());
        break;
      }
      const split = start + largestPowerOfTwoBelow(end - start);
      if (oldSize <= split) {
        proofFromRoot.push(this.#rangeHash(split, end).slice());
        end = split;
      } else {
        proofFromRoot.push(this.#rangeHash(start, split).slice());
        start = split;
        oldRootIsAncestorOfPath = false;
      }
    }
    return proofFromRoot.reverse();
  }

  /**
   * MTH(D[start:end]) for a range the RFC recursion produces: `start` is a multiple of the smallest power
   * of two ≥ end − start, so the range splits into complete stored subtrees of decreasing size, and the
   * RFC's split at the largest power of two below the size makes the hash a right fold over them.
   * Returns a view into the levels when the range is one stored node; callers copy before handing out.
   */
  #rangeHash(start: number, end: number): Uint8Array {
    const subtrees: Uint8Array[] = [];
    let offset = start;
    let remaining = end - start;
    while (remaining > 0) {
      // Leaf counts fit in 32 bits (they index an array), so clz32 gives floor(log2) exactly.
      const height = 31 - Math.clz32(remaining);
      const width = 2 ** height;
      subtrees.push(this.#node(height, offset / width));
      offset += width;
      remaining -= width;
    }
    return subtrees.reduceRight((right, left) => nodeHashUnchecked(left, right));
  }

  #node(height: number, index: number): Uint8Array {
    const level = this.#levels[height];
    if (level === undefined) throw new Error(`Merkle tree has no level ${height}: internal invariant broken`);
    return level.subarray(index * MERKLE_HASH_BYTES, (index + 1) * MERKLE_HASH_BYTES);
  }

  #assertSize(treeSize: number, argumentName: string): void {
    if (!Number.isSafeInteger(treeSize) || treeSize < 0 || treeSize > this.#size) {
      throw new RangeError(`${argumentName} must be an integer in [0, ${this.#size}], got ${treeSize}`);
    }
  }

  #assertIndex(leafIndex: number, treeSize: number, argumentName: string): void {
    if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= treeSize) {
      throw new RangeError(`${argumentName} must be an integer in [0, ${treeSize}), got ${leafIndex}`);
    }
  }
}

/** k of RFC 6962 §2.1: the largest power of two strictly smaller than n, for n ≥ 2. */
function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * MTH(D[n]) of RFC 6962 §2.1 over leaf hashes; the empty tree hash for an empty list.
 * Builds a {@link MerkleTree}; reuse one when you need more than the root.
 * @throws RangeError if any element is not a 32-byte hash.
 */
export function merkleTreeHash(leafHashes: readonly Uint8Array[]): Uint8Array {
  return MerkleTree.fromLeafHashes(leafHashes).rootHash();
}

/**
 * The inclusion proof of `leafIndex` in the tree of all `leafHashes` (see {@link MerkleTree.inclusionProof}).
 * @throws RangeError if `leafIndex` is outside [0, leafHashes.length) or a hash is not 32 bytes.
 */
export function inclusionProof(leafIndex: number, leafHashes: readonly Uint8Array[]): Uint8Array[] {
  return MerkleTree.fromLeafHashes(leafHashes).inclusionProof(leafIndex);
}

/**
 * The consistency proof from the tree of the first `oldSize` to the first `newSize` of `leafHashes`
 * (see {@link MerkleTree.consistencyProof}).
 * @throws RangeError unless 0 ≤ oldSize ≤ newSize ≤ leafHashes.length, or if a hash is not 32 bytes.
 */
export function consistencyProof(
  oldSize: number,
  newSize: number,
  leafHashes: readonly Uint8Array[],
): Uint8Array[] {
  return MerkleTree.fromLeafHashes(leafHashes).consistencyProof(oldSize, newSize);
}
