import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { countValuesAbove } from './exceedance-counts.js';

function countsByComparison(values: Float64Array, thresholds: Float64Array): number[] {
  return Array.from(thresholds, (threshold) => values.filter((value) => value > threshold).length);
}

/** Ascending, distinct, −0 folded into 0: the form `countValuesAbove` takes. */
function thresholdList(amounts: number[]): Float64Array {
  return Float64Array.from(new Set(amounts.map((amount) => amount + 0))).sort();
}

const anyFinite = fc.double({ noNaN: true, noDefaultInfinity: true });
const lossAmount = fc.oneof(
  fc.constant(0),
  fc.constant(-0),
  fc.integer({ min: 0, max: 40 }).map((step) => step * 25_000),
  fc.double({ min: 0, max: 1e7, noNaN: true }),
  anyFinite,
);
const values = fc
  .array(lossAmount, { minLength: 1, maxLength: 1500, size: 'max' })
  .map((list) => Float64Array.from(list));

describe('countValuesAbove', () => {
  it('counts values strictly above each threshold, for any finite values and thresholds', () => {
    fc.assert(
      fc.property(values, fc.array(lossAmount, { maxLength: 40 }), (sample, amounts) => {
        const thresholds = thresholdList(amounts);
        expect(Array.from(countValuesAbove(sample, thresholds))).toEqual(
          countsByComparison(sample, thresholds),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('counts exactly when thresholds are much closer together than the key width (crowded keys)', () => {
    fc.assert(
      fc.property(
        values,
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-9, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 60 }),
        (sample, start, step, thresholdCount) => {
          const thresholds = thresholdList(
            Array.from({ length: thresholdCount }, (_, index) => start + index * step),
          );
          // Put values on and between the thresholds too.
          const mixed = Float64Array.from([...sample, ...thresholds, ...thresholds.map((t) => t + step / 2)]);
          expect(Array.from(countValuesAbove(mixed, thresholds))).toEqual(
            countsByComparison(mixed, thresholds),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('treats −0 and 0 as equal, and handles subnormal and extreme magnitudes', () => {
    const sample = Float64Array.of(
      -0,
      0,
      5e-324,
      -5e-324,
      Number.MIN_VALUE * 3,
      1e308,
      -1e308,
      Number.MAX_VALUE,
    );
    const thresholds = thresholdList([-Number.MAX_VALUE, -1e308, -5e-324, 0, 5e-324, 1e-320, 1e308]);
    expect(Array.from(countValuesAbove(sample, thresholds))).toEqual(countsByComparison(sample, thresholds));
    expect(Array.from(countValuesAbove(Float64Array.of(-0, 0, -0), Float64Array.of(0)))).toEqual([0]);
  });

  it('reads an exceedance curve on a linear grid at large amounts, where every key is crowded', () => {
    const sample = Float64Array.from({ length: 20_001 }, (_, index) => (index * 7919) % 10_000_000);
    const grid = thresholdList(Array.from({ length: 201 }, (_, index) => index * 50_000));
    expect(Array.from(countValuesAbove(sample, grid))).toEqual(countsByComparison(sample, grid));
  });

  it('returns an empty list for no thresholds', () => {
    expect(countValuesAbove(Float64Array.of(1, 2), new Float64Array(0))).toEqual(new Float64Array(0));
  });
});
