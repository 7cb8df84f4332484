/**
 * The negative binomial frequency, parameterised for over-dispersed counts: mean = `rate` and
 * variance = rate + rate²/`dispersion`.
 *
 * Semantics: each insured-year has its own Poisson rate Λ, drawn from a gamma distribution with mean `rate`
 * and shape `dispersion` (coefficient of variation 1/√dispersion); the count is Poisson(Λ) given Λ. This
 * gamma–Poisson mixture is how the model expresses uncertainty about the rate itself, or clustering of
 * events (a bad year for one insured brings several attacks). A small dispersion (0.5) means a very
 * uncertain rate and many zero years; as dispersion → ∞ it tends to Poisson(rate). In the (n, p)
 * parameterisation of scipy's nbinom and of Klugman, Panjer & Willmot's "Loss Models" (r, β):
 * n = r = dispersion, p = dispersion / (dispersion + rate), β = rate / dispersion.
 *
 * @module
 */

import { requireNonNegative, requirePositive } from '../../engine-input-error.js';
import { GammaSampler } from '../../random/gamma-sampler.js';
import { samplePoisson } from '../../random/poisson-sampler.js';
import type { FrequencyDistribution, UniformSource } from '../distribution.js';
import { normalQuantile } from '../normal.js';
import { regularizedBeta } from '../special-functions/regularized-beta.js';
import { searchDiscreteQuantile } from './discrete-quantile.js';

// See cdf(): where the incomplete beta's continued fraction loses digits, and how far summation is used.
const SUMMATION_FROM_DISPERSION = 1000;
const SUMMATION_MAX_COUNT = 100_000;
// Below e^−700 the first term is too close to underflow for the recurrence to start from it.
const SMALLEST_LOG_PROBABILITY = -700;

export interface NegativeBinomialParameters {
  /** Expected number of occurrences per year, ≥ 0. */
  readonly rate: number;
  /** Gamma shape of the yearly rate, > 0: the smaller, the more over-dispersed. */
  readonly dispersion: number;
}

export class NegativeBinomialDistribution implements FrequencyDistribution {
  readonly rate: number;
  readonly dispersion: number;
  readonly #rateShape: GammaSampler;
  readonly #rateScale: number;
  // p = dispersion/(dispersion + rate) and 1 − p, each computed without cancellation.
  readonly #successProbability: number;
  readonly #failureProbability: number;

  /** Trusts its arguments; use `createNegativeBinomial()` for input that has not been validated. */
  constructor(rate: number, dispersion: number) {
    this.rate = rate;
    this.dispersion = dispersion;
    this.#rateShape = new GammaSampler(dispersion);
    this.#rateScale = rate / dispersion;
    this.#successProbability = dispersion / (dispersion + rate);
    this.#failureProbability = rate / (dispersion + rate);
  }

  /** Λ ~ Gamma(dispersion, rate/dispersion) (Marsaglia–Tsang), then Poisson(Λ). */
  sample(random: UniformSource): number {
    if (this.rate === 0) return 0;
    return samplePoisson(random, this.#rateShape.sample(random) * this.#rateScale);
  }

  /**
   * P(N ≤ k) = I_p(dispersion, ⌊k⌋ + 1), the regularised incomplete beta function. For dispersions above
   * 1000, where p is within rounding of 1 and the continued fraction loses about log10(dispersion) − 3
   * digits, the same value is summed from the probabilities P(N = j) instead (a finite sum for integer
   * k), as long as P(N = 0) does not underflow.
   */
  cdf(k: number): number {
    if (Number.isNaN(k)) return Number.NaN;
    if (k < 0) return 0;
    if (this.rate === 0 || k === Number.POSITIVE_INFINITY) return 1;
    const count = Math.floor(k);
    if (this.dispersion > SUMMATION_FROM_DISPERSION && count <= SUMMATION_MAX_COUNT) {
      const logProbabilityOfZero = this.dispersion * Math.log1p(-this.#failureProbability);
      if (logProbabilityOfZero > SMALLEST_LOG_PROBABILITY)
        return this.#cdfBySummation(count, logProbabilityOfZero);
    }
    return regularizedBeta(this.#successProbability, this.dispersion, count + 1, this.#failureProbability);
  }

  /** The smallest k with P(N ≤ k) ≥ p: 0 for p = 0, Infinity for p = 1 (if rate > 0), NaN outside [0, 1]. */
  quantile(p: number): number {
    if (!(p >= 0 && p <= 1)) return Number.NaN;
    if (p === 0 || this.rate === 0) return 0;
    if (p === 1) return Number.POSITIVE_INFINITY;
    const guess = this.rate + Math.sqrt(this.variance()) * normalQuantile(p);
    return searchDiscreteQuantile((count) => this.cdf(count), p, guess);
  }

  mean(): number {
    return this.rate;
  }

  // Σ_{j ≤ count} P(N = j), from P(N = 0) = p^dispersion and
  // P(N = j + 1) = P(N = j)·(dispersion + j)/(j + 1)·(1 − p): positive terms, so the relative error grows by
  // at most a few units in the last place per term.
  #cdfBySummation(count: number, logProbabilityOfZero: number): number {
    let probability = Math.exp(logProbabilityOfZero);
    let sum = probability;
    for (let j = 0; j < count; j++) {
      probability *= ((this.dispersion + j) / (j + 1)) * this.#failureProbability;
      sum += probability;
    }
    return Math.min(1, sum);
  }

  variance(): number {
    return this.rate + (this.rate * this.rate) / this.dispersion;
  }
}

/**
 * A negative binomial frequency with mean `rate` and variance rate + rate²/dispersion.
 *
 * @throws EngineInputError naming `${field}.rate` unless the rate is a finite number ≥ 0, or
 * `${field}.dispersion` unless the dispersion is a finite number > 0.
 */
export function createNegativeBinomial(
  parameters: NegativeBinomialParameters,
  field: string,
): NegativeBinomialDistribution {
  const rate = requireNonNegative(parameters.rate, `${field}.rate`);
  const dispersion = requirePositive(parameters.dispersion, `${field}.dispersion`);
  return new NegativeBinomialDistribution(rate, dispersion);
}
