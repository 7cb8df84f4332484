import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { expByTable } from './exp-by-table.js';

/** |a − b| in units of 2^−52·|b|, the spacing of doubles near b (up to a factor 2). */
function unitsInLastPlace(a: number, b: number): number {
  return Math.abs(a - b) / (Math.abs(b) * Number.EPSILON);
}

describe('expByTable', () => {
  it('stays within 2 units in the last place of Math.exp over the tabulated range', () => {
    fc.assert(
      fc.property(fc.double({ min: -708, max: 709, noNaN: true }), (x) => {
        expect(unitsInLastPlace(expByTable(x), Math.exp(x))).toBeLessThanOrEqual(2);
      }),
      { numRuns: 20_000 },
    );
  });

  it('stays within 2 units in the last place where lognormal losses put their exponents', () => {
    // mu + sigma·z for money amounts: a fixed grid of 200,001 points over [0, 40].
    for (let step = 0; step <= 200_000; step++) {
      const x = step / 5000;
      expect(unitsInLastPlace(expByTable(x), Math.exp(x))).toBeLessThanOrEqual(2);
    }
  });

  it('gives exactly 1 at ±0', () => {
    expect(expByTable(0)).toBe(1);
    expect(expByTable(-0)).toBe(1);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 709.5, 710, -708.5, -745, -746])(
    'answers as Math.exp outside the tabulated range (x = %d)',
    (x) => {
      expect(expByTable(x)).toBe(Math.exp(x));
    },
  );
});
