import { BlindIndexValueError } from './blind-index-value-error.js';

const MIN_DIGITS = 7;
// E.164 allows at most 15 digits including the country code.
const MAX_DIGITS = 15;
const SEPARATORS = /[\s\-().]/g;
const INTERNATIONAL_PREFIX = /^(?:\+|00)/;
const CHINA_COUNTRY_CODE = /^86/;

/**
 * The digits of a phone number as they are compared for equality: separators (spaces, `-`, `.`,
 * parentheses) removed, full-width digits folded to ASCII (NFKC), and the international prefix (`+` or
 * `00`) dropped. The China country code after it is dropped too, so `+86 138-1234-1234`,
 * `0086 13812341234` and `13812341234` normalise alike; other country codes stay (`+852 2123 4567` →
 * `85221234567`).
 *
 * Landlines are compared as written: `+86 10 12345678` and `010 12345678` stay different, because telling
 * a trunk `0` from an area code needs a numbering-plan table this function does not carry.
 * @throws BlindIndexValueError (purpose `phone`) if other characters remain, or there are fewer than 7 or
 * more than 15 digits.
 */
export function normalisePhoneNumber(value: string): string {
  const compact = value.normalize('NFKC').replace(SEPARATORS, '');
  const international = INTERNATIONAL_PREFIX.exec(compact);
  const digits =
    international === null ? compact : compact.slice(international[0].length).replace(CHINA_COUNTRY_CODE, '');
  if (!/^[0-9]*$/.test(digits)) throw new BlindIndexValueError('phone', 'invalid_characters');
  if (digits.length < MIN_DIGITS) throw new BlindIndexValueError('phone', 'too_few_digits');
  if (digits.length > MAX_DIGITS) throw new BlindIndexValueError('phone', 'too_many_digits');
  return digits;
}
