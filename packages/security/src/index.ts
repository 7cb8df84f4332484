export { Redacted } from './redacted.js';
export {
  generateKeyring,
  KEYRING_FORMAT,
  KeyringError,
  parseKeyring,
  retireRootKeysBefore,
  rotateRootKey,
  serialiseKeyring,
  type Keyring,
  type RootKeys,
} from './field-protection/keyring.js';
export {
  loadKeyringFile,
  loadOrCreateKeyringFile,
  writeKeyringFile,
} from './field-protection/keyring-file.js';
export {
  KeyUnwrapError,
  type KeyProvider,
  type KeyUnwrapFailure,
  type WrappedKey,
} from './field-protection/key-provider.js';
export { KeyringKeyProvider } from './field-protection/keyring-key-provider.js';
export type { SubjectDataKey, SubjectKeyLookup } from './field-protection/subject-data-key.js';
export {
  decryptField,
  encryptField,
  FieldDecryptionError,
  parseFieldCiphertext,
  type EncryptFieldOptions,
  type FieldContext,
  type FieldDecryptionFailure,
  type FieldKeyReference,
  type FieldKeyResolver,
  type ParsedFieldCiphertext,
} from './field-protection/field-cipher.js';
export { isSafeIdentifier } from './field-protection/key-identifiers.js';
export {
  FileKeyVault,
  KeyVaultError,
  SubjectKeyDestroyedError,
  type FileKeyVaultOptions,
  type RewrapCounts,
  type SubjectKeyDestruction,
} from './field-protection/file-key-vault.js';
export { blindIndex, type BlindIndexPurpose } from './field-protection/blind-index.js';
export {
  BlindIndexValueError,
  type BlindIndexValueProblem,
} from './field-protection/blind-index-value-error.js';
export { normalisePhoneNumber } from './field-protection/phone-number.js';
export { isValidResidentIdNumber, normaliseResidentIdNumber } from './field-protection/resident-id-number.js';
export {
  MASK_RULES,
  maskAddress,
  maskBankAccount,
  maskEmail,
  maskHidden,
  maskIdNumber,
  maskMobile,
  maskNone,
  maskPersonName,
  type MaskRuleName,
} from './field-protection/masking.js';
