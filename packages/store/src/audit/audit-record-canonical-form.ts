import { canonicalJson, leafHash } from '@carapace/security';
import type { AuditEntry, AuditRecord } from '@carapace/domain';

/** The fields a leaf hash covers, as stored in audit_log.record: the record without its hash, dates as ISO 8601 UTC. */
export type CanonicalAuditRecord = Omit<AuditRecord, 'recordedAt' | 'leafHash'> & {
  readonly recordedAt: string;
};

const encoder = new TextEncoder();

/** The exact bytes a Merkle leaf commits to: RFC 8785-style canonical JSON of the record. */
export function auditLeafBytes(record: CanonicalAuditRecord): Uint8Array {
  return encoder.encode(canonicalJson(record));
}

/** RFC 6962 leaf hash of the record, hex. */
export function auditLeafHash(record: CanonicalAuditRecord): string {
  return Buffer.from(leafHash(auditLeafBytes(record))).toString('hex');
}

export function canonicalAuditRecord(
  sequence: number,
  recordedAt: Date,
  context: Omit<
    CanonicalAuditRecord,
    'sequence' | 'recordedAt' | Exclude<keyof AuditEntry, 'tenantId'> | 'rows'
  >,
  entry: AuditEntry,
): CanonicalAuditRecord {
  return {
    sequence,
    recordedAt: recordedAt.toISOString(),
    tenantId: context.tenantId,
    actorId: context.actorId,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    subjectId: entry.subjectId ?? null,
    result: entry.result,
    purpose: context.purpose,
    requestId: context.requestId,
    approvalId: context.approvalId,
    rows: entry.rows ?? null,
    details: entry.details ?? {},
  };
}

export function auditRecordFromCanonical(record: CanonicalAuditRecord, leafHashHex: string): AuditRecord {
  return { ...record, recordedAt: new Date(record.recordedAt), leafHash: leafHashHex };
}
