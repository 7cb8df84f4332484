/** The personal fields of a data subject, each stored as its own ciphertext under the subject's data key. */
export const PERSONAL_FIELDS = ['name', 'mobile', 'idNumber', 'email'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

/** The table and columns the field ciphertexts live in; part of each value's associated data. */
export const DATA_SUBJECTS_TABLE = 'data_subjects';
export const PERSONAL_FIELD_COLUMNS: Readonly<Record<PersonalField, string>> = {
  name: 'name_ciphertext',
  mobile: 'mobile_ciphertext',
  idNumber: 'id_number_ciphertext',
  email: 'email_ciphertext',
};

export const DATA_SUBJECT_STATUSES = ['active', 'restricted', 'erased'] as const;
/**
 * `restricted`: storage only (PIPL art. 47 §2) while a legal hold keeps data a deletion request asks to
 * erase; `erased`: crypto-shredded, no field left.
 */
export type DataSubjectStatus = (typeof DATA_SUBJECT_STATUSES)[number];

/** A contact person's details as given: the name and mobile are required. */
export interface PersonalDetails {
  readonly name: string;
  readonly mobile: string;
  readonly idNumber: string | null;
  readonly email: string | null;
}

/** Field values as read: plaintext, masked, or null when absent or erased. */
export type PersonalFieldValues = Readonly<Record<PersonalField, string | null>>;

/** A data subject as stored: ciphertexts only. Never leaves the privacy use cases. */
export interface StoredDataSubject {
  readonly id: string;
  /** The insurer tenant that holds the data (and whose key encrypts it). */
  readonly tenantId: string;
  /** The insured company whose contact person this is. */
  readonly organisationId: string;
  readonly kind: 'contact_person';
  readonly status: DataSubjectStatus;
  readonly ciphertexts: PersonalFieldValues;
  readonly createdAt: Date;
  readonly erasedAt: Date | null;
}

/** A data subject as shown: masked by default, plaintext only under an approved unmask or export. */
export interface DataSubjectView {
  readonly id: string;
  readonly tenantId: string;
  readonly organisationId: string;
  readonly kind: 'contact_person';
  readonly status: DataSubjectStatus;
  readonly details: PersonalFieldValues;
  readonly masked: boolean;
  readonly createdAt: Date;
  readonly erasedAt: Date | null;
}

export interface LegalHold {
  readonly id: string;
  readonly tenantId: string;
  readonly subjectId: string;
  /** The legal basis for keeping the data (e.g. 反洗钱法 第34条), never personal data. */
  readonly reason: string;
  readonly placedBy: string;
  readonly placedAt: Date;
  readonly releasedBy: string | null;
  readonly releasedAt: Date | null;
}

export const SUBJECT_REQUEST_KINDS = ['access', 'correction', 'deletion'] as const;
/** PIPL art. 45 access and copy, art. 46 correction, art. 47 deletion. */
export type SubjectRequestKind = (typeof SUBJECT_REQUEST_KINDS)[number];

export const SUBJECT_REQUEST_STATUSES = ['received', 'completed', 'refused'] as const;
export type SubjectRequestStatus = (typeof SUBJECT_REQUEST_STATUSES)[number];

/** GB/T 35273-2020 §8.7: a subject request is answered within 30 days. */
export const SUBJECT_REQUEST_DUE_DAYS = 30;

export interface SubjectRequest {
  readonly id: string;
  readonly tenantId: string;
  readonly subjectId: string;
  readonly kind: SubjectRequestKind;
  readonly status: SubjectRequestStatus;
  readonly receivedAt: Date;
  readonly dueAt: Date;
  /** The member of staff who recorded the person's request. */
  readonly requestedBy: string;
  readonly completedBy: string | null;
  readonly completedAt: Date | null;
  /** How the request was handled or why it was refused (PIPL art. 50); never a personal value. */
  readonly outcomeNote: string | null;
}

export const DESTRUCTION_ORDER_STATUSES = ['pending', 'confirmed'] as const;
export type DestructionOrderStatus = (typeof DESTRUCTION_ORDER_STATUSES)[number];

/** A compliance officer's order to crypto-shred a subject, waiting for the named witness to confirm. */
export interface DestructionOrder {
  readonly id: string;
  readonly tenantId: string;
  readonly subjectId: string;
  readonly subjectRequestId: string;
  readonly requestedBy: string;
  readonly orderedBy: string;
  readonly witnessId: string;
  readonly status: DestructionOrderStatus;
  readonly orderedAt: Date;
  readonly confirmedAt: Date | null;
}

/** What the key vault checked after destroying the key: both must be true for the erasure to count. */
export interface DestructionVerification {
  readonly keyFileRemoved: boolean;
  readonly decryptionRefused: boolean;
}

/** The record of a supervised destruction (REQ-DEL-2): append-only. */
export interface Destruction {
  readonly id: string;
  readonly tenantId: string;
  readonly subjectId: string;
  readonly subjectRequestId: string;
  readonly requestedBy: string;
  readonly approvedBy: string;
  readonly witnessedBy: string;
  readonly method: 'crypto_shredding';
  readonly dataKeyId: string | null;
  readonly destroyedAt: Date;
  readonly verification: DestructionVerification;
}
