import type {
  DataSubjectStatus,
  Destruction,
  DestructionOrder,
  LegalHold,
  PersonalFieldValues,
  StoredDataSubject,
  SubjectRequest,
  SubjectRequestKind,
  SubjectRequestStatus,
} from './privacy-records.js';

/** The protected columns of a data subject: ciphertexts and blind indexes, written together. */
export interface ProtectedSubjectFields {
  readonly ciphertexts: PersonalFieldValues;
  readonly mobileIndex: string;
  readonly idNumberIndex: string | null;
}

/** Port: data subjects, legal holds, subject requests and destructions. Implemented in packages/store. */
export interface PrivacyRepository {
  insertSubject(
    subject: {
      readonly id: string;
      readonly tenantId: string;
      readonly organisationId: string;
      readonly kind: 'contact_person';
      readonly createdAt: Date;
    } & ProtectedSubjectFields,
  ): Promise<StoredDataSubject>;
  findSubject(id: string, options?: { readonly forUpdate?: boolean }): Promise<StoredDataSubject | undefined>;
  /** Subjects of the caller's scope whose blind index of that kind equals `index`. */
  findSubjectsByIndex(kind: 'mobile' | 'id_number', index: string): Promise<StoredDataSubject[]>;
  listSubjects(filter: {
    readonly organisationId?: string;
    readonly limit: number;
    readonly offset: number;
  }): Promise<{ readonly items: StoredDataSubject[]; readonly total: number }>;
  /** Replaces every ciphertext and index: a corrected value's old ciphertext is gone from the row. */
  replaceSubjectFields(id: string, fields: ProtectedSubjectFields): Promise<StoredDataSubject>;
  setSubjectStatus(id: string, status: Exclude<DataSubjectStatus, 'erased'>): Promise<void>;
  /** Nulls every ciphertext and index and marks the subject erased. */
  eraseSubject(id: string, erasedAt: Date): Promise<StoredDataSubject>;

  insertLegalHold(hold: Omit<LegalHold, 'id' | 'releasedBy' | 'releasedAt'>): Promise<LegalHold>;
  findLegalHold(id: string, options?: { readonly forUpdate?: boolean }): Promise<LegalHold | undefined>;
  releaseLegalHold(
    id: string,
    release: { readonly releasedBy: string; readonly releasedAt: Date },
  ): Promise<LegalHold>;
  listLegalHolds(subjectId: string): Promise<LegalHold[]>;

  insertSubjectRequest(
    request: Omit<SubjectRequest, 'id' | 'status' | 'completedBy' | 'completedAt' | 'outcomeNote'>,
  ): Promise<SubjectRequest>;
  findSubjectRequest(
    id: string,
    options?: { readonly forUpdate?: boolean },
  ): Promise<SubjectRequest | undefined>;
  listSubjectRequests(filter: {
    readonly subjectId?: string;
    readonly status?: SubjectRequestStatus;
    readonly kind?: SubjectRequestKind;
  }): Promise<SubjectRequest[]>;
  closeSubjectRequest(
    id: string,
    outcome: {
      readonly status: Exclude<SubjectRequestStatus, 'received'>;
      readonly completedBy: string;
      readonly completedAt: Date;
      readonly outcomeNote: string | null;
    },
  ): Promise<SubjectRequest>;

  insertDestructionOrder(
    order: Omit<DestructionOrder, 'id' | 'status' | 'confirmedAt'>,
  ): Promise<
    { readonly kind: 'inserted'; readonly order: DestructionOrder } | { readonly kind: 'duplicate' }
  >;
  findDestructionOrder(
    id: string,
    options?: { readonly forUpdate?: boolean },
  ): Promise<DestructionOrder | undefined>;
  confirmDestructionOrder(id: string, confirmedAt: Date): Promise<DestructionOrder>;

  insertDestruction(destruction: Omit<Destruction, 'id'>): Promise<Destruction>;
  findDestruction(subjectId: string): Promise<Destruction | undefined>;
}
