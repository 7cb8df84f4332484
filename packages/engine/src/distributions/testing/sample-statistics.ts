/**
 * Test support: deterministic samples and the statistics the distribution tests compare them with.
 *
 * @module
 */

import { Xoshiro128StarStar } from '../../random/xoshiro128-star-star.js';
import type { UniformSource } from '../distribution.js';

/**
 * Kolmogorov's asymptotic critical value at level 0.001, √(−ln(0.0005)/2): a sample of n draws from the
 * hypothesised cdf has a KS statistic above 1.9495/√n with probability 0.001.
 */
export const KOLMOGOROV_SMIRNOV_CRITICAL_0_001 = 1.9494746035204051;

/** Draws `count` values from `sample` with a fresh xoshiro128** seeded with `seed`. */
export function drawSamples(
  count: number,
  seed: number,
  sample: (random: UniformSource) => number,
): Float64Array<ArrayBuffer> {
  const random = Xoshiro128StarStar.fromSeed(seed);
  const samples = new Float64Array(count);
  for (let index = 0; index < count; index++) samples[index] = sample(random);
  return samples;
}

/** sup |F_n(x) − F(x)| for a continuous cdf F (the Kolmogorov–Smirnov statistic); sorts a copy. */
export function kolmogorovSmirnovStatistic(samples: Float64Array, cdf: (x: number) => number): number {
  const sorted = samples.slice().sort();
  const count = sorted.length;
  let statistic = 0;
  for (let index = 0; index < count; index++) {
    const expected = cdf(sorted[index]!);
    statistic = Math.max(statistic, (index + 1) / count - expected, expected - index / count);
  }
  return statistic;
}

/**
 * max over k of |F_n(k) − F(k)| for samples on the non-negative integers. For a discrete F this statistic
 * is stochastically smaller than the continuous one with the same n, so comparing it with
 * `KOLMOGOROV_SMIRNOV_CRITICAL_0_001` gives a conservative test.
 */
export function integerCdfDistance(samples: Float64Array, cdf: (k: number) => number): number {
  let largest = 0;
  for (const value of samples) largest = Math.max(largest, value);
  const counts = new Float64Array(largest + 1);
  for (const value of samples) counts[value]! += 1;
  let cumulative = 0;
  let distance = 0;
  for (let k = 0; k <= largest; k++) {
    cumulative += counts[k]!;
    distance = Math.max(distance, Math.abs(cumulative / samples.length - cdf(k)));
  }
  return distance;
}

export interface SampleMoments {
  readonly mean: number;
  readonly variance: number;
  readonly skewness: number;
  readonly excessKurtosis: number;
  /** Estimated standard error of the sample variance, √((m₄ − s⁴)/n). */
  readonly varianceStandardError: number;
}

/** Mean, variance (n − 1 denominator), skewness and excess kurtosis, by two passes. */
export function sampleMoments(samples: Float64Array): SampleMoments {
  const count = samples.length;
  let sum = 0;
  for (const value of samples) sum += value;
  const mean = sum / count;
  let second = 0;
  let third = 0;
  let fourth = 0;
  for (const value of samples) {
    const deviation = value - mean;
    const squared = deviation * deviation;
    second += squared;
    third += squared * deviation;
    fourth += squared * squared;
  }
  const centralSecond = second / count;
  const centralFourth = fourth / count;
  return {
    mean,
    variance: second / (count - 1),
    skewness: third / count / centralSecond ** 1.5,
    excessKurtosis: centralFourth / (centralSecond * centralSecond) - 3,
    varianceStandardError: Math.sqrt((centralFourth - centralSecond * centralSecond) / count),
  };
}

/** |actual − expected|/|expected|; 0 when they are equal (so an expected 0 demands an exact 0). */
export function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.abs(expected);
}
