export { Redacted } from './redacted.js';
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
