/**
 * Selection guided by the key counts of the exceedance tally: instead of selecting order statistics in a
 * copy of all N values, copy out only the values under the keys that hold a requested rank, plus every
 * value from the smallest tail start up, and select in that small set.
 *
 * The key counts (`exceedance-counts.ts`, keys from `value-keys.ts`) say how many values lie under each key,
 * and keys are ordered ranges of the number line, so the rank range of every key is known before the
 * values are read again. A requested rank r under key k with n values below k's range is the
 * (r − n)-th smallest value of k. Values of different keys never tie, so gathering the chosen keys in any
 * order and selecting at the rank shifted by the gathered values below keeps every order statistic exact.
 * For crq-bench-v1's requests (ranks at 0.5 … 0.999 and the worst 10 % for TVaR) that is about a tenth of
 * the values, which makes the selection several times cheaper and saves the copy of the rest.
 *
 * Years without a loss are often most of a run, and a requested rank (a median, a TVaR's tail start) can
 * fall among them. +0 is the smallest value under its key, so a rank inside the key's leading block of
 * +0s needs no selection at all, and +0s are never gathered: they would be most of the copy.
 *
 * @module
 */

import { BLOCK_LENGTH } from './hot-loop-blocks.js';
import { HIGH_WORD, KEY_COUNT, KEY_SHIFT, keyAtOrder } from './value-keys.js';

/**
 * Running sums over the values x of (x − mean) and of (x − mean)², the latter with Neumaier's
 * compensation term (ZAMM 54, 1974): on a million simulated losses the plain sum was off by 2·10⁻¹²
 * (relative) and the compensated one matched the exact value. The squared sum is
 * `squaredDeviationSum + squaredCompensation`.
 */
export class DeviationSums {
  deviationSum = 0;
  squaredDeviationSum = 0;
  squaredCompensation = 0;
}

/** Where the values a set of requested ranks needs are found; see `planRankGather`. */
export interface RankGatherPlan {
  /** Per key: 1 if its values (other than +0) are gathered, else 0. */
  readonly gatheredKeys: Uint8Array;
  /** How many values the gather pass will copy out. */
  readonly gatheredCount: number;
  /** Per requested rank: its position among the gathered values, or −1 when its value is +0. */
  readonly positions: Int32Array;
  /**
   * Per requested rank: the position of the first gathered value of rank ≥ it, i.e. where a tail that
   * starts at this rank begins among the gathered values (gatheredCount when the tail is all +0).
   */
  readonly tailPositions: Int32Array;
}

/**
 * Plans the gather for `ranks` (ascending, distinct, in [0, N)) given the key counts of all N values and
 * how many of them are +0, gathering also every value of rank ≥ `tailFromRank` (N for none).
 */
export function planRankGather(
  keyCounts: Float64Array,
  positiveZeros: number,
  ranks: Int32Array,
  tailFromRank: number,
): RankGatherPlan {
  const gatheredKeys = new Uint8Array(KEY_COUNT);
  const positions = new Int32Array(ranks.length);
  const tailPositions = new Int32Array(ranks.length);
  const gatheredCount = walkKeysInValueOrder(
    keyCounts,
    positiveZeros,
    ranks,
    tailFromRank,
    gatheredKeys,
    positions,
    tailPositions,
  );
  return { gatheredKeys, gatheredCount, positions, tailPositions };
}

/**
 * The loop of `planRankGather`: fills the plan's arrays and returns the gathered count. It is a function of
 * its own that ends in a bare return of a local, for the reason in `hot-loop-blocks.ts`: its 65,536 steps
 * get it compiled on-stack on the first call, and the object built after the loop then deoptimised the
 * compiled loop on every later call (44 times in a 20-scenario batch).
 */
function walkKeysInValueOrder(
  keyCounts: Float64Array,
  positiveZeros: number,
  ranks: Int32Array,
  tailFromRank: number,
  gatheredKeys: Uint8Array,
  positions: Int32Array,
  tailPositions: Int32Array,
): number {
  let rankIndex = 0;
  let below = 0;
  let gatheredBelow = 0;
  for (let order = 0; order < KEY_COUNT; order++) {
    const key = keyAtOrder(order);
    const count = keyCounts[key] ?? 0;
    if (count === 0) continue;
    const end = below + count;
    // +0 sorts first under key 0, which holds only +0 and positive subnormal-sized values.
    const leadingZeros = key === 0 ? positiveZeros : 0;
    let gathered = end > tailFromRank;
    for (; rankIndex < ranks.length && (ranks[rankIndex] ?? 0) < end; rankIndex++) {
      const withinKey = (ranks[rankIndex] ?? 0) - below;
      if (withinKey < leadingZeros) {
        positions[rankIndex] = -1;
        tailPositions[rankIndex] = gatheredBelow;
      } else {
        gathered = true;
        const position = gatheredBelow + withinKey - leadingZeros;
        positions[rankIndex] = position;
        tailPositions[rankIndex] = position;
      }
    }
    if (gathered) {
      gatheredKeys[key] = 1;
      gatheredBelow += count - leadingZeros;
    }
    below = end;
  }
  return gatheredBelow;
}

/**
 * The second pass of a summary: copies the values of the plan's keys, other than +0, into `gathered` in
 * index order, and adds up the deviations from `mean` for the standard deviation. Returns how many values
 * were gathered. `gathered` must hold at least values.length values.
 *
 * Every value is written at the gather cursor and the cursor moves on only for a gathered one, so the pass
 * has no data-dependent branch: a branch taken for one value in ten at random would be mispredicted
 * nearly as often.
 */
export function gatherValuesAndDeviations(
  values: Float64Array,
  mean: number,
  gatheredKeys: Uint8Array,
  gathered: Float64Array,
  deviations: DeviationSums,
): number {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  const count = values.length;
  let gatheredCount = 0;
  // Blocks hold an even number of values; an odd count leaves the first one for a block of its own.
  const pairsStart = count % 2;
  if (pairsStart === 1) {
    gatheredCount = gatherValue(values, words, 0, mean, gatheredKeys, gathered, 0, deviations);
  }
  for (let start = pairsStart; start < count; start += BLOCK_LENGTH) {
    gatheredCount = gatherBlockOfPairs(
      values,
      words,
      start,
      Math.min(count, start + BLOCK_LENGTH),
      mean,
      gatheredKeys,
      gathered,
      gatheredCount,
      deviations,
    );
  }
  return gatheredCount;
}

function gatherBlockOfPairs(
  values: Float64Array,
  words: Uint32Array,
  start: number,
  end: number,
  mean: number,
  gatheredKeys: Uint8Array,
  gathered: Float64Array,
  gatheredSoFar: number,
  deviations: DeviationSums,
): number {
  let { deviationSum, squaredDeviationSum, squaredCompensation } = deviations;
  let cursor = gatheredSoFar;
  for (let index = start; index < end; index += 2) {
    const first = values[index] ?? 0;
    const second = values[index + 1] ?? 0;
    const firstKey = (words[2 * index + HIGH_WORD] ?? 0) >>> KEY_SHIFT;
    const secondKey = (words[2 * index + 2 + HIGH_WORD] ?? 0) >>> KEY_SHIFT;
    gathered[cursor] = first;
    cursor += (gatheredKeys[firstKey] ?? 0) & (+(first !== 0) | +(firstKey !== 0));
    gathered[cursor] = second;
    cursor += (gatheredKeys[secondKey] ?? 0) & (+(second !== 0) | +(secondKey !== 0));

    const firstDeviation = first - mean;
    const secondDeviation = second - mean;
    deviationSum += firstDeviation + secondDeviation;
    const squared = firstDeviation * firstDeviation + secondDeviation * secondDeviation;
    const total = squaredDeviationSum + squared;
    squaredCompensation +=
      squaredDeviationSum >= squared
        ? squaredDeviationSum - total + squared
        : squared - total + squaredDeviationSum;
    squaredDeviationSum = total;
  }
  deviations.deviationSum = deviationSum;
  deviations.squaredDeviationSum = squaredDeviationSum;
  deviations.squaredCompensation = squaredCompensation;
  return cursor;
}

function gatherValue(
  values: Float64Array,
  words: Uint32Array,
  index: number,
  mean: number,
  gatheredKeys: Uint8Array,
  gathered: Float64Array,
  gatheredSoFar: number,
  deviations: DeviationSums,
): number {
  const value = values[index] ?? 0;
  const key = (words[2 * index + HIGH_WORD] ?? 0) >>> KEY_SHIFT;
  gathered[gatheredSoFar] = value;
  const deviation = value - mean;
  const squared = deviation * deviation;
  const total = deviations.squaredDeviationSum + squared;
  deviations.squaredCompensation +=
    deviations.squaredDeviationSum >= squared
      ? deviations.squaredDeviationSum - total + squared
      : squared - total + deviations.squaredDeviationSum;
  deviations.squaredDeviationSum = total;
  deviations.deviationSum += deviation;
  return gatheredSoFar + ((gatheredKeys[key] ?? 0) & (+(value !== 0) | +(key !== 0)));
}
