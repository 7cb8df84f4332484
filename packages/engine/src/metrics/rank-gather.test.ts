import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { ValueTotals, createExceedanceTally, tallyExceedancesAndTotals } from './exceedance-counts.js';
import { selectRanksInPlace } from './multi-select.js';
import { distinctAscending } from './order-statistics.js';
import { DeviationSums, gatherValuesAndDeviations, planRankGather } from './rank-gather.js';
import { sortedCopy } from './testing/sorted-reference.js';

const value = fc.oneof(
  { weight: 4, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.constant(-0) },
  { weight: 1, arbitrary: fc.constantFrom(Number.MIN_VALUE, -Number.MIN_VALUE, 2_000_000) },
  { weight: 4, arbitrary: fc.double({ min: 0, max: 1e7, noNaN: true }) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);
const valuesAndRequest = fc.array(value, { minLength: 1, maxLength: 1500, size: 'max' }).chain((list) =>
  fc.record({
    values: fc.constant(Float64Array.from(list)),
    ranks: fc.array(fc.nat(list.length - 1), { maxLength: 12 }),
    tailFromRank: fc.oneof(fc.constant(list.length), fc.nat(list.length - 1)),
  }),
);

/** Plans, gathers and selects as summariseLosses does. */
function gatherAndSelect(values: Float64Array, ranks: Int32Array, tailFromRank: number) {
  const tally = createExceedanceTally(new Float64Array(0));
  const totals = new ValueTotals();
  tallyExceedancesAndTotals(values, tally, totals);
  const plan = planRankGather(tally.keyCounts, totals.positiveZeros, ranks, tailFromRank);
  const work = new Float64Array(values.length);
  const gatheredCount = gatherValuesAndDeviations(values, 0, plan.gatheredKeys, work, new DeviationSums());
  const gathered = work.subarray(0, gatheredCount);
  const tailPositions = Array.from(plan.tailPositions).filter((position) => position < gatheredCount);
  selectRanksInPlace(
    gathered,
    distinctAscending([...Array.from(plan.positions).filter((position) => position >= 0), ...tailPositions]),
  );
  return { plan, gathered };
}

describe('planRankGather with gatherValuesAndDeviations', () => {
  it('finds every requested order statistic exactly, zeros of either sign included', () => {
    fc.assert(
      fc.property(valuesAndRequest, ({ values, ranks, tailFromRank }) => {
        const requested = distinctAscending([
          ...ranks,
          ...(tailFromRank < values.length ? [tailFromRank] : []),
        ]);
        const { plan, gathered } = gatherAndSelect(values, requested, tailFromRank);
        const sorted = sortedCopy(values);
        expect(plan.gatheredCount).toBe(gathered.length);
        requested.forEach((rank, index) => {
          const position = plan.positions[index]!;
          const found = position < 0 ? 0 : gathered[position];
          expect(Object.is(found, sorted[rank])).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('gathers every value of a tail except its +0s, after the tail position', () => {
    fc.assert(
      fc.property(valuesAndRequest, ({ values, tailFromRank }) => {
        if (tailFromRank >= values.length) return;
        const { plan, gathered } = gatherAndSelect(values, Int32Array.of(tailFromRank), tailFromRank);
        const tail = Array.from(gathered.subarray(plan.tailPositions[0])).sort((a, b) => a - b);
        const expected = Array.from(sortedCopy(values).subarray(tailFromRank)).filter(
          (entry) => !Object.is(entry, 0),
        );
        expect(tail).toEqual(expected.sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });

  it('gathers nothing for ranks among the leading +0s of a run of mostly loss-free years', () => {
    const values = Float64Array.from({ length: 10_000 }, (_, index) => (index % 10 === 0 ? index + 1 : 0));
    const { plan } = gatherAndSelect(values, Int32Array.of(5000, 8999), values.length);
    expect(plan.gatheredCount).toBe(0);
    expect(Array.from(plan.positions)).toEqual([-1, -1]);
  });
});
