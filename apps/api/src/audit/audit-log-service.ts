import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  auditPublicKeyFromSeed,
  MerkleTree,
  signTreeHead,
  verifyAuditLog,
  type AuditLogVerification,
  type AuditPublicKey,
  type Redacted,
  type SignedTreeHead,
} from '@carapace/security';
import { readAuditLeaves, type DatabaseHandle, type StoredAuditLeaf } from '@carapace/store';

/** The log's name in every head it signs, so a head of another installation's log never verifies here. */
export const AUDIT_LOG_ID = 'carapace-audit-log/1';

/** The audit log failed verification: a checkpoint refuses to sign over tampered records. */
export class AuditLogTamperedError extends Error {
  override readonly name = 'AuditLogTamperedError';
  constructor(readonly verification: AuditLogVerification) {
    super(
      `the audit log failed verification (${verification.problems.length} problem(s), first: ${
        verification.problems[0]?.code ?? 'none'
      }); run carapace audit verify`,
    );
  }
}

export interface AuditLogVerificationReport extends AuditLogVerification {
  readonly latestTreeHead: SignedTreeHead | null;
  readonly publicKey: string;
}

/**
 * Checkpoints and verification of the tamper-evident audit log. Signed tree heads go to a JSON-lines file
 * outside the database (`CARAPACE_AUDIT_DIR`), so someone who can rewrite the database cannot rewrite the
 * heads that witness it.
 *
 * One process writes the head file: checkpoints within a process are serialised, but a second process (a
 * `carapace audit checkpoint` beside a running server on PostgreSQL, or a second API instance) must not
 * checkpoint the same file at the same time.
 */
export class AuditLogService {
  readonly #database: DatabaseHandle;
  readonly #treeHeadFile: string;
  readonly #signingSeed: Redacted<Uint8Array>;
  readonly #clock: () => Date;
  /** Checkpoints run one at a time: two heads appended out of order would read as a broken log forever. */
  #checkpointing: Promise<unknown> = Promise.resolve();
  readonly publicKey: AuditPublicKey;

  constructor(options: {
    readonly database: DatabaseHandle;
    readonly treeHeadFile: string;
    readonly signingSeed: Redacted<Uint8Array>;
    readonly clock?: () => Date;
  }) {
    this.#database = options.database;
    this.#treeHeadFile = options.treeHeadFile;
    this.#signingSeed = options.signingSeed;
    this.#clock = options.clock ?? (() => new Date());
    this.publicKey = auditPublicKeyFromSeed(options.signingSeed.reveal());
  }

  get treeHeadFile(): string {
    return this.#treeHeadFile;
  }

  /** Every exported head, oldest first. A missing file is no heads yet. */
  async treeHeads(): Promise<SignedTreeHead[]> {
    let text: string;
    try {
      text = await readFile(this.#treeHeadFile, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as SignedTreeHead);
  }

  async latestTreeHead(): Promise<SignedTreeHead | null> {
    return (await this.treeHeads()).at(-1) ?? null;
  }

  /** Checks every stored record against its leaf hash and every exported head (consistency, inclusion). */
  async verify(): Promise<AuditLogVerificationReport> {
    const [leaves, heads] = await Promise.all([readAuditLeaves(this.#database.db), this.treeHeads()]);
    return this.#verify(leaves, heads);
  }

  #verify(leaves: readonly StoredAuditLeaf[], heads: readonly SignedTreeHead[]): AuditLogVerificationReport {
    const verification = verifyAuditLog({
      records: leaves.map((leaf) => ({
        sequence: leaf.sequence,
        canonicalBytes: leaf.canonicalBytes,
        storedLeafHash: Buffer.from(leaf.storedLeafHash, 'hex'),
      })),
      treeHeads: heads,
      publicKey: this.publicKey,
    });
    // A searchable column edited while the record itself was left alone is tampering too.
    const columnProblems = leaves
      .filter((leaf) => !leaf.columnsMatchRecord)
      .map((leaf) => ({
        code: 'column_mismatch' as const,
        sequence: leaf.sequence,
        message: `record ${leaf.sequence}: a searchable column differs from the signed record`,
      }));
    const problems = [...verification.problems, ...columnProblems];
    return {
      ...verification,
      ok: problems.length === 0,
      problems: problems as AuditLogVerification['problems'],
      latestTreeHead: heads.at(-1) ?? null,
      publicKey: this.publicKey.base64,
    };
  }

  /**
   * Signs a head over the whole log and appends it to the export file, after verifying the log against the
   * heads so far: a tampered log is never blessed by a new signature. Returns null when nothing was added
   * since the last head.
   *
   * @throws AuditLogTamperedError when verification fails
   */
  checkpoint(): Promise<SignedTreeHead | null> {
    const next = this.#checkpointing.then(
      () => this.#checkpointNow(),
      () => this.#checkpointNow(),
    );
    this.#checkpointing = next.catch(() => undefined);
    return next;
  }

  async #checkpointNow(): Promise<SignedTreeHead | null> {
    const [leaves, heads] = await Promise.all([readAuditLeaves(this.#database.db), this.treeHeads()]);
    const report = this.#verify(leaves, heads);
    if (!report.ok) throw new AuditLogTamperedError(report);
    const latest = heads.at(-1);
    if (latest !== undefined && latest.treeSize >= leaves.length) return null;
    const tree = MerkleTree.fromLeafHashes(leaves.map((leaf) => Buffer.from(leaf.storedLeafHash, 'hex')));
    const head = signTreeHead(
      {
        logId: AUDIT_LOG_ID,
        treeSize: leaves.length,
        rootHash: tree.rootHash(),
        timestamp: this.#clock().toISOString(),
      },
      this.#signingSeed.reveal(),
    );
    await mkdir(dirname(this.#treeHeadFile), { recursive: true, mode: 0o700 });
    await appendFile(this.#treeHeadFile, `${JSON.stringify(head)}\n`, { mode: 0o600 });
    const handle = await open(this.#treeHeadFile, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    return head;
  }
}
