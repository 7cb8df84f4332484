import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMoney,
  allocateMoney,
  formatMoneyDecimal,
  money,
  moneyFromDecimal,
  subtractMoney,
} from './money.js';

describe('money', () => {
  it('defaults to CNY and holds integer minor units', () => {
    expect(money(123456)).toEqual({ minor: 123456, currency: 'CNY' });
  });

  it('rejects fractional, unsafe and non-finite amounts', () => {
    expect(() => money(1.5)).toThrow(/safe integer/);
    expect(() => money(Number.MAX_SAFE_INTEGER + 1)).toThrow(/safe integer/);
    expect(() => money(Number.NaN)).toThrow(/safe integer/);
  });

  it('parses decimals exactly and refuses extra precision', () => {
    expect(moneyFromDecimal('1234.56')).toEqual(money(123456));
    expect(moneyFromDecimal('0.1')).toEqual(money(10));
    expect(moneyFromDecimal('-7')).toEqual(money(-700));
    expect(moneyFromDecimal('500', 'JPY')).toEqual(money(500, 'JPY'));
    expect(() => moneyFromDecimal('1.234')).toThrow(/2 minor-unit digits/);
    expect(() => moneyFromDecimal('1.5', 'JPY')).toThrow(/0 minor-unit digits/);
    expect(() => moneyFromDecimal('12,00')).toThrow(/not a decimal/);
  });

  it('formats back to the same decimal', () => {
    expect(formatMoneyDecimal(money(5))).toBe('0.05');
    expect(formatMoneyDecimal(money(-123456))).toBe('-1234.56');
    expect(formatMoneyDecimal(money(42, 'JPY'))).toBe('42');
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (minor) => {
        expect(moneyFromDecimal(formatMoneyDecimal(money(minor)))).toEqual(money(minor));
      }),
    );
  });

  it('adds and subtracts only within one currency', () => {
    expect(addMoney(money(100), money(250))).toEqual(money(350));
    expect(subtractMoney(money(100), money(250))).toEqual(money(-150));
    expect(() => addMoney(money(1), money(1, 'USD'))).toThrow(/CNY and USD/);
  });

  it('allocates a total so the parts add up exactly', () => {
    expect(allocateMoney(money(100), [1, 1, 1]).map((part) => part.minor)).toEqual([34, 33, 33]);
    expect(allocateMoney(money(-100), [1, 1, 1]).map((part) => part.minor)).toEqual([-34, -33, -33]);
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 12 }),
        (minor, weights) => {
          fc.pre(weights.some((weight) => weight > 0));
          const parts = allocateMoney(money(minor), weights);
          expect(parts.reduce((sum, part) => sum + part.minor, 0)).toBe(minor);
        },
      ),
    );
    // Near 2^53 the float shares are inexact; the parts must still add up.
    fc.assert(
      fc.property(
        fc.integer({ min: Number.MAX_SAFE_INTEGER - 1e6, max: Number.MAX_SAFE_INTEGER }),
        fc.array(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 12 }),
        (minor, weights) => {
          const parts = allocateMoney(money(minor), weights);
          expect(parts.reduce((sum, part) => sum + BigInt(part.minor), 0n)).toBe(BigInt(minor));
          expect(parts.every((part) => part.minor >= 0)).toBe(true);
        },
      ),
    );
    expect(allocateMoney(money(7_515_775_728_305_495), [3.7]).map((part) => part.minor)).toEqual([
      7_515_775_728_305_495,
    ]);
    expect(() => allocateMoney(money(1), [])).toThrow(/at least one/);
    expect(() => allocateMoney(money(1), [0, 0])).toThrow(/all be zero/);
    expect(() => allocateMoney(money(1), [-1, 2])).toThrow(/non-negative/);
  });
});
