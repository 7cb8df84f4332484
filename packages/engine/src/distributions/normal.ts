/**
 * The standard normal distribution function and its inverse, to full double precision.
 *
 * @module
 */

// W. J. Cody, "Rational Chebyshev approximations for the error function", Mathematics of Computation 23
// (1969), 631–637, as coded in his ANORM (ACM TOMS Algorithm 715, SPECFUN, 1993) and in R's pnorm.c.
// The published 20-digit coefficients are written as the shortest decimals that round to the same doubles.
// Central range |x| ≤ 0.67448975.
const CENTRAL_NUMERATOR = [
  2.2352520354606837, 161.02823106855587, 1067.6894854603709, 18154.98125334356, 0.06568233791820745,
] as const;
const CENTRAL_DENOMINATOR = [
  47.202581904688245, 976.0985517377767, 10260.932208618979, 45507.78933502673,
] as const;
// 0.67448975 < |x| ≤ √32.
const MIDDLE_NUMERATOR = [
  0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002, 2494.5375852903726,
  6848.190450536283, 11602.65143764735, 9842.714838383978, 1.0765576773720192e-8,
] as const;
const MIDDLE_DENOMINATOR = [
  22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761, 18615.571640885097,
  34900.95272114598, 38912.00328609327, 19685.429676859992,
] as const;
// |x| > √32, in powers of 1/x².
const TAIL_NUMERATOR = [
  0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934,
  0.000029112874951168793, 0.023073441764940174,
] as const;
const TAIL_DENOMINATOR = [
  1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824, 0.00007297515550839662,
] as const;

const CENTRAL_LIMIT = 0.67448975;
const MIDDLE_LIMIT = 5.656854249492381; // √32
const INVERSE_SQRT_TWO_PI = 0.3989422804014327;
// Beyond these the lower tail underflows to 0 or rounds to 1 in double precision.
const LOWER_TAIL_UNDERFLOW = -37.5193;
const UPPER_TAIL_ROUNDS_TO_ONE = 8.2924;

/**
 * Φ(x) = P(Z ≤ x) for a standard normal Z, with a relative error of a few units in the last place over
 * the whole range where Φ(x) is a normal double (x > −37.5), including the far lower tail. Φ(−∞) = 0,
 * Φ(∞) = 1, NaN gives NaN.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const absolute = Math.abs(x);
  if (absolute <= CENTRAL_LIMIT) {
    const [a0, a1, a2, a3, a4] = CENTRAL_NUMERATOR;
    const [b0, b1, b2, b3] = CENTRAL_DENOMINATOR;
    const s = x * x;
    const numerator = (((a4 * s + a0) * s + a1) * s + a2) * s + a3;
    const denominator = (((s + b0) * s + b1) * s + b2) * s + b3;
    return 0.5 + (x * numerator) / denominator;
  }
  if (x <= LOWER_TAIL_UNDERFLOW) return 0;
  if (x >= UPPER_TAIL_ROUNDS_TO_ONE) return 1;
  let ratio: number;
  if (absolute <= MIDDLE_LIMIT) {
    const [c0, c1, c2, c3, c4, c5, c6, c7, c8] = MIDDLE_NUMERATOR;
    const [d0, d1, d2, d3, d4, d5, d6, d7] = MIDDLE_DENOMINATOR;
    const y = absolute;
    const numerator =
      (((((((c8 * y + c0) * y + c1) * y + c2) * y + c3) * y + c4) * y + c5) * y + c6) * y + c7;
    const denominator = (((((((y + d0) * y + d1) * y + d2) * y + d3) * y + d4) * y + d5) * y + d6) * y + d7;
    ratio = numerator / denominator;
  } else {
    const [p0, p1, p2, p3, p4, p5] = TAIL_NUMERATOR;
    const [q0, q1, q2, q3, q4] = TAIL_DENOMINATOR;
    const z = 1 / (x * x);
    const numerator = ((((p5 * z + p0) * z + p1) * z + p2) * z + p3) * z + p4;
    const denominator = ((((z + q0) * z + q1) * z + q2) * z + q3) * z + q4;
    ratio = (INVERSE_SQRT_TWO_PI - (z * numerator) / denominator) / absolute;
  }
  // exp(−x²/2) split as exp(−s²/2)·exp(−(x − s)(x + s)/2) with s = x truncated to a multiple of 1/16, so
  // that s² is exact and the rounding error of x² is not magnified by the exponential (Cody).
  const truncated = Math.trunc(absolute * 16) / 16;
  const remainder = (absolute - truncated) * (absolute + truncated);
  const upperTail = Math.exp(-truncated * truncated * 0.5) * Math.exp(-remainder * 0.5) * ratio;
  return x > 0 ? 1 - upperTail : upperTail;
}

// M. J. Wichura, "Algorithm AS 241: The Percentage Points of the Normal Distribution", Applied
// Statistics 37(3), 477–484, 1988: PPND16, accurate to about 1 part in 10^16. Coefficients in increasing
// powers (shortest decimals for the published doubles); the constant term of each denominator is 1.
const PPND_CENTRAL_NUMERATOR = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
] as const;
const PPND_CENTRAL_DENOMINATOR = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
] as const;
const PPND_INTERMEDIATE_NUMERATOR = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
] as const;
const PPND_INTERMEDIATE_DENOMINATOR = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
  0.0005475938084995345, 1.0507500716444169e-9,
] as const;
const PPND_FAR_NUMERATOR = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
  0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
] as const;
const PPND_FAR_DENOMINATOR = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
] as const;

/**
 * Φ⁻¹(p), the standard normal quantile, for p in [0, 1]: −Infinity at 0, +Infinity at 1, NaN outside
 * [0, 1] or for NaN. Accurate to about 1 part in 10^16 down to p = 10^−300 and for p within 2^−53 of 1.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const centred = p - 0.5;
  if (Math.abs(centred) <= 0.425) {
    const r = 0.180625 - centred * centred;
    return (
      (centred * evaluatePolynomial(PPND_CENTRAL_NUMERATOR, r)) /
      evaluatePolynomial(PPND_CENTRAL_DENOMINATOR, r)
    );
  }
  // 1 − p is exact here (Sterbenz), so the upper tail keeps its precision.
  const tailProbability = centred < 0 ? p : 1 - p;
  const r = Math.sqrt(-Math.log(tailProbability));
  const magnitude =
    r <= 5
      ? evaluatePolynomial(PPND_INTERMEDIATE_NUMERATOR, r - 1.6) /
        evaluatePolynomial(PPND_INTERMEDIATE_DENOMINATOR, r - 1.6)
      : evaluatePolynomial(PPND_FAR_NUMERATOR, r - 5) / evaluatePolynomial(PPND_FAR_DENOMINATOR, r - 5);
  return centred < 0 ? -magnitude : magnitude;
}

type Degree7Coefficients = readonly [number, number, number, number, number, number, number, number];

// Horner's rule; coefficients in increasing powers.
function evaluatePolynomial(c: Degree7Coefficients, x: number): number {
  return ((((((c[7] * x + c[6]) * x + c[5]) * x + c[4]) * x + c[3]) * x + c[2]) * x + c[1]) * x + c[0];
}
