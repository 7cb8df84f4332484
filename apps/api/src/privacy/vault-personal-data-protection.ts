import { join } from 'node:path';
import type {
  PersonalDataProtection,
  PersonalFieldLocation,
  SubjectKeyDestructionReport,
} from '@carapace/domain';
import {
  blindIndex,
  decryptField,
  encryptField,
  FileKeyVault,
  KeyringKeyProvider,
  type Keyring,
  type Redacted,
} from '@carapace/security';

/** Field protection failed for a reason an operator must look at (a key that should exist is missing). */
export class PersonalDataKeyError extends Error {
  override readonly name = 'PersonalDataKeyError';
}

/**
 * `PersonalDataProtection` over the file key vault: each subject's fields are encrypted under the subject's
 * own data key (AES-256-GCM, associated data tenant|table|column|row|subject), blind indexes use the
 * keyring's blind-index key, and crypto-shredding destroys the data key in the vault.
 */
export class VaultPersonalDataProtection implements PersonalDataProtection {
  constructor(
    private readonly vault: FileKeyVault,
    private readonly blindIndexKey: Redacted<Uint8Array>,
  ) {}

  async ensureSubjectKey(tenantId: string, subjectId: string): Promise<void> {
    await this.vault.createSubjectKey(tenantId, subjectId);
  }

  async encrypt(plaintext: string, location: PersonalFieldLocation): Promise<string> {
    const lookup = await this.vault.subjectKey(location.tenantId, location.subjectId);
    if (lookup.state !== 'active') {
      throw new PersonalDataKeyError(
        `cannot encrypt for subject ${location.subjectId}: its data key is ${lookup.state}`,
      );
    }
    return encryptField(plaintext, lookup.key, location);
  }

  decrypt(ciphertext: string, location: PersonalFieldLocation): Promise<string> {
    return decryptField(
      ciphertext,
      (reference) => this.vault.subjectKey(reference.tenantId, reference.subjectId),
      location,
    );
  }

  blindIndex(purpose: 'phone' | 'id_number', value: string): string {
    return blindIndex(this.blindIndexKey.reveal(), purpose, value);
  }

  async destroySubjectKey(tenantId: string, subjectId: string): Promise<SubjectKeyDestructionReport> {
    const destruction = await this.vault.destroySubjectKey(tenantId, subjectId);
    return {
      dataKeyId: destruction.dataKeyId,
      destroyedAt: destruction.destroyedAt,
      verification: destruction.verification,
    };
  }
}

/** The key vault directory inside the configured key directory, beside the keyring. */
export function keyVaultDirectory(keyDir: string): string {
  return join(keyDir, 'vault');
}

/** Field protection for the platform: the vault under `keyDir`, its tenant keys wrapped by the keyring. */
export function personalDataProtectionFor(keyDir: string, keyring: Keyring): VaultPersonalDataProtection {
  return new VaultPersonalDataProtection(
    new FileKeyVault(keyVaultDirectory(keyDir), new KeyringKeyProvider(keyring)),
    keyring.blindIndexKey,
  );
}
