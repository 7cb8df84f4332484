import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

import { regularizedGammaQ } from '../distributions/special-functions/regularized-gamma.js';
import {
  drawSamples,
  integerCdfDistance,
  KOLMOGOROV_SMIRNOV_CRITICAL_0_001,
  sampleMoments,
} from '../distributions/testing/sample-statistics.js';
import { PoissonInversionTable, PoissonSampler, samplePoisson } from './poisson-sampler.js';
import { Xoshiro128StarStar } from './xoshiro128-star-star.js';

const SAMPLE_COUNT = 100_000;

function poissonCdf(rate: number): (k: number) => number {
  return (k) => regularizedGammaQ(k + 1, rate);
}

// 9.99 and 10 sit either side of the switch from inversion to Hörmann's PTRS.
describe.each([
  [0.05, 51],
  [1.3, 52],
  [9.99, 53],
  [10, 54],
  [47.5, 55],
  [2500, 56],
])('PoissonSampler with rate %d (fixed seed %d)', (rate, seed) => {
  const sampler = new PoissonSampler(rate);
  let samples = new Float64Array(0);

  beforeAll(() => {
    samples = drawSamples(SAMPLE_COUNT, seed, (random) => sampler.sample(random));
  });

  it('has mean and variance equal to the rate (within 4 standard errors)', () => {
    const moments = sampleMoments(samples);
    expect(Math.abs(moments.mean - rate)).toBeLessThan(4 * Math.sqrt(rate / SAMPLE_COUNT));
    // Var(s²) ≈ (μ₄ − σ⁴)/n with μ₄ = rate(1 + 3 rate) for the Poisson distribution.
    expect(Math.abs(moments.variance - rate)).toBeLessThan(
      4 * Math.sqrt((rate + 2 * rate * rate) / SAMPLE_COUNT),
    );
  });

  it('matches the Poisson cdf at every count (conservative KS bound at the 0.001 level)', () => {
    const distance = integerCdfDistance(samples, poissonCdf(rate));
    expect(distance).toBeLessThan(KOLMOGOROV_SMIRNOV_CRITICAL_0_001 / Math.sqrt(SAMPLE_COUNT));
  });

  it('draws only non-negative integers', () => {
    expect(samples.every((value) => Number.isInteger(value) && value >= 0)).toBe(true);
  });

  it('gives the same draws as samplePoisson() for the same stream', () => {
    const first = Xoshiro128StarStar.fromSeed(5);
    const second = Xoshiro128StarStar.fromSeed(5);
    for (let draw = 0; draw < 1000; draw++) expect(sampler.sample(first)).toBe(samplePoisson(second, rate));
  });
});

describe('PoissonSampler', () => {
  it('always draws 0 for rate 0 without consuming the stream', () => {
    const random = Xoshiro128StarStar.fromSeed(1);
    const before = random.snapshot();
    expect(new PoissonSampler(0).sample(random)).toBe(0);
    expect(samplePoisson(random, 0)).toBe(0);
    expect(random.snapshot()).toEqual(before);
  });

  it('stops the inversion search when the uniform is within rounding of 1', () => {
    const almostOne = { nextFloat64: () => 1 - 2 ** -53, nextUint32: () => 0xffffffff };
    const count = new PoissonSampler(9.5).sample(almostOne);
    expect(Number.isInteger(count) && count > 20 && count < 400).toBe(true);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects the rate %d', (rate) => {
    expect(() => new PoissonSampler(rate)).toThrow(RangeError);
    expect(() => new PoissonSampler(rate)).toThrow(/\brate\b/);
  });
});

describe('PoissonInversionTable', () => {
  /** samplePoisson's sequential search, fed one given uniform. */
  function sequentialCount(rate: number, uniform: number): number {
    return samplePoisson({ nextFloat64: () => uniform, nextUint32: () => 0 }, rate);
  }

  it('returns the count of sequential-search inversion for every uniform', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, minExcluded: true, maxExcluded: true, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { maxLength: 50 }),
        (rate, uniforms) => {
          const table = new PoissonInversionTable(rate);
          for (const uniform of uniforms) expect(table.count(uniform)).toBe(sequentialCount(rate, uniform));
        },
      ),
    );
  });

  it('agrees exactly at the cdf jumps, at guide entries and next to 1', () => {
    for (const rate of [1e-300, 0.05, 0.1, 1, 1.05, 2, 9.99]) {
      const table = new PoissonInversionTable(rate);
      const uniforms = [0, 1 - 2 ** -53, ...Array.from({ length: 256 }, (_, entry) => entry / 256)];
      for (const jump of table.cumulative.subarray(0, -1)) {
        if (jump < 1) uniforms.push(jump, jump - 2 ** -53, Math.min(jump + 2 ** -53, 1 - 2 ** -53));
      }
      for (const uniform of uniforms) expect(table.count(uniform)).toBe(sequentialCount(rate, uniform));
    }
  });
});
