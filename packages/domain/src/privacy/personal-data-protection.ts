import type { FieldContext } from '@carapace/security';
import type { DestructionVerification } from './privacy-records.js';

/** Where one encrypted value lives: bound into the ciphertext so it cannot be moved to another row or person. */
export type PersonalFieldLocation = FieldContext;

/** What the key vault reports after destroying a subject's data key. */
export interface SubjectKeyDestructionReport {
  /** Null when the subject never had a key. */
  readonly dataKeyId: string | null;
  readonly destroyedAt: string;
  readonly verification: DestructionVerification;
}

/**
 * Port: field encryption, blind indexes and crypto-shredding for personal data. The api implements it over
 * the key vault; the domain names what to protect and never holds key material.
 */
export interface PersonalDataProtection {
  /** Creates the subject's data key if it has none. */
  ensureSubjectKey(tenantId: string, subjectId: string): Promise<void>;
  /** Encrypts one field value under the subject's data key, bound to its location. */
  encrypt(plaintext: string, location: PersonalFieldLocation): Promise<string>;
  /**
   * @throws FieldDecryptionError (from @carapace/security) with reason `key_destroyed` once the subject has
   * been crypto-shredded, or `authentication_failed` for a value moved from another location.
   */
  decrypt(ciphertext: string, location: PersonalFieldLocation): Promise<string>;
  /** The blind index of a mobile number or resident ID number, for equality search. */
  blindIndex(purpose: 'phone' | 'id_number', value: string): string;
  /** Destroys the subject's data key for good; safe to repeat. */
  destroySubjectKey(tenantId: string, subjectId: string): Promise<SubjectKeyDestructionReport>;
}
