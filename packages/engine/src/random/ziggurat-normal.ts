/**
 * Standard normal variates by the Ziggurat method of G. Marsaglia and W. W. Tsang, "The Ziggurat Method for
 * Generating Random Variables", Journal of Statistical Software 5(8), 2000
 * (https://doi.org/10.18637/jss.v005.i08), with 128 layers of equal area.
 *
 * Two departures from the paper's C code, both following J. A. Doornik, "An Improved Ziggurat Method to
 * Generate Normal Random Samples" (2005): the layer index and the sign come from bits that do not also
 * feed the abscissa (the paper reuses the low bits of one 32-bit word for both, which correlates them),
 * and the abscissa has 53 random bits instead of 32. One draw therefore consumes two `nextUint32()`
 * outputs on the fast path, which 97.2 % of attempts take (the mean of x_{i+1}/x_i over the layers).
 *
 * @module
 */

import type { UniformSource } from '../distributions/distribution.js';

const LAYER_COUNT = 128;
const LAYER_MASK = LAYER_COUNT - 1;
const SIGN_BIT_POSITION = 7;
const SIGN_BIT = 1 << SIGN_BIT_POSITION;
// The start of the tail, r, and the common area v of every layer (the base layer counts the tail beyond r)
// for the unnormalised density exp(−x²/2). They solve the paper's equations for 128 layers; recomputed to
// 30 digits by bisection in mpmath (here rounded to doubles), they agree with the paper's 3.442619855899
// and 9.91256303526217e-3.
const TAIL_START = 3.4426198558966523;
const LAYER_AREA = 0.00991256303533646;
const INVERSE_TAIL_START = 1 / TAIL_START;
const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;

/**
 * `LAYER_X[i]` is the right edge of layer i's rectangle, from the virtual base width v / f(r) (index 0)
 * and r (index 1) up to 0 at the top (index 128). A draw x = U · LAYER_X[i] lies under the curve for sure
 * when x < LAYER_X[i + 1]. `LAYER_DENSITY[i]` = f(LAYER_X[i]) bounds the wedge test.
 */
const LAYER_X = new Float64Array(LAYER_COUNT + 1);
const LAYER_DENSITY = new Float64Array(LAYER_COUNT + 1);
// For the Poisson × lognormal kernels, which inline the fast path (and in WebAssembly the wedge); nothing
// may write to them.
export { LAYER_X as ZIGGURAT_LAYER_X, LAYER_DENSITY as ZIGGURAT_LAYER_DENSITY };

function unnormalisedDensity(x: number): number {
  return Math.exp(-0.5 * x * x);
}

function buildLayers(): void {
  LAYER_X[0] = LAYER_AREA / unnormalisedDensity(TAIL_START);
  LAYER_X[1] = TAIL_START;
  for (let layer = 1; layer < LAYER_COUNT - 1; layer++) {
    const upperDensity = LAYER_AREA / LAYER_X[layer]! + unnormalisedDensity(LAYER_X[layer]!);
    LAYER_X[layer + 1] = Math.sqrt(-2 * Math.log(upperDensity));
  }
  // The recurrence would reach 0 only up to rounding; the top layer's inner edge is 0 by definition.
  LAYER_X[LAYER_COUNT] = 0;
  for (let layer = 0; layer <= LAYER_COUNT; layer++) {
    LAYER_DENSITY[layer] = unnormalisedDensity(LAYER_X[layer]!);
  }
}

buildLayers();

/**
 * Returns one standard normal variate (mean 0, variance 1) drawn from `random`. Deterministic given the
 * source's state; allocation-free; uses two `nextUint32()` calls on the fast path and more on the rare
 * wedge and tail paths.
 */
export function standardNormal(random: UniformSource): number {
  const indexWord = random.nextUint32();
  const x = layerAbscissa(indexWord, random.nextUint32());
  if (isInsideRectangle(indexWord, x)) return withSignOf(indexWord, x);
  return standardNormalOutsideRectangle(random, indexWord, x);
}

/** Whether the proposal x lies inside its layer's rectangle, under the curve for sure (97.2 % of draws). */
export function isInsideRectangle(indexWord: number, x: number): boolean {
  return x < LAYER_X[(indexWord & LAYER_MASK) + 1]!;
}

/**
 * The abscissa a draw proposes: a uniform in [0, 1) on the 2^−53 grid from bits 11–31 of the first word
 * and all 32 of the second, times the right edge of the layer the first word's low 7 bits choose. The words
 * are 32-bit patterns, as unsigned or as signed (int32) numbers.
 */
export function layerAbscissa(indexWord: number, lowWord: number): number {
  const uniform = ((indexWord >>> 11) * TWO_POW_32 + (lowWord >>> 0)) * TWO_POW_MINUS_53;
  return uniform * LAYER_X[indexWord & LAYER_MASK]!;
}

/**
 * x, negated when bit 7 of the draw's first word is set. A multiplication, not a branch: a branch on a bit
 * that is set half the time is mispredicted half the time. x·(−1) and −x are the same double.
 */
export function withSignOf(indexWord: number, x: number): number {
  return x * (1 - ((indexWord & SIGN_BIT) >>> (SIGN_BIT_POSITION - 1)));
}

/**
 * Finishes a draw whose first proposal `x` (from `indexWord`, unsigned or int32) fell outside its layer's rectangle: the tail
 * or wedge test, then fresh proposals until one is accepted. With `standardNormal`'s fast path this is the
 * whole method; kernels that inline the fast path call it for the other 2.8 % of draws.
 */
export function standardNormalOutsideRectangle(
  random: UniformSource,
  firstIndexWord: number,
  firstX: number,
): number {
  let indexWord = firstIndexWord;
  let x = firstX;
  for (;;) {
    const layer = indexWord & LAYER_MASK;
    if (layer === 0) return withSignOf(indexWord, sampleTailBeyondStart(random));
    // Wedge: accept if a uniform height between the layer's bottom and top falls under the curve.
    const height =
      LAYER_DENSITY[layer]! + random.nextFloat64() * (LAYER_DENSITY[layer + 1]! - LAYER_DENSITY[layer]!);
    if (height < unnormalisedDensity(x)) return withSignOf(indexWord, x);
    indexWord = random.nextUint32();
    x = layerAbscissa(indexWord, random.nextUint32());
    if (isInsideRectangle(indexWord, x)) return withSignOf(indexWord, x);
  }
}

// Marsaglia's (1964) method for the normal tail beyond r, as in the paper's nfix(): x = −ln(U₁)/r is
// exponential, accepted with probability exp(−x²/2) through the comparison with an independent
// exponential y = −ln(U₂). 1 − nextFloat64() lies in (0, 1], so the logarithms stay finite.
function sampleTailBeyondStart(random: UniformSource): number {
  for (;;) {
    const x = -Math.log(1 - random.nextFloat64()) * INVERSE_TAIL_START;
    const y = -Math.log(1 - random.nextFloat64());
    if (y + y >= x * x) return TAIL_START + x;
  }
}
