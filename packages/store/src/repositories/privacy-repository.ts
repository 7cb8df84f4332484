import { sql, type Kysely, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import type {
  DataSubjectStatus,
  Destruction,
  DestructionOrder,
  LegalHold,
  PrivacyRepository,
  ProtectedSubjectFields,
  StoredDataSubject,
  SubjectRequest,
  SubjectRequestKind,
  SubjectRequestStatus,
} from '@carapace/domain';
import type { AccessRecordingTable } from '../audit/access-recording-repository.js';
import { ownedByTenant, TenantIsolationError, type DataScope } from '../data-scope.js';
import type {
  Database,
  DataSubjectsTable,
  DestructionOrdersTable,
  DestructionsTable,
  LegalHoldsTable,
  SubjectRequestsTable,
} from '../schema.js';
import { isUuid } from './uuid.js';

const LIST_LIMIT_MAX = 1000;

function toSubject(row: Selectable<DataSubjectsTable>): StoredDataSubject {
  return {
    id: row.id,
    tenantId: row.tenantId,
    organisationId: row.organisationId,
    kind: row.kind,
    status: row.status,
    ciphertexts: {
      name: row.nameCiphertext,
      mobile: row.mobileCiphertext,
      idNumber: row.idNumberCiphertext,
      email: row.emailCiphertext,
    },
    createdAt: row.createdAt,
    erasedAt: row.erasedAt,
  };
}

function toLegalHold(row: Selectable<LegalHoldsTable>): LegalHold {
  return {
    id: row.id,
    tenantId: row.tenantId,
    subjectId: row.subjectId,
    reason: row.reason,
    placedBy: row.placedBy,
    placedAt: row.placedAt,
    releasedBy: row.releasedBy,
    releasedAt: row.releasedAt,
  };
}

function toSubjectRequest(row: Selectable<SubjectRequestsTable>): SubjectRequest {
  return {
    id: row.id,
    tenantId: row.tenantId,
    subjectId: row.subjectId,
    kind: row.kind,
    status: row.status,
    receivedAt: row.receivedAt,
    dueAt: row.dueAt,
    requestedBy: row.requestedBy,
    completedBy: row.completedBy,
    completedAt: row.completedAt,
    outcomeNote: row.outcomeNote,
  };
}

function toDestructionOrder(row: Selectable<DestructionOrdersTable>): DestructionOrder {
  return {
    id: row.id,
    tenantId: row.tenantId,
    subjectId: row.subjectId,
    subjectRequestId: row.subjectRequestId,
    requestedBy: row.requestedBy,
    orderedBy: row.orderedBy,
    witnessId: row.witnessId,
    status: row.status,
    orderedAt: row.orderedAt,
    confirmedAt: row.confirmedAt,
  };
}

function toDestruction(row: Selectable<DestructionsTable>): Destruction {
  return {
    id: row.id,
    tenantId: row.tenantId,
    subjectId: row.subjectId,
    subjectRequestId: row.subjectRequestId,
    requestedBy: row.requestedBy,
    approvedBy: row.approvedBy,
    witnessedBy: row.witnessedBy,
    method: row.method,
    dataKeyId: row.dataKeyId,
    destroyedAt: row.destroyedAt,
    verification: row.verification,
  };
}

function protectedColumns(fields: ProtectedSubjectFields) {
  return {
    nameCiphertext: fields.ciphertexts.name,
    mobileCiphertext: fields.ciphertexts.mobile,
    idNumberCiphertext: fields.ciphertexts.idNumber,
    emailCiphertext: fields.ciphertexts.email,
    mobileIndex: fields.mobileIndex,
    idNumberIndex: fields.idNumberIndex,
  };
}

/** The data subjects the scope may see: the insurer holding them and the company they work for. */
function subjectVisible(scope: DataScope): RawBuilder<SqlBool> {
  if (scope.kind === 'platform') return sql<SqlBool>`true`;
  return sql<SqlBool>`${scope.tenantId}::uuid in (tenant_id, organisation_id)`;
}

/**
 * Data subjects as ciphertexts, legal holds, subject requests and destructions. Every query carries the
 * scope's filter besides Row-Level Security; rows of another tenant are never written. Only the holding
 * insurer changes a subject: the insured company sees its contact person but cannot edit the record.
 */
export class KyselyPrivacyRepository implements PrivacyRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly scope: DataScope,
  ) {}

  private requireTenant(tenantId: string, what: string): void {
    if (this.scope.kind === 'tenant' && this.scope.tenantId !== tenantId) {
      throw new TenantIsolationError(`refused to write a ${what} for another tenant`);
    }
  }

  async insertSubject(
    subject: {
      readonly id: string;
      readonly tenantId: string;
      readonly organisationId: string;
      readonly kind: 'contact_person';
      readonly createdAt: Date;
    } & ProtectedSubjectFields,
  ): Promise<StoredDataSubject> {
    this.requireTenant(subject.tenantId, 'data subject');
    const row = await this.db
      .insertInto('dataSubjects')
      .values({
        id: subject.id,
        tenantId: subject.tenantId,
        organisationId: subject.organisationId,
        kind: subject.kind,
        status: 'active',
        createdAt: subject.createdAt,
        ...protectedColumns(subject),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSubject(row);
  }

  async findSubject(
    id: string,
    options: { readonly forUpdate?: boolean } = {},
  ): Promise<StoredDataSubject | undefined> {
    if (!isUuid(id)) return undefined;
    let query = this.db
      .selectFrom('dataSubjects')
      .selectAll()
      .where('id', '=', id)
      .where(subjectVisible(this.scope));
    if (options.forUpdate === true) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row === undefined ? undefined : toSubject(row);
  }

  async findSubjectsByIndex(kind: 'mobile' | 'id_number', index: string): Promise<StoredDataSubject[]> {
    const rows = await this.db
      .selectFrom('dataSubjects')
      .selectAll()
      .where(kind === 'mobile' ? 'mobileIndex' : 'idNumberIndex', '=', index)
      // Search is the holding insurer's tool: an insured company looks up no one by number.
      .where(ownedByTenant(this.scope))
      .orderBy('subjectSeq')
      .limit(LIST_LIMIT_MAX)
      .execute();
    return rows.map(toSubject);
  }

  async listSubjects(filter: {
    readonly organisationId?: string;
    readonly limit: number;
    readonly offset: number;
  }): Promise<{ readonly items: StoredDataSubject[]; readonly total: number }> {
    if (filter.organisationId !== undefined && !isUuid(filter.organisationId)) return { items: [], total: 0 };
    let base = this.db.selectFrom('dataSubjects').where(subjectVisible(this.scope));
    if (filter.organisationId !== undefined) base = base.where('organisationId', '=', filter.organisationId);
    const [rows, count] = await Promise.all([
      base
        .selectAll()
        .orderBy('subjectSeq')
        .limit(Math.min(Math.max(filter.limit, 1), LIST_LIMIT_MAX))
        .offset(Math.max(filter.offset, 0))
        .execute(),
      base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toSubject), total: Number(count.total) };
  }

  async replaceSubjectFields(id: string, fields: ProtectedSubjectFields): Promise<StoredDataSubject> {
    const row = await this.db
      .updateTable('dataSubjects')
      .set(protectedColumns(fields))
      .where('id', '=', id)
      .where(ownedByTenant(this.scope))
      .where('status', '<>', 'erased')
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSubject(row);
  }

  async setSubjectStatus(id: string, status: Exclude<DataSubjectStatus, 'erased'>): Promise<void> {
    await this.db
      .updateTable('dataSubjects')
      .set({ status })
      .where('id', '=', id)
      .where(ownedByTenant(this.scope))
      .where('status', '<>', 'erased')
      .executeTakeFirstOrThrow();
  }

  async eraseSubject(id: string, erasedAt: Date): Promise<StoredDataSubject> {
    const row = await this.db
      .updateTable('dataSubjects')
      .set({
        status: 'erased',
        erasedAt,
        nameCiphertext: null,
        mobileCiphertext: null,
        idNumberCiphertext: null,
        emailCiphertext: null,
        mobileIndex: null,
        idNumberIndex: null,
      })
      .where('id', '=', id)
      .where(ownedByTenant(this.scope))
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSubject(row);
  }

  async insertLegalHold(hold: Omit<LegalHold, 'id' | 'releasedBy' | 'releasedAt'>): Promise<LegalHold> {
    this.requireTenant(hold.tenantId, 'legal hold');
    const row = await this.db.insertInto('legalHolds').values(hold).returningAll().executeTakeFirstOrThrow();
    return toLegalHold(row);
  }

  async findLegalHold(
    id: string,
    options: { readonly forUpdate?: boolean } = {},
  ): Promise<LegalHold | undefined> {
    if (!isUuid(id)) return undefined;
    let query = this.db
      .selectFrom('legalHolds')
      .selectAll()
      .where('id', '=', id)
      .where(ownedByTenant(this.scope));
    if (options.forUpdate === true) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row === undefined ? undefined : toLegalHold(row);
  }

  async releaseLegalHold(
    id: string,
    release: { readonly releasedBy: string; readonly releasedAt: Date },
  ): Promise<LegalHold> {
    const row = await this.db
      .updateTable('legalHolds')
      .set(release)
      .where('id', '=', id)
      .where(ownedByTenant(this.scope))
      .where('releasedAt', 'is', null)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toLegalHold(row);
  }

  async listLegalHolds(subjectId: string): Promise<LegalHold[]> {
    if (!isUuid(subjectId)) return [];
    const rows = await this.db
      .selectFrom('legalHolds')
      .selectAll()
      .where('subjectId', '=', subjectId)
      .where(ownedByTenant(this.scope))
      .orderBy('placedAt')
      .orderBy('id')
      .execute();
    return rows.map(toLegalHold);
  }

  async insertSubjectRequest(
    request: Omit<SubjectRequest, 'id' | 'status' | 'completedBy' | 'completedAt' | 'outcomeNote'>,
  ): Promise<SubjectRequest> {
    this.requireTenant(request.tenantId, 'subject request');
    const row = await this.db
      .insertInto('subjectRequests')
      .values({ ...request, status: 'received' })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSubjectRequest(row);
  }

  async findSubjectRequest(
    id: string,
    options: { readonly forUpdate?: boolean } = {},
  ): Promise<SubjectRequest | undefined> {
    if (!isUuid(id)) return undefined;
    let query = this.db
      .selectFrom('subjectRequests')
      .selectAll()
      .where('id', '=', id)
      .where(ownedByTenant(this.scope));
    if (options.forUpdate === true) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row === undefined ? undefined : toSubjectRequest(row);
  }

  async listSubjectRequests(filter: {
    readonly subjectId?: string;
    readonly status?: SubjectRequestStatus;
    readonly kind?: SubjectRequestKind;
  }): Promise<SubjectRequest[]> {
    if (filter.subjectId !== undefined && !isUuid(filter.subjectId)) return [];
    let query = this.db.selectFrom('subjectRequests').selectAll().where(ownedByTenant(this.scope));
    if (filter.subjectId !== undefined) query = query.where('subjectId', '=', filter.subjectId);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
    const rows = await query.orderBy('dueAt').orderBy('requestSeq').limit(LIST_LIMIT_MAX).execute();
    return rows.map(toSubjectRequest);
  }

  async closeSubjectRequest(
    id: string,
    outcome: {
      readonly status: Exclude<SubjectRequestStatus, 'received'>;
      readonly completedBy: string;
      readonly completedAt: Date;
      readonly outcomeNote: string | null;
    },
  ): Promise<SubjectRequest> {
    const row = await this.db
      .updateTable('subjectRequests')
      .set(outcome)
      .where('id', '=', id)
      .where(ownedByTenant(this.scope))
      .where('status', '=', 'received')
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSubjectRequest(row);
  }

  async insertDestructionOrder(
    order: Omit<DestructionOrder, 'id' | 'status' | 'confirmedAt'>,
  ): Promise<
    { readonly kind: 'inserted'; readonly order: DestructionOrder } | { readonly kind: 'duplicate' }
  > {
    this.requireTenant(order.tenantId, 'destruction order');
    // ON CONFLICT DO NOTHING: a unique violation would abort the caller's whole transaction.
    const row = await this.db
      .insertInto('destructionOrders')
      .values({ ...order, status: 'pending' })
      .onConflict((conflict) => conflict.column('subjectRequestId').doNothing())
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? { kind: 'duplicate' } : { kind: 'inserted', order: toDestructionOrder(row) };
  }

  async findDestructionOrder(
    id: string,
    options: { readonly forUpdate?: boolean } = {},
  ): Promise<DestructionOrder | undefined> {
    if (!isUuid(id)) return undefined;
    let query = this.db
      .selectFrom('destructionOrders')
      .selectAll()
      .where('id', '=', id)
      .where(ownedByTenant(this.scope));
    if (options.forUpdate === true) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row === undefined ? undefined : toDestructionOrder(row);
  }

  async confirmDestructionOrder(id: string, confirmedAt: Date): Promise<DestructionOrder> {
    const row = await this.db
      .updateTable('destructionOrders')
      .set({ status: 'confirmed', confirmedAt })
      .where('id', '=', id)
      .where(ownedByTenant(this.scope))
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirstOrThrow();
    return toDestructionOrder(row);
  }

  async insertDestruction(destruction: Omit<Destruction, 'id'>): Promise<Destruction> {
    this.requireTenant(destruction.tenantId, 'destruction record');
    const row = await this.db
      .insertInto('destructions')
      .values({ ...destruction, verification: JSON.stringify(destruction.verification) })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toDestruction(row);
  }

  async findDestruction(subjectId: string): Promise<Destruction | undefined> {
    if (!isUuid(subjectId)) return undefined;
    const row = await this.db
      .selectFrom('destructions')
      .selectAll()
      .where('subjectId', '=', subjectId)
      .where(ownedByTenant(this.scope))
      .executeTakeFirst();
    return row === undefined ? undefined : toDestruction(row);
  }
}

const firstArgument = (args: readonly unknown[]): string | null =>
  typeof args[0] === 'string' ? args[0] : null;
const resultId = (_args: readonly unknown[], result: unknown): string | null => {
  const value = result as { id?: unknown; order?: { id?: unknown } } | undefined;
  if (typeof value?.id === 'string') return value.id;
  return typeof value?.order?.id === 'string' ? value.order.id : null;
};
const foundRows = (result: unknown): number => (result === undefined ? 0 : 1);
const listedRows = (result: unknown): number => (Array.isArray(result) ? result.length : 0);
const pageRows = (result: unknown): number =>
  typeof result === 'object' && result !== null && 'items' in result && Array.isArray(result.items)
    ? result.items.length
    : 0;

/**
 * How each call is recorded by the data-access layer. The use cases add their own records naming the
 * subject and what was shown (masked, unmasked, exported); these make sure no call goes unrecorded.
 */
export const PRIVACY_ACCESS_RECORDING: AccessRecordingTable<PrivacyRepository> = {
  insertSubject: { action: 'create', objectType: 'data_subject', objectId: resultId },
  findSubject: { action: 'read', objectType: 'data_subject', objectId: firstArgument, rows: foundRows },
  findSubjectsByIndex: { action: 'list', objectType: 'data_subject', objectId: () => null, rows: listedRows },
  listSubjects: { action: 'list', objectType: 'data_subject', objectId: () => null, rows: pageRows },
  replaceSubjectFields: { action: 'update', objectType: 'data_subject', objectId: firstArgument },
  setSubjectStatus: { action: 'update', objectType: 'data_subject', objectId: firstArgument },
  eraseSubject: { action: 'update', objectType: 'data_subject', objectId: firstArgument },
  insertLegalHold: { action: 'create', objectType: 'legal_hold', objectId: resultId },
  findLegalHold: { action: 'read', objectType: 'legal_hold', objectId: firstArgument, rows: foundRows },
  releaseLegalHold: { action: 'update', objectType: 'legal_hold', objectId: firstArgument },
  listLegalHolds: { action: 'list', objectType: 'legal_hold', objectId: firstArgument, rows: listedRows },
  insertSubjectRequest: { action: 'create', objectType: 'subject_request', objectId: resultId },
  findSubjectRequest: {
    action: 'read',
    objectType: 'subject_request',
    objectId: firstArgument,
    rows: foundRows,
  },
  listSubjectRequests: {
    action: 'list',
    objectType: 'subject_request',
    objectId: () => null,
    rows: listedRows,
  },
  closeSubjectRequest: { action: 'update', objectType: 'subject_request', objectId: firstArgument },
  insertDestructionOrder: { action: 'create', objectType: 'destruction_order', objectId: resultId },
  findDestructionOrder: {
    action: 'read',
    objectType: 'destruction_order',
    objectId: firstArgument,
    rows: foundRows,
  },
  confirmDestructionOrder: { action: 'update', objectType: 'destruction_order', objectId: firstArgument },
  insertDestruction: { action: 'create', objectType: 'destruction', objectId: resultId },
  findDestruction: { action: 'read', objectType: 'destruction', objectId: firstArgument, rows: foundRows },
};
