import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { EngineInputError } from '../engine-input-error.js';
import {
  summariseLosses,
  worstYearCount,
  type LossSummary,
  type LossSummaryOptions,
} from './loss-metrics.js';
import { referenceSummary } from './testing/sorted-reference.js';

const lossValue = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 8 }).map((step) => step * 250_000) },
  { weight: 4, arbitrary: fc.double({ min: 0, max: 1e7, noNaN: true }) },
);
const lossArray = fc
  .array(lossValue, { minLength: 1, maxLength: 2000, size: 'max' })
  .map((values) => Float64Array.from(values));
const level = fc.oneof(
  fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  fc.constantFrom(0, 0.5, 0.9, 0.95, 0.99, 0.995, 0.999),
);
const options: fc.Arbitrary<LossSummaryOptions> = fc.record({
  varLevels: fc.array(level, { maxLength: 8 }),
  returnPeriods: fc.array(
    fc.oneof(
      fc.double({ min: 1, max: 1e5, minExcluded: true, noNaN: true }),
      fc.constantFrom(2, 10, 100, 1000),
    ),
    { maxLength: 10 },
  ),
  exceedanceThresholds: fc.array(fc.oneof(lossValue, fc.double({ noNaN: true, noDefaultInfinity: true })), {
    maxLength: 30,
  }),
});

const CRQ_BENCH_OPTIONS: LossSummaryOptions = {
  varLevels: [0.99, 0.995],
  returnPeriods: [2, 5, 10, 20, 50, 100, 250, 500, 1000],
  exceedanceThresholds: Array.from({ length: 61 }, (_, k) => 10 ** (3 + k / 10)),
};

function expectClose(actual: number, expected: number, relativeTolerance: number, scale: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    relativeTolerance * Math.max(Math.abs(scale), 1e-300),
  );
}

/**
 * Exact where both sides follow the same arithmetic (order statistics, quantiles, counts); within rounding
 * for sums, which the reference adds up in a different order.
 */
function expectMatchesReference(
  summary: LossSummary,
  values: Float64Array,
  request: LossSummaryOptions,
): void {
  const reference = referenceSummary(values, request, worstYearCount);
  const scale = Math.max(Math.abs(reference.min), Math.abs(reference.max));
  expect(summary.count).toBe(reference.count);
  expect(summary.min).toBe(reference.min);
  expect(summary.max).toBe(reference.max);
  expect(summary.valueAtRisk).toEqual(reference.valueAtRisk);
  expect(summary.returnPeriodLosses).toEqual(reference.returnPeriodLosses);
  expect(summary.exceedance).toEqual(reference.exceedance);
  expectClose(summary.mean, reference.mean, 1e-12, scale);
  expectClose(summary.standardDeviation, reference.standardDeviation, 1e-9, scale);
  summary.tailValueAtRisk.forEach(({ level: tailLevel, value }, index) => {
    expect(tailLevel).toBe(request.varLevels[index]);
    expectClose(value, reference.tailValueAtRisk[index]?.value ?? NaN, 1e-12, scale);
  });
}

function expectNonDecreasing(list: readonly number[]): void {
  list.forEach((value, index) => {
    if (index > 0) expect(value).toBeGreaterThanOrEqual(list[index - 1] ?? -Infinity);
  });
}

function byAscending<T>(items: readonly T[], key: (item: T) => number): T[] {
  return [...items].sort((a, b) => key(a) - key(b));
}

/** A 32-bit integer hash (Chris Wellons' "lowbias32") mapped to [0, 1): a fixed, well-mixed sequence. */
function hashToUnit(index: number): number {
  let hash = index >>> 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x7feb352d);
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x846ca68b);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 4294967296;
}

/**
 * One simulated year per index: 35 % loss-free years, 0.2 % of years at a 2,000,000 aggregate cap (a run
 * of equal values in the tail), the rest lognormal-like amounts rounded to cents (more ties).
 */
function formulaLosses(count: number): Float64Array {
  return Float64Array.from({ length: count }, (_, index) => {
    const draw = hashToUnit(index);
    if (draw < 0.35) return 0;
    if (draw > 0.998) return 2_000_000;
    return Math.round(Math.exp(7 + 7 * hashToUnit(index + 0x9e3779b9)) * 100) / 100;
  });
}

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

describe('summariseLosses', () => {
  it('agrees with the sort-based reference on loss-like arrays', () => {
    fc.assert(
      fc.property(lossArray, options, (values, request) => {
        expectMatchesReference(summariseLosses(values, request), values, request);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps TVaR ≥ VaR, both non-decreasing in the level, exceedance non-increasing, return-period losses non-decreasing', () => {
    fc.assert(
      fc.property(lossArray, options, (values, request) => {
        const summary = summariseLosses(values, request);
        summary.valueAtRisk.forEach(({ value }, index) => {
          expect(summary.tailValueAtRisk[index]?.value).toBeGreaterThanOrEqual(value);
        });
        expectNonDecreasing(
          byAscending(summary.valueAtRisk, (entry) => entry.level).map((entry) => entry.value),
        );
        expectNonDecreasing(
          byAscending(summary.tailValueAtRisk, (entry) => entry.level).map((entry) => entry.value),
        );
        expectNonDecreasing(
          byAscending(summary.returnPeriodLosses, (entry) => entry.years).map((entry) => entry.loss),
        );
        expectNonDecreasing(
          byAscending(summary.exceedance, (entry) => entry.threshold).map((entry) => -entry.probability),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('leaves the caller’s array unchanged, with or without a scratch buffer', () => {
    fc.assert(
      fc.property(lossArray, options, (values, request) => {
        const original = Float64Array.from(values);
        const scratch = new Float64Array(values.length + 5);
        expect(summariseLosses(values, request, scratch)).toEqual(summariseLosses(values, request));
        expect(values).toEqual(original);
      }),
      { numRuns: 50 },
    );
  });

  it('matches numpy on a small vector with zeros and ties', () => {
    // Expected values printed by numpy 2.4.6 for x = np.array(values):
    //   np.mean(x), np.std(x, ddof=1), np.quantile(x, p) for the levels and for 1 - 1/T,
    //   (x > t).mean() for the thresholds, np.sort(x)[-m:].mean() with m = ceil((1 - p) * 10) = 5, 1, 1;
    // each printed with repr(float(...)) and pasted unchanged.
    const values = Float64Array.of(3.5, 0, 0, 12, 7.25, 0, 1e6, 42, 42, 0.1);
    const summary = summariseLosses(values, {
      varLevels: [0.5, 0.9, 0.95],
      returnPeriods: [2, 5, 10, 100],
      exceedanceThresholds: [0, 1, 42, 1000],
    });
    expect(summary).toEqual({
      count: 10,
      mean: 100010.685,
      standardDeviation: 316224.0121241639,
      min: 0,
      max: 1e6,
      valueAtRisk: [
        { level: 0.5, value: 5.375 },
        { level: 0.9, value: 100037.79999999964 },
        { level: 0.95, value: 550018.899999999 },
      ],
      tailValueAtRisk: [
        { level: 0.5, value: 200020.65 },
        { level: 0.9, value: 1e6 },
        { level: 0.95, value: 1e6 },
      ],
      returnPeriodLosses: [
        { years: 2, loss: 5.375 },
        { years: 5, loss: 42.0 },
        { years: 10, loss: 100037.79999999964 },
        { years: 100, loss: 910003.7800000001 },
      ],
      exceedance: [
        { threshold: 0, probability: 0.7 },
        { threshold: 1, probability: 0.6 },
        { threshold: 42, probability: 0.1 },
        { threshold: 1000, probability: 0.1 },
      ],
    });
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it('gives the single value, and a standard deviation of 0, for one simulated year', () => {
    const summary = summariseLosses(Float64Array.of(1234.5), {
      varLevels: [0, 0.99],
      returnPeriods: [1000],
      exceedanceThresholds: [1234.5, 1234],
    });
    expect(summary.mean).toBe(1234.5);
    expect(summary.standardDeviation).toBe(0);
    expect(summary.valueAtRisk.map((entry) => entry.value)).toEqual([1234.5, 1234.5]);
    expect(summary.tailValueAtRisk.map((entry) => entry.value)).toEqual([1234.5, 1234.5]);
    expect(summary.returnPeriodLosses).toEqual([{ years: 1000, loss: 1234.5 }]);
    expect(summary.exceedance.map((entry) => entry.probability)).toEqual([0, 1]);
  });

  it('agrees with the reference on a million formula-generated years (the large-N path)', () => {
    const values = formulaLosses(1_000_000);
    const request: LossSummaryOptions = {
      ...CRQ_BENCH_OPTIONS,
      varLevels: [0, 0.5, 0.9, 0.99, 0.995, 0.999],
    };
    expectMatchesReference(summariseLosses(values, request), values, request);
  });

  it('names the offending field', () => {
    const values = Float64Array.of(1, 2, 3);
    const valid: LossSummaryOptions = { varLevels: [0.9], returnPeriods: [10], exceedanceThresholds: [1] };
    expectFieldError(() => summariseLosses(new Float64Array(0), valid), 'values');
    expectFieldError(() => summariseLosses([1, 2] as unknown as Float64Array, valid), 'values');
    expectFieldError(() => summariseLosses(Float64Array.of(1, 2, NaN, Infinity), valid), 'values[2]');
    expectFieldError(() => summariseLosses(Float64Array.of(1e308, 1e308), valid), 'values');
    expectFieldError(() => summariseLosses(values, { ...valid, varLevels: [0.5, 0.9, 1] }), 'varLevels[2]');
    expectFieldError(() => summariseLosses(values, { ...valid, varLevels: [-0.1] }), 'varLevels[0]');
    expectFieldError(() => summariseLosses(values, { ...valid, varLevels: [NaN] }), 'varLevels[0]');
    expectFieldError(() => summariseLosses(values, { ...valid, returnPeriods: [10, 1] }), 'returnPeriods[1]');
    expectFieldError(
      () => summariseLosses(values, { ...valid, returnPeriods: [Infinity] }),
      'returnPeriods[0]',
    );
    expectFieldError(
      () => summariseLosses(values, { ...valid, exceedanceThresholds: [1, 2, -Infinity] }),
      'exceedanceThresholds[2]',
    );
    expectFieldError(
      () => summariseLosses(values, { ...valid, exceedanceThresholds: undefined as unknown as number[] }),
      'exceedanceThresholds',
    );
    expectFieldError(() => summariseLosses(values, null as unknown as LossSummaryOptions), 'options');
    expectFieldError(() => summariseLosses(values, valid, new Float64Array(2)), 'scratch');
  });
});

describe('worstYearCount', () => {
  it('is ⌈(1 − p)·N⌉, reading decimal levels as the decimals they stand for', () => {
    expect(worstYearCount(0.99, 100)).toBe(1);
    expect(worstYearCount(0.9, 10)).toBe(1);
    expect(worstYearCount(0.3, 10)).toBe(7);
    expect(worstYearCount(0.995, 1_000_000)).toBe(5000);
    expect(worstYearCount(0.999, 1_000_000)).toBe(1000);
    expect(worstYearCount(0.5, 3)).toBe(2);
    expect(worstYearCount(0.95, 10)).toBe(1);
    expect(worstYearCount(0, 7)).toBe(7);
  });

  it('keeps at least the worst year, so a level leaving no year in the tail gives the maximum', () => {
    expect(worstYearCount(0.9999999999999999, 100)).toBe(1);
    expect(worstYearCount(0.999, 10)).toBe(1);
  });
});
