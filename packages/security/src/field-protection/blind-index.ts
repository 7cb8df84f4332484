import { createHmac } from 'node:crypto';
import { encodeAssociatedData } from './associated-data.js';
import { normalisePhoneNumber } from './phone-number.js';
import { normaliseResidentIdNumber } from './resident-id-number.js';

const BLIND_INDEX_LABEL = 'carapace-blind-index/1';
const TRUNCATED_BYTES = 16;
const PURPOSE_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/** Purposes with a built-in normalisation; any other purpose name is accepted with generic normalisation. */
export type BlindIndexPurpose = 'phone' | 'id_number';

/**
 * A blind index for equality search on an encrypted column: HMAC-SHA-256 under the keyring's blind-index
 * key over the purpose and the normalised value (length-prefixed), truncated to 16 bytes and written as 32
 * lowercase hex characters. Including the purpose means equal values under different purposes never give
 * equal indexes, so the indexes of one column cannot be joined against another's.
 *
 * Normalisation: `phone` → `normalisePhoneNumber`; `id_number` → `normaliseResidentIdNumber`; any other
 * purpose → Unicode NFC with surrounding white space trimmed.
 *
 * A blind index still reveals which rows share a value, and a low-entropy value (a phone number) can be
 * found by trying every candidate if the key leaks: keep the key out of the database.
 * @throws RangeError if `key` is not 32 bytes, or `purpose` is not 1–64 characters of `[a-z0-9_]` starting
 * with a letter.
 * @throws BlindIndexValueError if `value` cannot be normalised for `purpose`.
 */
export function blindIndex(
  key: Uint8Array,
  purpose: BlindIndexPurpose | (string & Record<never, never>),
  value: string,
): string {
  if (key.byteLength !== 32) throw new RangeError('key must be the 32-byte blind-index key');
  if (!PURPOSE_PATTERN.test(purpose)) {
    throw new RangeError('purpose must be 1-64 characters of [a-z0-9_] starting with a letter');
  }
  const input = encodeAssociatedData([BLIND_INDEX_LABEL, purpose, normaliseForPurpose(purpose, value)]);
  return createHmac('sha256', key).update(input).digest().subarray(0, TRUNCATED_BYTES).toString('hex');
}

function normaliseForPurpose(purpose: string, value: string): string {
  switch (purpose) {
    case 'phone':
      return normalisePhoneNumber(value);
    case 'id_number':
      return normaliseResidentIdNumber(value);
    default:
      return value.normalize('NFC').trim();
  }
}
