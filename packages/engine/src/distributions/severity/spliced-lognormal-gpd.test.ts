import { beforeAll, describe, expect, it } from 'vitest';

import golden from '../golden/distributions.json' with { type: 'json' };
import { normalCdf } from '../normal.js';
import {
  drawSamples,
  KOLMOGOROV_SMIRNOV_CRITICAL_0_001,
  kolmogorovSmirnovStatistic,
  relativeError,
} from '../testing/sample-statistics.js';
import { createSplicedLognormalGpd, type SplicedLognormalGpdParameters } from './spliced-lognormal-gpd.js';

// Golden values: the splice composed in Python from scipy.stats.lognorm and scipy.stats.genpareto; the
// limited expected value and the mean by mpmath. tailShape 1e-9 checks the expm1 forms near ξ = 0.
const CDF_RELATIVE_TOLERANCE = 1e-13;
const QUANTILE_RELATIVE_TOLERANCE = 1e-13;
const LEV_RELATIVE_TOLERANCE = 1e-12;

describe.each(golden.splicedLognormalGpd)(
  'SplicedLognormalGpd(mu $mu, sigma $sigma, threshold $threshold, ξ $tailShape, scale $tailScale)',
  (golden) => {
    const distribution = createSplicedLognormalGpd(golden, 'severity');

    it('has the lognormal cdf at the threshold as body weight, and the golden mean', () => {
      expect(relativeError(distribution.bodyWeight, golden.bodyWeight)).toBeLessThan(1e-14);
      if (golden.mean === null) expect(distribution.mean()).toBe(Number.POSITIVE_INFINITY);
      else expect(relativeError(distribution.mean(), golden.mean)).toBeLessThan(1e-13);
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

function splicedVariance({
  mu,
  sigma,
  threshold,
  tailShape,
  tailScale,
}: SplicedLognormalGpdParameters): number {
  const standardised = (Math.log(threshold) - mu) / sigma;
  const tailWeight = normalCdf(-standardised);
  const bodyMean = Math.exp(mu + 0.5 * sigma * sigma) * normalCdf(standardised - sigma);
  const bodySecondMoment = Math.exp(2 * mu + 2 * sigma * sigma) * normalCdf(standardised - 2 * sigma);
  const excessMean = tailScale / (1 - tailShape);
  const excessSecondMoment = (2 * tailScale * tailScale) / ((1 - tailShape) * (1 - 2 * tailShape));
  const mean = bodyMean + tailWeight * (threshold + excessMean);
  const secondMoment =
    bodySecondMoment + tailWeight * (threshold * threshold + 2 * threshold * excessMean + excessSecondMoment);
  return secondMoment - mean * mean;
}

// tailShape < ½ keeps the variance finite, so the 4-standard-error bound on the sample mean is meaningful.
describe.each([
  [{ mu: 10, sigma: 1.5, threshold: 200_000, tailShape: 0.3, tailScale: 150_000 }, 81],
  [{ mu: 12, sigma: 1, threshold: 1_000_000, tailShape: 0, tailScale: 400_000 }, 82],
  [{ mu: 9, sigma: 2, threshold: 50_000, tailShape: -0.2, tailScale: 40_000 }, 83],
  [{ mu: 11, sigma: 0.8, threshold: 10_000, tailShape: 0.2, tailScale: 10_000 }, 84],
])('SplicedLognormalGpd %o samples (fixed seed %d)', (parameters, seed) => {
  const sampleCount = 100_000;
  const distribution = createSplicedLognormalGpd(parameters, 'severity');
  let samples = new Float64Array(0);

  beforeAll(() => {
    samples = drawSamples(sampleCount, seed, (random) => distribution.sample(random));
  });

  it('has a sample mean within 4 standard errors of the analytic mean', () => {
    let sum = 0;
    for (const value of samples) sum += value;
    const standardError = Math.sqrt(splicedVariance(parameters) / sampleCount);
    expect(Math.abs(sum / sampleCount - distribution.mean())).toBeLessThan(4 * standardError);
  });

  it('puts the body weight below the threshold (within 4 standard errors)', () => {
    let below = 0;
    for (const value of samples) if (value <= parameters.threshold) below += 1;
    const weight = distribution.bodyWeight;
    expect(Math.abs(below / sampleCount - weight)).toBeLessThan(
      4 * Math.sqrt((weight * (1 - weight)) / sampleCount),
    );
  });

  it('passes a Kolmogorov–Smirnov test against its cdf at the 0.001 level', () => {
    const statistic = kolmogorovSmirnovStatistic(samples, (x) => distribution.cdf(x));
    expect(statistic).toBeLessThan(KOLMOGOROV_SMIRNOV_CRITICAL_0_001 / Math.sqrt(sampleCount));
  });
});

describe('SplicedLognormalGpd edge cases', () => {
  it('is continuous at the threshold', () => {
    const distribution = createSplicedLognormalGpd(
      { mu: 10, sigma: 1.5, threshold: 200_000, tailShape: 0.3, tailScale: 150_000 },
      'severity',
    );
    const below = distribution.cdf(200_000);
    const above = distribution.cdf(200_000 * (1 + 1e-12));
    expect(below).toBe(distribution.bodyWeight);
    expect(above - below).toBeLessThan(1e-12);
    expect(relativeError(distribution.quantile(distribution.bodyWeight), 200_000)).toBeLessThan(1e-13);
  });

  it('ends at threshold + tailScale/(−tailShape) for a negative tailShape', () => {
    const distribution = createSplicedLognormalGpd(
      { mu: 9, sigma: 2, threshold: 50_000, tailShape: -0.25, tailScale: 40_000 },
      'severity',
    );
    const end = 50_000 + 40_000 / 0.25;
    expect(distribution.quantile(1)).toBe(end);
    expect(distribution.cdf(end)).toBe(1);
    expect(distribution.cdf(end * 2)).toBe(1);
    expect(distribution.limitedExpectedValue(end * 3)).toBe(distribution.limitedExpectedValue(end));
  });

  it('has an infinite mean for tailShape ≥ 1 but finite limited expected values', () => {
    const distribution = createSplicedLognormalGpd(
      { mu: 10, sigma: 1, threshold: 100_000, tailShape: 1, tailScale: 50_000 },
      'severity',
    );
    expect(distribution.mean()).toBe(Number.POSITIVE_INFINITY);
    expect(distribution.quantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isFinite(distribution.limitedExpectedValue(1e12))).toBe(true);
  });

  it('agrees with the lognormal below the threshold', () => {
    const distribution = createSplicedLognormalGpd(
      { mu: 10, sigma: 1, threshold: 100_000, tailShape: 0.4, tailScale: 50_000 },
      'severity',
    );
    expect(distribution.cdf(20_000)).toBe(normalCdf((Math.log(20_000) - 10) / 1));
  });

  it.each([5e-324, -5e-324, 1e-300, -1e-17])(
    'treats tailShape %d like the exponential tail it tends to',
    (tailShape) => {
      const base = { mu: 0, sigma: 0.1, threshold: 1, tailScale: 0.05 };
      const exponential = createSplicedLognormalGpd({ ...base, tailShape: 0 }, 'severity');
      const nearly = createSplicedLognormalGpd({ ...base, tailShape }, 'severity');
      for (const x of [1.01, 1.2, 3]) {
        expect(relativeError(nearly.cdf(x), exponential.cdf(x))).toBeLessThan(1e-14);
        expect(
          relativeError(nearly.limitedExpectedValue(x), exponential.limitedExpectedValue(x)),
        ).toBeLessThan(1e-14);
      }
      for (const p of [0.6, 0.99, 1 - 1e-12]) {
        expect(relativeError(nearly.quantile(p), exponential.quantile(p))).toBeLessThan(1e-14);
      }
      expect(relativeError(nearly.mean(), exponential.mean())).toBeLessThan(1e-14);
    },
  );
});
