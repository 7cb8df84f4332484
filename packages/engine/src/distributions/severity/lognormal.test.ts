import { beforeAll, describe, expect, it } from 'vitest';

import golden from '../golden/distributions.json' with { type: 'json' };
import {
  drawSamples,
  KOLMOGOROV_SMIRNOV_CRITICAL_0_001,
  kolmogorovSmirnovStatistic,
  relativeError,
} from '../testing/sample-statistics.js';
import { createLognormal, lognormalFromInterval } from './lognormal.js';

// Golden values: scipy.stats.lognorm for cdf and quantile, mpmath quadrature of the survival function for
// the limited expected value (scripts/golden). A cdf of (ln x − mu)/sigma is conditioned by the logarithm,
// so at sigma = 0.05 one ulp of ln x moves the cdf by about 1e-14 relative.
const CDF_RELATIVE_TOLERANCE = 1e-13;
const QUANTILE_RELATIVE_TOLERANCE = 1e-13;
const LEV_RELATIVE_TOLERANCE = 1e-12;

describe.each(golden.lognormal)('Lognormal(mu $mu, sigma $sigma) against golden values', (golden) => {
  const distribution = createLognormal(golden, 'severity');

  it.each(golden.cdf)('F($x) = $p', ({ x, p }) => {
    expect(relativeError(distribution.cdf(x), p)).toBeLessThan(CDF_RELATIVE_TOLERANCE);
  });

  it.each(golden.quantile)('quantile($p) = $x', ({ p, x }) => {
    expect(relativeError(distribution.quantile(p), x)).toBeLessThan(QUANTILE_RELATIVE_TOLERANCE);
  });

  it.each(golden.limitedExpectedValue)('E[min(X, $u)] = $value (closed form)', ({ u, value }) => {
    expect(relativeError(distribution.limitedExpectedValue(u), value)).toBeLessThan(LEV_RELATIVE_TOLERANCE);
  });

  it('has mean exp(mu + sigma²/2), which is also E[min(X, ∞)]', () => {
    expect(relativeError(distribution.mean(), golden.mean)).toBeLessThan(1e-14);
    expect(distribution.limitedExpectedValue(Number.POSITIVE_INFINITY)).toBe(distribution.mean());
  });
});

describe.each(golden.lognormalInterval)('lognormalFromInterval(low $low, high $high)', (golden) => {
  const { distribution, warnings } = lognormalFromInterval(golden, 'sections[0].processes[0].severity');

  it('fits mu and sigma as numpy_fair_baseline.py does, with low and high at the 5th and 95th percentiles', () => {
    expect(relativeError(distribution.mu, golden.mu)).toBeLessThan(1e-15);
    expect(relativeError(distribution.sigma, golden.sigma)).toBeLessThan(1e-15);
    expect(relativeError(distribution.mean(), golden.mean)).toBeLessThan(1e-14);
    for (const { p, x } of golden.quantile)
      expect(relativeError(distribution.quantile(p), x)).toBeLessThan(1e-13);
    expect(relativeError(distribution.quantile(0.05), golden.low)).toBeLessThan(1e-13);
    expect(relativeError(distribution.quantile(0.95), golden.high)).toBeLessThan(1e-13);
  });

  it('warns, naming the field, exactly when the implied mean exceeds high', () => {
    if (golden.mean > golden.high) {
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(
        /^sections\[0\]\.processes\[0\]\.severity: the implied mean loss \(.+\) exceeds/,
      );
    } else {
      expect(warnings).toEqual([]);
    }
  });
});

// Every grid point has a finite variance, so the sample mean is within 4 standard errors of the analytic
// mean with probability 1 − 6e-5 (by the CLT); the fixed seeds make the test deterministic.
describe.each([
  [0, 0.25, 61],
  [10, 1, 62],
  [11.5, 1.8, 63],
])('Lognormal(mu %d, sigma %d) samples (fixed seed %d)', (mu, sigma, seed) => {
  const sampleCount = 100_000;
  const distribution = createLognormal({ mu, sigma }, 'severity');
  let samples = new Float64Array(0);

  beforeAll(() => {
    samples = drawSamples(sampleCount, seed, (random) => distribution.sample(random));
  });

  it('has a sample mean within 4 standard errors of exp(mu + sigma²/2)', () => {
    const variance = Math.expm1(sigma * sigma) * Math.exp(2 * mu + sigma * sigma);
    let sum = 0;
    for (const value of samples) sum += value;
    expect(Math.abs(sum / sampleCount - distribution.mean())).toBeLessThan(
      4 * Math.sqrt(variance / sampleCount),
    );
  });

  it('passes a Kolmogorov–Smirnov test against its cdf at the 0.001 level', () => {
    const statistic = kolmogorovSmirnovStatistic(samples, (x) => distribution.cdf(x));
    expect(statistic).toBeLessThan(KOLMOGOROV_SMIRNOV_CRITICAL_0_001 / Math.sqrt(sampleCount));
  });
});

describe('Lognormal edge cases', () => {
  const distribution = createLognormal({ mu: 10, sigma: 1 }, 'severity');

  it('gives 0 and Infinity at the ends and NaN outside [0, 1]', () => {
    expect(distribution.cdf(0)).toBe(0);
    expect(distribution.cdf(-5)).toBe(0);
    expect(distribution.cdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(distribution.quantile(0)).toBe(0);
    expect(distribution.quantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(distribution.quantile(-0.1)).toBeNaN();
    expect(distribution.cdf(Number.NaN)).toBeNaN();
  });

  it('limits a loss of at most u ≤ 0 to u', () => {
    expect(distribution.limitedExpectedValue(0)).toBe(0);
    expect(distribution.limitedExpectedValue(-3)).toBe(-3);
    expect(distribution.limitedExpectedValue(Number.NaN)).toBeNaN();
  });
});
