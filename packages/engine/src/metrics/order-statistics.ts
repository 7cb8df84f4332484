/**
 * Order statistics and numpy-compatible quantiles of simulated values, without sorting the array.
 *
 * Every function copies the caller's values once into a scratch buffer (the caller's own, when given, to
 * avoid allocating per call) and runs one multi-selection on the copy; the caller's array is never
 * touched.
 *
 * @module
 */

import { EngineInputError, describeValue, requireProbability } from '../engine-input-error.js';
import { selectRanksInPlace } from './multi-select.js';

/**
 * The values at the given 0-based ranks of `values` sorted ascending (rank 0 is the minimum), in the
 * order the ranks were asked for. Ranks may repeat.
 *
 * @param scratch optional buffer of length ≥ values.length, not overlapping `values`; its contents are
 *   overwritten.
 * @throws EngineInputError naming `values`, `values[i]`, `ranks[i]` or `scratch`.
 */
export function selectOrderStatistics(
  values: Float64Array,
  ranks: readonly number[],
  scratch?: Float64Array,
): Float64Array {
  const work = copyIntoScratch(values, scratch);
  if (!Array.isArray(ranks)) throw new EngineInputError('ranks', 'must be an array of integers');
  ranks.forEach((rank, index) => {
    if (!Number.isInteger(rank) || rank < 0 || rank >= values.length) {
      throw new EngineInputError(
        `ranks[${index}]`,
        `must be an integer in [0, ${values.length - 1}] (got ${describeValue(rank)})`,
      );
    }
  });
  selectRanksInPlace(work, distinctAscending(ranks));
  return Float64Array.from(ranks, (rank: number) => work[rank] ?? 0);
}

/**
 * The p-quantile of `values` by numpy's default rule (`np.quantile(values, p)`, method 'linear', type 7
 * of Hyndman and Fan): with s the values sorted ascending, h = (N − 1)·p and t = h − ⌊h⌋,
 * the result is s[⌊h⌋] + t·(s[⌊h⌋+1] − s[⌊h⌋]), evaluated exactly as numpy does (see {@link interpolateLinear}).
 *
 * @throws EngineInputError naming `values`, `values[i]`, `p` or `scratch`.
 */
export function quantileLinear(values: Float64Array, p: number, scratch?: Float64Array): number {
  const work = copyIntoScratch(values, scratch);
  requireProbability(p, 'p');
  const plan = planLinearQuantiles(values.length, [p]);
  selectRanksInPlace(work, plan.ranks);
  return readLinearQuantile((rank) => work[rank] ?? 0, plan, 0);
}

/**
 * The quantiles of `values` at each probability in `ps` (same rule as {@link quantileLinear}), in the
 * order asked for, from a single multi-selection.
 *
 * @throws EngineInputError naming `values`, `values[i]`, `ps[i]` or `scratch`.
 */
export function quantilesLinear(
  values: Float64Array,
  ps: readonly number[],
  scratch?: Float64Array,
): Float64Array {
  const work = copyIntoScratch(values, scratch);
  if (!Array.isArray(ps)) throw new EngineInputError('ps', 'must be an array of probabilities');
  ps.forEach((p, index) => requireProbability(p, `ps[${index}]`));
  const plan = planLinearQuantiles(values.length, ps);
  selectRanksInPlace(work, plan.ranks);
  return Float64Array.from(ps, (_p, index) => readLinearQuantile((rank) => work[rank] ?? 0, plan, index));
}

/**
 * Where each linear quantile reads the sorted values: quantile i interpolates between ranks
 * `lowerRanks[i]` and `lowerRanks[i] + 1` with weight `weights[i]`. `ranks` is every rank that has to be
 * selected, ascending and distinct.
 */
export interface LinearQuantilePlan {
  readonly lowerRanks: Int32Array;
  readonly weights: Float64Array;
  readonly ranks: Int32Array;
}

/**
 * Plans linear quantiles at probabilities `ps` (already validated, in [0, 1]) of `count` values. Like
 * numpy, h = (count − 1)·p is computed in floating point and a quantile with h ≥ count − 1 is the maximum.
 */
export function planLinearQuantiles(count: number, ps: readonly number[]): LinearQuantilePlan {
  const lowerRanks = new Int32Array(ps.length);
  const weights = new Float64Array(ps.length);
  const ranks: number[] = [];
  ps.forEach((p, index) => {
    const h = (count - 1) * p;
    const lower = Math.min(Math.floor(h), count - 1);
    const weight = lower === count - 1 ? 0 : h - lower;
    lowerRanks[index] = lower;
    weights[index] = weight;
    // With no weight on it the upper neighbour is never read (numpy's a + (b − a)·0 is exactly a).
    if (weight === 0) ranks.push(lower);
    else ranks.push(lower, lower + 1);
  });
  return { lowerRanks, weights, ranks: distinctAscending(ranks) };
}

/**
 * Reads planned quantile `index` from the order statistics of `plan.ranks`, which `orderStatistic` returns
 * by rank (for a work array after `selectRanksInPlace(work, plan.ranks)`: rank ↦ work[rank]).
 */
export function readLinearQuantile(
  orderStatistic: (rank: number) => number,
  plan: LinearQuantilePlan,
  index: number,
): number {
  const lower = plan.lowerRanks[index] ?? 0;
  const weight = plan.weights[index] ?? 0;
  const below = orderStatistic(lower);
  // The upper neighbour was not selected when its weight is 0; numpy's a + (b − a)·0 is a + 0 for any b.
  return interpolateLinear(below, weight === 0 ? below : orderStatistic(lower + 1), weight);
}

/**
 * a + t·(b − a) the way numpy's `_lerp` evaluates it (numpy/lib/_function_base_impl.py, read in numpy
 * 2.4.6): from `b` backwards when t ≥ 0.5, so t = 1 gives exactly b. The textbook form, which the numpy
 * baseline script's own `quantile_sorted` uses, differs in the last bit for about one random quantile in
 * fifteen; this one matches `np.quantile` bit for bit.
 */
export function interpolateLinear(a: number, b: number, t: number): number {
  const difference = b - a;
  return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
}

/**
 * Checks `values` (non-empty, every value finite — NaN would break every comparison) and `scratch`, and
 * copies the values into the scratch buffer, or a new one. Returns a view of exactly values.length.
 */
export function copyIntoScratch(values: Float64Array, scratch: Float64Array | undefined): Float64Array {
  const work = prepareScratch(values, scratch);
  work.set(values);
  if (sumOfSelfDifferences(work) !== 0) throw firstNonFiniteValueError(values);
  return work;
}

/**
 * Σ(x − x): 0 when every value is finite, NaN otherwise (x − x is NaN for ±∞ and NaN) — one branch-free
 * check for the whole array. The loop ends in a bare return for the reason given in
 * `hot-loop-blocks.ts`.
 */
function sumOfSelfDifferences(values: Float64Array): number {
  let sum = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index] ?? 0;
    sum += value - value;
  }
  return sum;
}

/** Validates `values` and `scratch` and returns the work view (length values.length), not yet filled. */
export function prepareScratch(values: Float64Array, scratch: Float64Array | undefined): Float64Array {
  if (!(values instanceof Float64Array)) throw new EngineInputError('values', 'must be a Float64Array');
  if (values.length === 0) throw new EngineInputError('values', 'must hold at least one value');
  if (scratch === undefined) return new Float64Array(values.length);
  if (!(scratch instanceof Float64Array)) throw new EngineInputError('scratch', 'must be a Float64Array');
  if (scratch.length < values.length) {
    throw new EngineInputError(
      'scratch',
      `must hold at least ${values.length} values, as many as values (got ${scratch.length})`,
    );
  }
  if (sharesMemory(values, scratch)) throw new EngineInputError('scratch', 'must not overlap values');
  return scratch.length === values.length ? scratch : scratch.subarray(0, values.length);
}

/** The error naming the first value of `values` that is not finite; call only when there is one. */
export function firstNonFiniteValueError(values: Float64Array): EngineInputError {
  const index = values.findIndex((value) => !Number.isFinite(value));
  return new EngineInputError(`values[${index}]`, `must be a finite number (got ${String(values[index])})`);
}

/** Sorted, duplicate-free copy of `ranks` as the Int32Array the selection kernel takes. */
export function distinctAscending(ranks: readonly number[]): Int32Array {
  const sorted = Int32Array.from(ranks).sort();
  let distinctCount = 0;
  for (const rank of sorted) {
    if (distinctCount === 0 || rank !== sorted[distinctCount - 1]) sorted[distinctCount++] = rank;
  }
  return sorted.subarray(0, distinctCount);
}

function sharesMemory(values: Float64Array, scratch: Float64Array): boolean {
  if (values.buffer !== scratch.buffer) return false;
  const valuesEnd = values.byteOffset + values.byteLength;
  const scratchEnd = scratch.byteOffset + scratch.byteLength;
  return values.byteOffset < scratchEnd && scratch.byteOffset < valuesEnd;
}
