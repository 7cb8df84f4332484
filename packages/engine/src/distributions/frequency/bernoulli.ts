/**
 * The Bernoulli frequency: at most one occurrence a year, with the given annual probability. Use it for
 * events that cannot repeat within a policy year in the model (a regulator's fine for one breach, a
 * once-a-year outage scenario); when several occurrences a year are possible, use Poisson, whose rate is
 * an expected count and may exceed 1.
 *
 * @module
 */

import { EngineInputError, requireFinite, requireProbability } from '../../engine-input-error.js';
import type { FrequencyDistribution, UniformSource } from '../distribution.js';

export interface BernoulliParameters {
  /** Probability of one occurrence in a year, in [0, 1]. */
  readonly probability: number;
}

export class BernoulliDistribution implements FrequencyDistribution {
  readonly probability: number;

  /** Trusts its argument; use `createBernoulli()` for input that has not been validated. */
  constructor(probability: number) {
    this.probability = probability;
  }

  /** 1 with the given probability (U < probability for U uniform in [0, 1)), otherwise 0. */
  sample(random: UniformSource): number {
    return random.nextFloat64() < this.probability ? 1 : 0;
  }

  cdf(k: number): number {
    if (Number.isNaN(k)) return Number.NaN;
    if (k < 0) return 0;
    return k < 1 ? 1 - this.probability : 1;
  }

  /** 0 when p ≤ P(N = 0), otherwise 1; NaN outside [0, 1]. */
  quantile(p: number): number {
    if (!(p >= 0 && p <= 1)) return Number.NaN;
    return p <= 1 - this.probability ? 0 : 1;
  }

  mean(): number {
    return this.probability;
  }

  variance(): number {
    return this.probability * (1 - this.probability);
  }
}

/**
 * A Bernoulli frequency (at most one occurrence a year).
 *
 * @throws EngineInputError naming `${field}.probability` unless it is a finite number in [0, 1]; a value
 * above 1 gets a message pointing to Poisson, since it is almost always an expected count entered as a
 * probability.
 */
export function createBernoulli(parameters: BernoulliParameters, field: string): BernoulliDistribution {
  const probabilityField = `${field}.probability`;
  const probability = requireFinite(parameters.probability, probabilityField);
  if (probability > 1) {
    throw new EngineInputError(
      probabilityField,
      `must be at most 1: a Bernoulli frequency is the probability of one occurrence in a year ` +
        `(got ${String(probability)}); for an expected count of occurrences use kind 'poisson' with a rate`,
    );
  }
  return new BernoulliDistribution(requireProbability(probability, probabilityField));
}
