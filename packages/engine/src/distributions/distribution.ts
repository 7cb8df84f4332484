/**
 * What the simulation kernel needs from a random source: a double in [0, 1) and a 32-bit integer.
 * `Xoshiro128StarStar` is the implementation; tests may pass any other.
 */
export interface UniformSource {
  nextFloat64(): number;
  nextUint32(): number;
}

/** A continuous, non-negative loss-size distribution (one occurrence's loss, or an outage's hours). */
export interface SeverityDistribution {
  /** One draw. Must not allocate: the kernel calls it once per simulated event. */
  sample(random: UniformSource): number;
  /** P(X ≤ x). */
  cdf(x: number): number;
  /** The smallest x with P(X ≤ x) ≥ p, for p in [0, 1]. */
  quantile(p: number): number;
  /** E[X]; Infinity when it does not exist (a GPD tail with shape ≥ 1). */
  mean(): number;
  /** E[min(X, u)], the limited expected value, used for analytic checks of per-occurrence terms. */
  limitedExpectedValue(u: number): number;
}

/** A distribution of the number of occurrences in one simulated year. */
export interface FrequencyDistribution {
  /** One draw: a non-negative integer. Must not allocate. */
  sample(random: UniformSource): number;
  /** P(N ≤ k). */
  cdf(k: number): number;
  /** The smallest k with P(N ≤ k) ≥ p. */
  quantile(p: number): number;
  mean(): number;
  variance(): number;
}
