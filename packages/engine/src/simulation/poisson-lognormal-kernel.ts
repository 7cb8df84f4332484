import { PoissonDistribution } from '../distributions/frequency/poisson.js';
import { LognormalDistribution } from '../distributions/severity/lognormal.js';
import {
  EXPONENT_POWERS,
  FRACTION_POWERS,
  expByTable,
} from '../distributions/special-functions/exp-by-table.js';
import type { UniformSource } from '../distributions/distribution.js';
import { PoissonInversionTable, TRANSFORMED_REJECTION_FROM_RATE } from '../random/poisson-sampler.js';
import { Xoshiro128StarStar } from '../random/xoshiro128-star-star.js';
import { ZIGGURAT_LAYER_X, standardNormalOutsideRectangle, withSignOf } from '../random/ziggurat-normal.js';
import type { CompiledModel } from './simulation-spec.js';
import type { YearLosses } from './year-losses.js';

const TWO_POW_26 = 67108864;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;
// Years per call of the block function: a whole chunk (65,536 years). Short blocks (metrics/
// hot-loop-blocks.ts) did not keep this loop out of on-stack compilation: in the pool's workers V8 dropped
// the block function's regular code ("code dependencies") and then entered its cached OSR code from the
// interpreter on nearly every call (718,252 OSR entries in two benchmark rounds, 256 years each). Since
// the loop carries no numbers in locals, its OSR code is as tight as the regular code, and one entry per
// chunk makes that entry's cost negligible.
const YEARS_PER_BLOCK = 1 << 16;
const TWO_POW_32 = 4294967296;
// PoissonInversionTable's guide length and the Ziggurat's layer mask; the property test against the
// general kernel fails if either drifts from the samplers' own.
const POISSON_GUIDE_LENGTH = 256;
const ZIGGURAT_LAYER_MASK = 127;

/** The model this kernel serves: what `isPoissonLognormalModel` has checked, unpacked. */
export interface PoissonLognormalModel {
  readonly inversion: PoissonInversionTable;
  /**
   * μ, σ and the terms (see the TERM_ indices) as float64 elements, which the kernel reads every year: a
   * typed-array element is a raw double in any compilation of the kernel, an object field or a local kept
   * from before the loop is not (see `simulateBlock`).
   */
  readonly terms: Float64Array;
}

const TERM_MU = 0;
const TERM_SIGMA = 1;
const TERM_OCCURRENCE_RETENTION = 2;
const TERM_OCCURRENCE_LIMIT = 3;
const TERM_SECTION_AGGREGATE_LIMIT = 4;
const TERM_AGGREGATE_DEDUCTIBLE = 5;
const TERM_AGGREGATE_LIMIT = 6;
const TERM_INSURER_SHARE = 7;
const TERM_COUNT = 8;

/**
 * The model and generator the specialised kernel serves: one section with one loss process (not business
 * interruption) whose frequency is Poisson with 0 < rate < 10 (inversion; rate 0 draws nothing and higher
 * rates use PTRS) and whose severity is lognormal, drawn from a xoshiro128** generator. This is the FAIR
 * shape of most scenarios, and crq-bench-v1's.
 */
export function poissonLognormalModelOf(
  model: CompiledModel,
  random: UniformSource,
): PoissonLognormalModel | null {
  if (!(random instanceof Xoshiro128StarStar) || model.sections.length !== 1) return null;
  const section = model.sections[0];
  if (section === undefined || section.processes.length !== 1) return null;
  const lossProcess = section.processes[0];
  if (lossProcess === undefined || lossProcess.isBusinessInterruption) return null;
  const { frequency, severity } = lossProcess;
  if (!(frequency instanceof PoissonDistribution) || !(severity instanceof LognormalDistribution))
    return null;
  if (!(frequency.rate > 0 && frequency.rate < TRANSFORMED_REJECTION_FROM_RATE)) return null;
  const terms = new Float64Array(TERM_COUNT);
  terms[TERM_MU] = severity.mu;
  terms[TERM_SIGMA] = severity.sigma;
  terms[TERM_OCCURRENCE_RETENTION] = section.occurrenceRetention;
  terms[TERM_OCCURRENCE_LIMIT] = section.occurrenceLimit;
  terms[TERM_SECTION_AGGREGATE_LIMIT] = section.aggregateLimit;
  terms[TERM_AGGREGATE_DEDUCTIBLE] = model.aggregateDeductible;
  terms[TERM_AGGREGATE_LIMIT] = model.aggregateLimit;
  terms[TERM_INSURER_SHARE] = 1 - model.coinsurance;
  return { inversion: new PoissonInversionTable(frequency.rate), terms };
}

/**
 * `simulateYears` for the model `poissonLognormalModelOf` accepts. It draws exactly the variates the
 * general kernel draws, in the same order, and applies the same terms with the same arithmetic, so its
 * years are bit for bit the general kernel's (a test checks every output); it only runs about twice as
 * fast. Where the time goes in the general kernel, and what this one does instead:
 *
 * - a method call on the generator's typed-array state per 32-bit output (≈ 3 ns): here the state lives in
 *   four local variables and xoshiro128** is stepped inline (≈ 1.4 ns);
 * - interface calls per count and per loss: here the Poisson indexed search, the Ziggurat's fast path and
 *   the exponential are inlined; the rare Ziggurat wedge and tail hand the state back to the generator
 *   and call the shared code;
 * - table reads through module constants and object fields (the Ziggurat's layer edges, the exponential's
 *   powers of two, the Poisson table): here every table is a parameter of the block function, so V8 loads
 *   each one's base and length once per block instead of once per use, and the block function reads no
 *   object field, whose map V8's code would otherwise depend on;
 * - mispredicted branches: the retention and the aggregate deductible use `positivePart`'s formula.
 *
 * Returns the number of occurrences simulated, and leaves `random` where the general kernel would.
 *
 * Where the runtime has WebAssembly, `simulateYears` runs the same kernel compiled from
 * `wasm/poisson-lognormal-kernel.c` instead (ADR 0016); this function is its reference (a test compares
 * them bit for bit) and the fallback. A change here must be made there too, then `npm run build:wasm`.
 */
export function simulatePoissonLognormalYears(
  model: PoissonLognormalModel,
  random: Xoshiro128StarStar,
  out: YearLosses,
  firstYear: number,
  yearCount: number,
): number {
  const state = new Int32Array(4);
  random.copyStateTo(state);
  const { inversion, terms } = model;
  const { gross, ceded, retained, largestOccurrenceGross, largestOccurrenceInsured } = out;
  const sectionGross = out.sectionGross?.[0] ?? null;
  const sectionCeded = out.sectionCeded?.[0] ?? null;
  let occurrences = 0;
  const end = firstYear + yearCount;
  for (let blockStart = firstYear; blockStart < end; blockStart += YEARS_PER_BLOCK) {
    occurrences += simulateBlock(
      random,
      state,
      terms,
      inversion.guide,
      inversion.cumulative,
      ZIGGURAT_LAYER_X,
      FRACTION_POWERS,
      EXPONENT_POWERS,
      gross,
      ceded,
      retained,
      largestOccurrenceGross,
      largestOccurrenceInsured,
      sectionGross,
      sectionCeded,
      blockStart,
      Math.min(end, blockStart + YEARS_PER_BLOCK),
    );
  }
  random.setStateWords(state[0] ?? 0, state[1] ?? 0, state[2] ?? 0, state[3] ?? 0);
  return occurrences;
}

/**
 * Years [start, end) with the generator's state in `state` on entry and exit. The xoshiro128** step
 * (Blackman & Vigna; see random/xoshiro128-star-star.ts, whose outputs these are) appears inline four
 * times: a shared function would have to keep the state in memory, which is the cost this kernel avoids.
 */
function simulateBlock(
  random: Xoshiro128StarStar,
  state: Int32Array,
  terms: Float64Array,
  guide: Int32Array,
  cumulative: Float64Array,
  layerX: Float64Array,
  fractionPowers: Float64Array,
  exponentPowers: Float64Array,
  gross: Float64Array,
  ceded: Float64Array,
  retained: Float64Array | null,
  largestOccurrenceGross: Float64Array | null,
  largestOccurrenceInsured: Float64Array | null,
  sectionGross: Float64Array | null,
  sectionCeded: Float64Array | null,
  start: number,
  end: number,
): number {
  const tracksLargest = largestOccurrenceGross !== null || largestOccurrenceInsured !== null;
  let occurrences = 0;
  // Nothing numeric is carried from one year to the next in a local: the generator state goes through
  // `state` and the terms are read from `terms` every year. When V8 compiles this loop on-stack (OSR) —
  // and after any deoptimisation it re-enters that cached OSR code on every call, for good — every value
  // live into the loop arrives untyped, so a double or int32 carried in a local (a state word beyond the
  // 31-bit small-integer range, a limit in `x < limit ? x : limit`) becomes a tagged value and is boxed
  // as a heap number every year: ~32 bytes per year and a third more time, in some processes and not
  // others. Reads from typed arrays are typed in any compilation; the extra loads and stores cost ~1 ns.
  // (Measured again in engine-perf-4: the state in locals over blocks of 1,024 years ran 10–15 % faster
  // in processes where V8 kept the regular code, and 1.5–3 times slower in the one in three where it
  // fell back to OSR code.) The tables are parameters, not locals kept from before the loop, for the
  // same reason: a parameter is a tagged pointer, never a number to box.
  for (let year = start; year < end; year++) {
    let s0 = state[0] ?? 0;
    let s1 = state[1] ?? 0;
    let s2 = state[2] ?? 0;
    let s3 = state[3] ?? 0;
    const mu = terms[TERM_MU] ?? Number.NaN;
    const sigma = terms[TERM_SIGMA] ?? Number.NaN;
    const occurrenceRetention = terms[TERM_OCCURRENCE_RETENTION] ?? Number.NaN;
    const occurrenceLimit = terms[TERM_OCCURRENCE_LIMIT] ?? Number.NaN;
    // The count: nextFloat64() from two outputs, inverted through the table.
    let scrambled = Math.imul(s1, 5);
    const highWord = Math.imul((scrambled << 7) | (scrambled >>> 25), 9);
    let shifted = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= shifted;
    s3 = (s3 << 11) | (s3 >>> 21);
    scrambled = Math.imul(s1, 5);
    const lowWord = Math.imul((scrambled << 7) | (scrambled >>> 25), 9);
    shifted = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= shifted;
    s3 = (s3 << 11) | (s3 >>> 21);
    const uniform = ((highWord >>> 5) * TWO_POW_26 + (lowWord >>> 6)) * TWO_POW_MINUS_53;
    // PoissonInversionTable.count(), inlined.
    let count = guide[(uniform * POISSON_GUIDE_LENGTH) | 0] ?? 0;
    while (uniform >= (cumulative[count] ?? Number.POSITIVE_INFINITY)) count++;
    occurrences += count;

    let yearGross = 0;
    let yearInsured = 0;
    let largestGross = 0;
    let largestInsured = 0;
    for (let occurrence = 0; occurrence < count; occurrence++) {
      // standardNormal(): two outputs and the Ziggurat's fast path.
      scrambled = Math.imul(s1, 5);
      // Kept as a signed int32: `>>> 0` here made V8 box the word and cost a third of the kernel's time.
      const indexWord = Math.imul((scrambled << 7) | (scrambled >>> 25), 9);
      shifted = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= shifted;
      s3 = (s3 << 11) | (s3 >>> 21);
      scrambled = Math.imul(s1, 5);
      const abscissaWord = Math.imul((scrambled << 7) | (scrambled >>> 25), 9);
      shifted = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= shifted;
      s3 = (s3 << 11) | (s3 >>> 21);
      const layer = indexWord & ZIGGURAT_LAYER_MASK;
      let normal =
        ((indexWord >>> 11) * TWO_POW_32 + (abscissaWord >>> 0)) * TWO_POW_MINUS_53 * (layerX[layer] ?? 0);
      if (normal < (layerX[layer + 1] ?? 0)) {
        normal = withSignOf(indexWord, normal);
      } else {
        random.setStateWords(s0, s1, s2, s3);
        // `* 1` (the same double, −0 and NaN included) gives V8 a number-typed result: the call's own
        // result is untyped, and merged with the fast path's raw double it made `normal` a tagged value,
        // a heap number boxed on the fast path for 97 % of the draws (measured: ~16 bytes per occurrence
        // in compilations where this call is not inlined).
        normal = standardNormalOutsideRectangle(random, indexWord, normal) * 1;
        random.copyStateTo(state);
        s0 = state[0] ?? 0;
        s1 = state[1] ?? 0;
        s2 = state[2] ?? 0;
        s3 = state[3] ?? 0;
      }
      // LognormalDistribution.sample() and the general kernel's occurrence terms, term for term. The
      // exponential is expByTable() with its constants written out and its tables passed in: the same
      // operations in the same order, so the same bits.
      const exponent = mu + sigma * normal;
      let loss: number;
      if (exponent >= -708 && exponent <= 709) {
        // 256 / ln 2, as a literal: `Math.LN2` would be a property load in the loop.
        const scaled = exponent * 369.3299304675746 + 6755399441055744 - 6755399441055744;
        const k = scaled | 0;
        const r = exponent - scaled * (0.6931471803691238 / 256) - scaled * (1.9082149292705877e-10 / 256);
        const expOfR = 1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24))));
        loss = (fractionPowers[k & 255] ?? 0) * (exponentPowers[(k >> 8) + 1022] ?? 0) * expOfR;
      } else {
        loss = expByTable(exponent);
      }
      // positivePart() by hand, here and for the aggregate deductible: left to V8, whether a helper is
      // inlined depends on its budget at compile time, and a helper called, not inlined, returns a boxed
      // double, which then made the phi below tagged (a heap number per occurrence, in some compilations).
      const beyondRetention = loss - occurrenceRetention;
      const excess = 0.5 * (beyondRetention + Math.abs(beyondRetention));
      const insured = excess < occurrenceLimit ? excess : occurrenceLimit;
      yearGross += loss;
      yearInsured += insured;
      if (tracksLargest) {
        if (loss > largestGross) largestGross = loss;
        if (insured > largestInsured) largestInsured = insured;
      }
    }
    state[0] = s0;
    state[1] = s1;
    state[2] = s2;
    state[3] = s3;
    // The general kernel's annual terms for one section, term for term.
    const sectionAggregateLimit = terms[TERM_SECTION_AGGREGATE_LIMIT] ?? Number.NaN;
    const aggregateDeductible = terms[TERM_AGGREGATE_DEDUCTIBLE] ?? Number.NaN;
    const aggregateLimit = terms[TERM_AGGREGATE_LIMIT] ?? Number.NaN;
    const insurerShare = terms[TERM_INSURER_SHARE] ?? Number.NaN;
    if (yearInsured > sectionAggregateLimit) yearInsured = sectionAggregateLimit;
    const beyondDeductible = yearInsured - aggregateDeductible;
    const afterDeductible = 0.5 * (beyondDeductible + Math.abs(beyondDeductible));
    const capped = afterDeductible < aggregateLimit ? afterDeductible : aggregateLimit;
    const yearCeded = capped * insurerShare;
    gross[year] = yearGross;
    ceded[year] = yearCeded;
    if (retained !== null) retained[year] = yearGross - yearCeded;
    if (largestOccurrenceGross !== null) largestOccurrenceGross[year] = largestGross;
    if (largestOccurrenceInsured !== null) largestOccurrenceInsured[year] = largestInsured;
    if (sectionGross !== null) sectionGross[year] = yearGross;
    if (sectionCeded !== null) {
      sectionCeded[year] = yearInsured * (yearInsured > 0 ? yearCeded / yearInsured : 0);
    }
  }
  return occurrences;
}
