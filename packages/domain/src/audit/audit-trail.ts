/**
 * What one audit record says, besides who acted (the unit of work's access context supplies the actor,
 * tenant, purpose, request and approval). Never raw personal data: subjects by id, values not at all.
 */
export interface AuditEntry {
  /** `read`, `create`, `update`, `sign_in`, `approve`, `unmask`, `export`, `key.rotate`, `destroy`, … */
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string | null;
  /** The data subject (a natural person) whose data was touched, when there is one. */
  readonly subjectId?: string | null;
  readonly result: AuditResult;
  /** How many rows a read or list returned. */
  readonly rows?: number;
  /** Small facts that help a reviewer (a new status, a reason code). Values must not be personal data. */
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
  /**
   * The tenant the record belongs to when the platform acts for one before anyone is signed in (a sign-in
   * attempt on a known account), so the tenant's auditors see it. A user's records always carry their own.
   */
  readonly tenantId?: string | null;
}

export const AUDIT_RESULTS = ['success', 'denied', 'failed'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/** An audit record as stored: the entry, its context and its place in the Merkle log. */
export interface AuditRecord {
  readonly sequence: number;
  readonly recordedAt: Date;
  readonly tenantId: string | null;
  readonly actorId: string;
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string | null;
  readonly subjectId: string | null;
  readonly result: AuditResult;
  readonly purpose: string;
  readonly requestId: string | null;
  readonly approvalId: string | null;
  readonly rows: number | null;
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
  /** RFC 6962 leaf hash of the canonical record, hex. */
  readonly leafHash: string;
}

export interface AuditQuery {
  readonly tenantId?: string;
  readonly actorId?: string;
  readonly action?: string;
  readonly objectType?: string;
  readonly objectId?: string;
  readonly subjectId?: string;
  readonly afterSequence?: number;
  readonly limit: number;
}

/**
 * Port: the append-only audit log. `record` writes in the caller's transaction, so a change and the record
 * of it commit or roll back together.
 */
export interface AuditTrail {
  record(entry: AuditEntry): Promise<void>;
  list(query: AuditQuery): Promise<AuditRecord[]>;
}
