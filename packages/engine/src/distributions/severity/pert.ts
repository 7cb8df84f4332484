/**
 * The (modified) PERT severity: an analyst's minimum, most likely and maximum loss, turned into a scaled
 * beta distribution on [min, max] with α = 1 + shape·(mode − min)/(max − min) and
 * β = 1 + shape·(max − mode)/(max − min) (Vose, "Risk Analysis", 3rd ed., §9.1.4; shape = 4 is the
 * classic PERT, whose mean is (min + 4·mode + max)/6).
 *
 * @module
 */

import { EngineInputError, requireFinite, requireNonNegative } from '../../engine-input-error.js';
import { GammaSampler } from '../../random/gamma-sampler.js';
import type { SeverityDistribution, UniformSource } from '../distribution.js';
import { logGamma } from '../special-functions/log-gamma.js';
import { regularizedBeta } from '../special-functions/regularized-beta.js';

export const DEFAULT_PERT_SHAPE = 4;

export interface PertParameters {
  /** Smallest possible loss, ≥ 0. */
  readonly min: number;
  /** Most likely loss, in [min, max]. */
  readonly mode: number;
  /** Largest possible loss, > min. */
  readonly max: number;
  /** Weight of the mode, ≥ 0 (4 if omitted; 0 gives the uniform distribution on [min, max]). */
  readonly shape?: number;
}

const QUANTILE_MAX_ITERATIONS = 100;
// On the scale t = ln z: a step below this changes z by less than 1e-15 of itself.
const QUANTILE_STEP_TOLERANCE = 1e-15;
// e^−745 is below the smallest subnormal double, so this brackets every representable z.
const SMALLEST_LOG_ARGUMENT = -745;

export class PertDistribution implements SeverityDistribution {
  readonly min: number;
  readonly mode: number;
  readonly max: number;
  readonly shape: number;
  /** The beta parameters of (X − min)/(max − min). */
  readonly alpha: number;
  readonly beta: number;
  readonly #width: number;
  readonly #logBetaFunction: number;
  readonly #alphaGamma: GammaSampler;
  readonly #betaGamma: GammaSampler;

  /** Trusts its arguments; use `createPert()` for input that has not been validated. */
  constructor(min: number, mode: number, max: number, shape: number) {
    this.min = min;
    this.mode = mode;
    this.max = max;
    this.shape = shape;
    this.#width = max - min;
    this.alpha = 1 + (shape * (mode - min)) / this.#width;
    this.beta = 1 + (shape * (max - mode)) / this.#width;
    this.#logBetaFunction = logGamma(this.alpha) + logGamma(this.beta) - logGamma(this.alpha + this.beta);
    this.#alphaGamma = new GammaSampler(this.alpha);
    this.#betaGamma = new GammaSampler(this.beta);
  }

  /** min + (max − min)·G₁/(G₁ + G₂) with G₁ ~ Gamma(α), G₂ ~ Gamma(β), which is Beta(α, β) distributed. */
  sample(random: UniformSource): number {
    const first = this.#alphaGamma.sample(random);
    const second = this.#betaGamma.sample(random);
    return this.min + (this.#width * first) / (first + second);
  }

  /** I_y(α, β) at y = (x − min)/(max − min), with 1 − y computed as (max − x)/(max − min). */
  cdf(x: number): number {
    if (Number.isNaN(x)) return Number.NaN;
    if (x <= this.min) return 0;
    if (x >= this.max) return 1;
    return regularizedBeta((x - this.min) / this.#width, this.alpha, this.beta, (this.max - x) / this.#width);
  }

  /**
   * Solves I_y(α, β) = p for y. The smaller tail is solved directly, as I_z(α, β) = p for p ≤ ½ or
   * I_z(β, α) = 1 − p with z = 1 − y above (1 − p is exact there), so that a quantile near max keeps its
   * digits. min at p = 0, max at p = 1, NaN outside [0, 1].
   */
  quantile(p: number): number {
    if (!(p >= 0 && p <= 1)) return Number.NaN;
    if (p === 0) return this.min;
    if (p === 1) return this.max;
    if (p <= 0.5)
      return this.min + this.#width * solveLowerTail(p, this.alpha, this.beta, this.#logBetaFunction);
    return this.max - this.#width * solveLowerTail(1 - p, this.beta, this.alpha, this.#logBetaFunction);
  }

  /** (min + shape·mode + max)/(shape + 2). */
  mean(): number {
    return this.min + (this.#width * this.alpha) / (this.alpha + this.beta);
  }

  /**
   * E[min(X, u)] = min·F(u) + (max − min)·α/(α + β)·I_y(α + 1, β) + u·(1 − F(u)), y = (u − min)/(max − min),
   * using E[Y; Y ≤ y] = α/(α + β)·I_y(α + 1, β) for Y ~ Beta(α, β). u for u ≤ min, the mean for u ≥ max.
   */
  limitedExpectedValue(u: number): number {
    if (Number.isNaN(u)) return Number.NaN;
    if (u <= this.min) return u;
    if (u >= this.max) return this.mean();
    const y = (u - this.min) / this.#width;
    const complement = (this.max - u) / this.#width;
    const probabilityBelow = regularizedBeta(y, this.alpha, this.beta, complement);
    const partialMean =
      ((this.#width * this.alpha) / (this.alpha + this.beta)) *
      regularizedBeta(y, this.alpha + 1, this.beta, complement);
    return this.min * probabilityBelow + partialMean + u * (1 - probabilityBelow);
  }
}

/**
 * A PERT severity on [min, max] with the given mode and shape (4 if omitted).
 *
 * @throws EngineInputError naming the offending field: `${field}.min` unless a finite number ≥ 0,
 * `${field}.max` unless finite and greater than min, `${field}.mode` unless in [min, max],
 * `${field}.shape` unless a finite number ≥ 0.
 */
export function createPert(parameters: PertParameters, field: string): PertDistribution {
  const min = requireNonNegative(parameters.min, `${field}.min`);
  const mode = requireFinite(parameters.mode, `${field}.mode`);
  const max = requireFinite(parameters.max, `${field}.max`);
  const shape =
    parameters.shape === undefined
      ? DEFAULT_PERT_SHAPE
      : requireNonNegative(parameters.shape, `${field}.shape`);
  if (!(max > min)) {
    throw new EngineInputError(
      `${field}.max`,
      `must be greater than min (got min ${String(min)} and max ${String(max)})`,
    );
  }
  if (mode < min || mode > max) {
    throw new EngineInputError(
      `${field}.mode`,
      `must lie between min and max (got ${String(mode)}, with min ${String(min)} and max ${String(max)})`,
    );
  }
  return new PertDistribution(min, mode, max, shape);
}

/**
 * The z in (0, 1) with I_z(a, b) = q, for q in (0, ½], by Newton's method on t = ln z for the equation
 * h(t) = ln I_{e^t}(a, b) − ln q = 0, safeguarded by bisection of the bracket that the iterates establish
 * (Numerical Recipes' rtsafe). On the log scale h is nearly linear in the tail (I_z ≈ z^a/(a·B(a, b))),
 * so the iteration converges in a few steps even for q = 10^−300, where Newton's method on z itself
 * cannot resolve a root far below the rounding error of its starting point. The start is that tail
 * approximation, or the mean when it falls outside (0, 1).
 */
function solveLowerTail(q: number, a: number, b: number, logBetaFunction: number): number {
  const logTarget = Math.log(q);
  let below = SMALLEST_LOG_ARGUMENT;
  let above = 0;
  const tailGuess = (logTarget + Math.log(a) + logBetaFunction) / a;
  let t = tailGuess < 0 && tailGuess > below ? tailGuess : Math.log(a / (a + b));
  for (let iteration = 0; iteration < QUANTILE_MAX_ITERATIONS; iteration++) {
    const z = Math.exp(t);
    const probability = regularizedBeta(z, a, b, -Math.expm1(t));
    const difference = Math.log(probability) - logTarget;
    if (difference === 0) break;
    if (difference < 0) below = t;
    else above = t;
    // dh/dt = z·f(z)/I_z(a, b), with the beta density f(z) = z^(a−1)(1 − z)^(b−1)/B(a, b).
    const slope = Math.exp(a * t + (b - 1) * Math.log1p(-z) - logBetaFunction - Math.log(probability));
    const newton = t - difference / slope;
    const next = newton > below && newton < above ? newton : 0.5 * (below + above);
    const step = Math.abs(next - t);
    t = next;
    if (step <= QUANTILE_STEP_TOLERANCE || above - below <= QUANTILE_STEP_TOLERANCE) break;
  }
  return Math.exp(t);
}
