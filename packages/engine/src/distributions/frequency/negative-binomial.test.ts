import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

import golden from '../golden/distributions.json' with { type: 'json' };
import {
  drawSamples,
  integerCdfDistance,
  KOLMOGOROV_SMIRNOV_CRITICAL_0_001,
  relativeError,
  sampleMoments,
} from '../testing/sample-statistics.js';
import { createNegativeBinomial } from './negative-binomial.js';

// Golden cdfs are exact to double precision (mpmath; scipy's nbinom.cdf is off by up to 8e-10 at dispersion
// 1e9). Ours agree to 3e-14 on this grid.
const CDF_RELATIVE_TOLERANCE = 1e-12;

describe.each(golden.negativeBinomial)(
  'NegativeBinomial(rate $rate, dispersion $dispersion) against scipy',
  ({ rate, dispersion, cdf, quantile }) => {
    const distribution = createNegativeBinomial({ rate, dispersion }, 'frequency');

    it.each(cdf)('P(N ≤ $k) = $p', ({ k, p }) => {
      expect(relativeError(distribution.cdf(k), p)).toBeLessThan(CDF_RELATIVE_TOLERANCE);
    });

    it.each(quantile)('quantile($p) = $k', ({ p, k }) => {
      expect(distribution.quantile(p)).toBe(k);
    });
  },
);

describe.each([
  [0.05, 0.5, 21],
  [1.2, 2, 22],
  [3, 0.3, 23],
  [15, 50, 24],
  [80, 4, 25],
  [2, 1e6, 26],
])('NegativeBinomial(rate %d, dispersion %d) samples (fixed seed %d)', (rate, dispersion, seed) => {
  const sampleCount = 100_000;
  const distribution = createNegativeBinomial({ rate, dispersion }, 'frequency');
  let samples = new Float64Array(0);

  beforeAll(() => {
    samples = drawSamples(sampleCount, seed, (random) => distribution.sample(random));
  });

  it('has mean = rate and variance = rate + rate²/dispersion within 4 standard errors', () => {
    const moments = sampleMoments(samples);
    const variance = rate + (rate * rate) / dispersion;
    expect(distribution.mean()).toBe(rate);
    expect(relativeError(distribution.variance(), variance)).toBeLessThan(1e-15);
    expect(Math.abs(moments.mean - rate)).toBeLessThan(4 * Math.sqrt(variance / sampleCount));
    expect(Math.abs(moments.variance - variance)).toBeLessThan(4 * moments.varianceStandardError);
  });

  it('matches its cdf at every count (conservative KS bound at the 0.001 level)', () => {
    const distance = integerCdfDistance(samples, (k) => distribution.cdf(k));
    expect(distance).toBeLessThan(KOLMOGOROV_SMIRNOV_CRITICAL_0_001 / Math.sqrt(sampleCount));
  });
});

describe('NegativeBinomial properties', () => {
  it('quantile is the smallest count whose cdf reaches p', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 0.01, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        (rate, dispersion, p) => {
          const distribution = createNegativeBinomial({ rate, dispersion }, 'frequency');
          const count = distribution.quantile(p);
          expect(Number.isInteger(count) && count >= 0).toBe(true);
          expect(distribution.cdf(count)).toBeGreaterThanOrEqual(p);
          if (count > 0) expect(distribution.cdf(count - 1)).toBeLessThan(p);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('tends to Poisson as the dispersion grows', () => {
    const nearlyPoisson = createNegativeBinomial({ rate: 3, dispersion: 1e9 }, 'frequency');
    // P(N ≤ 2) for Poisson(3) = e^−3 (1 + 3 + 4.5); the negative binomial differs by O(rate²/dispersion).
    expect(relativeError(nearlyPoisson.cdf(2), Math.exp(-3) * 8.5)).toBeLessThan(1e-8);
    const nearlyPoissonByFraction = createNegativeBinomial({ rate: 3, dispersion: 999 }, 'frequency');
    expect(relativeError(nearlyPoissonByFraction.cdf(2), Math.exp(-3) * 8.5)).toBeLessThan(1e-2);
  });
});
