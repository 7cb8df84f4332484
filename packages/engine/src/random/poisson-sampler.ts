/**
 * Poisson variates, exact for every rate and deterministic given the random stream:
 *
 * - rate < 10: inversion by sequential search (Devroye, "Non-Uniform Random Variate Generation", 1986,
 *   §X.3.3), starting from P(N = 0) = e^−rate; the expected number of steps is rate + 1. `PoissonSampler`
 *   searches a table of the same cumulative sums from a guide entry (Devroye §III.2.4, "indexed search"),
 *   which gives the identical count for every uniform without the chain of divisions;
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

const GUIDE_BITS = 8;
const GUIDE_LENGTH = 1 << GUIDE_BITS;

/**
 * Inversion of one Poisson(rate) cdf, 0 < rate < 10, by indexed search: `cumulative[k]` is the running
 * sum P(N ≤ k) exactly as `sampleByInversion` adds it up, and `guide[j]` the count that inversion returns
 * for the uniform j/256. Inversion is monotone in the uniform, so a search for u that starts at
 * guide[⌊256·u⌋] ends at the count sequential search returns. It ends at once for all but the few
 * uniforms near a jump of the cdf, where sequential search mispredicts its exit on every draw.
 *
 * Sequential search also stops where the pmf has underflowed to 0 even if the rounded sum never passed u;
 * the table's last entry is +∞ at that count, which stops the search there in the same way.
 */
export class PoissonInversionTable {
  readonly cumulative: Float64Array;
  readonly guide: Int32Array;

  /** Trusts `rate` to be in (0, TRANSFORMED_REJECTION_FROM_RATE). */
  constructor(rate: number) {
    const sums: number[] = [];
    let count = 0;
    let probability = Math.exp(-rate);
    let cumulative = probability;
    sums.push(cumulative);
    while (probability > 0) {
      count += 1;
      probability *= rate / count;
      cumulative += probability;
      sums.push(cumulative);
    }
    sums[count] = Number.POSITIVE_INFINITY;
    this.cumulative = Float64Array.from(sums);
    this.guide = new Int32Array(GUIDE_LENGTH);
    let guideCount = 0;
    for (let entry = 0; entry < GUIDE_LENGTH; entry++) {
      while (entry / GUIDE_LENGTH >= this.cumulative[guideCount]!) guideCount++;
      this.guide[entry] = guideCount;
    }
  }

  /** The count for a uniform in [0, 1): the same as sequential-search inversion of the same uniform. */
  count(uniform: number): number {
    const cumulative = this.cumulative;
    let count = this.guide[(uniform * GUIDE_LENGTH) | 0]!;
    while (uniform >= cumulative[count]!) count++;
    return count;
  }
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
  // Null when inversion does not apply: rate 0 (no draw at all) or rate ≥ 10 (PTRS).
  readonly #inversionTable: PoissonInversionTable | null;
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
    this.#inversionTable =
      rate > 0 && rate < TRANSFORMED_REJECTION_FROM_RATE ? new PoissonInversionTable(rate) : null;
    const sqrtRate = Math.sqrt(rate);
    this.#logRate = Math.log(rate);
    this.#b = 0.931 + 2.53 * sqrtRate;
    this.#a = -0.059 + 0.02483 * this.#b;
    this.#logInverseAlpha = Math.log(1.1239 + 1.1328 / (this.#b - 3.4));
    this.#acceptWithoutTest = 0.9277 - 3.6224 / (this.#b - 2);
  }

  sample(random: UniformSource): number {
    if (this.#inversionTable !== null) return this.#inversionTable.count(random.nextFloat64());
    if (this.rate === 0) return 0;
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
