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
export {
  MERKLE_HASH_BYTES,
  emptyTreeHash,
  hashesEqual,
  isMerkleHash,
  leafHash,
  nodeHash,
} from './audit/merkle-hashing.js';
export { MerkleTree, consistencyProof, inclusionProof, merkleTreeHash } from './audit/merkle-tree.js';
export {
  type ConsistencyProofClaim,
  type InclusionProofClaim,
  verifyConsistency,
  verifyInclusion,
} from './audit/merkle-proof-verification.js';
export { canonicalJson, canonicalJsonBytes } from './audit/canonical-json.js';
export {
  type AuditPublicKey,
  type SignedTreeHead,
  type TreeHead,
  auditPublicKeyFromSeed,
  signTreeHead,
  treeHeadSigningInput,
  verifyTreeHead,
} from './audit/signed-tree-head.js';
export {
  type AuditLogProblem,
  type AuditLogProblemCode,
  type AuditLogToVerify,
  type AuditLogVerification,
  type StoredAuditRecord,
  verifyAuditLog,
} from './audit/verify-audit-log.js';
export {
  hashPassword,
  passwordHashNeedsRehash,
  verifyAgainstDummyHash,
  verifyPassword,
} from './authentication/password-hashing.js';
export {
  PASSWORD_MAX_CHARACTERS,
  PASSWORD_MIN_CHARACTERS,
  PasswordPolicyError,
  type PasswordPolicyViolation,
  checkPasswordPolicy,
} from './authentication/password-policy.js';
export {
  SESSION_TOKEN_AUDIENCE,
  type SessionTokenClaims,
  SessionTokenCodec,
  type SessionTokenRequest,
  type SessionTokenVerification,
} from './authentication/session-token-codec.js';
export {
  type GeneratedApiToken,
  type ParsedApiToken,
  apiTokenSecretMatches,
  generateApiToken,
  hashApiTokenSecret,
  parsePresentedApiToken,
} from './authentication/api-token.js';
export {
  type SignWebhookRequest,
  type VerifyWebhookRequest,
  type WebhookHeaderSource,
  type WebhookRejectionReason,
  type WebhookSecrets,
  type WebhookSignatureHeaders,
  type WebhookVerification,
  generateWebhookSecret,
  isValidWebhookId,
  signWebhook,
  verifyWebhook,
} from './webhook-signature/webhook-signature.js';
