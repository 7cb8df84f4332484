import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { EngineInputError } from '../../engine-input-error.js';
import { Xoshiro128StarStar } from '../../random/xoshiro128-star-star.js';
import { BernoulliDistribution } from './bernoulli.js';
import { createFrequency, type FrequencySpec } from './create-frequency.js';
import { NegativeBinomialDistribution } from './negative-binomial.js';
import { PoissonDistribution } from './poisson.js';

const FIELD = 'sections[1].processes[2].frequency';

// `reason` is a pattern, or the exact reason as a string.
function expectInputError(spec: unknown, field: string, reason: RegExp | string): void {
  let thrown: unknown;
  try {
    createFrequency(spec as FrequencySpec, FIELD);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(EngineInputError);
  expect((thrown as EngineInputError).field).toBe(field);
  const actualReason = (thrown as EngineInputError).reason;
  if (typeof reason === 'string') expect(actualReason).toBe(reason);
  else expect(actualReason).toMatch(reason);
}

describe('createFrequency dispatch', () => {
  it.each([
    [{ kind: 'poisson', rate: 0.3 }, PoissonDistribution],
    [{ kind: 'negative_binomial', rate: 0.3, dispersion: 2 }, NegativeBinomialDistribution],
    [{ kind: 'bernoulli', probability: 0.05 }, BernoulliDistribution],
  ] as const)('builds %o', (spec, expectedClass) => {
    const distribution = createFrequency(spec, FIELD);
    expect(distribution).toBeInstanceOf(expectedClass);
  });
});

describe('createFrequency validation names the field', () => {
  it.each([
    [
      'a negative rate',
      { kind: 'poisson', rate: -0.1 },
      `${FIELD}.rate`,
      /^must not be negative \(got -0\.1\)$/,
    ],
    ['a NaN rate', { kind: 'poisson', rate: Number.NaN }, `${FIELD}.rate`, /finite number \(got NaN\)/],
    ['an infinite rate', { kind: 'poisson', rate: Number.POSITIVE_INFINITY }, `${FIELD}.rate`, /Infinity/],
    [
      'a negative NB rate',
      { kind: 'negative_binomial', rate: -1, dispersion: 1 },
      `${FIELD}.rate`,
      /must not be negative/,
    ],
    [
      'a zero dispersion',
      { kind: 'negative_binomial', rate: 1, dispersion: 0 },
      `${FIELD}.dispersion`,
      /greater than 0/,
    ],
    [
      'a probability above 1',
      { kind: 'bernoulli', probability: 1.5 },
      `${FIELD}.probability`,
      'must be at most 1: a Bernoulli frequency is the probability of one occurrence in a year (got 1.5); ' +
        "for an expected count of occurrences use kind 'poisson' with a rate",
    ],
    [
      'a negative probability',
      { kind: 'bernoulli', probability: -0.5 },
      `${FIELD}.probability`,
      /between 0 and 1/,
    ],
    [
      'an unknown kind',
      { kind: 'binomial', rate: 1 },
      `${FIELD}.kind`,
      /^unknown distribution 'binomial'; expected one of 'poisson', 'negative_binomial', 'bernoulli'$/,
    ],
    ['a numeric kind', { kind: 3 }, `${FIELD}.kind`, /unknown distribution 3;/],
    ['an array', [], FIELD, /must be a frequency object with a kind \(got a list\)/],
  ])('rejects %s', (_description, spec, field, reason) => {
    expectInputError(spec, field, reason);
  });
});

const frequencySpec: fc.Arbitrary<FrequencySpec> = fc.oneof(
  fc.record({ kind: fc.constant('poisson' as const), rate: fc.double({ min: 0, max: 300, noNaN: true }) }),
  fc.record({
    kind: fc.constant('negative_binomial' as const),
    rate: fc.double({ min: 0, max: 300, noNaN: true }),
    dispersion: fc.double({ min: 0.01, max: 1e4, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('bernoulli' as const),
    probability: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
);

describe('frequency properties (every kind)', () => {
  it('cdf is a non-decreasing function into [0, 1], and quantile inverts it', () => {
    fc.assert(
      fc.property(frequencySpec, fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (spec, p) => {
        const distribution = createFrequency(spec, FIELD);
        const count = distribution.quantile(p);
        expect(distribution.cdf(count)).toBeGreaterThanOrEqual(p);
        if (count > 0) expect(distribution.cdf(count - 1)).toBeLessThan(p);
        for (let k = Math.max(0, count - 3); k < count + 3; k++) {
          expect(distribution.cdf(k)).toBeGreaterThanOrEqual(0);
          expect(distribution.cdf(k + 1)).toBeGreaterThanOrEqual(distribution.cdf(k));
          expect(distribution.cdf(k + 1)).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('samples are non-negative integers, deterministic given the stream', () => {
    fc.assert(
      fc.property(frequencySpec, fc.nat(), (spec, seed) => {
        const distribution = createFrequency(spec, FIELD);
        const first = Xoshiro128StarStar.fromSeed(seed);
        const second = Xoshiro128StarStar.fromSeed(seed);
        for (let draw = 0; draw < 30; draw++) {
          const count = distribution.sample(first);
          expect(Number.isInteger(count) && count >= 0).toBe(true);
          expect(distribution.sample(second)).toBe(count);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('has variance at least the mean except for Bernoulli, where it is p(1 − p)', () => {
    fc.assert(
      fc.property(frequencySpec, (spec) => {
        const distribution = createFrequency(spec, FIELD);
        if (spec.kind === 'bernoulli')
          expect(distribution.variance()).toBeLessThanOrEqual(distribution.mean());
        else expect(distribution.variance()).toBeGreaterThanOrEqual(distribution.mean());
      }),
    );
  });
});
