import { beforeAll, describe, expect, it } from 'vitest';

import { regularizedGammaP } from '../distributions/special-functions/regularized-gamma.js';
import {
  drawSamples,
  KOLMOGOROV_SMIRNOV_CRITICAL_0_001,
  kolmogorovSmirnovStatistic,
  sampleMoments,
} from '../distributions/testing/sample-statistics.js';
import { GammaSampler } from './gamma-sampler.js';
import { Xoshiro128StarStar } from './xoshiro128-star-star.js';

const SAMPLE_COUNT = 100_000;

// Shapes below 1 exercise the boost; 1 is the exponential; large shapes the nearly normal regime.
describe.each([
  [0.05, 41],
  [0.3, 42],
  [1, 43],
  [2.5, 44],
  [40, 45],
])('GammaSampler with shape %d (fixed seed %d)', (shape, seed) => {
  let samples = new Float64Array(0);

  beforeAll(() => {
    const sampler = new GammaSampler(shape);
    samples = drawSamples(SAMPLE_COUNT, seed, (random) => sampler.sample(random));
  });

  it('has mean and variance equal to the shape (mean within 4 standard errors)', () => {
    const moments = sampleMoments(samples);
    expect(Math.abs(moments.mean - shape)).toBeLessThan(4 * Math.sqrt(shape / SAMPLE_COUNT));
    expect(Math.abs(moments.variance - shape)).toBeLessThan(4 * moments.varianceStandardError);
  });

  it('passes a Kolmogorov–Smirnov test against P(shape, x) at the 0.001 level', () => {
    const statistic = kolmogorovSmirnovStatistic(samples, (x) => regularizedGammaP(shape, x));
    expect(statistic).toBeLessThan(KOLMOGOROV_SMIRNOV_CRITICAL_0_001 / Math.sqrt(SAMPLE_COUNT));
  });

  it('never draws a negative or non-finite value', () => {
    expect(samples.every((value) => value >= 0 && Number.isFinite(value))).toBe(true);
  });
});

describe('GammaSampler', () => {
  it('is deterministic given the stream', () => {
    const sampler = new GammaSampler(0.7);
    const first = Xoshiro128StarStar.fromSeed(3);
    const second = Xoshiro128StarStar.fromSeed(3);
    for (let draw = 0; draw < 1000; draw++) expect(sampler.sample(first)).toBe(sampler.sample(second));
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('rejects the shape %d', (shape) => {
    expect(() => new GammaSampler(shape)).toThrow(RangeError);
    expect(() => new GammaSampler(shape)).toThrow(/\bshape\b/);
  });
});
