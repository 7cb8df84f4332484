import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { drawSamples, relativeError } from '../testing/sample-statistics.js';
import { createEmpirical } from './empirical.js';

const losses = [5000, 120_000, 5000, 0, 42_000, 800_000, 42_000, 9_500];

describe('Empirical distribution', () => {
  const distribution = createEmpirical({ values: losses }, 'severity');

  it('has the empirical step cdf', () => {
    expect(distribution.cdf(-1)).toBe(0);
    expect(distribution.cdf(0)).toBe(1 / 8);
    expect(distribution.cdf(4999)).toBe(1 / 8);
    expect(distribution.cdf(5000)).toBe(3 / 8);
    expect(distribution.cdf(799_999)).toBe(7 / 8);
    expect(distribution.cdf(800_000)).toBe(1);
  });

  it('has quantile(p) = the smallest value whose cdf reaches p', () => {
    expect(distribution.quantile(0)).toBe(0);
    expect(distribution.quantile(1 / 8)).toBe(0);
    expect(distribution.quantile(1 / 8 + 1e-12)).toBe(5000);
    expect(distribution.quantile(3 / 8)).toBe(5000);
    expect(distribution.quantile(0.5)).toBe(9_500);
    expect(distribution.quantile(1)).toBe(800_000);
    expect(distribution.quantile(1.1)).toBeNaN();
  });

  it('has the exact mean and limited expected values', () => {
    const sum = losses.reduce((total, value) => total + value, 0);
    expect(distribution.mean()).toBe(sum / 8);
    // E[min(X, 42 000)]: the five values ≤ 42 000 sum to 101 500; three are capped at 42 000.
    expect(distribution.limitedExpectedValue(42_000)).toBe(
      (0 + 5000 + 5000 + 9_500 + 42_000 + 42_000 * 3) / 8,
    );
    expect(distribution.limitedExpectedValue(1e9)).toBe(distribution.mean());
    expect(distribution.limitedExpectedValue(0)).toBe(0);
  });

  it('bootstraps: draws each listed value with frequency 1/n (chi-square below the 0.001 value)', () => {
    const sampleCount = 80_000;
    const samples = drawSamples(sampleCount, 91, (random) => distribution.sample(random));
    const distinct = [0, 5000, 9_500, 42_000, 120_000, 800_000];
    const multiplicity = [1, 2, 1, 2, 1, 1];
    let chiSquare = 0;
    distinct.forEach((value, index) => {
      const observed = samples.filter((sample) => sample === value).length;
      const expected = (sampleCount * multiplicity[index]!) / losses.length;
      chiSquare += (observed - expected) ** 2 / expected;
    });
    expect(samples.every((sample) => distinct.includes(sample))).toBe(true);
    const chiSquareCritical5DegreesP001 = 20.515; // scipy.stats.chi2.ppf(0.999, 5)
    expect(chiSquare).toBeLessThan(chiSquareCritical5DegreesP001);
  });

  it('agrees with a direct computation of E[min(X, u)] for any data and u', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: -10, max: 2e9, noNaN: true }),
        (values, u) => {
          const empirical = createEmpirical({ values }, 'severity');
          const direct = values.reduce((total, value) => total + Math.min(value, u), 0) / values.length;
          expect(Math.abs(empirical.limitedExpectedValue(u) - direct)).toBeLessThanOrEqual(
            1e-12 * Math.max(1, Math.abs(direct)),
          );
          const quantile = empirical.quantile(empirical.cdf(values[0]!));
          expect(quantile).toBe(values[0]);
        },
      ),
    );
  });

  it('handles a single value', () => {
    const single = createEmpirical({ values: [7] }, 'severity');
    expect(single.quantile(0.3)).toBe(7);
    expect(relativeError(single.limitedExpectedValue(3), 3)).toBe(0);
  });
});
