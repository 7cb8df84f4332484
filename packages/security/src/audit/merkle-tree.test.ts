import { describe, expect, it } from 'vitest';
import { fromHex, loadRfc6962Vectors, toHex } from './testing/rfc6962-vectors.js';
import { emptyTreeHash, leafHash, nodeHash } from './merkle-hashing.js';
import { MerkleTree, consistencyProof, inclusionProof, merkleTreeHash } from './merkle-tree.js';

const vectors = loadRfc6962Vectors();
const leafHashes = vectors.leafInputsHex.map((input) => leafHash(fromHex(input)));

describe('RFC 6962 hashing', () => {
  it('hashes the reference leaves as SHA-256(0x00 ‖ data)', () => {
    expect(leafHashes.map(toHex)).toEqual(vectors.leafHashes);
  });

  it('hashes an interior node as SHA-256(0x01 ‖ left ‖ right)', () => {
    const [first, second] = leafHashes;
    if (first === undefined || second === undefined) throw new Error('reference tree has 8 leaves');
    expect(toHex(nodeHash(first, second))).toBe(vectors.rootsBySize[2]);
  });

  it('rejects a node child that is not 32 bytes', () => {
    expect(() => nodeHash(new Uint8Array(31), new Uint8Array(32))).toThrow(RangeError);
  });

  it('gives SHA-256 of the empty string for the empty tree', () => {
    expect(toHex(emptyTreeHash())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(merkleTreeHash([]))).toBe(vectors.rootsBySize[0]);
  });
});

describe('MerkleTree against the reference tree', () => {
  const tree = MerkleTree.fromLeafHashes(leafHashes);

  it('computes the published root of every size 0..8', () => {
    for (let size = 0; size <= 8; size++) {
      expect(toHex(tree.rootHash(size)), `size ${size}`).toBe(vectors.rootsBySize[size]);
      expect(toHex(merkleTreeHash(leafHashes.slice(0, size)))).toBe(vectors.rootsBySize[size]);
    }
  });

  it('produces the reference inclusion proof for every (index, size) up to 8', () => {
    expect(vectors.inclusion).toHaveLength(36);
    for (const vector of vectors.inclusion) {
      const proof = tree.inclusionProof(vector.leafIndex, vector.treeSize).map(toHex);
      expect(proof, `${vector.leafIndex} of ${vector.treeSize}`).toEqual(vector.proof);
      expect(inclusionProof(vector.leafIndex, leafHashes.slice(0, vector.treeSize)).map(toHex)).toEqual(
        vector.proof,
      );
    }
  });

  it('produces the reference consistency proof for every (old, new) up to 8', () => {
    expect(vectors.consistency).toHaveLength(36);
    for (const vector of vectors.consistency) {
      const proof = tree.consistencyProof(vector.oldSize, vector.newSize).map(toHex);
      expect(proof, `${vector.oldSize} → ${vector.newSize}`).toEqual(vector.proof);
      expect(consistencyProof(vector.oldSize, vector.newSize, leafHashes).map(toHex)).toEqual(vector.proof);
    }
  });

  it('matches the proofs published with the reference tree', () => {
    for (const vector of vectors.published.inclusion) {
      expect(tree.inclusionProof(vector.leafIndex, vector.treeSize).map(toHex)).toEqual(vector.proof);
    }
    for (const vector of vectors.published.consistency) {
      expect(tree.consistencyProof(vector.oldSize, vector.newSize).map(toHex)).toEqual(vector.proof);
    }
  });

  it('gives an empty consistency proof from the empty tree and to the same size', () => {
    expect(tree.consistencyProof(0, 5)).toEqual([]);
    expect(tree.consistencyProof(5, 5)).toEqual([]);
  });

  it('hands out copies, so a caller cannot corrupt the tree', () => {
    const root = tree.rootHash(4);
    const proof = tree.inclusionProof(0, 8);
    root.fill(0);
    proof.forEach((node) => node.fill(0));
    expect(toHex(tree.rootHash(4))).toBe(vectors.rootsBySize[4]);
    expect(tree.inclusionProof(0, 8).map(toHex)).toEqual(vectors.published.inclusion[0]?.proof);
  });

  it('copies the leaf hashes it is built from', () => {
    const leaves = leafHashes.map((leaf) => Uint8Array.from(leaf));
    const copyTree = MerkleTree.fromLeafHashes(leaves);
    leaves[0]?.fill(0);
    expect(toHex(copyTree.rootHash())).toBe(vectors.rootsBySize[8]);
    expect(toHex(copyTree.leafHash(0))).toBe(vectors.leafHashes[0]);
  });

  it('throws a RangeError for a leaf index or size outside the tree', () => {
    expect(() => tree.inclusionProof(8, 8)).toThrow(RangeError);
    expect(() => tree.inclusionProof(0, 9)).toThrow(RangeError);
    expect(() => tree.inclusionProof(-1, 8)).toThrow(RangeError);
    expect(() => tree.inclusionProof(0.5, 8)).toThrow(RangeError);
    expect(() => tree.rootHash(9)).toThrow(RangeError);
    expect(() => tree.consistencyProof(6, 5)).toThrow(RangeError);
    expect(() => tree.consistencyProof(1, 9)).toThrow(RangeError);
    expect(() => MerkleTree.fromLeafHashes([new Uint8Array(31)])).toThrow(/leafHashes\[0\]/);
  });
});
