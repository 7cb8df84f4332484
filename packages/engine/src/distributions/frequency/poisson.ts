/**
 * The Poisson frequency: occurrences arrive independently at a constant average `rate` per year, so the
 * count in one year is Poisson(rate), with mean and variance both equal to the rate. Use it when events
 * are independent of each other and the expected count is known (0.3 ransomware attacks a year).
 *
 * @module
 */

import { requireNonNegative } from '../../engine-input-error.js';
import { PoissonSampler } from '../../random/poisson-sampler.js';
import type { FrequencyDistribution, UniformSource } from '../distribution.js';
import { normalQuantile } from '../normal.js';
import { regularizedGammaQ } from '../special-functions/regularized-gamma.js';
import { searchDiscreteQuantile } from './discrete-quantile.js';

export interface PoissonParameters {
  /** Expected number of occurrences per year, ≥ 0. */
  readonly rate: number;
}

export class PoissonDistribution implements FrequencyDistribution {
  readonly rate: number;
  readonly #sampler: PoissonSampler;

  /** Trusts its argument; use `createPoisson()` for input that has not been validated. */
  constructor(rate: number) {
    this.rate = rate;
    this.#sampler = new PoissonSampler(rate);
  }

  /** Inversion for rate < 10, Hörmann's PTRS from 10 up (see `random/poisson-sampler.ts`). */
  sample(random: UniformSource): number {
    return this.#sampler.sample(random);
  }

  /** P(N ≤ k) = Q(⌊k⌋ + 1, rate), the regularised upper incomplete gamma function. */
  cdf(k: number): number {
    if (Number.isNaN(k)) return Number.NaN;
    if (k < 0) return 0;
    if (this.rate === 0 || k === Number.POSITIVE_INFINITY) return 1;
    return regularizedGammaQ(Math.floor(k) + 1, this.rate);
  }

  /** The smallest k with P(N ≤ k) ≥ p: 0 for p = 0, Infinity for p = 1 (if rate > 0), NaN outside [0, 1]. */
  quantile(p: number): number {
    if (!(p >= 0 && p <= 1)) return Number.NaN;
    if (p === 0 || this.rate === 0) return 0;
    if (p === 1) return Number.POSITIVE_INFINITY;
    const guess = this.rate + Math.sqrt(this.rate) * normalQuantile(p);
    return searchDiscreteQuantile((count) => this.cdf(count), p, guess);
  }

  mean(): number {
    return this.rate;
  }

  variance(): number {
    return this.rate;
  }
}

/**
 * A Poisson frequency with the given annual rate.
 *
 * @throws EngineInputError naming `${field}.rate` unless the rate is a finite number ≥ 0.
 */
export function createPoisson(parameters: PoissonParameters, field: string): PoissonDistribution {
  return new PoissonDistribution(requireNonNegative(parameters.rate, `${field}.rate`));
}
