import { describe, expect, it } from 'vitest';

import golden from '../golden/distributions.json' with { type: 'json' };
import { drawSamples } from '../testing/sample-statistics.js';
import { createBernoulli } from './bernoulli.js';

describe.each(golden.bernoulli)(
  'Bernoulli(probability $probability) against scipy',
  ({ probability, cdf, quantile }) => {
    const distribution = createBernoulli({ probability }, 'frequency');

    it.each(cdf)('P(N ≤ $k) = $p', ({ k, p }) => {
      expect(distribution.cdf(k)).toBe(p);
    });

    it.each(quantile)('quantile($p) = $k', ({ p, k }) => {
      expect(distribution.quantile(p)).toBe(k);
    });

    it('has mean p and variance p(1 − p)', () => {
      expect(distribution.mean()).toBe(probability);
      expect(distribution.variance()).toBe(probability * (1 - probability));
    });
  },
);

describe.each([
  [0, 31],
  [0.001, 32],
  [0.3, 33],
  [0.97, 34],
  [1, 35],
])('Bernoulli(probability %d) samples (fixed seed %d)', (probability, seed) => {
  const sampleCount = 200_000;

  it('draws only 0 and 1, with frequency of 1 within 4 standard errors of the probability', () => {
    const distribution = createBernoulli({ probability }, 'frequency');
    const samples = drawSamples(sampleCount, seed, (random) => distribution.sample(random));
    let ones = 0;
    let others = 0;
    for (const value of samples) {
      if (value === 1) ones += 1;
      else if (value !== 0) others += 1;
    }
    expect(others).toBe(0);
    const standardError = Math.sqrt((probability * (1 - probability)) / sampleCount);
    expect(Math.abs(ones / sampleCount - probability)).toBeLessThanOrEqual(4 * standardError);
  });
});
