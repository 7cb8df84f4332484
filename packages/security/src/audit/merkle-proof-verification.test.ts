import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flipBit, fromHex, loadRfc6962Vectors } from './testing/rfc6962-vectors.js';
import { emptyTreeHash, leafHash } from './merkle-hashing.js';
import { verifyConsistency, verifyInclusion } from './merkle-proof-verification.js';
import { MerkleTree } from './merkle-tree.js';

const vectors = loadRfc6962Vectors();
const roots = vectors.rootsBySize.map(fromHex);
const leafHashes = vectors.leafHashes.map(fromHex);
const someHash = fromHex('abacaba000000000000000000000000000000000000000000060061e00123456');

function rootOf(size: number): Uint8Array {
  const root = roots[size];
  if (root === undefined) throw new Error(`the reference tree has no size ${size}`);
  return root;
}

function leafAt(index: number): Uint8Array {
  const leaf = leafHashes[index];
  if (leaf === undefined) throw new Error(`the reference tree has no leaf ${index}`);
  return leaf;
}

/** Every way to damage a proof's list: each bit of each node, each node dropped, a node added anywhere. */
function damagedProofs(
  proof: readonly Uint8Array[],
  extraNodes: readonly Uint8Array[],
): [string, Uint8Array[]][] {
  const damaged: [string, Uint8Array[]][] = [];
  proof.forEach((node, nodeIndex) => {
    for (let bit = 0; bit < 256; bit++) {
      damaged.push([
        `bit ${bit} of node ${nodeIndex}`,
        proof.map((n, i) => (i === nodeIndex ? flipBit(n, bit) : n)),
      ]);
    }
    damaged.push([`node ${nodeIndex} dropped`, proof.filter((_, i) => i !== nodeIndex)]);
  });
  for (let position = 0; position <= proof.length; position++) {
    for (const extra of extraNodes) {
      damaged.push([
        `node added at ${position}`,
        [...proof.slice(0, position), extra, ...proof.slice(position)],
      ]);
    }
  }
  return damaged;
}

describe('verifyInclusion on the reference tree', () => {
  it('accepts the reference proof of every (index, size) up to 8', () => {
    for (const vector of vectors.inclusion) {
      const claim = {
        leafHash: leafAt(vector.leafIndex),
        leafIndex: vector.leafIndex,
        treeSize: vector.treeSize,
        proof: vector.proof.map(fromHex),
        rootHash: rootOf(vector.treeSize),
      };
      expect(verifyInclusion(claim), `${vector.leafIndex} of ${vector.treeSize}`).toBe(true);
    }
  });

  it('rejects every flipped bit, dropped node and added node', () => {
    for (const vector of vectors.inclusion) {
      const proof = vector.proof.map(fromHex);
      const root = rootOf(vector.treeSize);
      for (const [damage, damagedProof] of damagedProofs(proof, [someHash, root, leafAt(vector.leafIndex)])) {
        const claim = {
          leafHash: leafAt(vector.leafIndex),
          leafIndex: vector.leafIndex,
          treeSize: vector.treeSize,
          proof: damagedProof,
          rootHash: root,
        };
        expect(verifyInclusion(claim), `${vector.leafIndex} of ${vector.treeSize}: ${damage}`).toBe(false);
      }
    }
  });

  it('rejects every wrong index, a wrong leaf and a wrong root', () => {
    for (const vector of vectors.inclusion) {
      const claim = {
        leafHash: leafAt(vector.leafIndex),
        leafIndex: vector.leafIndex,
        treeSize: vector.treeSize,
        proof: vector.proof.map(fromHex),
        rootHash: rootOf(vector.treeSize),
      };
      const label = `${vector.leafIndex} of ${vector.treeSize}`;
      for (let wrongIndex = 0; wrongIndex <= 16; wrongIndex++) {
        if (wrongIndex === vector.leafIndex) continue;
        expect(verifyInclusion({ ...claim, leafIndex: wrongIndex }), `${label} as index ${wrongIndex}`).toBe(
          false,
        );
      }
      expect(verifyInclusion({ ...claim, leafHash: someHash }), label).toBe(false);
      expect(verifyInclusion({ ...claim, rootHash: someHash }), label).toBe(false);
      expect(verifyInclusion({ ...claim, rootHash: emptyTreeHash() }), label).toBe(false);
      for (let bit = 0; bit < 256; bit++) {
        expect(verifyInclusion({ ...claim, leafHash: flipBit(claim.leafHash, bit) })).toBe(false);
        expect(verifyInclusion({ ...claim, rootHash: flipBit(claim.rootHash, bit) })).toBe(false);
      }
    }
  });

  it('rejects tree sizes that change the shape of the path: double, half, and not above the index', () => {
    for (const vector of vectors.inclusion) {
      const claim = {
        leafHash: leafAt(vector.leafIndex),
        leafIndex: vector.leafIndex,
        treeSize: vector.treeSize,
        proof: vector.proof.map(fromHex),
        rootHash: rootOf(vector.treeSize),
      };
      const wrongSizes = [vector.treeSize * 2, Math.floor(vector.treeSize / 2), vector.leafIndex, 0];
      for (const wrongSize of wrongSizes) {
        const label = `${vector.leafIndex} of ${vector.treeSize} as size ${wrongSize}`;
        expect(verifyInclusion({ ...claim, treeSize: wrongSize }), label).toBe(false);
      }
    }
  });

  it('binds the size only through the root: the leftmost leaf has the same path in trees of 5 and 6', () => {
    // RFC 9162's algorithm cannot tell these sizes apart, so the size must come from the signed tree head
    // that carries the root; verifyAuditLog takes both from one signed head.
    const proofInFive = MerkleTree.fromLeafHashes(leafHashes).inclusionProof(0, 5);
    const claim = { leafHash: leafAt(0), leafIndex: 0, proof: proofInFive, rootHash: rootOf(5) };
    expect(verifyInclusion({ ...claim, treeSize: 5 })).toBe(true);
    expect(verifyInclusion({ ...claim, treeSize: 6 })).toBe(true);
    expect(verifyInclusion({ ...claim, treeSize: 6, rootHash: rootOf(6) })).toBe(false);
  });

  it('returns false instead of throwing for malformed claims', () => {
    const good = {
      leafHash: leafAt(0),
      leafIndex: 0,
      treeSize: 8,
      proof: vectors.published.inclusion[0]?.proof.map(fromHex) ?? [],
      rootHash: rootOf(8),
    };
    expect(verifyInclusion(good)).toBe(true);
    const malformed: unknown[] = [
      { ...good, leafIndex: 8 },
      { ...good, leafIndex: -1 },
      { ...good, leafIndex: 0.5 },
      { ...good, leafIndex: Number.NaN },
      { ...good, treeSize: Number.POSITIVE_INFINITY },
      { ...good, treeSize: 2 ** 60 },
      { ...good, leafHash: new Uint8Array(31) },
      { ...good, rootHash: new Uint8Array(33) },
      { ...good, proof: [...good.proof.slice(0, 2), new Uint8Array(0)] },
      { ...good, proof: 'not a list' },
      { ...good, proof: [null, null, null] },
      { ...good, leafHash: 'not bytes' },
    ];
    for (const claim of malformed) {
      expect(verifyInclusion(claim as Parameters<typeof verifyInclusion>[0])).toBe(false);
    }
  });

  it('accepts a single-leaf tree with an empty proof and rejects an empty tree', () => {
    const leaf = leafHash(new TextEncoder().encode('data'));
    expect(verifyInclusion({ leafHash: leaf, leafIndex: 0, treeSize: 1, proof: [], rootHash: leaf })).toBe(
      true,
    );
    expect(verifyInclusion({ leafHash: leaf, leafIndex: 0, treeSize: 0, proof: [], rootHash: leaf })).toBe(
      false,
    );
  });
});

describe('verifyConsistency on the reference tree', () => {
  const nonTrivial = vectors.consistency.filter((vector) => vector.oldSize < vector.newSize);

  it('accepts the reference proof of every (old, new) up to 8', () => {
    for (const vector of vectors.consistency) {
      const claim = {
        oldSize: vector.oldSize,
        newSize: vector.newSize,
        oldRoot: rootOf(vector.oldSize),
        newRoot: rootOf(vector.newSize),
        proof: vector.proof.map(fromHex),
      };
      expect(verifyConsistency(claim), `${vector.oldSize} → ${vector.newSize}`).toBe(true);
    }
  });

  it('rejects every flipped bit, dropped node and added node', () => {
    for (const vector of nonTrivial) {
      const oldRoot = rootOf(vector.oldSize);
      const newRoot = rootOf(vector.newSize);
      const proof = vector.proof.map(fromHex);
      for (const [damage, damagedProof] of damagedProofs(proof, [
        someHash,
        oldRoot,
        newRoot,
        new Uint8Array(0),
      ])) {
        const claim = {
          oldSize: vector.oldSize,
          newSize: vector.newSize,
          oldRoot,
          newRoot,
          proof: damagedProof,
        };
        expect(verifyConsistency(claim), `${vector.oldSize} → ${vector.newSize}: ${damage}`).toBe(false);
      }
    }
  });

  it('rejects swapped roots, wrong roots, an empty proof and time travel', () => {
    for (const vector of nonTrivial) {
      const claim = {
        oldSize: vector.oldSize,
        newSize: vector.newSize,
        oldRoot: rootOf(vector.oldSize),
        newRoot: rootOf(vector.newSize),
        proof: vector.proof.map(fromHex),
      };
      const label = `${vector.oldSize} → ${vector.newSize}`;
      expect(verifyConsistency({ ...claim, oldRoot: claim.newRoot, newRoot: claim.oldRoot }), label).toBe(
        false,
      );
      expect(verifyConsistency({ ...claim, oldRoot: someHash }), label).toBe(false);
      expect(verifyConsistency({ ...claim, newRoot: someHash }), label).toBe(false);
      expect(verifyConsistency({ ...claim, proof: [] }), label).toBe(false);
      expect(verifyConsistency({ ...claim, oldSize: claim.newSize, newSize: claim.oldSize }), label).toBe(
        false,
      );
      for (let bit = 0; bit < 256; bit++) {
        expect(verifyConsistency({ ...claim, oldRoot: flipBit(claim.oldRoot, bit) })).toBe(false);
        expect(verifyConsistency({ ...claim, newRoot: flipBit(claim.newRoot, bit) })).toBe(false);
      }
    }
  });

  it('rejects the wrong sizes of the transparency-dev mutation set', () => {
    for (const vector of vectors.published.consistency) {
      const claim = {
        oldSize: vector.oldSize,
        newSize: vector.newSize,
        oldRoot: rootOf(vector.oldSize),
        newRoot: rootOf(vector.newSize),
        proof: vector.proof.map(fromHex),
      };
      const wrongSizes: [number, number][] = [
        [vector.oldSize - 1, vector.newSize],
        [vector.oldSize + 1, vector.newSize],
        [vector.oldSize ^ 2, vector.newSize],
        [vector.oldSize, vector.newSize * 2],
        [vector.oldSize, Math.floor(vector.newSize / 2)],
      ];
      for (const [oldSize, newSize] of wrongSizes) {
        const label = `${vector.oldSize} → ${vector.newSize} as ${oldSize} → ${newSize}`;
        expect(verifyConsistency({ ...claim, oldSize, newSize }), label).toBe(false);
      }
    }
  });

  it('treats equal sizes and the empty old tree strictly', () => {
    const root = rootOf(5);
    expect(verifyConsistency({ oldSize: 5, newSize: 5, oldRoot: root, newRoot: root, proof: [] })).toBe(true);
    expect(verifyConsistency({ oldSize: 5, newSize: 5, oldRoot: root, newRoot: someHash, proof: [] })).toBe(
      false,
    );
    expect(verifyConsistency({ oldSize: 5, newSize: 5, oldRoot: root, newRoot: root, proof: [root] })).toBe(
      false,
    );
    const empty = emptyTreeHash();
    expect(verifyConsistency({ oldSize: 0, newSize: 5, oldRoot: empty, newRoot: root, proof: [] })).toBe(
      true,
    );
    expect(verifyConsistency({ oldSize: 0, newSize: 5, oldRoot: someHash, newRoot: root, proof: [] })).toBe(
      false,
    );
    expect(verifyConsistency({ oldSize: 0, newSize: 5, oldRoot: empty, newRoot: root, proof: [empty] })).toBe(
      false,
    );
  });

  it('returns false instead of throwing for malformed claims', () => {
    const published = vectors.published.consistency[1];
    if (published === undefined) throw new Error('four published consistency proofs');
    const good = {
      oldSize: published.oldSize,
      newSize: published.newSize,
      oldRoot: rootOf(published.oldSize),
      newRoot: rootOf(published.newSize),
      proof: published.proof.map(fromHex),
    };
    expect(verifyConsistency(good)).toBe(true);
    const malformed: unknown[] = [
      { ...good, oldSize: -1 },
      { ...good, oldSize: 6.5 },
      { ...good, newSize: Number.NaN },
      { ...good, newSize: 2 ** 60 },
      { ...good, oldRoot: new Uint8Array(0) },
      { ...good, newRoot: 'not bytes' },
      { ...good, proof: undefined },
      { ...good, proof: [undefined] },
    ];
    for (const claim of malformed) {
      expect(verifyConsistency(claim as Parameters<typeof verifyConsistency>[0])).toBe(false);
    }
  });
});

describe('proofs of random trees up to 300 leaves', () => {
  const treeArbitrary = fc
    .array(fc.uint8Array({ maxLength: 12 }), { minLength: 1, maxLength: 300 })
    .map((inputs) => MerkleTree.fromLeafHashes(inputs.map(leafHash)));

  it('verifies every inclusion proof and rejects every single-bit mutation of it', () => {
    fc.assert(
      fc.property(treeArbitrary, fc.nat(), fc.nat(), fc.nat(), (tree, sizeSeed, indexSeed, bitSeed) => {
        const treeSize = 1 + (sizeSeed % tree.size);
        const leafIndex = indexSeed % treeSize;
        const claim = {
          leafHash: tree.leafHash(leafIndex),
          leafIndex,
          treeSize,
          proof: tree.inclusionProof(leafIndex, treeSize),
          rootHash: tree.rootHash(treeSize),
        };
        expect(verifyInclusion(claim)).toBe(true);
        // Each bit of each proof node, plus one random bit of the leaf and of the root.
        claim.proof.forEach((node, nodeIndex) => {
          for (let bit = 0; bit < 256; bit++) {
            const proof = claim.proof.map((n, i) => (i === nodeIndex ? flipBit(node, bit) : n));
            expect(verifyInclusion({ ...claim, proof })).toBe(false);
          }
        });
        expect(verifyInclusion({ ...claim, leafHash: flipBit(claim.leafHash, bitSeed % 256) })).toBe(false);
        expect(verifyInclusion({ ...claim, rootHash: flipBit(claim.rootHash, bitSeed % 256) })).toBe(false);
      }),
      { numRuns: 150, seed: 6962 },
    );
  });

  it('verifies every consistency proof and rejects every single-bit mutation of it', () => {
    fc.assert(
      fc.property(treeArbitrary, fc.nat(), fc.nat(), fc.nat(), (tree, newSeed, oldSeed, bitSeed) => {
        const newSize = 1 + (newSeed % tree.size);
        const oldSize = 1 + (oldSeed % newSize);
        const claim = {
          oldSize,
          newSize,
          oldRoot: tree.rootHash(oldSize),
          newRoot: tree.rootHash(newSize),
          proof: tree.consistencyProof(oldSize, newSize),
        };
        expect(verifyConsistency(claim)).toBe(true);
        if (oldSize === newSize) return;
        claim.proof.forEach((node, nodeIndex) => {
          for (let bit = 0; bit < 256; bit++) {
            const proof = claim.proof.map((n, i) => (i === nodeIndex ? flipBit(node, bit) : n));
            expect(verifyConsistency({ ...claim, proof })).toBe(false);
          }
        });
        expect(verifyConsistency({ ...claim, oldRoot: flipBit(claim.oldRoot, bitSeed % 256) })).toBe(false);
        expect(verifyConsistency({ ...claim, newRoot: flipBit(claim.newRoot, bitSeed % 256) })).toBe(false);
      }),
      { numRuns: 150, seed: 9162 },
    );
  });
});
