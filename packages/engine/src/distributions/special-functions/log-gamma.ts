/**
 * The logarithm of the gamma function for positive arguments, by Stirling's series after shifting the
 * argument up to 10 with Γ(x) = Γ(x + n) / (x (x + 1) ⋯ (x + n − 1)) (Abramowitz & Stegun 6.1.40). The
 * absolute error is a few units in the last place of ln Γ at the shifted argument (below 5e-15 for x < 10,
 * relative 1e-15 above), which is what callers need: they exponentiate sums of such logarithms.
 *
 * @module
 */

/** ln √(2π). */
export const HALF_LOG_TWO_PI = 0.9189385332046728;

// Below this the series is not accurate to double precision with the terms kept.
const STIRLING_SERIES_FROM = 10;

/**
 * ln Γ(x) for x > 0; Infinity at 0 and +Infinity, NaN for negative or NaN arguments.
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0 || x === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  if (x >= STIRLING_SERIES_FROM) return stirlingLogGamma(x);
  let shifted = x;
  let product = 1;
  while (shifted < STIRLING_SERIES_FROM) {
    product *= shifted;
    shifted += 1;
  }
  return stirlingLogGamma(shifted) - Math.log(product);
}

/**
 * ln Γ(x) − [(x − ½) ln x − x + ln √(2π)] for x ≥ 10: the correction term of Stirling's formula,
 * 1/(12x) − 1/(360x³) + … (A&S 6.1.41), truncated where the next term is below 2^−53 at x = 10.
 * Callers that subtract nearly equal log-gamma values use it to avoid cancelling the large leading parts.
 */
export function stirlingCorrection(x: number): number {
  const inverse = 1 / x;
  const inverseSquared = inverse * inverse;
  return (
    inverse *
    (1 / 12 -
      inverseSquared *
        (1 / 360 -
          inverseSquared *
            (1 / 1260 -
              inverseSquared *
                (1 / 1680 -
                  inverseSquared * (1 / 1188 - inverseSquared * (691 / 360360 - inverseSquared / 156))))))
  );
}

function stirlingLogGamma(x: number): number {
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + stirlingCorrection(x);
}

/** Whether `stirlingCorrection(x)` is accurate for x. */
export function hasAccurateStirlingCorrection(x: number): boolean {
  return x >= STIRLING_SERIES_FROM;
}
