import { type KeyObject, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { MERKLE_HASH_BYTES } from './merkle-hashing.js';

/**
 * A signed statement that the audit log held `treeSize` records whose RFC 6962 Merkle root is `rootHash`
 * at `timestamp` (the tree head of RFC 6962 §3.5, signed with Ed25519, RFC 8032). Exported outside the
 * database, heads let a verifier detect rows that were later edited or deleted.
 */
export interface SignedTreeHead {
  /** Which log the head belongs to, so a head of one log cannot be replayed as another's. */
  readonly logId: string;
  readonly treeSize: number;
  /** 64 lowercase hex digits. */
  readonly rootHash: string;
  /** ISO 8601 UTC, exactly as `Date#toISOString` writes it: `2026-01-02T03:04:05.006Z`. */
  readonly timestamp: string;
  /** Ed25519 signature over {@link treeHeadSigningInput}, standard base64 with padding. */
  readonly signature: string;
}

/** The fields a head signs. */
export type TreeHead = Omit<SignedTreeHead, 'signature'>;

/** An Ed25519 public key for verifying tree heads. */
export interface AuditPublicKey {
  /** The 32-byte public key of RFC 8032. */
  readonly raw: Uint8Array;
  /** `raw` in standard base64, to print, configure or publish. */
  readonly base64: string;
  readonly hex: string;
}

const ED25519_SEED_BYTES = 32;
const ED25519_SIGNATURE_BYTES = 64;

// Domain separation: these bytes can only ever be read as a Carapace tree head of format 1, never as any
// other message the same key might sign.
const SIGNING_PREFIX = 'carapace-sth/1\n';

// DER of a PKCS#8 PrivateKeyInfo for Ed25519 (RFC 8410 §7) up to the 32-byte seed, and of an SPKI
// SubjectPublicKeyInfo (RFC 8410 §4) up to the 32-byte public key. node:crypto takes keys in these forms.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

const ISO_UTC_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HASH_HEX = new RegExp(`^[0-9a-f]{${2 * MERKLE_HASH_BYTES}}$`);

/**
 * The exact bytes a head's signature covers: a domain-separation prefix, then the canonical JSON
 * (RFC 8785 style) of the four fields, so no two different heads share a signing input.
 */
export function treeHeadSigningInput(head: TreeHead): Uint8Array {
  const fields = {
    logId: head.logId,
    rootHash: head.rootHash,
    timestamp: head.timestamp,
    treeSize: head.treeSize,
  };
  return new TextEncoder().encode(SIGNING_PREFIX + canonicalJson(fields));
}

/**
 * Signs a tree head with the Ed25519 key whose 32-byte seed (the private key of RFC 8032) is `seed`.
 * `rootHash` may be given as bytes or hex; the head carries lowercase hex.
 * @throws RangeError if the seed is not 32 bytes, `logId` is empty, `treeSize` is not a non-negative safe
 *   integer, `rootHash` is not a 32-byte hash, or `timestamp` is not in `Date#toISOString` form.
 */
export function signTreeHead(
  head: Omit<TreeHead, 'rootHash'> & { readonly rootHash: string | Uint8Array },
  seed: Uint8Array,
): SignedTreeHead {
  const rootHash =
    typeof head.rootHash === 'string'
      ? head.rootHash.toLowerCase()
      : Buffer.from(head.rootHash).toString('hex');
  const unsigned: TreeHead = {
    logId: head.logId,
    treeSize: head.treeSize,
    rootHash,
    timestamp: head.timestamp,
  };
  const problem = treeHeadFieldProblem(unsigned);
  if (problem !== undefined) throw new RangeError(`signTreeHead: ${problem}`);
  const signature = sign(null, treeHeadSigningInput(unsigned), privateKeyFromSeed(seed));
  return { ...unsigned, signature: signature.toString('base64') };
}

/**
 * True when `head` is well formed and its signature verifies under the 32-byte Ed25519 `publicKey`.
 * Never throws: a malformed head, key or signature gives false. The signature must be canonical base64
 * (re-encoding gives the same text), so one signature has only one accepted spelling.
 */
export function verifyTreeHead(head: SignedTreeHead, publicKey: Uint8Array | AuditPublicKey): boolean {
  // Heads come back from storage outside the database: check the shape at run time, whatever the type says.
  const candidate: unknown = head;
  if (typeof candidate !== 'object' || candidate === null) return false;
  const fields = candidate as Partial<Record<keyof SignedTreeHead, unknown>>;
  if (treeHeadFieldProblem(fields) !== undefined || typeof fields.signature !== 'string') return false;
  try {
    const signature = Buffer.from(head.signature, 'base64');
    if (signature.length !== ED25519_SIGNATURE_BYTES || signature.toString('base64') !== head.signature) {
      return false;
    }
    const raw = publicKey instanceof Uint8Array ? publicKey : publicKey.raw;
    return verify(null, treeHeadSigningInput(head), publicKeyFromRaw(raw), signature);
  } catch {
    // A public key of the wrong length, or not a valid Ed25519 encoding, lands here: it verifies nothing.
    return false;
  }
}

/**
 * The Ed25519 public key of a 32-byte seed.
 * @throws RangeError if the seed is not 32 bytes.
 */
export function auditPublicKeyFromSeed(seed: Uint8Array): AuditPublicKey {
  const spki = createPublicKey(privateKeyFromSeed(seed)).export({ format: 'der', type: 'spki' });
  const raw = Uint8Array.from(spki.subarray(SPKI_ED25519_PREFIX.length));
  return { raw, base64: Buffer.from(raw).toString('base64'), hex: Buffer.from(raw).toString('hex') };
}

function privateKeyFromSeed(seed: Uint8Array): KeyObject {
  if (!(seed instanceof Uint8Array) || seed.length !== ED25519_SEED_BYTES) {
    throw new RangeError(`seed must be a ${ED25519_SEED_BYTES}-byte Ed25519 seed`);
  }
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  if (!(raw instanceof Uint8Array) || raw.length !== 32) throw new RangeError('publicKey must be 32 bytes');
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** Why the fields of a head are malformed, or undefined when they are well formed. */
function treeHeadFieldProblem(head: Partial<Record<keyof TreeHead, unknown>>): string | undefined {
  if (typeof head.logId !== 'string' || head.logId.length === 0) return 'logId must be a non-empty string';
  if (typeof head.treeSize !== 'number' || !Number.isSafeInteger(head.treeSize) || head.treeSize < 0) {
    return 'treeSize must be a non-negative safe integer';
  }
  if (typeof head.rootHash !== 'string' || !HASH_HEX.test(head.rootHash)) {
    return `rootHash must be ${2 * MERKLE_HASH_BYTES} lowercase hex digits`;
  }
  if (
    typeof head.timestamp !== 'string' ||
    !ISO_UTC_TIMESTAMP.test(head.timestamp) ||
    Number.isNaN(Date.parse(head.timestamp)) ||
    new Date(head.timestamp).toISOString() !== head.timestamp
  ) {
    return 'timestamp must be an ISO 8601 UTC time as Date#toISOString writes it';
  }
  return undefined;
}
