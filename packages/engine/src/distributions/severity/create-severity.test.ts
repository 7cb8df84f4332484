import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { EngineInputError } from '../../engine-input-error.js';
import { Xoshiro128StarStar } from '../../random/xoshiro128-star-star.js';
import { createSeverity, type SeveritySpec } from './create-severity.js';
import { EmpiricalDistribution } from './empirical.js';
import { LognormalDistribution } from './lognormal.js';
import { PertDistribution } from './pert.js';
import { SplicedLognormalGpdDistribution } from './spliced-lognormal-gpd.js';

const FIELD = 'sections[0].processes[0].severity';

// `reason` is a pattern, or the exact reason as a string.
function expectInputError(spec: unknown, field: string, reason: RegExp | string): void {
  let thrown: unknown;
  try {
    createSeverity(spec as SeveritySpec, FIELD);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(EngineInputError);
  const inputError = thrown as EngineInputError;
  expect(inputError.field).toBe(field);
  if (typeof reason === 'string') expect(inputError.reason).toBe(reason);
  else expect(inputError.reason).toMatch(reason);
  expect(inputError.message).toBe(`${field}: ${inputError.reason}`);
}

describe('createSeverity dispatch', () => {
  it.each([
    [{ kind: 'lognormal', mu: 10, sigma: 1 }, LognormalDistribution],
    [{ kind: 'lognormal_interval', low: 10_000, high: 500_000 }, LognormalDistribution],
    [{ kind: 'pert', min: 0, mode: 1, max: 10 }, PertDistribution],
    [
      { kind: 'spliced_lognormal_gpd', mu: 10, sigma: 1, threshold: 1e5, tailShape: 0.3, tailScale: 5e4 },
      SplicedLognormalGpdDistribution,
    ],
    [{ kind: 'empirical', values: [1, 2, 3] }, EmpiricalDistribution],
  ] as const)('builds %o', (spec, expectedClass) => {
    const { distribution, warnings } = createSeverity(spec, FIELD);
    expect(distribution).toBeInstanceOf(expectedClass);
    expect(warnings).toEqual([]);
  });

  it('warns about a lognormal interval whose mean exceeds high, naming the field', () => {
    const { warnings } = createSeverity({ kind: 'lognormal_interval', low: 1, high: 100_000 }, FIELD);
    expect(warnings).toEqual([expect.stringContaining(`${FIELD}: the implied mean loss`)]);
  });

  it('warns about a GPD tail with an infinite mean, naming the field', () => {
    const spec = {
      kind: 'spliced_lognormal_gpd',
      mu: 10,
      sigma: 1,
      threshold: 1e5,
      tailShape: 1.2,
      tailScale: 5e4,
    };
    const { distribution, warnings } = createSeverity(spec as SeveritySpec, FIELD);
    expect(distribution.mean()).toBe(Number.POSITIVE_INFINITY);
    expect(warnings).toEqual([
      expect.stringMatching(/^sections\[0\]\.processes\[0\]\.severity: tailShape 1\.2 /),
    ]);
  });
});

describe('createSeverity validation names the field', () => {
  it.each([
    [
      'σ = 0',
      { kind: 'lognormal', mu: 10, sigma: 0 },
      `${FIELD}.sigma`,
      /^must be greater than 0 \(got 0\)$/,
    ],
    ['σ < 0', { kind: 'lognormal', mu: 10, sigma: -1 }, `${FIELD}.sigma`, /greater than 0/],
    ['NaN mu', { kind: 'lognormal', mu: Number.NaN, sigma: 1 }, `${FIELD}.mu`, /finite number \(got NaN\)/],
    ['infinite mu', { kind: 'lognormal', mu: Number.POSITIVE_INFINITY, sigma: 1 }, `${FIELD}.mu`, /Infinity/],
    ['missing sigma', { kind: 'lognormal', mu: 1 }, `${FIELD}.sigma`, /got nothing/],
    ['a string sigma', { kind: 'lognormal', mu: 1, sigma: '2' }, `${FIELD}.sigma`, /the string '2'/],
    ['low = high', { kind: 'lognormal_interval', low: 5, high: 5 }, `${FIELD}.high`, /greater than low/],
    ['low > high', { kind: 'lognormal_interval', low: 50, high: 5 }, `${FIELD}.high`, /greater than low/],
    ['low = 0', { kind: 'lognormal_interval', low: 0, high: 5 }, `${FIELD}.low`, /greater than 0/],
    ['infinite high', { kind: 'lognormal_interval', low: 1, high: Infinity }, `${FIELD}.high`, /finite/],
    ['PERT max = min', { kind: 'pert', min: 5, mode: 5, max: 5 }, `${FIELD}.max`, /greater than min/],
    ['PERT mode > max', { kind: 'pert', min: 0, mode: 11, max: 10 }, `${FIELD}.mode`, /between min and max/],
    ['PERT negative min', { kind: 'pert', min: -1, mode: 0, max: 1 }, `${FIELD}.min`, /must not be negative/],
    [
      'PERT negative shape',
      { kind: 'pert', min: 0, mode: 1, max: 2, shape: -1 },
      `${FIELD}.shape`,
      /negative/,
    ],
    [
      'GPD threshold 0',
      { kind: 'spliced_lognormal_gpd', mu: 1, sigma: 1, threshold: 0, tailShape: 0, tailScale: 1 },
      `${FIELD}.threshold`,
      /greater than 0/,
    ],
    [
      'GPD NaN tailShape',
      { kind: 'spliced_lognormal_gpd', mu: 1, sigma: 1, threshold: 1, tailShape: Number.NaN, tailScale: 1 },
      `${FIELD}.tailShape`,
      /finite/,
    ],
    [
      'GPD tailScale 0',
      { kind: 'spliced_lognormal_gpd', mu: 1, sigma: 1, threshold: 1, tailShape: 0, tailScale: 0 },
      `${FIELD}.tailScale`,
      /greater than 0/,
    ],
    ['no values', { kind: 'empirical', values: [] }, `${FIELD}.values`, /non-empty list/],
    [
      'a negative value',
      { kind: 'empirical', values: [1, -2] },
      `${FIELD}.values[1]`,
      /must not be negative/,
    ],
    ['a NaN value', { kind: 'empirical', values: [Number.NaN] }, `${FIELD}.values[0]`, /finite/],
    [
      'an unknown kind',
      { kind: 'gamma', shape: 2 },
      `${FIELD}.kind`,
      "unknown distribution 'gamma'; expected one of " +
        "'lognormal', 'lognormal_interval', 'pert', 'spliced_lognormal_gpd', 'empirical'",
    ],
    ['a missing kind', { mu: 1, sigma: 1 }, `${FIELD}.kind`, /unknown distribution nothing/],
    ['null', null, FIELD, /must be a severity object with a kind \(got null\)/],
  ])('rejects %s', (_description, spec, field, reason) => {
    expectInputError(spec, field, reason);
  });
});

const lognormalSpec = fc.record({
  kind: fc.constant('lognormal' as const),
  mu: fc.double({ min: -5, max: 15, noNaN: true }),
  sigma: fc.double({ min: 0.05, max: 3, noNaN: true }),
});
const pertSpec = fc
  .record({
    min: fc.double({ min: 0, max: 1e6, noNaN: true }),
    width: fc.double({ min: 1e-3, max: 1e7, noNaN: true }),
    modeFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    shape: fc.double({ min: 0, max: 50, noNaN: true }),
  })
  .map(({ min, width, modeFraction, shape }) => ({
    kind: 'pert' as const,
    min,
    mode: min + modeFraction * width,
    max: min + width,
    shape,
  }));
const splicedSpec = fc
  .record({
    mu: fc.double({ min: 0, max: 14, noNaN: true }),
    sigma: fc.double({ min: 0.1, max: 2.5, noNaN: true }),
    thresholdZ: fc.double({ min: -2, max: 3, noNaN: true }),
    tailShape: fc.double({ min: -0.5, max: 1.5, noNaN: true }),
    scaleFactor: fc.double({ min: 0.05, max: 10, noNaN: true }),
  })
  .map(({ mu, sigma, thresholdZ, tailShape, scaleFactor }) => {
    const threshold = Math.exp(mu + sigma * thresholdZ);
    return {
      kind: 'spliced_lognormal_gpd' as const,
      mu,
      sigma,
      threshold,
      tailShape,
      tailScale: threshold * scaleFactor,
    };
  });
const empiricalSpec = fc.record({
  kind: fc.constant('empirical' as const),
  values: fc.array(fc.double({ min: 0, max: 1e8, noNaN: true }), { minLength: 1, maxLength: 30 }),
});
const continuousSpec: fc.Arbitrary<SeveritySpec> = fc.oneof(lognormalSpec, pertSpec, splicedSpec);
const anySpec: fc.Arbitrary<SeveritySpec> = fc.oneof(lognormalSpec, pertSpec, splicedSpec, empiricalSpec);
const probability = fc.double({ min: 0, max: 1, noNaN: true });

describe('severity properties (every kind)', () => {
  it('cdf is non-decreasing and in [0, 1]', () => {
    fc.assert(
      fc.property(anySpec, probability, probability, (spec, first, second) => {
        const { distribution } = createSeverity(spec, FIELD);
        const lower = distribution.quantile(Math.min(first, second) * 0.999);
        const upper = distribution.quantile(Math.max(first, second) * 0.999);
        for (const x of [lower, upper, lower * 0.5, upper * 2]) {
          const value = distribution.cdf(x);
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
        expect(distribution.cdf(upper)).toBeGreaterThanOrEqual(distribution.cdf(lower));
        expect(distribution.cdf(upper * 2)).toBeGreaterThanOrEqual(distribution.cdf(upper));
      }),
    );
  });

  it('quantile(cdf(x)) ≈ x for the continuous kinds, in the bulk of the support', () => {
    fc.assert(
      fc.property(continuousSpec, fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), (spec, level) => {
        const { distribution } = createSeverity(spec, FIELD);
        const x = distribution.quantile(level);
        fc.pre(Number.isFinite(x) && x > 0);
        const roundTrip = distribution.quantile(distribution.cdf(x));
        expect(Math.abs(roundTrip - x)).toBeLessThanOrEqual(1e-7 * x);
      }),
    );
  });

  it('E[min(X, u)] ≤ min(E[X], u), and it does not decrease as u grows', () => {
    fc.assert(
      fc.property(anySpec, probability, probability, (spec, first, second) => {
        const { distribution } = createSeverity(spec, FIELD);
        const mean = distribution.mean();
        const smaller = distribution.quantile(Math.min(first, second) * 0.999);
        const larger = distribution.quantile(Math.max(first, second) * 0.999) * 1.5;
        for (const u of [smaller, larger]) {
          const limited = distribution.limitedExpectedValue(u);
          expect(limited).toBeGreaterThanOrEqual(0);
          expect(limited).toBeLessThanOrEqual(Math.min(mean, u) * (1 + 1e-12));
        }
        expect(distribution.limitedExpectedValue(larger)).toBeGreaterThanOrEqual(
          distribution.limitedExpectedValue(smaller) * (1 - 1e-12),
        );
      }),
    );
  });

  it('samples are finite and non-negative, and deterministic given the stream', () => {
    fc.assert(
      fc.property(anySpec, fc.nat(), (spec, seed) => {
        const { distribution } = createSeverity(spec, FIELD);
        const first = Xoshiro128StarStar.fromSeed(seed);
        const second = Xoshiro128StarStar.fromSeed(seed);
        for (let draw = 0; draw < 50; draw++) {
          const value = distribution.sample(first);
          expect(value).toBeGreaterThanOrEqual(0);
          expect(Number.isFinite(value)).toBe(true);
          expect(distribution.sample(second)).toBe(value);
        }
      }),
    );
  });
});
