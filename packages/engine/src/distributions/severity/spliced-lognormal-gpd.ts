/**
 * A lognormal body spliced with a generalised Pareto (GPD) tail at a threshold t:
 *
 *   F(x) = F_LN(x)                                   for x ≤ t,
 *   F(x) = w + (1 − w)·G((x − t)/tailScale)          for x > t,   w = F_LN(t),
 *
 * where F_LN is the lognormal(mu, sigma) cdf and G(y) = 1 − (1 + ξ·y)^(−1/ξ) the standard GPD cdf with
 * shape ξ = tailShape (1 − e^(−y) for ξ = 0; bounded at y = −1/ξ for ξ < 0). The body is the lognormal
 * itself below t, not renormalised, so the body weight is w and the tail keeps 1 − w: the usual splice of
 * extreme-value theory for losses (McNeil, Frey & Embrechts, "Quantitative Risk Management", §7.2; Klugman,
 * Panjer & Willmot, "Loss Models", §5.2.6). The density may jump at t; the cdf is continuous.
 *
 * @module
 */

import { requireFinite, requirePositive } from '../../engine-input-error.js';
import type { SeverityDistribution, UniformSource } from '../distribution.js';
import { normalCdf, normalQuantile } from '../normal.js';
import { lognormalLimitedExpectedValue } from './lognormal.js';

export interface SplicedLognormalGpdParameters {
  /** Mean of ln X for the body (finite). */
  readonly mu: number;
  /** Standard deviation of ln X for the body (> 0). */
  readonly sigma: number;
  /** Loss where the tail takes over (> 0). */
  readonly threshold: number;
  /** GPD shape ξ (finite): > 0 heavy (Pareto-like) tail, 0 exponential, < 0 bounded; infinite mean for ξ ≥ 1. */
  readonly tailShape: number;
  /** GPD scale of the excess over the threshold (> 0). */
  readonly tailScale: number;
}

export class SplicedLognormalGpdDistribution implements SeverityDistribution {
  readonly mu: number;
  readonly sigma: number;
  readonly threshold: number;
  readonly tailShape: number;
  readonly tailScale: number;
  /** w = F_LN(threshold), the probability that a loss falls in the body. */
  readonly bodyWeight: number;
  readonly #tailWeight: number;
  readonly #mean: number;

  /** Trusts its arguments; use `createSplicedLognormalGpd()` for input that has not been validated. */
  constructor(mu: number, sigma: number, threshold: number, tailShape: number, tailScale: number) {
    this.mu = mu;
    this.sigma = sigma;
    this.threshold = threshold;
    this.tailShape = tailShape;
    this.tailScale = tailScale;
    const standardisedThreshold = (Math.log(threshold) - mu) / sigma;
    this.bodyWeight = normalCdf(standardisedThreshold);
    this.#tailWeight = normalCdf(-standardisedThreshold);
    this.#mean =
      tailShape >= 1
        ? Number.POSITIVE_INFINITY
        : this.#bodyPartialMean() + this.#tailWeight * (threshold + tailScale / (1 - tailShape));
  }

  /** Inversion of one uniform: the lognormal quantile below w, the GPD quantile of the excess above it. */
  sample(random: UniformSource): number {
    return this.quantile(random.nextFloat64());
  }

  cdf(x: number): number {
    if (Number.isNaN(x)) return Number.NaN;
    if (x <= 0) return 0;
    if (x <= this.threshold) return normalCdf((Math.log(x) - this.mu) / this.sigma);
    return this.bodyWeight + this.#tailWeight * (1 - this.#tailSurvival(x - this.threshold));
  }

  /**
   * exp(mu + sigma·Φ⁻¹(p)) for p ≤ w; above w, threshold plus the GPD quantile of the conditional tail
   * probability, computed from the survival s = (1 − p)/(1 − w) as tailScale·(s^(−ξ) − 1)/ξ, evaluated
   * through expm1 so that it stays accurate as ξ → 0 (−tailScale·ln s at ξ = 0). Infinity at p = 1 unless
   * ξ < 0, where it is the upper end of the support, threshold − tailScale/ξ. NaN outside [0, 1].
   */
  quantile(p: number): number {
    if (!(p >= 0 && p <= 1)) return Number.NaN;
    if (p <= this.bodyWeight) return Math.exp(this.mu + this.sigma * normalQuantile(p));
    if (p === 1) {
      return this.tailShape < 0 ? this.threshold - this.tailScale / this.tailShape : Number.POSITIVE_INFINITY;
    }
    // At most 1: rounding could otherwise put p just above w a hair below the threshold.
    const survival = Math.min(1, (1 - p) / this.#tailWeight);
    const minusLogSurvival = -Math.log(survival);
    // (s^(−ξ) − 1)/ξ = −ln s · expm1(−ξ ln s)/(−ξ ln s).
    const excess = minusLogSurvival * expm1Ratio(this.tailShape * minusLogSurvival);
    return this.threshold + this.tailScale * excess;
  }

  /** E[X; X ≤ t] + (1 − w)·(t + tailScale/(1 − ξ)); Infinity for ξ ≥ 1. */
  mean(): number {
    return this.#mean;
  }

  /**
   * E[min(X, u)]: the lognormal's for u ≤ t (the distributions agree up to t); above t,
   * E[X; X ≤ t] + (1 − w)·(t + E[min(Y, u − t)]) with Y the GPD excess, whose limited expected value
   * ∫₀^m (1 + ξy/β)^(−1/ξ) dy = β·(L/ξ)·expm1(cL)/(cL), L = ln(1 + ξm/β), c = (ξ − 1)/ξ, is written so that
   * it stays accurate through ξ = 0 (β·(1 − e^(−m/β))) and ξ = 1 (β·ln(1 + m/β)), and for subnormal ξ.
   */
  limitedExpectedValue(u: number): number {
    if (Number.isNaN(u)) return Number.NaN;
    if (u <= this.threshold) return lognormalLimitedExpectedValue(this.mu, this.sigma, u);
    if (u === Number.POSITIVE_INFINITY) return this.#mean;
    return (
      this.#bodyPartialMean() +
      this.#tailWeight * (this.threshold + this.#tailLimitedExpectedValue(u - this.threshold))
    );
  }

  // E[X; X ≤ t] = e^(mu + sigma²/2)·Φ((ln t − mu − sigma²)/sigma) for the lognormal body.
  #bodyPartialMean(): number {
    const standardisedThreshold = (Math.log(this.threshold) - this.mu) / this.sigma;
    return Math.exp(this.mu + 0.5 * this.sigma * this.sigma) * normalCdf(standardisedThreshold - this.sigma);
  }

  // P(Y > excess) for the GPD excess Y.
  // (1 + ξy)^(−1/ξ) = exp(−y·ln(1 + ξy)/(ξy)) with y = excess/tailScale; 0 beyond the end of a bounded tail.
  #tailSurvival(excess: number): number {
    const scaled = excess / this.tailScale;
    const product = this.tailShape * scaled;
    if (product <= -1) return 0;
    return Math.exp(-scaled * log1pRatio(product));
  }

  // E[min(Y, limit)] for the GPD excess Y.
  // With L/ξ = (m/β)·ln(1 + q)/q, q = ξm/β, and cL = (ξ − 1)·L/ξ, nothing is divided by ξ itself.
  #tailLimitedExpectedValue(limit: number): number {
    const shape = this.tailShape;
    const scale = this.tailScale;
    const scaledLimit = limit / scale;
    const product = shape * scaledLimit;
    if (product <= -1) return scale / (1 - shape);
    const logBaseOverShape = scaledLimit * log1pRatio(product);
    return scale * logBaseOverShape * expm1Ratio((shape - 1) * logBaseOverShape);
  }
}

/**
 * A lognormal body with a generalised Pareto tail above `threshold`.
 *
 * @throws EngineInputError naming `${field}.mu`, `${field}.tailShape` (each must be finite) or
 * `${field}.sigma`, `${field}.threshold`, `${field}.tailScale` (each must be a finite number > 0).
 */
export function createSplicedLognormalGpd(
  parameters: SplicedLognormalGpdParameters,
  field: string,
): SplicedLognormalGpdDistribution {
  const mu = requireFinite(parameters.mu, `${field}.mu`);
  const sigma = requirePositive(parameters.sigma, `${field}.sigma`);
  const threshold = requirePositive(parameters.threshold, `${field}.threshold`);
  const tailShape = requireFinite(parameters.tailShape, `${field}.tailShape`);
  const tailScale = requirePositive(parameters.tailScale, `${field}.tailScale`);
  return new SplicedLognormalGpdDistribution(mu, sigma, threshold, tailShape, tailScale);
}

// ln(1 + q)/q, 1 at q = 0: the GPD formulas divide ln(1 + ξy) by ξ, which this keeps exact as ξ → 0.
function log1pRatio(q: number): number {
  return q === 0 ? 1 : Math.log1p(q) / q;
}

// (e^u − 1)/u, 1 at u = 0.
function expm1Ratio(u: number): number {
  return u === 0 ? 1 : Math.expm1(u) / u;
}
