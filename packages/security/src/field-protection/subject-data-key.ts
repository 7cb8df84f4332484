import type { Redacted } from '../redacted.js';

/**
 * An unwrapped per-subject data encryption key (DEK): 32 bytes for AES-256-GCM, with the ids that field
 * ciphertexts carry so the key can be found again.
 */
export interface SubjectDataKey {
  readonly tenantId: string;
  readonly subjectId: string;
  readonly dataKeyId: string;
  /** The tenant key version that wraps this data key now. */
  readonly tenantKeyVersion: number;
  readonly material: Redacted<Uint8Array>;
}

/**
 * What a key vault knows about a subject's data key. `destroyed` is a normal answer after crypto-shredding,
 * distinct from `missing` (never created), so callers can report erased data as erased.
 */
export type SubjectKeyLookup =
  | { readonly state: 'active'; readonly key: SubjectDataKey }
  | { readonly state: 'destroyed'; readonly dataKeyId: string | null; readonly destroyedAt: string }
  | { readonly state: 'missing' };
