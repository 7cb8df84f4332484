/**
 * The regularised incomplete beta function I_x(a, b), by the continued fraction of Numerical Recipes
 * (Press et al., 3rd ed., §6.4) evaluated with the modified Lentz method, using the symmetry
 * I_x(a, b) = 1 − I_{1−x}(b, a) so that the fraction always converges quickly.
 *
 * @module
 */

import { HALF_LOG_TWO_PI, hasAccurateStirlingCorrection, logGamma, stirlingCorrection } from './log-gamma.js';

const RELATIVE_TOLERANCE = 1e-16;
const MAX_ITERATIONS = 100_000;
// Keeps the Lentz recurrences away from division by zero (Numerical Recipes' FPMIN).
const TINY = 1e-300;

/**
 * I_x(a, b) for a, b > 0 and x in [0, 1]; NaN for other arguments.
 *
 * `complementOfX` must equal 1 − x. Callers that can compute it without cancellation (for example as
 * (max − value)/(max − min)) should pass it, because the result near x = 1 depends on it to full
 * relative precision.
 */
export function regularizedBeta(x: number, a: number, b: number, complementOfX: number = 1 - x): number {
  if (!(a > 0) || !(b > 0) || !(x >= 0) || !(complementOfX >= 0)) return Number.NaN;
  if (x === 0) return 0;
  if (complementOfX === 0) return 1;
  const logFront = logPowerTerms(x, complementOfX, a, b);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * continuedFraction(x, complementOfX, a, b)) / a;
  return 1 - (Math.exp(logFront) * continuedFraction(complementOfX, x, b, a)) / b;
}

/**
 * ln(x^a (1 − x)^b / B(a, b)). Each logarithm of x and 1 − x is taken from whichever of the two is below ½,
 * through log1p, so that an x within rounding of 1 (a negative binomial with a large dispersion) keeps its
 * precision. With both parameters large, the logarithms of the gamma functions are far larger than the
 * result; Stirling's formula turns the sum into terms a (ln(1 + u) − u) and b (ln(1 + v) − v) around the
 * mode, as in Boost's ibeta_power_terms (DiDonato & Morris, ACM TOMS 18(3), 1992).
 */
function logPowerTerms(x: number, complementOfX: number, a: number, b: number): number {
  if (!hasAccurateStirlingCorrection(a) || !hasAccurateStirlingCorrection(b)) {
    const logX = x > 0.5 ? Math.log1p(-complementOfX) : Math.log(x);
    const logComplement = complementOfX > 0.5 ? Math.log1p(-x) : Math.log(complementOfX);
    return a * logX + b * logComplement - logBetaFunction(a, b);
  }
  const sum = a + b;
  // x·(a + b) − a = x·b − (1 − x)·a, written so that neither product cancels against the other's rounding.
  const shift = x * b - complementOfX * a;
  const relativeDistanceA = shift / a;
  const relativeDistanceB = -shift / b;
  return (
    a * (Math.log1p(relativeDistanceA) - relativeDistanceA) +
    b * (Math.log1p(relativeDistanceB) - relativeDistanceB) +
    0.5 * Math.log((a * b) / sum) -
    HALF_LOG_TWO_PI -
    stirlingCorrection(a) -
    stirlingCorrection(b) +
    stirlingCorrection(sum)
  );
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). When the larger parameter L is large, ln Γ(L + s) − ln Γ(L)
 * is taken from Stirling's formula as (L − ½)·ln(1 + s/L) + s·(ln(L + s) − 1) plus the difference of the
 * correction terms, instead of as a difference of two numbers of size L ln L.
 */
function logBetaFunction(a: number, b: number): number {
  const large = Math.max(a, b);
  const small = Math.min(a, b);
  if (!hasAccurateStirlingCorrection(large)) return logGamma(a) + logGamma(b) - logGamma(a + b);
  const logGammaRatio =
    (large - 0.5) * Math.log1p(small / large) +
    small * (Math.log(large + small) - 1) +
    stirlingCorrection(large + small) -
    stirlingCorrection(large);
  return logGamma(small) - logGammaRatio;
}

// Numerical Recipes' betacf. Its first denominator 1 − (a + b)·x/(a + 1) is ((a + 1) − (a + b)·x)/(a + 1);
// for x above ½ the numerator is computed as (1 − b) + (a + b)·(1 − x) from the caller's exact complement,
// so that an x within rounding of 1 with a large a (a negative binomial with a large dispersion) does not
// lose its last digits to the cancellation.
function continuedFraction(x: number, complementOfX: number, a: number, b: number): number {
  const sum = a + b;
  const aPlusOne = a + 1;
  const aMinusOne = a - 1;
  let c = 1;
  let d = x > 0.5 ? (1 - b + sum * complementOfX) / aPlusOne : 1 - (sum * x) / aPlusOne;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let fraction = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const twoM = 2 * m;
    const evenCoefficient = (m * (b - m) * x) / ((aMinusOne + twoM) * (a + twoM));
    d = 1 + evenCoefficient * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + evenCoefficient / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    fraction *= d * c;
    const oddCoefficient = (-(a + m) * (sum + m) * x) / ((a + twoM) * (aPlusOne + twoM));
    d = 1 + oddCoefficient * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + oddCoefficient / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    fraction *= delta;
    if (Math.abs(delta - 1) < RELATIVE_TOLERANCE) break;
  }
  return fraction;
}
