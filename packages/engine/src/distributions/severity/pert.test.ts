import { beforeAll, describe, expect, it } from 'vitest';

import golden from '../golden/distributions.json' with { type: 'json' };
import {
  drawSamples,
  KOLMOGOROV_SMIRNOV_CRITICAL_0_001,
  kolmogorovSmirnovStatistic,
  relativeError,
} from '../testing/sample-statistics.js';
import { createPert } from './pert.js';

// Golden values: scipy.stats.beta (Boost's ibeta and ibeta_inv) scaled to [min, max]; the limited expected
// value by mpmath quadrature. The quantile solves the smaller tail on a log scale and agrees to 1e-14.
const CDF_RELATIVE_TOLERANCE = 1e-12;
const QUANTILE_RELATIVE_TOLERANCE = 1e-12;
const LEV_RELATIVE_TOLERANCE = 1e-12;

describe.each(golden.pert)(
  'PERT(min $min, mode $mode, max $max, shape $shape) against golden values',
  (golden) => {
    const distribution = createPert(golden, 'severity');

    it('uses the PERT beta parameters', () => {
      expect(relativeError(distribution.alpha, golden.alpha)).toBeLessThan(1e-15);
      expect(relativeError(distribution.beta, golden.beta)).toBeLessThan(1e-15);
      expect(relativeError(distribution.mean(), golden.mean)).toBeLessThan(1e-14);
    });

    it.each(golden.cdf)('F($x) = $p', ({ x, p }) => {
      expect(relativeError(distribution.cdf(x), p)).toBeLessThan(CDF_RELATIVE_TOLERANCE);
    });

    it.each(golden.quantile)('quantile($p) = $x', ({ p, x }) => {
      expect(relativeError(distribution.quantile(p), x)).toBeLessThan(QUANTILE_RELATIVE_TOLERANCE);
    });

    it.each(golden.limitedExpectedValue)('E[min(X, $u)] = $value', ({ u, value }) => {
      expect(relativeError(distribution.limitedExpectedValue(u), value)).toBeLessThan(LEV_RELATIVE_TOLERANCE);
    });
  },
);

describe.each([
  [0, 20_000, 300_000, 4, 71],
  [1000, 1000, 50_000, 4, 72],
  [5000, 9000, 10_000, 12, 73],
  [0, 0.5, 1, 0, 74],
])('PERT(min %d, mode %d, max %d, shape %d) samples (fixed seed %d)', (min, mode, max, shape, seed) => {
  const sampleCount = 100_000;
  const distribution = createPert({ min, mode, max, shape }, 'severity');
  let samples = new Float64Array(0);

  beforeAll(() => {
    samples = drawSamples(sampleCount, seed, (random) => distribution.sample(random));
  });

  it('stays in [min, max] with a sample mean within 4 standard errors of the analytic mean', () => {
    const { alpha, beta } = distribution;
    const variance = ((max - min) ** 2 * alpha * beta) / ((alpha + beta) ** 2 * (alpha + beta + 1));
    let sum = 0;
    let outside = 0;
    for (const value of samples) {
      sum += value;
      if (value < min || value > max) outside += 1;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / sampleCount - distribution.mean())).toBeLessThan(
      4 * Math.sqrt(variance / sampleCount),
    );
  });

  it('passes a Kolmogorov–Smirnov test against its cdf at the 0.001 level', () => {
    const statistic = kolmogorovSmirnovStatistic(samples, (x) => distribution.cdf(x));
    expect(statistic).toBeLessThan(KOLMOGOROV_SMIRNOV_CRITICAL_0_001 / Math.sqrt(sampleCount));
  });
});

describe('PERT edge cases', () => {
  const distribution = createPert({ min: 100, mode: 400, max: 1000 }, 'severity');

  it('defaults the shape to 4 (mean (min + 4·mode + max)/6)', () => {
    expect(distribution.shape).toBe(4);
    expect(relativeError(distribution.mean(), (100 + 4 * 400 + 1000) / 6)).toBeLessThan(1e-15);
  });

  it('gives min and max at the ends of [0, 1] and clamps the cdf outside [min, max]', () => {
    expect(distribution.quantile(0)).toBe(100);
    expect(distribution.quantile(1)).toBe(1000);
    expect(distribution.cdf(100)).toBe(0);
    expect(distribution.cdf(1000)).toBe(1);
    expect(distribution.quantile(2)).toBeNaN();
  });

  it('limits to u below min and to the mean above max', () => {
    expect(distribution.limitedExpectedValue(50)).toBe(50);
    expect(distribution.limitedExpectedValue(5000)).toBe(distribution.mean());
  });

  it('solves for quantiles far in either tail (p = 1e-74 and 1 − 1e-15), where Newton on y alone stalls', () => {
    const skewed = createPert({ min: 0, mode: 0, max: 0.001, shape: 37.927399983629755 }, 'severity');
    for (const p of [1.6926890367985113e-74, 1e-300, 1e-20]) {
      expect(relativeError(skewed.cdf(skewed.quantile(p)), p)).toBeLessThan(1e-13);
    }
    const upper = skewed.quantile(1 - 1e-15);
    expect(upper).toBeLessThan(0.001);
    expect(relativeError(1 - skewed.cdf(upper), 1e-15)).toBeLessThan(1e-3);
  });
});
