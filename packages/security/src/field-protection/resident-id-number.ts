import { BlindIndexValueError } from './blind-index-value-error.js';

// GB 11643-1999 §5.2: the weight of position i (1-based from the left, 17 body digits) is 2^(18-i) mod 11.
const CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
// Check character for each value of (weighted sum mod 11), ISO 7064 MOD 11-2; 10 is written X.
const CHECK_CHARACTERS = '10X98765432';
const SHAPE = /^[0-9]{17}[0-9X]$/;

/**
 * The 18-character PRC resident identity number (公民身份号码, GB 11643-1999) as it is compared for
 * equality: full-width characters folded to ASCII (NFKC), spaces removed, a trailing `x` upper-cased.
 * @throws BlindIndexValueError (purpose `id_number`) if the result is not 17 digits and a check character,
 * or the check character is wrong.
 */
export function normaliseResidentIdNumber(value: string): string {
  const normalised = value.normalize('NFKC').replace(/\s/g, '').toUpperCase();
  if (normalised.length !== 18) throw new BlindIndexValueError('id_number', 'invalid_length');
  if (!SHAPE.test(normalised)) throw new BlindIndexValueError('id_number', 'invalid_characters');
  if (normalised[17] !== residentIdCheckCharacter(normalised)) {
    throw new BlindIndexValueError('id_number', 'invalid_check_digit');
  }
  return normalised;
}

/**
 * True when `value` normalises to an 18-character resident identity number whose check character matches
 * GB 11643-1999 (ISO 7064 MOD 11-2). The birth date and region code are not checked.
 */
export function isValidResidentIdNumber(value: string): boolean {
  try {
    normaliseResidentIdNumber(value);
    return true;
  } catch (error) {
    if (error instanceof BlindIndexValueError) return false;
    throw error;
  }
}

/** The check character for the first 17 digits of `idNumber`. */
function residentIdCheckCharacter(idNumber: string): string {
  let weightedSum = 0;
  CHECK_WEIGHTS.forEach((weight, position) => {
    weightedSum += weight * Number(idNumber[position]);
  });
  return CHECK_CHARACTERS.charAt(weightedSum % 11);
}
