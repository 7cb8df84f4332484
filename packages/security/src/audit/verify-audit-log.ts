import { hashesEqual, leafHash } from './merkle-hashing.js';
import { verifyConsistency, verifyInclusion } from './merkle-proof-verification.js';
import { MerkleTree } from './merkle-tree.js';
import { type AuditPublicKey, type SignedTreeHead, verifyTreeHead } from './signed-tree-head.js';

/** One row of the audit table, as the verifier reads it back. */
export interface StoredAuditRecord {
  readonly sequence: number;
  /** The record's canonical JSON bytes as stored (see `canonicalJsonBytes`). */
  readonly canonicalBytes: Uint8Array;
  /** The leaf hash stored with the row when it was appended. */
  readonly storedLeafHash: Uint8Array;
}

export interface AuditLogToVerify {
  /** Every stored row, in sequence order. */
  readonly records: readonly StoredAuditRecord[];
  /** The exported signed tree heads, oldest first. */
  readonly treeHeads: readonly SignedTreeHead[];
  readonly publicKey: Uint8Array | AuditPublicKey;
  /** Sequence number of the first row ever appended. Default 1, where an identity column starts. */
  readonly firstSequence?: number;
  /** How many records to check by inclusion proof against the newest valid head. Default 16. */
  readonly inclusionSamples?: number;
}

/** Stable codes: monitoring and the compliance report branch on them. Never rename one. */
export type AuditLogProblemCode =
  | 'leaf_hash_mismatch'
  | 'sequence_gap'
  | 'tree_head_signature_invalid'
  | 'tree_head_root_mismatch'
  | 'tree_head_size_exceeds_log'
  | 'consistency_failed'
  | 'inclusion_failed';

export interface AuditLogProblem {
  readonly code: AuditLogProblemCode;
  readonly sequence?: number;
  readonly treeSize?: number;
  /** English, for people; may be reworded. Holds sequence numbers and sizes, never record content. */
  readonly message: string;
}

export interface AuditLogVerification {
  readonly ok: boolean;
  readonly checkedRecords: number;
  readonly checkedTreeHeads: number;
  readonly checkedInclusionProofs: number;
  readonly problems: readonly AuditLogProblem[];
}

const DEFAULT_FIRST_SEQUENCE = 1;
const DEFAULT_INCLUSION_SAMPLES = 16;

/**
 * Checks a stored audit log against its exported signed tree heads (REQ-AUD-3). A pure function: the
 * caller reads the rows and heads, this recomputes everything from the stored bytes and trusts only the
 * public key. What each code means:
 *
 * - `leaf_hash_mismatch`: a row's bytes no longer hash to its stored leaf hash (the row was edited).
 * - `sequence_gap`: sequence numbers are not consecutive from `firstSequence` (a row was deleted,
 *   duplicated or moved).
 * - `tree_head_signature_invalid`: a head does not verify under the key (forged or damaged). Such a head
 *   is not used for any further check.
 * - `tree_head_root_mismatch`: the Merkle root recomputed from the first `treeSize` rows differs from the
 *   signed root. This catches an edited row even when its stored leaf hash was edited too.
 * - `tree_head_size_exceeds_log`: a head covers more rows than the table holds (rows deleted at the end).
 * - `consistency_failed`: two successive validly signed heads are not an RFC 6962 append-only extension
 *   of each other: the later one is smaller or older, or the consistency proof between them fails.
 * - `inclusion_failed`: a sampled row's inclusion proof does not verify against the newest head whose
 *   root matched.
 *
 * Proofs are built from the recomputed tree, so they are checked only against heads whose root matched
 * it: for any other head the data can yield no honest proof, and its mismatch is already reported. On
 * matching heads the proofs cannot fail; they are still checked because they are what an auditor holding
 * only heads and proofs relies on, and they guard this verifier against a bug in the root comparison.
 *
 * @throws RangeError if `firstSequence` or `inclusionSamples` is not a non-negative safe integer.
 */
export function verifyAuditLog(log: AuditLogToVerify): AuditLogVerification {
  const firstSequence = log.firstSequence ?? DEFAULT_FIRST_SEQUENCE;
  const inclusionSamples = log.inclusionSamples ?? DEFAULT_INCLUSION_SAMPLES;
  if (!Number.isSafeInteger(firstSequence) || firstSequence < 0) {
    throw new RangeError('firstSequence must be a non-negative safe integer');
  }
  if (!Number.isSafeInteger(inclusionSamples) || inclusionSamples < 0) {
    throw new RangeError('inclusionSamples must be a non-negative safe integer');
  }
  const problems: AuditLogProblem[] = [];

  const leafHashes = checkRecords(log.records, firstSequence, problems);
  const tree = MerkleTree.fromLeafHashes(leafHashes);
  const signedHeads = checkTreeHeads(log.treeHeads, tree, log.publicKey, problems);
  checkConsistency(signedHeads, tree, problems);
  const newestMatching = signedHeads.findLast((checked) => checked.rootMatches)?.head;
  const checkedInclusionProofs =
    newestMatching === undefined
      ? 0
      : checkSampleInclusion(newestMatching, log.records, tree, inclusionSamples, problems);

  return {
    ok: problems.length === 0,
    checkedRecords: log.records.length,
    checkedTreeHeads: log.treeHeads.length,
    checkedInclusionProofs,
    problems,
  };
}

/** Recomputes every leaf hash, reporting edited rows and breaks in the sequence. */
function checkRecords(
  records: readonly StoredAuditRecord[],
  firstSequence: number,
  problems: AuditLogProblem[],
): Uint8Array[] {
  let expectedSequence = firstSequence;
  return records.map((record) => {
    if (record.sequence !== expectedSequence) {
      problems.push({
        code: 'sequence_gap',
        sequence: record.sequence,
        message: `expected sequence ${expectedSequence} but found ${record.sequence}: rows are missing, duplicated or out of order`,
      });
    }
    expectedSequence = record.sequence + 1;
    const recomputed = leafHash(record.canonicalBytes);
    if (!hashesEqual(recomputed, record.storedLeafHash)) {
      problems.push({
        code: 'leaf_hash_mismatch',
        sequence: record.sequence,
        message: `record ${record.sequence} does not hash to its stored leaf hash: it was changed after it was appended`,
      });
    }
    return recomputed;
  });
}

interface SignatureCheckedHead {
  readonly head: SignedTreeHead;
  /** The recomputed tree has this head's size and root. */
  readonly rootMatches: boolean;
}

interface SignatureCheckedHead {
  readonly head: SignedTreeHead;
  /** The recomputed tree has this head's size and root. */
  readonly rootMatches: boolean;
}

/** Checks each head's signature and root; returns the heads whose signature is valid, in order. */
function checkTreeHeads(
  heads: readonly SignedTreeHead[],
  tree: MerkleTree,
  publicKey: Uint8Array | AuditPublicKey,
  problems: AuditLogProblem[],
): SignatureCheckedHead[] {
  const signed: SignatureCheckedHead[] = [];
  heads.forEach((head, position) => {
    if (!verifyTreeHead(head, publicKey)) {
      problems.push({
        code: 'tree_head_signature_invalid',
        ...(typeof head.treeSize === 'number' ? { treeSize: head.treeSize } : {}),
        message: `tree head ${position} does not verify under the audit public key`,
      });
      return;
    }
    if (head.treeSize > tree.size) {
      problems.push({
        code: 'tree_head_size_exceeds_log',
        treeSize: head.treeSize,
        message: `tree head ${position} signs ${head.treeSize} records but the log holds ${tree.size}: rows were deleted`,
      });
      signed.push({ head, rootMatches: false });
      return;
    }
    const rootMatches = Buffer.from(tree.rootHash(head.treeSize)).toString('hex') === head.rootHash;
    signed.push({ head, rootMatches });
    if (!rootMatches) {
      problems.push({
        code: 'tree_head_root_mismatch',
        treeSize: head.treeSize,
        message: `the first ${head.treeSize} records do not hash to the root signed by tree head ${position}`,
      });
    }
  });
  return signed;
}

/** Checks that each validly signed head extends the one before it. */
function checkConsistency(
  heads: readonly SignatureCheckedHead[],
  tree: MerkleTree,
  problems: AuditLogProblem[],
): void {
  for (let i = 1; i < heads.length; i++) {
    const olderChecked = heads[i - 1];
    const newerChecked = heads[i];
    if (olderChecked === undefined || newerChecked === undefined) continue;
    const older = olderChecked.head;
    const newer = newerChecked.head;
    const between = `tree heads of sizes ${older.treeSize} and ${newer.treeSize}`;
    if (newer.treeSize < older.treeSize || newer.timestamp < older.timestamp) {
      problems.push({
        code: 'consistency_failed',
        treeSize: newer.treeSize,
        message: `${between} are out of order: a later head must be at least as large and as recent`,
      });
      continue;
    }
    if (!olderChecked.rootMatches || !newerChecked.rootMatches) continue;
    const consistent = verifyConsistency({
      oldSize: older.treeSize,
      newSize: newer.treeSize,
      oldRoot: Buffer.from(older.rootHash, 'hex'),
      newRoot: Buffer.from(newer.rootHash, 'hex'),
      proof: tree.consistencyProof(older.treeSize, newer.treeSize),
    });
    if (!consistent) {
      problems.push({
        code: 'consistency_failed',
        treeSize: newer.treeSize,
        message: `${between} are not consistent: the log was rewritten between them`,
      });
    }
  }
}

/** Proves evenly spread records, first and last included, into `head`. Returns how many proofs were checked. */
function checkSampleInclusion(
  head: SignedTreeHead,
  records: readonly StoredAuditRecord[],
  tree: MerkleTree,
  sampleCount: number,
  problems: AuditLogProblem[],
): number {
  const count = Math.min(sampleCount, head.treeSize);
  const indexes = new Set<number>();
  for (let k = 0; k < count; k++) {
    indexes.add(count === 1 ? 0 : Math.round((k * (head.treeSize - 1)) / (count - 1)));
  }
  const rootHash = Buffer.from(head.rootHash, 'hex');
  for (const leafIndex of indexes) {
    const record = records[leafIndex];
    if (record === undefined) continue;
    const included = verifyInclusion({
      leafHash: leafHash(record.canonicalBytes),
      leafIndex,
      treeSize: head.treeSize,
      proof: tree.inclusionProof(leafIndex, head.treeSize),
      rootHash,
    });
    if (!included) {
      problems.push({
        code: 'inclusion_failed',
        sequence: record.sequence,
        treeSize: head.treeSize,
        message: `record ${record.sequence} is not included in the tree head of size ${head.treeSize}`,
      });
    }
  }
  return indexes.size;
}
