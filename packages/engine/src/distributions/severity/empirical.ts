/**
 * The empirical severity: a list of observed or expert-supplied losses, each equally likely. Sampling is
 * the bootstrap (draw one of the values uniformly, with replacement); the cdf and quantile are the
 * empirical step functions, and the limited expected value is exact.
 *
 * @module
 */

import { EngineInputError, requireNonNegative } from '../../engine-input-error.js';
import type { SeverityDistribution, UniformSource } from '../distribution.js';

export interface EmpiricalParameters {
  /** The losses, at least one, each a finite number ≥ 0. Order does not matter; repeats count twice. */
  readonly values: readonly number[];
}

export class EmpiricalDistribution implements SeverityDistribution {
  /** The values in increasing order. */
  readonly #sorted: Float64Array;
  // prefixSums[i] = sum of the i smallest values, so E[X; X ≤ sorted[i − 1]] is one lookup.
  readonly #prefixSums: Float64Array;

  /** Trusts its argument (non-empty, finite, ≥ 0); use `createEmpirical()` for unvalidated input. */
  constructor(values: ArrayLike<number>) {
    this.#sorted = Float64Array.from(values).sort();
    this.#prefixSums = new Float64Array(this.#sorted.length + 1);
    let sum = 0;
    this.#sorted.forEach((value, index) => {
      sum += value;
      this.#prefixSums[index + 1] = sum;
    });
  }

  get size(): number {
    return this.#sorted.length;
  }

  /** One of the values, each with probability 1/n. */
  sample(random: UniformSource): number {
    const sorted = this.#sorted;
    // floor(U·n) < n because U < 1 and n < 2^53; the fallback only satisfies the type checker.
    return sorted[Math.floor(random.nextFloat64() * sorted.length)] ?? 0;
  }

  /** The fraction of values ≤ x. */
  cdf(x: number): number {
    if (Number.isNaN(x)) return Number.NaN;
    return this.#countAtMost(x) / this.#sorted.length;
  }

  /**
   * The smallest value v with cdf(v) ≥ p: the ⌈p·n⌉-th smallest value (the smallest for p = 0), with the
   * index corrected so that it agrees with `cdf()` as computed in floating point. NaN outside [0, 1].
   */
  quantile(p: number): number {
    if (!(p >= 0 && p <= 1)) return Number.NaN;
    const size = this.#sorted.length;
    let rank = Math.min(size, Math.max(1, Math.ceil(p * size)));
    while (rank > 1 && (rank - 1) / size >= p) rank -= 1;
    while (rank < size && rank / size < p) rank += 1;
    return this.#valueAtRank(rank);
  }

  mean(): number {
    return this.#sumOfSmallest(this.#sorted.length) / this.#sorted.length;
  }

  /** (sum of the values ≤ u + u·(number of values > u))/n. */
  limitedExpectedValue(u: number): number {
    if (Number.isNaN(u)) return Number.NaN;
    const size = this.#sorted.length;
    const countAtMost = this.#countAtMost(u);
    if (countAtMost === size) return this.mean();
    return (this.#sumOfSmallest(countAtMost) + u * (size - countAtMost)) / size;
  }

  // The number of values ≤ x, by binary search for the first value above x.
  #countAtMost(x: number): number {
    const sorted = this.#sorted;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sorted[middle] ?? Number.POSITIVE_INFINITY) <= x) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  #valueAtRank(rank: number): number {
    const value = this.#sorted[rank - 1];
    if (value === undefined) throw new RangeError(`rank ${String(rank)} is outside 1..${String(this.size)}`);
    return value;
  }

  #sumOfSmallest(count: number): number {
    const sum = this.#prefixSums[count];
    if (sum === undefined) throw new RangeError(`count ${String(count)} is outside 0..${String(this.size)}`);
    return sum;
  }
}

/**
 * An empirical severity over the given losses.
 *
 * @throws EngineInputError naming `${field}.values` unless it is a non-empty array, or `${field}.values[i]`
 * for the first value that is not a finite number ≥ 0.
 */
export function createEmpirical(parameters: EmpiricalParameters, field: string): EmpiricalDistribution {
  const valuesField = `${field}.values`;
  const values: unknown = parameters.values;
  if (!Array.isArray(values) || values.length === 0) {
    throw new EngineInputError(valuesField, 'must be a non-empty list of losses');
  }
  const checked = values.map((value: unknown, index) =>
    requireNonNegative(value, `${valuesField}[${String(index)}]`),
  );
  return new EmpiricalDistribution(checked);
}
