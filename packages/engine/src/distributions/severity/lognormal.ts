/**
 * The lognormal severity: ln X ~ Normal(mu, sigma²). Given directly by (mu, sigma) or fitted to an
 * analyst's 90 % interval (the 5th and 95th percentiles), as in the FAIR tradition and in the crq-bench-v1
 * workload (`../shared/bench/numpy_fair_baseline.py`).
 *
 * @module
 */

import { EngineInputError, requireFinite, requirePositive } from '../../engine-input-error.js';
import { standardNormal } from '../../random/ziggurat-normal.js';
import type { SeverityDistribution, UniformSource } from '../distribution.js';
import { normalCdf, normalQuantile } from '../normal.js';
import { expByTable } from '../special-functions/exp-by-table.js';

/** z such that Φ(z) = 0.95: the 5th and 95th percentiles of ln X are mu ∓ z·sigma. */
export const Z_95 = 1.6448536269514722;

export interface LognormalParameters {
  /** Mean of ln X (finite). */
  readonly mu: number;
  /** Standard deviation of ln X (> 0). */
  readonly sigma: number;
}

/** An analyst's 90 % interval for one loss: P(X ≤ low) = 5 % and P(X ≤ high) = 95 %. */
export interface LognormalInterval {
  /** 5th percentile, > 0. */
  readonly low: number;
  /** 95th percentile, > low. */
  readonly high: number;
}

export class LognormalDistribution implements SeverityDistribution {
  readonly mu: number;
  readonly sigma: number;
  readonly #mean: number;

  /** Trusts its arguments; use `createLognormal()` for input that has not been validated. */
  constructor(mu: number, sigma: number) {
    this.mu = mu;
    this.sigma = sigma;
    this.#mean = Math.exp(mu + 0.5 * sigma * sigma);
  }

  /**
   * exp(mu + sigma·Z) with Z from the Ziggurat normal sampler, exponentiated by `expByTable` (within 2 ulp
   * of Math.exp, twice as fast). The Poisson × lognormal kernel repeats this arithmetic exactly.
   */
  sample(random: UniformSource): number {
    return expByTable(this.mu + this.sigma * standardNormal(random));
  }

  cdf(x: number): number {
    if (Number.isNaN(x)) return Number.NaN;
    if (x <= 0) return 0;
    return normalCdf((Math.log(x) - this.mu) / this.sigma);
  }

  /** exp(mu + sigma·Φ⁻¹(p)): 0 at p = 0, Infinity at p = 1, NaN outside [0, 1]. */
  quantile(p: number): number {
    return Math.exp(this.mu + this.sigma * normalQuantile(p));
  }

  mean(): number {
    return this.#mean;
  }

  /**
   * E[min(X, u)] = e^(mu + sigma²/2)·Φ((ln u − mu − sigma²)/sigma) + u·(1 − Φ((ln u − mu)/sigma))
   * (Klugman, Panjer & Willmot, "Loss Models", appendix A; the header of numpy_fair_baseline.py), with
   * 1 − Φ(z) evaluated as Φ(−z) to keep the upper tail's precision. u for u ≤ 0 (X is positive).
   */
  limitedExpectedValue(u: number): number {
    return lognormalLimitedExpectedValue(this.mu, this.sigma, u);
  }
}

/** E[min(X, u)] for X lognormal(mu, sigma); see `LognormalDistribution.limitedExpectedValue`. */
export function lognormalLimitedExpectedValue(mu: number, sigma: number, u: number): number {
  if (Number.isNaN(u)) return Number.NaN;
  if (u <= 0) return u;
  const mean = Math.exp(mu + 0.5 * sigma * sigma);
  if (u === Number.POSITIVE_INFINITY) return mean;
  const standardised = (Math.log(u) - mu) / sigma;
  return mean * normalCdf(standardised - sigma) + u * normalCdf(-standardised);
}

/**
 * A lognormal severity with the given parameters of ln X.
 *
 * @throws EngineInputError naming `${field}.mu` unless mu is finite, or `${field}.sigma` unless sigma is a
 * finite number > 0.
 */
export function createLognormal(parameters: LognormalParameters, field: string): LognormalDistribution {
  const mu = requireFinite(parameters.mu, `${field}.mu`);
  const sigma = requirePositive(parameters.sigma, `${field}.sigma`);
  return new LognormalDistribution(mu, sigma);
}

/**
 * The lognormal whose 5th and 95th percentiles are `low` and `high`: mu = (ln low + ln high)/2 and
 * sigma = (ln high − ln low)/(2·1.6448536269514722).
 *
 * Returns a warning (a sentence naming the field) when the implied mean exceeds `high`: the interval is so
 * wide (high/low above e^(4z²) ≈ 50,000) that the mean lies above the 95th percentile, which is rarely
 * what an analyst meant and makes the expected loss depend on the extreme tail.
 *
 * @throws EngineInputError naming `${field}.low` unless low is a finite number > 0, or `${field}.high`
 * unless high is a finite number greater than low.
 */
export function lognormalFromInterval(
  interval: LognormalInterval,
  field: string,
): { distribution: LognormalDistribution; warnings: string[] } {
  const low = requirePositive(interval.low, `${field}.low`);
  const high = requirePositive(interval.high, `${field}.high`);
  if (!(high > low)) {
    throw new EngineInputError(
      `${field}.high`,
      `must be greater than low, the 5th percentile (got low ${String(low)} and high ${String(high)})`,
    );
  }
  const logLow = Math.log(low);
  const logHigh = Math.log(high);
  const distribution = new LognormalDistribution((logLow + logHigh) / 2, (logHigh - logLow) / (2 * Z_95));
  const warnings: string[] = [];
  const mean = distribution.mean();
  if (mean > high) {
    warnings.push(
      `${field}: the implied mean loss (${formatAmount(mean)}) exceeds the 95th percentile high ` +
        `(${formatAmount(high)}), because high is ${formatAmount(high / low)} times low; check the ` +
        `interval, since the expected loss is then driven by the rare largest losses.`,
    );
  }
  return { distribution, warnings };
}

const AMOUNT_FORMAT = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 4 });

function formatAmount(value: number): string {
  return AMOUNT_FORMAT.format(value);
}
