/**
 * How many values lie strictly above each threshold of an ascending list, in one pass over the values
 * and without sorting them.
 *
 * A binary search per value would do, but its data-dependent branches mispredict on random losses and
 * cost 10–20 ms per million values on V8. Instead each value is tallied under a 16-bit key, the top
 * bits of its IEEE-754 pattern (sign, exponent, 4 mantissa bits). Keys split the number line into ordered,
 * disjoint ranges at most 1/16 (6.25 %) wide in relative terms, so every value under a key above a
 * threshold's key exceeds it, and only values under the threshold's own key need comparing. Per value the
 * pass does two branch-free table increments: the key's count, and the key's count of values above the
 * one threshold inside the key's range (+∞ when there is none). That runs at about 2 ms per million values.
 * The keys are defined in `value-keys.ts`; the key counts also guide the summary's selection
 * (`rank-gather.ts`).
 *
 * Thresholds closer together than the key width ("crowded" keys, e.g. a fine linear grid at large
 * amounts) leave more than one threshold in a key; values under those keys are resolved by a second pass
 * with a binary search among that key's thresholds, and only when such values exist.
 *
 * @module
 */

import { BLOCK_LENGTH } from './hot-loop-blocks.js';
import { HIGH_WORD, KEY_COUNT, KEY_SHIFT, keyAtOrder, keyOf, keyOrder } from './value-keys.js';

/**
 * The tables one pass fills: per key, the limit (the single threshold in the key's range, or +∞), the
 * number of values, and the number of values above the limit.
 */
export interface ExceedanceTally {
  readonly thresholds: Float64Array;
  readonly thresholdKeys: Int32Array;
  readonly limits: Float64Array;
  readonly keyCounts: Float64Array;
  readonly aboveLimitCounts: Float64Array;
  readonly hasCrowdedKey: boolean;
}

/**
 * What the tally pass adds up besides the key counts: the sum (with Neumaier's compensation, ZAMM 54, 1974,
 * so the mean of a million heavy-tailed losses keeps all its digits; the sum is `sum + compensation`),
 * the extremes, how many values are +0, and a finiteness check (x − x is 0 for every finite x and NaN for
 * ±∞ and NaN: `nonFinite` is 0 exactly when every value is finite).
 */
export class ValueTotals {
  sum = 0;
  compensation = 0;
  min = Infinity;
  max = -Infinity;
  positiveZeros = 0;
  nonFinite = 0;
}

/**
 * Counts of `values` (finite) strictly greater than each of `thresholds` (finite, ascending, distinct,
 * no −0), in the same order.
 */
export function countValuesAbove(values: Float64Array, thresholds: Float64Array): Float64Array {
  const tally = createExceedanceTally(thresholds);
  // The totals come free with the tally (see below); here they are not needed.
  tallyExceedancesAndTotals(values, tally, new ValueTotals());
  return countsAboveThresholds(values, tally);
}

interface PerKeyTables {
  readonly limits: Float64Array;
  readonly keyCounts: Float64Array;
  readonly aboveLimitCounts: Float64Array;
}

// The per-key tables (3 × 512 KB) of the last tally handed back by `releaseExceedanceTally`, for the next
// tally on this thread. A summary that allocated them afresh left 1.5 MB of dead ArrayBuffers, which V8
// returns only at a later garbage collection; once the WebAssembly kernel stopped allocating while it
// simulates (ADR 0016), collections became rare enough that dead tables raised a 2-worker crq-bench-v1
// run's peak RSS by about 40 MB.
let spareTables: PerKeyTables | null = null;

/** Empty tables for `thresholds` (finite, ascending, distinct, no −0). */
export function createExceedanceTally(thresholds: Float64Array): ExceedanceTally {
  const thresholdKeys = Int32Array.from(thresholds, keyOf);
  const tables = spareTables ?? {
    limits: new Float64Array(KEY_COUNT),
    keyCounts: new Float64Array(KEY_COUNT),
    aboveLimitCounts: new Float64Array(KEY_COUNT),
  };
  spareTables = null;
  tables.keyCounts.fill(0);
  tables.aboveLimitCounts.fill(0);
  // The single threshold inside each key's range; keys with none or several keep +∞, which no value exceeds.
  const limits = tables.limits.fill(Infinity);
  let hasCrowdedKey = false;
  thresholds.forEach((threshold, index) => {
    const key = thresholdKeys[index] ?? 0;
    const crowded = key === thresholdKeys[index - 1] || key === thresholdKeys[index + 1];
    if (crowded) hasCrowdedKey = true;
    else limits[key] = threshold;
  });
  return {
    thresholds,
    thresholdKeys,
    limits,
    keyCounts: tables.keyCounts,
    aboveLimitCounts: tables.aboveLimitCounts,
    hasCrowdedKey,
  };
}

/**
 * Hands a tally's tables to the next `createExceedanceTally` on this thread, which clears them. Neither the
 * tally nor anything read from its tables by reference may be used afterwards.
 */
export function releaseExceedanceTally(tally: ExceedanceTally): void {
  spareTables = {
    limits: tally.limits,
    keyCounts: tally.keyCounts,
    aboveLimitCounts: tally.aboveLimitCounts,
  };
}

/**
 * The hot loop: counts every value under its key, and under the key's "above the limit" count when it
 * exceeds the key's limit; adds the values up into `totals`.
 *
 * The totals are here because the tally is bound by its chains of table increments and leaves the
 * floating-point units idle, so they come nearly free, and a summary needs no separate pass for them.
 * Values go two at a time because the two chains of increments then overlap, which V8's code does not
 * manage on its own (1.9 ms instead of 2.6 ms per million). The sum adds the values one by one, in index
 * order, whatever the blocking.
 */
export function tallyExceedancesAndTotals(
  values: Float64Array,
  tally: ExceedanceTally,
  totals: ValueTotals,
): void {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  const count = values.length;
  // Blocks hold an even number of values; an odd count leaves the first one for a block of its own.
  const pairsStart = count % 2;
  if (pairsStart === 1) tallyValue(values, words, 0, tally, totals);
  const running = RUNNING_TOTALS;
  running[RUNNING_SUM] = totals.sum;
  running[RUNNING_COMPENSATION] = totals.compensation;
  running[RUNNING_MIN] = totals.min;
  running[RUNNING_MAX] = totals.max;
  running[RUNNING_POSITIVE_ZEROS] = totals.positiveZeros;
  running[RUNNING_NON_FINITE] = totals.nonFinite;
  for (let start = pairsStart; start < count; start += BLOCK_LENGTH) {
    tallyBlockOfPairs(values, words, start, Math.min(count, start + BLOCK_LENGTH), tally, running);
  }
  totals.sum = running[RUNNING_SUM];
  totals.compensation = running[RUNNING_COMPENSATION];
  totals.min = running[RUNNING_MIN];
  totals.max = running[RUNNING_MAX];
  totals.positiveZeros = running[RUNNING_POSITIVE_ZEROS];
  totals.nonFinite = running[RUNNING_NON_FINITE];
}

// The totals while `tallyBlockOfPairs` runs, in a typed array rather than the `ValueTotals` fields: V8
// made its optimised code depend on those fields' representation and constness, and the first stores of
// doubles into them in each worker discarded that code ("code dependencies" in --trace-deopt). In some
// workers V8 then ran the function from its cached on-stack (OSR) code on every call, with the sums boxed
// as heap numbers every pair: 62,366 OSR entries for 20 scenarios (--trace-osr). Typed-array elements
// carry no such dependency. One array per thread: the tally never runs re-entrantly.
const RUNNING_TOTALS = new Float64Array(6);
const RUNNING_SUM = 0;
const RUNNING_COMPENSATION = 1;
const RUNNING_MIN = 2;
const RUNNING_MAX = 3;
const RUNNING_POSITIVE_ZEROS = 4;
const RUNNING_NON_FINITE = 5;

function tallyBlockOfPairs(
  values: Float64Array,
  words: Uint32Array,
  start: number,
  end: number,
  { limits, keyCounts, aboveLimitCounts }: ExceedanceTally,
  running: Float64Array,
): void {
  let sum = running[RUNNING_SUM] ?? 0;
  let compensation = running[RUNNING_COMPENSATION] ?? 0;
  let min = running[RUNNING_MIN] ?? 0;
  let max = running[RUNNING_MAX] ?? 0;
  let positiveZeros = running[RUNNING_POSITIVE_ZEROS] ?? 0;
  let nonFinite = running[RUNNING_NON_FINITE] ?? 0;
  for (let index = start; index < end; index += 2) {
    const first = values[index] ?? 0;
    const second = values[index + 1] ?? 0;
    const firstKey = (words[2 * index + HIGH_WORD] ?? 0) >>> KEY_SHIFT;
    const secondKey = (words[2 * index + 2 + HIGH_WORD] ?? 0) >>> KEY_SHIFT;
    const firstAbove = +(first > (limits[firstKey] ?? 0));
    const secondAbove = +(second > (limits[secondKey] ?? 0));
    keyCounts[firstKey] = (keyCounts[firstKey] ?? 0) + 1;
    keyCounts[secondKey] = (keyCounts[secondKey] ?? 0) + 1;
    aboveLimitCounts[firstKey] = (aboveLimitCounts[firstKey] ?? 0) + firstAbove;
    aboveLimitCounts[secondKey] = (aboveLimitCounts[secondKey] ?? 0) + secondAbove;

    // +0 is the one zero under key 0 (−0 has the sign bit, hence another key).
    positiveZeros += (+(first === 0) & +(firstKey === 0)) + (+(second === 0) & +(secondKey === 0));
    nonFinite += first - first + (second - second);
    const firstTotal = sum + first;
    compensation += Math.abs(sum) >= Math.abs(first) ? sum - firstTotal + first : first - firstTotal + sum;
    const secondTotal = firstTotal + second;
    compensation +=
      Math.abs(firstTotal) >= Math.abs(second)
        ? firstTotal - secondTotal + second
        : second - secondTotal + firstTotal;
    sum = secondTotal;
    if (first < min) min = first;
    if (first > max) max = first;
    if (second < min) min = second;
    if (second > max) max = second;
  }
  running[RUNNING_SUM] = sum;
  running[RUNNING_COMPENSATION] = compensation;
  running[RUNNING_MIN] = min;
  running[RUNNING_MAX] = max;
  running[RUNNING_POSITIVE_ZEROS] = positiveZeros;
  running[RUNNING_NON_FINITE] = nonFinite;
}

function tallyValue(
  values: Float64Array,
  words: Uint32Array,
  index: number,
  { limits, keyCounts, aboveLimitCounts }: ExceedanceTally,
  totals: ValueTotals,
): void {
  const value = values[index] ?? 0;
  const key = (words[2 * index + HIGH_WORD] ?? 0) >>> KEY_SHIFT;
  keyCounts[key] = (keyCounts[key] ?? 0) + 1;
  aboveLimitCounts[key] = (aboveLimitCounts[key] ?? 0) + +(value > (limits[key] ?? 0));
  totals.positiveZeros += +(value === 0) & +(key === 0);
  totals.nonFinite += value - value;
  const total = totals.sum + value;
  totals.compensation +=
    Math.abs(totals.sum) >= Math.abs(value) ? totals.sum - total + value : value - total + totals.sum;
  totals.sum = total;
  if (value < totals.min) totals.min = value;
  if (value > totals.max) totals.max = value;
}

/** The counts above each threshold, from a tally of every value in `values`. */
export function countsAboveThresholds(values: Float64Array, tally: ExceedanceTally): Float64Array {
  const { thresholds, thresholdKeys, keyCounts, aboveLimitCounts } = tally;
  const thresholdCount = thresholds.length;
  const aboveWithinCrowdedKeys = tally.hasCrowdedKey
    ? countAboveWithinCrowdedKeys(values, thresholds, thresholdKeys, keyCounts)
    : undefined;
  const countsAbove = new Float64Array(thresholdCount);
  // Walk keys from the largest values down, accumulating the counts of keys wholly above each threshold.
  let order = KEY_COUNT;
  let aboveKey = 0;
  for (let index = thresholdCount - 1; index >= 0; index--) {
    const key = thresholdKeys[index] ?? 0;
    const thresholdOrder = keyOrder(key);
    aboveKey += sumOfKeyCounts(keyCounts, thresholdOrder + 1, order);
    order = thresholdOrder + 1;
    const aboveWithinKey = aboveWithinCrowdedKeys?.[index] ?? aboveLimitCounts[key] ?? 0;
    countsAbove[index] = aboveKey + aboveWithinKey;
  }
  return countsAbove;
}

/** The number of values under the keys of value orders [fromOrder, toOrder). */
function sumOfKeyCounts(keyCounts: Float64Array, fromOrder: number, toOrder: number): number {
  let total = 0;
  for (let order = fromOrder; order < toOrder; order++) total += keyCounts[keyAtOrder(order)] ?? 0;
  return total;
}

/**
 * For thresholds that share a key with another threshold: how many values under that key exceed each,
 * by a binary search among the key's thresholds for every value under a crowded key. Other entries are
 * undefined. Skips the pass when no value falls under a crowded key.
 */
function countAboveWithinCrowdedKeys(
  values: Float64Array,
  thresholds: Float64Array,
  thresholdKeys: Int32Array,
  keyCounts: Float64Array,
): (number | undefined)[] {
  const thresholdCount = thresholds.length;
  const aboveWithinKey = new Array<number | undefined>(thresholdCount).fill(undefined);
  // Each crowded key with m thresholds owns m + 1 buckets: how many of its values exceed exactly q of them.
  const firstThresholdOfKey = new Int32Array(KEY_COUNT).fill(-1);
  const thresholdCountOfKey = new Int32Array(KEY_COUNT);
  const firstBucketOfKey = new Int32Array(KEY_COUNT).fill(-1);
  let bucketCount = 0;
  let crowdedValues = 0;
  for (let index = 0; index < thresholdCount; index++) {
    const key = thresholdKeys[index] ?? 0;
    if (firstThresholdOfKey[key] === -1) firstThresholdOfKey[key] = index;
    thresholdCountOfKey[key] = (thresholdCountOfKey[key] ?? 0) + 1;
  }
  for (let index = 0; index < thresholdCount; index++) {
    const key = thresholdKeys[index] ?? 0;
    const inKey = thresholdCountOfKey[key] ?? 0;
    if (inKey > 1 && firstThresholdOfKey[key] === index) {
      firstBucketOfKey[key] = bucketCount;
      bucketCount += inKey + 1;
      crowdedValues += keyCounts[key] ?? 0;
    }
  }
  const buckets = new Float64Array(bucketCount);
  if (crowdedValues > 0) {
    tallyCrowdedValues(
      values,
      thresholds,
      firstThresholdOfKey,
      thresholdCountOfKey,
      firstBucketOfKey,
      buckets,
    );
  }
  for (let index = thresholdCount - 1; index >= 0; index--) {
    const key = thresholdKeys[index] ?? 0;
    const firstBucket = firstBucketOfKey[key] ?? -1;
    if (firstBucket < 0) continue;
    // Values exceeding threshold q of the key are those in buckets q + 1 … m.
    const position = index - (firstThresholdOfKey[key] ?? 0);
    const inKey = thresholdCountOfKey[key] ?? 0;
    let above = 0;
    for (let exceeded = position + 1; exceeded <= inKey; exceeded++)
      above += buckets[firstBucket + exceeded] ?? 0;
    aboveWithinKey[index] = above;
  }
  return aboveWithinKey;
}

/**
 * For every value under a crowded key: counts it in the key's bucket for the number of the key's
 * thresholds it exceeds.
 */
function tallyCrowdedValues(
  values: Float64Array,
  thresholds: Float64Array,
  firstThresholdOfKey: Int32Array,
  thresholdCountOfKey: Int32Array,
  firstBucketOfKey: Int32Array,
  buckets: Float64Array,
): void {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  for (let index = 0; index < values.length; index++) {
    const key = (words[2 * index + HIGH_WORD] ?? 0) >>> KEY_SHIFT;
    const firstBucket = firstBucketOfKey[key] ?? -1;
    if (firstBucket < 0) continue;
    const first = firstThresholdOfKey[key] ?? 0;
    const end = first + (thresholdCountOfKey[key] ?? 0);
    const bucket = firstBucket + countBelow(thresholds, first, end, values[index] ?? 0) - first;
    buckets[bucket] = (buckets[bucket] ?? 0) + 1;
  }
}

/** Number of thresholds[from..to) strictly below `value` (a lower-bound binary search), plus `from`. */
function countBelow(thresholds: Float64Array, from: number, to: number, value: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((thresholds[middle] ?? 0) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
