/**
 * The 18-character unified social credit code (统一社会信用代码) that identifies every organisation
 * registered in China, as defined by GB 32100-2015. The last character is a mod-31 check character,
 * so typing mistakes are caught before an organisation is stored twice under two spellings.
 */
const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const POSITION_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NP-RTUW-Y]{18}$/;

/** The check character for the first 17 characters of a code. */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== 17) {
    throw new RangeError(`a credit code body has 17 characters (got ${first17.length})`);
  }
  let weightedSum = 0;
  for (let position = 0; position < 17; position += 1) {
    const value = CODE_ALPHABET.indexOf(first17.charAt(position));
    if (value < 0) {
      throw new RangeError(`'${first17.charAt(position)}' is not allowed in a credit code`);
    }
    weightedSum += value * (POSITION_WEIGHTS[position] ?? 0);
  }
  const checkValue = (31 - (weightedSum % 31)) % 31;
  return CODE_ALPHABET.charAt(checkValue);
}

export function isValidCreditCode(code: string): boolean {
  if (!CREDIT_CODE_PATTERN.test(code)) {
    return false;
  }
  return creditCodeCheckCharacter(code.slice(0, 17)) === code.charAt(17);
}
