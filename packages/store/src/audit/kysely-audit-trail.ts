import { sql, type Kysely } from 'kysely';
import {
  actorId,
  type AccessContext,
  type AuditEntry,
  type AuditQuery,
  type AuditRecord,
  type AuditTrail,
} from '@carapace/domain';
import { ownedByTenant, type DataScope } from '../data-scope.js';
import type { Database } from '../schema.js';
import {
  auditLeafHash,
  auditRecordFromCanonical,
  canonicalAuditRecord,
  type CanonicalAuditRecord,
} from './audit-record-canonical-form.js';

/**
 * One advisory-lock key for the whole log. Appends take it until their transaction ends, so sequence numbers
 * are assigned in commit order with no gaps: a signed tree head over the first n records can never be
 * overtaken by a record with a smaller number committing later.
 */
const AUDIT_APPEND_LOCK = 0x4341_5241; // "CARA"

const LIST_LIMIT_MAX = 1000;

/**
 * The audit log as seen from one unit of work: `record` collects entries, `flush` appends them just before the
 * transaction commits (so they commit together with the change they record, or not at all).
 */
export class KyselyAuditTrail implements AuditTrail {
  readonly #pending: AuditEntry[] = [];

  constructor(
    private readonly db: Kysely<Database>,
    private readonly scope: DataScope,
    private readonly context: AccessContext,
    private readonly clock: () => Date,
  ) {}

  record(entry: AuditEntry): Promise<void> {
    const last = this.#pending.at(-1);
    // The same access twice in a row (a read under lock, then the read of its result) is one record.
    const repeated =
      last !== undefined &&
      last.action === entry.action &&
      last.objectType === entry.objectType &&
      last.objectId === entry.objectId &&
      last.result === entry.result &&
      entry.details === undefined &&
      last.details === undefined;
    if (!repeated) this.#pending.push(entry);
    return Promise.resolve();
  }

  async list(query: AuditQuery): Promise<AuditRecord[]> {
    let select = this.db
      .selectFrom('auditLog')
      .select(['record', 'leafHash'])
      .where(ownedByTenant(this.scope));
    if (query.tenantId !== undefined) select = select.where('tenantId', '=', query.tenantId);
    if (query.actorId !== undefined) select = select.where('actorId', '=', query.actorId);
    if (query.action !== undefined) select = select.where('action', '=', query.action);
    if (query.objectType !== undefined) select = select.where('objectType', '=', query.objectType);
    if (query.objectId !== undefined) select = select.where('objectId', '=', query.objectId);
    if (query.subjectId !== undefined) select = select.where('subjectId', '=', query.subjectId);
    if (query.afterSequence !== undefined)
      select = select.where('sequence', '>', String(query.afterSequence));
    const rows = await select
      .orderBy('sequence', 'desc')
      .limit(Math.min(Math.max(query.limit, 1), LIST_LIMIT_MAX))
      .execute();
    return rows.map((row) =>
      auditRecordFromCanonical(row.record as unknown as CanonicalAuditRecord, row.leafHash),
    );
  }

  /** Appends the collected entries. Runs as the connection's own role: tenants cannot write the log directly. */
  async flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    // Back to the connection's own role (a no-op for the platform) and take the append lock, in one round trip.
    await sql`select set_config('role', 'none', true), pg_advisory_xact_lock(${AUDIT_APPEND_LOCK})`.execute(
      this.db,
    );
    const { last } = await this.db
      .selectFrom('auditLog')
      .select(sql<string>`coalesce(max(sequence), 0)`.as('last'))
      .executeTakeFirstOrThrow();
    let sequence = Number(last);
    const recordedAt = this.clock();
    const context = {
      tenantId: this.context.actor.kind === 'user' ? this.context.actor.tenantId : null,
      actorId: actorId(this.context.actor),
      purpose: this.context.purpose,
      requestId: this.context.requestId,
      approvalId: this.context.approvalId,
    };
    const rows = this.#pending.map((entry) => {
      sequence += 1;
      const record = canonicalAuditRecord(
        sequence,
        recordedAt,
        { ...context, tenantId: context.tenantId ?? entry.tenantId ?? null },
        entry,
      );
      return {
        sequence,
        recordedAt,
        record: JSON.stringify(record),
        tenantId: record.tenantId,
        actorId: record.actorId,
        action: record.action,
        objectType: record.objectType,
        objectId: record.objectId,
        subjectId: record.subjectId,
        result: record.result,
        leafHash: auditLeafHash(record),
      };
    });
    this.#pending.length = 0;
    await this.db.insertInto('auditLog').values(rows).execute();
  }
}
