import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { EngineInputError } from '../engine-input-error.js';
import { quantileLinear, quantilesLinear, selectOrderStatistics } from './order-statistics.js';
import { referenceQuantile, sortedCopy } from './testing/sorted-reference.js';

// Loss-like values: many exact zeros, runs of repeated amounts (limits, caps), and continuous amounts.
const lossValue = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 8 }).map((step) => step * 250_000) },
  { weight: 4, arbitrary: fc.double({ min: 0, max: 1e7, noNaN: true }) },
);
const lossArray = fc
  .array(lossValue, { minLength: 1, maxLength: 2000, size: 'max' })
  .map((values) => Float64Array.from(values));
const arrayWithRanks = lossArray.chain((values) =>
  fc.tuple(fc.constant(values), fc.array(fc.nat({ max: values.length - 1 }), { maxLength: 30, size: 'max' })),
);
const probability = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(0, 0.5, 0.9, 0.99, 0.995, 0.999, 1),
);

function expectFieldError(action: () => unknown, field: string): void {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(EngineInputError);
    expect((error as EngineInputError).field).toBe(field);
    return;
  }
  expect.fail(`expected an EngineInputError naming ${field}`);
}

describe('selectOrderStatistics', () => {
  it('agrees with sorting on loss-like arrays, for any ranks in any order', () => {
    fc.assert(
      fc.property(arrayWithRanks, ([values, ranks]) => {
        const sorted = sortedCopy(values);
        expect(Array.from(selectOrderStatistics(values, ranks))).toEqual(ranks.map((rank) => sorted[rank]));
      }),
      { numRuns: 300 },
    );
  });

  it('handles orders that defeat naive pivots: sorted, reversed, organ pipe, all equal, two values', () => {
    const length = 50_000;
    const patterns: Record<string, (index: number) => number> = {
      ascending: (index) => index,
      descending: (index) => length - index,
      organPipe: (index) => Math.min(index, length - index),
      allEqual: () => 7,
      twoValues: (index) => index % 2,
      sawtooth: (index) => index % 97,
    };
    const ranks = [0, 1, 17, length / 2 - 1, length / 2, length - 100, length - 2, length - 1];
    for (const [name, pattern] of Object.entries(patterns)) {
      const values = Float64Array.from({ length }, (_, index) => pattern(index));
      const sorted = sortedCopy(values);
      expect(Array.from(selectOrderStatistics(values, ranks)), name).toEqual(
        ranks.map((rank) => sorted[rank]),
      );
    }
  });

  it('leaves the caller’s array unchanged and fills a caller-provided scratch buffer instead', () => {
    fc.assert(
      fc.property(arrayWithRanks, ([values, ranks]) => {
        const original = Float64Array.from(values);
        const scratch = new Float64Array(values.length + 3);
        const withScratch = selectOrderStatistics(values, ranks, scratch);
        expect(values).toEqual(original);
        expect(withScratch).toEqual(selectOrderStatistics(values, ranks));
      }),
      { numRuns: 50 },
    );
  });

  it('names the offending field', () => {
    const values = Float64Array.of(1, 2, 3);
    expectFieldError(() => selectOrderStatistics(new Float64Array(0), [0]), 'values');
    expectFieldError(() => selectOrderStatistics(Float64Array.of(1, NaN, 3), [0]), 'values[1]');
    expectFieldError(() => selectOrderStatistics(Float64Array.of(1, 2, -Infinity), [0]), 'values[2]');
    expectFieldError(() => selectOrderStatistics(values, [0, 3]), 'ranks[1]');
    expectFieldError(() => selectOrderStatistics(values, [1.5]), 'ranks[0]');
    expectFieldError(() => selectOrderStatistics(values, [-1]), 'ranks[0]');
    expectFieldError(() => selectOrderStatistics(values, [0], new Float64Array(2)), 'scratch');
    expectFieldError(() => selectOrderStatistics(values, [0], values), 'scratch');
    const shared = new Float64Array(8);
    expectFieldError(
      () => selectOrderStatistics(shared.subarray(0, 4), [0], shared.subarray(2, 8)),
      'scratch',
    );
  });

  it('accepts a scratch buffer that shares memory with the values but does not overlap them', () => {
    const shared = Float64Array.of(4, 1, 3, 2, 0, 0, 0, 0);
    expect(Array.from(selectOrderStatistics(shared.subarray(0, 4), [0, 3], shared.subarray(4)))).toEqual([
      1, 4,
    ]);
    expect(Array.from(shared.subarray(0, 4))).toEqual([4, 1, 3, 2]);
  });
});

describe('quantilesLinear', () => {
  // Expected values printed by numpy 2.4.6 (`np.quantile(np.array(v), ps)`, default method 'linear') with
  //   python3 -c 'import numpy as np; print([repr(float(x)) for x in np.quantile(np.array(v), ps)])'
  // for each vector v below; pasted unchanged. Last-bit differences from the textbook formula are
  // deliberate: numpy interpolates from the upper neighbour when the weight is ≥ 0.5.
  const ps = [0, 0.1, 0.25, 0.5, 0.763, 0.9, 0.95, 0.99, 0.995, 1];
  const numpyGolden: Record<string, { values: number[]; quantiles: number[] }> = {
    zerosAndTies: {
      values: [3.5, 0, 0, 12, 7.25, 0, 1e6, 42, 42, 0.1],
      quantiles: [
        0.0, 0.0, 0.025, 5.375, 38.01, 100037.79999999964, 550018.899999999, 910003.7800000001,
        955001.8900000001, 1000000.0,
      ],
    },
    twoValues: {
      values: [0.3, 1.3],
      quantiles: [0.3, 0.4, 0.55, 0.8, 1.0630000000000002, 1.2000000000000002, 1.25, 1.29, 1.295, 1.3],
    },
    fourValues: {
      values: [0.2, 0.9, 1.1, 10.8],
      quantiles: [
        0.2, 0.41000000000000003, 0.7250000000000001, 1.0, 3.903300000000002, 7.890000000000002,
        9.344999999999997, 10.508999999999999, 10.654499999999999, 10.8,
      ],
    },
    single: { values: [5.0], quantiles: [5, 5, 5, 5, 5, 5, 5, 5, 5, 5] },
    decimals: {
      values: [4.41, 0.06, 1234.5678, 99.99, 0.0, 17.3, 250000.125],
      quantiles: [
        0.0, 0.036000000000000004, 2.235, 17.3, 755.7759684000004, 100740.7906800001, 175370.4578399998,
        235074.19156799986, 242537.15828399995, 250000.125,
      ],
    },
  };

  it.each(Object.entries(numpyGolden))(
    'matches np.quantile bit for bit on %s',
    (_name, { values, quantiles }) => {
      expect(Array.from(quantilesLinear(Float64Array.from(values), ps))).toEqual(quantiles);
      ps.forEach((p, index) => {
        expect(quantileLinear(Float64Array.from(values), p)).toBe(quantiles[index]);
      });
    },
  );

  it('agrees with the sort-based numpy rule on loss-like arrays', () => {
    fc.assert(
      fc.property(lossArray, fc.array(probability, { maxLength: 12 }), (values, probabilities) => {
        const sorted = sortedCopy(values);
        expect(Array.from(quantilesLinear(values, probabilities))).toEqual(
          probabilities.map((p) => referenceQuantile(sorted, p)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('names the offending probability', () => {
    const values = Float64Array.of(1, 2, 3);
    expectFieldError(() => quantilesLinear(values, [0.5, 1.5]), 'ps[1]');
    expectFieldError(() => quantilesLinear(values, [NaN]), 'ps[0]');
    expectFieldError(() => quantileLinear(values, -0.1), 'p');
    expectFieldError(() => quantileLinear(Float64Array.of(Infinity), 0.5), 'values[0]');
  });
});
