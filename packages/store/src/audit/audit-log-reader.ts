import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { auditLeafBytes, type CanonicalAuditRecord } from './audit-record-canonical-form.js';

/** One stored audit row as the verifier needs it: what the leaf should commit to, and what was stored. */
export interface StoredAuditLeaf {
  readonly sequence: number;
  /** Canonical bytes recomputed from the stored record. */
  readonly canonicalBytes: Uint8Array;
  readonly storedLeafHash: string;
  /**
   * False when a searchable column (action, object, subject, result, tenant, actor) no longer says what the
   * record says: an edit that left the record itself alone.
   */
  readonly columnsMatchRecord: boolean;
}

const PAGE = 5_000;

/**
 * Reads the whole audit log in sequence order, in pages, as the platform (no tenant filter). Used by the
 * checkpoint job and the verifier, never by a request.
 */
export async function readAuditLeaves(db: Kysely<Database>): Promise<StoredAuditLeaf[]> {
  const leaves: StoredAuditLeaf[] = [];
  let after = '0';
  for (;;) {
    const rows = await db
      .selectFrom('auditLog')
      .selectAll()
      .where('sequence', '>', after)
      .orderBy('sequence')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const record = row.record as unknown as CanonicalAuditRecord;
      leaves.push({
        sequence: Number(row.sequence),
        canonicalBytes: auditLeafBytes(record),
        storedLeafHash: row.leafHash,
        columnsMatchRecord:
          Number(row.sequence) === record.sequence &&
          row.recordedAt.toISOString() === record.recordedAt &&
          row.tenantId === record.tenantId &&
          row.actorId === record.actorId &&
          row.action === record.action &&
          row.objectType === record.objectType &&
          row.objectId === record.objectId &&
          row.subjectId === record.subjectId &&
          row.result === record.result,
      });
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < PAGE) return leaves;
    after = last.sequence;
  }
}
