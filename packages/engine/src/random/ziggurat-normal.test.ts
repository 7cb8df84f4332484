import { beforeAll, describe, expect, it } from 'vitest';

import { normalCdf } from '../distributions/normal.js';
import {
  drawSamples,
  KOLMOGOROV_SMIRNOV_CRITICAL_0_001,
  kolmogorovSmirnovStatistic,
  sampleMoments,
} from '../distributions/testing/sample-statistics.js';
import { Xoshiro128StarStar } from './xoshiro128-star-star.js';
import { standardNormal } from './ziggurat-normal.js';

// Every statistic below is computed from a fixed seed, so the tests are deterministic and cannot flake;
// the bounds are what a correct sampler meets with high probability (about 4 standard errors, or the
// p = 0.001 critical value), so passing is evidence and not a tuned coincidence.
const SAMPLE_COUNT = 1_000_000;
const SEED = 20240601;

describe('standardNormal (Ziggurat, 1e6 draws from a fixed seed)', () => {
  let samples = new Float64Array(0);

  beforeAll(() => {
    samples = drawSamples(SAMPLE_COUNT, SEED, standardNormal);
  });

  it('has mean 0, variance 1, skewness 0 and excess kurtosis 0 within 4 standard errors', () => {
    const moments = sampleMoments(samples);
    expect(Math.abs(moments.mean)).toBeLessThan(4 * Math.sqrt(1 / SAMPLE_COUNT));
    expect(Math.abs(moments.variance - 1)).toBeLessThan(4 * Math.sqrt(2 / SAMPLE_COUNT));
    expect(Math.abs(moments.skewness)).toBeLessThan(4 * Math.sqrt(6 / SAMPLE_COUNT));
    expect(Math.abs(moments.excessKurtosis)).toBeLessThan(4 * Math.sqrt(24 / SAMPLE_COUNT));
  });

  it('passes a Kolmogorov–Smirnov test against Φ at the 0.001 level', () => {
    const statistic = kolmogorovSmirnovStatistic(samples, normalCdf);
    expect(statistic).toBeLessThan(KOLMOGOROV_SMIRNOV_CRITICAL_0_001 / Math.sqrt(SAMPLE_COUNT));
  });

  it('fills 100 equiprobable bins evenly (chi-square below the p = 0.001 critical value)', () => {
    // Catches defects at layer edges that a KS statistic dilutes, such as a missing wedge.
    const binCount = 100;
    const counts = new Float64Array(binCount);
    for (const value of samples)
      counts[Math.min(binCount - 1, Math.floor(normalCdf(value) * binCount))]! += 1;
    const expected = SAMPLE_COUNT / binCount;
    let chiSquare = 0;
    for (const observed of counts) chiSquare += (observed - expected) ** 2 / expected;
    const chiSquareCritical99DegreesP001 = 148.23035916510173; // scipy.stats.chi2.ppf(0.999, 99)
    expect(chiSquare).toBeLessThan(chiSquareCritical99DegreesP001);
  });

  it.each([
    ['beyond ±2', 2],
    ['beyond ±3.5', 3.5],
    // The Ziggurat's base strip hands draws beyond r = 3.4426 to Marsaglia's tail method.
    ['beyond ±3.4426 (the tail method)', 3.4426198558966523],
    ['beyond ±4', 4],
  ])('draws %s as often as the normal distribution predicts (within 4 standard errors)', (_label, bound) => {
    let count = 0;
    for (const value of samples) if (Math.abs(value) > bound) count += 1;
    const probability = 2 * normalCdf(-bound);
    const expected = SAMPLE_COUNT * probability;
    expect(Math.abs(count - expected)).toBeLessThan(4 * Math.sqrt(expected * (1 - probability)));
  });

  it('draws each sign of the tail equally often', () => {
    let negative = 0;
    let positive = 0;
    for (const value of samples) {
      if (value < -3.5) negative += 1;
      else if (value > 3.5) positive += 1;
    }
    const total = negative + positive;
    expect(Math.abs(negative - positive)).toBeLessThan(4 * Math.sqrt(total));
  });

  it('follows the normal shape inside the tail (KS of |x| given |x| > 3 against the conditional cdf)', () => {
    const bound = 3;
    const tail = samples.filter((value) => Math.abs(value) > bound).map(Math.abs);
    const tailProbability = normalCdf(-bound);
    const conditionalCdf = (x: number): number => (tailProbability - normalCdf(-x)) / tailProbability;
    const statistic = kolmogorovSmirnovStatistic(tail, conditionalCdf);
    expect(statistic).toBeLessThan(KOLMOGOROV_SMIRNOV_CRITICAL_0_001 / Math.sqrt(tail.length));
  });
});

describe('standardNormal determinism', () => {
  it('gives the same values for the same stream state', () => {
    const first = Xoshiro128StarStar.fromSeed(7);
    const second = Xoshiro128StarStar.fromSeed(7);
    for (let draw = 0; draw < 10_000; draw++) expect(standardNormal(first)).toBe(standardNormal(second));
  });

  it('keeps the first values of seed 42 (a regression pin: a change here changes every simulation)', () => {
    const random = Xoshiro128StarStar.fromSeed(42);
    expect(Array.from({ length: 8 }, () => standardNormal(random))).toEqual([
      0.766409637518838, 0.004411037163551908, -1.2147863830809449, -0.6726220474523618, 1.161604384096777,
      -0.7930424440909523, -1.6942629027890415, -0.24607458900057483,
    ]);
  });

  it('takes the layer and sign from the low bits and a 53-bit abscissa from the rest', () => {
    const tailStart = 3.4426198558966523;
    const baseStripWidth = 0.00991256303533646 / Math.exp(-0.5 * tailStart * tailStart);
    const words = [
      // Layer 0, sign bit clear, abscissa bits 0: the value 0.
      0x00000200, 0,
      // Layer 0, sign bit set, abscissa (2^20 · 2^32) · 2^−53 = 1/2: inside the base strip's rectangle.
      0x80000080, 0,
      // Layer 0, sign bit set, abscissa just below 1: beyond r, so the tail method runs (with U = 1/2).
      0xffffff80, 0xffffffff,
    ];
    const scripted = { nextUint32: () => words.shift() ?? 0, nextFloat64: () => 0.5 };
    expect(standardNormal(scripted)).toBe(0);
    expect(standardNormal(scripted)).toBe(-0.5 * baseStripWidth);
    // Marsaglia's tail: x = −ln(1/2)/r, accepted because 2·ln 2 ≥ x²; the result is −(r + x).
    expect(standardNormal(scripted)).toBe(-(tailStart + Math.LN2 / tailStart));
  });
});
