/**
 * The regularised incomplete gamma functions P(a, x) = γ(a, x)/Γ(a) and Q(a, x) = 1 − P(a, x), by the
 * series and the continued fraction of Numerical Recipes (Press et al., 3rd ed., §6.2), the fraction
 * evaluated with the modified Lentz method. Each branch is used where it converges fast and computes the
 * smaller of P and Q directly, so both keep their relative accuracy.
 *
 * @module
 */

import { HALF_LOG_TWO_PI, hasAccurateStirlingCorrection, logGamma, stirlingCorrection } from './log-gamma.js';

const RELATIVE_TOLERANCE = 1e-16;
const MAX_ITERATIONS = 100_000;
// Keeps the Lentz recurrences away from division by zero (Numerical Recipes' FPMIN).
const TINY = 1e-300;

/** P(a, x) for a > 0 and x ≥ 0; NaN for other arguments. */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return Number.NaN;
  if (x === 0) return 0;
  if (x === Number.POSITIVE_INFINITY) return 1;
  return x < a + 1 ? lowerSeries(a, x) : 1 - upperContinuedFraction(a, x);
}

/** Q(a, x) = 1 − P(a, x) for a > 0 and x ≥ 0; NaN for other arguments. */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return Number.NaN;
  if (x === 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  return x < a + 1 ? 1 - lowerSeries(a, x) : upperContinuedFraction(a, x);
}

/**
 * ln(x^a e^−x / Γ(a)). For large a the terms a ln x, x and ln Γ(a) are each far larger than their sum;
 * writing the sum as a (ln(1 + u) − u) + ½ ln a − ln √(2π) − (Stirling correction), u = (x − a)/a, leaves
 * an absolute error proportional to |x − a| rather than to a ln x (the idea behind Loader's bd0).
 */
function logPowerTerm(a: number, x: number): number {
  if (!hasAccurateStirlingCorrection(a)) return a * Math.log(x) - x - logGamma(a);
  const relativeDistance = (x - a) / a;
  return (
    a * (Math.log1p(relativeDistance) - relativeDistance) +
    0.5 * Math.log(a) -
    HALF_LOG_TWO_PI -
    stirlingCorrection(a)
  );
}

function lowerSeries(a: number, x: number): number {
  let denominator = a;
  let term = 1 / a;
  let sum = term;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    denominator += 1;
    term *= x / denominator;
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * RELATIVE_TOLERANCE) break;
  }
  return sum * Math.exp(logPowerTerm(a, x));
}

function upperContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let fraction = d;
  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    const an = -iteration * (iteration - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    fraction *= delta;
    if (Math.abs(delta - 1) < RELATIVE_TOLERANCE) break;
  }
  return Math.exp(logPowerTerm(a, x)) * fraction;
}
