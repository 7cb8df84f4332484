import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

import { Xoshiro128StarStar } from '../../random/xoshiro128-star-star.js';
import golden from '../golden/distributions.json' with { type: 'json' };
import {
  drawSamples,
  integerCdfDistance,
  KOLMOGOROV_SMIRNOV_CRITICAL_0_001,
  relativeError,
  sampleMoments,
} from '../testing/sample-statistics.js';
import { createPoisson } from './poisson.js';

// Golden cdfs are exact to double precision (mpmath); ours agree to 3e-14 on this grid, the worst case a
// small cdf value at rate 400, where the exponent of x^a·e^−x/Γ(a) is a difference of numbers near 2400.
const CDF_RELATIVE_TOLERANCE = 1e-12;

describe.each(golden.poisson)('Poisson(rate $rate) against scipy', ({ rate, cdf, quantile }) => {
  const distribution = createPoisson({ rate }, 'frequency');

  it.each(cdf)('P(N ≤ $k) = $p', ({ k, p }) => {
    expect(relativeError(distribution.cdf(k), p)).toBeLessThan(CDF_RELATIVE_TOLERANCE);
  });

  it.each(quantile)('quantile($p) = $k', ({ p, k }) => {
    expect(distribution.quantile(p)).toBe(k);
  });
});

describe.each([
  [0.02, 11],
  [0.8, 12],
  [4, 13],
  [9.99, 14],
  [10, 15],
  [35, 16],
  [600, 17],
])('Poisson(rate %d) samples (fixed seed %d)', (rate, seed) => {
  const sampleCount = 100_000;
  const distribution = createPoisson({ rate }, 'frequency');
  let samples = new Float64Array(0);

  beforeAll(() => {
    samples = drawSamples(sampleCount, seed, (random) => distribution.sample(random));
  });

  it('has the analytic mean and variance within 4 standard errors', () => {
    const moments = sampleMoments(samples);
    expect(distribution.mean()).toBe(rate);
    expect(distribution.variance()).toBe(rate);
    expect(Math.abs(moments.mean - rate)).toBeLessThan(4 * Math.sqrt(rate / sampleCount));
    expect(Math.abs(moments.variance - rate)).toBeLessThan(
      4 * Math.sqrt((rate + 2 * rate * rate) / sampleCount),
    );
  });

  it('matches its cdf at every count (conservative KS bound at the 0.001 level)', () => {
    const distance = integerCdfDistance(samples, (k) => distribution.cdf(k));
    expect(distance).toBeLessThan(KOLMOGOROV_SMIRNOV_CRITICAL_0_001 / Math.sqrt(sampleCount));
  });
});

describe('Poisson properties', () => {
  const rateArbitrary = fc.double({ min: 0, max: 2000, noNaN: true });

  it('quantile is the smallest count whose cdf reaches p', () => {
    fc.assert(
      fc.property(rateArbitrary, fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (rate, p) => {
        const distribution = createPoisson({ rate }, 'frequency');
        const count = distribution.quantile(p);
        expect(Number.isInteger(count) && count >= 0).toBe(true);
        expect(distribution.cdf(count)).toBeGreaterThanOrEqual(p);
        if (count > 0) expect(distribution.cdf(count - 1)).toBeLessThan(p);
      }),
      { numRuns: 200 },
    );
  });

  it('cdf is a non-decreasing step function in [0, 1]', () => {
    fc.assert(
      fc.property(
        rateArbitrary,
        fc.double({ min: -5, max: 5000, noNaN: true }),
        fc.nat(50),
        (rate, k, step) => {
          const distribution = createPoisson({ rate }, 'frequency');
          const lower = distribution.cdf(k);
          expect(lower).toBeGreaterThanOrEqual(0);
          expect(lower).toBeLessThanOrEqual(1);
          expect(distribution.cdf(k + step)).toBeGreaterThanOrEqual(lower);
          expect(distribution.cdf(k)).toBe(distribution.cdf(Math.floor(k)));
        },
      ),
    );
  });
});

describe('Poisson edge cases', () => {
  it('with rate 0 never occurs', () => {
    const distribution = createPoisson({ rate: 0 }, 'frequency');
    expect(distribution.sample(Xoshiro128StarStar.fromSeed(1))).toBe(0);
    expect(distribution.cdf(0)).toBe(1);
    expect(distribution.quantile(1)).toBe(0);
    expect(distribution.variance()).toBe(0);
  });

  it('gives 0, Infinity and NaN at the ends of the probability range', () => {
    const distribution = createPoisson({ rate: 2 }, 'frequency');
    expect(distribution.quantile(0)).toBe(0);
    expect(distribution.quantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(distribution.quantile(1.5)).toBeNaN();
    expect(distribution.cdf(-1)).toBe(0);
    expect(distribution.cdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(distribution.cdf(Number.NaN)).toBeNaN();
  });
});
