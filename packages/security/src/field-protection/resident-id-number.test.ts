import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlindIndexValueError } from './blind-index-value-error.js';
import { isValidResidentIdNumber, normaliseResidentIdNumber } from './resident-id-number.js';

// The worked example of GB 11643-1999 Annex A.
const STANDARD_EXAMPLE = '11010519491231002X';

/** An independent computation of the check character, written out as the standard describes it. */
function checkCharacterOf(body: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index += 1) sum += Number(body[index]) * (2 ** (17 - index) % 11);
  return ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][sum % 11] ?? '?';
}

const validIdNumber = fc
  .string({ unit: fc.constantFrom(...Array.from('0123456789')), minLength: 17, maxLength: 17 })
  .map((body) => body + checkCharacterOf(body));

describe('resident identity number', () => {
  it('accepts the example of GB 11643-1999', () => {
    expect(isValidResidentIdNumber(STANDARD_EXAMPLE)).toBe(true);
    expect(isValidResidentIdNumber('110101199003074258')).toBe(true);
  });

  it('accepts every number whose check character is right', () => {
    fc.assert(
      fc.property(validIdNumber, (idNumber) => isValidResidentIdNumber(idNumber)),
      { seed: 11643 },
    );
  });

  it('rejects every other check character', () => {
    fc.assert(
      fc.property(validIdNumber, fc.constantFrom(...Array.from('0123456789X')), (idNumber, replacement) => {
        fc.pre(replacement !== idNumber[17]);
        return !isValidResidentIdNumber(idNumber.slice(0, 17) + replacement);
      }),
      { seed: 11643 },
    );
  });

  it('normalises a lower-case x, full-width characters and spaces', () => {
    expect(normaliseResidentIdNumber('110105 19491231 002x')).toBe(STANDARD_EXAMPLE);
    expect(normaliseResidentIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toBe(STANDARD_EXAMPLE);
  });

  it.each([
    ['a 15-digit number', '110105491231002', 'invalid_length'],
    ['a letter in the body', '11010519491231A02X', 'invalid_characters'],
    ['a wrong check character', '110105194912310021', 'invalid_check_digit'],
  ])('rejects %s without echoing it', (_name, value, problem) => {
    try {
      normaliseResidentIdNumber(value);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BlindIndexValueError);
      expect((error as BlindIndexValueError).problem).toBe(problem);
      expect((error as Error).message).not.toContain(value);
    }
  });
});
