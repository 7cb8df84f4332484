import { describe, expect, it } from 'vitest';
import { canonicalJsonBytes } from './canonical-json.js';
import { leafHash } from './merkle-hashing.js';
import { MerkleTree } from './merkle-tree.js';
import { type SignedTreeHead, auditPublicKeyFromSeed, signTreeHead } from './signed-tree-head.js';
import { type AuditLogProblemCode, type StoredAuditRecord, verifyAuditLog } from './verify-audit-log.js';

const seed = Uint8Array.from({ length: 32 }, (_, i) => 7 * i + 1);
const publicKey = auditPublicKeyFromSeed(seed);
const logId = 'carapace-audit-test';
const HEAD_SIZES = [10, 25, 40];

function buildRecords(count: number): StoredAuditRecord[] {
  return Array.from({ length: count }, (_, index) => {
    const sequence = index + 1;
    const canonicalBytes = canonicalJsonBytes({
      seq: sequence,
      tsUtc: new Date(Date.UTC(2026, 0, 1, 0, 0, sequence)),
      actor: { user: `user-${sequence % 3}`, role: 'underwriter' },
      action: 'read',
      object: { tenant: 'tenant-1', table: 'organisation', pk: `org-${sequence}` },
      result: 'allowed',
    });
    return { sequence, canonicalBytes, storedLeafHash: leafHash(canonicalBytes) };
  });
}

function signHeads(records: readonly StoredAuditRecord[], sizes: readonly number[]): SignedTreeHead[] {
  const tree = MerkleTree.fromLeafHashes(records.map((record) => record.storedLeafHash));
  return sizes.map((treeSize, position) =>
    signTreeHead(
      {
        logId,
        treeSize,
        rootHash: tree.rootHash(treeSize),
        timestamp: new Date(Date.UTC(2026, 0, 1, 1, position * 5)).toISOString(),
      },
      seed,
    ),
  );
}

function codesOf(result: ReturnType<typeof verifyAuditLog>): AuditLogProblemCode[] {
  return [...new Set(result.problems.map((problem) => problem.code))].sort();
}

describe('verifyAuditLog', () => {
  const records = buildRecords(40);
  const treeHeads = signHeads(records, HEAD_SIZES);

  it('passes a clean log and checks sampled inclusion proofs', () => {
    const result = verifyAuditLog({ records, treeHeads, publicKey });
    expect(result).toEqual({
      ok: true,
      checkedRecords: 40,
      checkedTreeHeads: 3,
      checkedInclusionProofs: 16,
      problems: [],
    });
  });

  it('passes a log that has grown past its newest head', () => {
    const grown = buildRecords(47);
    expect(verifyAuditLog({ records: grown, treeHeads, publicKey }).ok).toBe(true);
  });

  it('reports an edited record by its leaf hash and by every head that covers it', () => {
    const edited = records.map((record) =>
      record.sequence === 13
        ? { ...record, canonicalBytes: canonicalJsonBytes({ seq: 13, action: 'read', result: 'denied' }) }
        : record,
    );
    const result = verifyAuditLog({ records: edited, treeHeads, publicKey });
    expect(result.ok).toBe(false);
    expect(result.problems.filter((problem) => problem.code === 'leaf_hash_mismatch')).toEqual([
      expect.objectContaining({ sequence: 13 }),
    ]);
    const mismatchedSizes = result.problems
      .filter((problem) => problem.code === 'tree_head_root_mismatch')
      .map((problem) => problem.treeSize);
    expect(mismatchedSizes).toEqual([25, 40]);
  });

  it('reports an edit whose stored leaf hash was rewritten too, through the signed roots', () => {
    const canonicalBytes = canonicalJsonBytes({ seq: 3, action: 'read', result: 'denied' });
    const edited = records.map((record) =>
      record.sequence === 3
        ? { ...record, canonicalBytes, storedLeafHash: leafHash(canonicalBytes) }
        : record,
    );
    const result = verifyAuditLog({ records: edited, treeHeads, publicKey });
    expect(codesOf(result)).toEqual(['tree_head_root_mismatch']);
    expect(result.problems.map((problem) => problem.treeSize)).toEqual([10, 25, 40]);
  });

  it('reports a deleted middle record as a sequence gap', () => {
    const withoutRecord = records.filter((record) => record.sequence !== 18);
    const result = verifyAuditLog({ records: withoutRecord, treeHeads, publicKey });
    expect(result.problems).toContainEqual(expect.objectContaining({ code: 'sequence_gap', sequence: 19 }));
    expect(codesOf(result)).toEqual([
      'sequence_gap',
      'tree_head_root_mismatch',
      'tree_head_size_exceeds_log',
    ]);
  });

  it('reports a deleted first record as a sequence gap', () => {
    const result = verifyAuditLog({ records: records.slice(1), treeHeads, publicKey });
    expect(result.problems[0]).toEqual(expect.objectContaining({ code: 'sequence_gap', sequence: 2 }));
  });

  it('reports a deleted last record as a head larger than the log', () => {
    const result = verifyAuditLog({ records: records.slice(0, 39), treeHeads, publicKey });
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'tree_head_size_exceeds_log', treeSize: 40 }),
    ]);
    // The older heads still check out, and inclusion is sampled against the newest one the log covers.
    expect(result.checkedInclusionProofs).toBe(16);
  });

  it('reports a forged head: altered fields, or signed with another key', () => {
    const [first, second, third] = treeHeads;
    if (first === undefined || second === undefined || third === undefined) throw new Error('three heads');
    const forgedRoot = { ...third, rootHash: second.rootHash };
    const otherKeyHead = signTreeHead(
      { ...third },
      Uint8Array.from({ length: 32 }, () => 9),
    );
    for (const forged of [forgedRoot, otherKeyHead]) {
      const result = verifyAuditLog({ records, treeHeads: [first, second, forged], publicKey });
      expect(result.problems).toEqual([
        expect.objectContaining({ code: 'tree_head_signature_invalid', treeSize: 40 }),
      ]);
    }
  });

  it('reports a head signed with the right key over a root the records do not have', () => {
    const [first, second, third] = treeHeads;
    if (first === undefined || second === undefined || third === undefined) throw new Error('three heads');
    const wrongRoot = signTreeHead({ ...third, rootHash: second.rootHash }, seed);
    const result = verifyAuditLog({ records, treeHeads: [first, second, wrongRoot], publicKey });
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'tree_head_root_mismatch', treeSize: 40 }),
    ]);
  });

  it('reports a reordered head list as a consistency failure', () => {
    const [first, second, third] = treeHeads;
    if (first === undefined || second === undefined || third === undefined) throw new Error('three heads');
    const result = verifyAuditLog({ records, treeHeads: [first, third, second], publicKey });
    expect(result.problems).toEqual([expect.objectContaining({ code: 'consistency_failed', treeSize: 25 })]);
  });

  it('reports a later head with an earlier timestamp as a consistency failure', () => {
    const [first, second] = treeHeads;
    if (first === undefined || second === undefined) throw new Error('two heads');
    const backdated = signTreeHead({ ...second, timestamp: '2025-12-31T00:00:00.000Z' }, seed);
    const result = verifyAuditLog({ records, treeHeads: [first, backdated], publicKey });
    expect(codesOf(result)).toEqual(['consistency_failed']);
  });

  it('accepts a log whose sequence starts elsewhere when told so', () => {
    const shifted = records.map((record) => ({ ...record, sequence: record.sequence + 99 }));
    expect(verifyAuditLog({ records: shifted, treeHeads, publicKey, firstSequence: 100 }).ok).toBe(true);
    expect(codesOf(verifyAuditLog({ records: shifted, treeHeads, publicKey }))).toEqual(['sequence_gap']);
  });

  it('checks as many inclusion proofs as asked, at most one per record', () => {
    expect(
      verifyAuditLog({ records, treeHeads, publicKey, inclusionSamples: 0 }).checkedInclusionProofs,
    ).toBe(0);
    expect(
      verifyAuditLog({ records, treeHeads, publicKey, inclusionSamples: 1 }).checkedInclusionProofs,
    ).toBe(1);
    expect(
      verifyAuditLog({ records, treeHeads, publicKey, inclusionSamples: 500 }).checkedInclusionProofs,
    ).toBe(40);
  });

  it('throws a RangeError for a bad option', () => {
    expect(() => verifyAuditLog({ records, treeHeads, publicKey, inclusionSamples: -1 })).toThrow(RangeError);
    expect(() => verifyAuditLog({ records, treeHeads, publicKey, firstSequence: 0.5 })).toThrow(RangeError);
  });
});
