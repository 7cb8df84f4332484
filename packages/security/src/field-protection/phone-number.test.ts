import { describe, expect, it } from 'vitest';
import { BlindIndexValueError } from './blind-index-value-error.js';
import { normalisePhoneNumber } from './phone-number.js';

describe('phone number normalisation', () => {
  it.each([
    '13812341234',
    '+86 138 1234 1234',
    '+86-138-1234-1234',
    '0086 13812341234',
    '(138) 1234.1234',
    '１３８１２３４１２３４',
  ])('reduces %s to its national digits', (value) => {
    expect(normalisePhoneNumber(value)).toBe('13812341234');
  });

  it('keeps other country codes and landline trunk prefixes as written', () => {
    expect(normalisePhoneNumber('+852 2123 4567')).toBe('85221234567');
    expect(normalisePhoneNumber('00852 2123 4567')).toBe('85221234567');
    expect(normalisePhoneNumber('010-12345678')).toBe('01012345678');
  });

  it.each([
    ['fewer than 7 digits', '123456', 'too_few_digits'],
    ['fewer than 7 digits after the country code', '+86 123456', 'too_few_digits'],
    ['more than 15 digits', '1234567890123456', 'too_many_digits'],
    ['letters', '138abcd1234', 'invalid_characters'],
    ['a plus sign inside', '138+12341234', 'invalid_characters'],
  ])('rejects %s', (_name, value, problem) => {
    let thrown: unknown;
    try {
      normalisePhoneNumber(value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BlindIndexValueError);
    expect(thrown).toMatchObject({ problem });
    expect((thrown as Error).message).not.toContain(value);
  });
});
