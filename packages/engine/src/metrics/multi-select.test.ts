import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { selectRanksInPlace } from './multi-select.js';
import { distinctAscending } from './order-statistics.js';
import { sortedCopy } from './testing/sorted-reference.js';

const value = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: 3 }) },
  { weight: 4, arbitrary: fc.double({ min: -1e9, max: 1e9, noNaN: true }) },
);
const arrayWithRanks = fc
  .array(value, { minLength: 1, maxLength: 3000, size: 'max' })
  .chain((values) =>
    fc.tuple(
      fc.constant(Float64Array.from(values)),
      fc.array(fc.nat({ max: values.length - 1 }), { maxLength: 25, size: 'max' }),
    ),
  );

/**
 * Selected ranks hold their order statistics (−0 and 0 are the same value), and every value between two
 * consecutive selected ranks lies between their values — so nothing larger precedes a selected rank and
 * nothing smaller follows it.
 */
function expectSelectedAndPartitioned(work: Float64Array, sorted: Float64Array, ranks: Int32Array): void {
  expect(Array.from(ranks, (rank) => (work[rank] ?? NaN) + 0)).toEqual(
    Array.from(ranks, (rank) => (sorted[rank] ?? NaN) + 0),
  );
  let segmentStart = 0;
  let lowerBound = -Infinity;
  for (const rank of [...ranks, work.length]) {
    const upperBound = work[rank] ?? Infinity;
    const segment = work.subarray(segmentStart, rank);
    expect(segment.every((value) => value >= lowerBound && value <= upperBound)).toBe(true);
    segmentStart = rank + 1;
    lowerBound = upperBound;
  }
}

describe('selectRanksInPlace', () => {
  it('places every requested rank and partitions the array around it (what TVaR relies on)', () => {
    fc.assert(
      fc.property(arrayWithRanks, ([values, rankList]) => {
        const ranks = distinctAscending(rankList);
        const work = Float64Array.from(values);
        selectRanksInPlace(work, ranks);
        expectSelectedAndPartitioned(work, sortedCopy(values), ranks);
        expect(sortedCopy(work)).toEqual(sortedCopy(values));
      }),
      { numRuns: 200 },
    );
  });

  it('falls back to heap sort correctly when the partition budget runs out', () => {
    fc.assert(
      fc.property(arrayWithRanks, fc.nat({ max: 3 }), ([values, rankList], depthBudget) => {
        const ranks = distinctAscending(rankList);
        const work = Float64Array.from(values);
        selectRanksInPlace(work, ranks, depthBudget);
        expectSelectedAndPartitioned(work, sortedCopy(values), ranks);
      }),
      { numRuns: 100 },
    );
  });

  it('settles a million equal values in one pass rather than O(N²)', () => {
    const work = new Float64Array(1_000_000);
    const ranks = Int32Array.of(0, 1, 499_999, 500_000, 999_998, 999_999);
    const started = performance.now();
    selectRanksInPlace(work, ranks);
    // A quadratic run would take hours; this guards the order of growth, not a timing budget.
    expect(performance.now() - started).toBeLessThan(2000);
    expect(work.every((entry) => entry === 0)).toBe(true);
  });
});
