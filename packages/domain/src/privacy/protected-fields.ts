import { MASK_RULES } from '@carapace/security';
import { classificationOf } from './data-classification.js';
import type { PersonalDataProtection, PersonalFieldLocation } from './personal-data-protection.js';
import type { ProtectedSubjectFields } from './privacy-repository.js';
import {
  DATA_SUBJECTS_TABLE,
  PERSONAL_FIELD_COLUMNS,
  PERSONAL_FIELDS,
  type DataSubjectView,
  type PersonalDetails,
  type PersonalField,
  type PersonalFieldValues,
  type StoredDataSubject,
} from './privacy-records.js';

/** The subject is its own row: the row id and the subject id in the associated data are the same. */
export function fieldLocation(
  subject: { readonly id: string; readonly tenantId: string },
  field: PersonalField,
): PersonalFieldLocation {
  return {
    tenantId: subject.tenantId,
    table: DATA_SUBJECTS_TABLE,
    column: PERSONAL_FIELD_COLUMNS[field],
    rowId: subject.id,
    subjectId: subject.id,
  };
}

/** Encrypts normalised details under the subject's key and computes their blind indexes. */
export async function protectDetails(
  protection: PersonalDataProtection,
  subject: { readonly id: string; readonly tenantId: string },
  details: PersonalDetails,
): Promise<ProtectedSubjectFields> {
  const encrypt = (field: PersonalField, value: string | null) =>
    value === null ? Promise.resolve(null) : protection.encrypt(value, fieldLocation(subject, field));
  const [name, mobile, idNumber, email] = await Promise.all([
    encrypt('name', details.name),
    encrypt('mobile', details.mobile),
    encrypt('idNumber', details.idNumber),
    encrypt('email', details.email),
  ]);
  return {
    ciphertexts: { name, mobile, idNumber, email },
    mobileIndex: protection.blindIndex('phone', details.mobile),
    idNumberIndex: details.idNumber === null ? null : protection.blindIndex('id_number', details.idNumber),
  };
}

/** Decrypts every field the subject still has. */
export async function revealFields(
  protection: PersonalDataProtection,
  subject: StoredDataSubject,
): Promise<PersonalFieldValues> {
  const values = await Promise.all(
    PERSONAL_FIELDS.map(async (field) => {
      const ciphertext = subject.ciphertexts[field];
      return ciphertext === null ? null : protection.decrypt(ciphertext, fieldLocation(subject, field));
    }),
  );
  const [name = null, mobile = null, idNumber = null, email = null] = values;
  return { name, mobile, idNumber, email };
}

/** Each field through the mask rule its column is classified with (REQ-MASK-1). */
export function maskFields(values: PersonalFieldValues): PersonalFieldValues {
  const mask = (field: PersonalField): string | null => {
    const value = values[field];
    if (value === null) return null;
    return MASK_RULES[classificationOf(DATA_SUBJECTS_TABLE, PERSONAL_FIELD_COLUMNS[field]).mask](value);
  };
  return { name: mask('name'), mobile: mask('mobile'), idNumber: mask('idNumber'), email: mask('email') };
}

export function subjectView(
  subject: StoredDataSubject,
  details: PersonalFieldValues,
  masked: boolean,
): DataSubjectView {
  return {
    id: subject.id,
    tenantId: subject.tenantId,
    organisationId: subject.organisationId,
    kind: subject.kind,
    status: subject.status,
    details,
    masked,
    createdAt: subject.createdAt,
    erasedAt: subject.erasedAt,
  };
}

/** The masked view: decrypt, mask, forget the plaintext. */
export async function maskedView(
  protection: PersonalDataProtection,
  subject: StoredDataSubject,
): Promise<DataSubjectView> {
  return subjectView(subject, maskFields(await revealFields(protection, subject)), true);
}
