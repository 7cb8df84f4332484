/**
 * e^x by table lookup, after P. T. P. Tang, "Table-driven implementation of the exponential function in
 * IEEE floating-point arithmetic", ACM Transactions on Mathematical Software 15(2), 144–157, 1989
 * (https://doi.org/10.1145/63522.214389): x = (k + r·N/ln 2)·ln 2 / N with |r| ≤ ln 2 / (2N), so
 * e^x = 2^⌊k/N⌋ · 2^((k mod N)/N) · e^r, both powers of two read from tables and e^r from a short Taylor
 * polynomial.
 *
 * It exists for speed: every lognormal loss is one exponential, and V8's `Math.exp` (a call into fdlibm)
 * costs about 11 ns, this about 5 ns. Its result is within 2 units in the last place of `Math.exp` (the
 * test measures it), far below any statistical effect; it is not correctly rounded, so it is not a drop-in
 * for code that needs `Math.exp`'s exact bits.
 *
 * @module
 */

const TABLE_BITS = 8;
const TABLE_LENGTH = 1 << TABLE_BITS;
const TABLE_MASK = TABLE_LENGTH - 1;
const N_OVER_LN2 = TABLE_LENGTH / Math.LN2;
// ln 2 / N in two parts. The high part keeps only 32 bits after the binary point, so k·high is exact for
// every |k| < 2^20 (the range below); the low part carries the rest of ln 2 to double precision.
const LN2_OVER_N_HIGH = 0.6931471803691238 / TABLE_LENGTH;
const LN2_OVER_N_LOW = 1.9082149292705877e-10 / TABLE_LENGTH;
// Adding and subtracting 1.5·2^52 rounds a double of magnitude below 2^51 to the nearest integer (ties to
// even) without a call: Math.round is both slower in V8 and rounds ties differently.
const ROUND_TO_INTEGER = 6755399441055744;
// Inside this range every result is a normal double, so the tables below cover every scale factor; outside
// it (overflow, subnormal results, infinities, NaN) Math.exp answers.
const SMALLEST_TABULATED_ARGUMENT = -708;
const LARGEST_TABULATED_ARGUMENT = 709;
const SMALLEST_EXPONENT = -1022;
const LARGEST_EXPONENT = 1023;

/**
 * 2^(j/N) for j = 0 … N − 1, each correctly rounded. Exported, with EXPONENT_POWERS, for the Poisson ×
 * lognormal kernel, which inlines this exponential; nothing may write to them.
 */
export const FRACTION_POWERS = Float64Array.from({ length: TABLE_LENGTH }, (_, j) => 2 ** (j / TABLE_LENGTH));
/** 2^m for m = SMALLEST_EXPONENT … LARGEST_EXPONENT, each exact. */
export const EXPONENT_POWERS = Float64Array.from(
  { length: LARGEST_EXPONENT - SMALLEST_EXPONENT + 1 },
  (_, index) => 2 ** (index + SMALLEST_EXPONENT),
);

/**
 * e^x to within 2 units in the last place; Math.exp's result outside [−708, 709], where the result would
 * be subnormal, overflow, or x is not finite.
 */
export function expByTable(x: number): number {
  if (!(x >= SMALLEST_TABULATED_ARGUMENT && x <= LARGEST_TABULATED_ARGUMENT)) return Math.exp(x);
  const scaled = x * N_OVER_LN2 + ROUND_TO_INTEGER - ROUND_TO_INTEGER;
  const k = scaled | 0;
  const r = x - scaled * LN2_OVER_N_HIGH - scaled * LN2_OVER_N_LOW;
  // |r| ≤ ln 2 / 512 < 0.00136: the first omitted term, r^5/120, is below 2^−58 relative.
  const expOfR = 1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24))));
  return (
    (FRACTION_POWERS[k & TABLE_MASK] ?? Number.NaN) *
    (EXPONENT_POWERS[(k >> TABLE_BITS) - SMALLEST_EXPONENT] ?? Number.NaN) *
    expOfR
  );
}
