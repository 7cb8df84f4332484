/**
 * Poisson variates, exact for every rate and deterministic given the random stream:
 *
 * - rate < 10: inversion by sequential search (Devroye, "Non-Uniform Random Variate Generation", 1986,
 *   §X.3.3), starting from P(N = 0) = e^−rate; the expected number of steps is rate + 1;
 * - rate ≥ 10: W. Hörmann, "The transformed rejection method for generating Poisson random variables",
 *   Insurance: Mathematics and Economics 12(1), 39–45, 1993 (PTRS), with the constants of the paper; it
 *   takes about 1.1 candidate pairs per variate whatever the rate.
 *
 * `PoissonSampler` precomputes the constants for one rate; `samplePoisson()` computes them per call, for
 * rates that change with every draw (the gamma–Poisson mixture of the negative binomial).
 *
 * @module
 */

import type { UniformSource } from '../distributions/distribution.js';
import { logGamma } from '../distributions/special-functions/log-gamma.js';

/** Hörmann's PTRS is valid from this rate up; below it, inversion is faster. */
export const TRANSFORMED_REJECTION_FROM_RATE = 10;

// Inversion stops when the remaining terms cannot change the sum (the pmf has underflowed); this caps the
// loop at the rounding of the cumulative sum, where U is within 2^−52 of 1.
function sampleByInversion(random: UniformSource, rate: number, probabilityOfZero: number): number {
  const uniform = random.nextFloat64();
  let count = 0;
  let probability = probabilityOfZero;
  let cumulative = probability;
  while (uniform >= cumulative && probability > 0) {
    count += 1;
    probability *= rate / count;
    cumulative += probability;
  }
  return count;
}

function sampleByTransformedRejection(
  random: UniformSource,
  rate: number,
  logRate: number,
  b: number,
  a: number,
  logInverseAlpha: number,
  acceptWithoutTest: number,
): number {
  for (;;) {
    const u = random.nextFloat64() - 0.5;
    const v = random.nextFloat64();
    const us = 0.5 - Math.abs(u);
    const count = Math.floor(((2 * a) / us + b) * u + rate + 0.43);
    if (us >= 0.07 && v <= acceptWithoutTest) return count;
    if (count < 0 || (us < 0.013 && v > us)) continue;
    // log(v) may be −Infinity when v = 0, which accepts, as in the paper.
    if (
      Math.log(v) + logInverseAlpha - Math.log(a / (us * us) + b) <=
      -rate + count * logRate - logGamma(count + 1)
    ) {
      return count;
    }
  }
}

/** Draws Poisson(rate) variates for one fixed rate ≥ 0. `sample()` does not allocate. */
export class PoissonSampler {
  readonly rate: number;
  readonly #probabilityOfZero: number;
  readonly #logRate: number;
  readonly #b: number;
  readonly #a: number;
  readonly #logInverseAlpha: number;
  readonly #acceptWithoutTest: number;

  /** @throws RangeError unless `rate` is a finite number ≥ 0. */
  constructor(rate: number) {
    if (!Number.isFinite(rate) || rate < 0) {
      throw new RangeError(`rate must be a finite number ≥ 0; received ${String(rate)}`);
    }
    this.rate = rate;
    this.#probabilityOfZero = Math.exp(-rate);
    const sqrtRate = Math.sqrt(rate);
    this.#logRate = Math.log(rate);
    this.#b = 0.931 + 2.53 * sqrtRate;
    this.#a = -0.059 + 0.02483 * this.#b;
    this.#logInverseAlpha = Math.log(1.1239 + 1.1328 / (this.#b - 3.4));
    this.#acceptWithoutTest = 0.9277 - 3.6224 / (this.#b - 2);
  }

  sample(random: UniformSource): number {
    if (this.rate < TRANSFORMED_REJECTION_FROM_RATE) {
      return this.rate === 0 ? 0 : sampleByInversion(random, this.rate, this.#probabilityOfZero);
    }
    return sampleByTransformedRejection(
      random,
      this.rate,
      this.#logRate,
      this.#b,
      this.#a,
      this.#logInverseAlpha,
      this.#acceptWithoutTest,
    );
  }
}

/**
 * One Poisson(rate) variate for a rate that the caller trusts to be finite and ≥ 0 (it is not checked:
 * this runs once per simulated year inside mixtures). Does not allocate.
 */
export function samplePoisson(random: UniformSource, rate: number): number {
  if (rate < TRANSFORMED_REJECTION_FROM_RATE) {
    return rate === 0 ? 0 : sampleByInversion(random, rate, Math.exp(-rate));
  }
  const b = 0.931 + 2.53 * Math.sqrt(rate);
  return sampleByTransformedRejection(
    random,
    rate,
    Math.log(rate),
    b,
    -0.059 + 0.02483 * b,
    Math.log(1.1239 + 1.1328 / (b - 3.4)),
    0.9277 - 3.6224 / (b - 2),
  );
}
