/**
 * In-place multi-selection on a Float64Array: after `selectRanksInPlace(work, ranks)` every requested
 * rank r holds the r-th smallest value (0-based) and the array is partitioned around it — everything
 * before r is ≤ work[r], everything after is ≥ work[r]. Nothing else is sorted.
 *
 * The kernel trusts its caller (the public entries in `order-statistics.ts` and `loss-metrics.ts`):
 * values are finite (NaN would break every comparison) and ranks are sorted, distinct and in range.
 *
 * Algorithm:
 * - Multiple selection by recursive partitioning that descends only into sides still holding requested
 *   ranks (J. M. Chambers, "Algorithm 410: Partial sorting", CACM 14(5), 1971). Each round aims at the
 *   requested rank nearest the segment's middle, so rank-free stretches are discarded after one pass each.
 * - Pivots: on segments of 600 values or more, Floyd–Rivest sampling (R. W. Floyd and R. L. Rivest,
 *   "Algorithm 489: SELECT", CACM 18(3), 1975) — select within a contiguous sub-range of about ½·n^(2/3)
 *   values to get a pivot whose rank lies just beside the target, so one pass leaves the target in a
 *   segment not much larger than the distance to the segment's nearer end. Contiguous sub-ranges are fair
 *   samples because simulated years come in random order and partitioning keeps sub-arrays in random
 *   order; on adversarial orders only speed suffers, and the depth guard below bounds it. Smaller segments
 *   use Tukey's ninther (median of three medians of three).
 * - Partition: three-way (< pivot, = pivot, > pivot) in up to two branch-free passes; see
 *   `partitionThreeWay`. The values equal to the pivot form one block that is final, so a run of a
 *   million exact zeros costs two passes, not O(N²).
 * - A requested rank at the edge of its segment is a minimum or maximum: one read-only scan, no
 *   partition. This makes the upper neighbour ⌊h⌋ + 1 of an interpolated quantile nearly free.
 * - Introselect guard (D. R. Musser, "Introspective sorting and selection algorithms", Software—Practice
 *   and Experience 27(8), 1997): after 2·log2(N) + 8 partitions on one path the segment is heap-sorted,
 *   bounding the worst case at O(N log N).
 *
 * @module
 */

const INSERTION_SORT_MAX_LENGTH = 16;
// Floyd and Rivest's own cut-off: below it, sampling costs more than it saves.
const FLOYD_RIVEST_MIN_LENGTH = 600;
const NINTHER_MIN_LENGTH = 40;

/**
 * Rearranges `work` so that each position in `ranks` holds its order statistic and the array is
 * partitioned around it.
 *
 * @param work finite values; reordered in place.
 * @param ranks ascending, distinct integers in [0, work.length).
 * @param depthBudget partitions allowed on one path before heap-sorting the segment; the default is
 *   Musser's 2·log2(N) plus slack. Tests pass 0 to exercise the fallback.
 */
export function selectRanksInPlace(
  work: Float64Array,
  ranks: Int32Array,
  depthBudget = 2 * Math.ceil(Math.log2(work.length + 1)) + 8,
): void {
  if (ranks.length === 0 || work.length === 0) return;
  selectSegment(work, 0, work.length - 1, ranks, 0, ranks.length - 1, depthBudget, new Int32Array(2));
}

/**
 * Places ranks[first..last] (all within [lo, hi]) in their final positions inside work[lo..hi]. Invariant:
 * everything left of `lo` is ≤ every value in the segment and everything right of `hi` is ≥ it.
 */
function selectSegment(
  work: Float64Array,
  lo: number,
  hi: number,
  ranks: Int32Array,
  first: number,
  last: number,
  depthBudget: number,
  equalBlock: Int32Array,
): void {
  for (;;) {
    while (first <= last && ranks[first] === lo) {
      swap(work, lo, indexOfMinimum(work, lo, hi));
      lo++;
      first++;
    }
    while (first <= last && ranks[last] === hi) {
      swap(work, hi, indexOfMaximum(work, lo, hi));
      hi--;
      last--;
    }
    if (first > last) return;
    if (hi - lo < INSERTION_SORT_MAX_LENGTH) {
      insertionSort(work, lo, hi);
      return;
    }
    if (depthBudget === 0) {
      heapSort(work, lo, hi);
      return;
    }
    depthBudget--;

    const targetIndex = rankIndexNearestMiddle(ranks, first, last, lo + (hi - lo) / 2);
    const pivotIndex =
      hi - lo + 1 >= FLOYD_RIVEST_MIN_LENGTH
        ? floydRivestPivotIndex(work, lo, hi, ranks, targetIndex, depthBudget, equalBlock)
        : tukeyPivotIndex(work, lo, hi);
    partitionThreeWay(work, lo, hi, pivotIndex, ranks[last] ?? hi, equalBlock);
    const equalStart = equalBlock[0] ?? lo;
    const equalEnd = equalBlock[1] ?? hi;

    // Ranks inside the equal block are final; the rest split into the two sides.
    let leftLast = first - 1;
    while (leftLast < last && (ranks[leftLast + 1] ?? 0) < equalStart) leftLast++;
    let rightFirst = last + 1;
    while (rightFirst > leftLast + 1 && (ranks[rightFirst - 1] ?? 0) > equalEnd) rightFirst--;

    const hasLeft = leftLast >= first;
    const hasRight = rightFirst <= last;
    // Recurse into the smaller side and loop on the larger, so the stack stays O(log N).
    if (hasLeft && hasRight) {
      if (equalStart - lo < hi - equalEnd) {
        selectSegment(work, lo, equalStart - 1, ranks, first, leftLast, depthBudget, equalBlock);
        lo = equalEnd + 1;
        first = rightFirst;
      } else {
        selectSegment(work, equalEnd + 1, hi, ranks, rightFirst, last, depthBudget, equalBlock);
        hi = equalStart - 1;
        last = leftLast;
      }
    } else if (hasLeft) {
      hi = equalStart - 1;
      last = leftLast;
    } else if (hasRight) {
      lo = equalEnd + 1;
      first = rightFirst;
    } else {
      return;
    }
  }
}

function rankIndexNearestMiddle(ranks: Int32Array, first: number, last: number, middle: number): number {
  let best = first;
  let bestDistance = Infinity;
  for (let index = first; index <= last; index++) {
    const distance = Math.abs((ranks[index] ?? 0) - middle);
    if (distance < bestDistance) {
      best = index;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Floyd–Rivest: selects the target's rank within a sub-range sized ½·n^(2/3), placed so that the chosen
 * value's rank in the whole segment falls within about one standard deviation of the target, biased
 * toward the segment's middle (the original's `sd·sign(i − n/2)`); returns its index, the target's.
 */
function floydRivestPivotIndex(
  work: Float64Array,
  lo: number,
  hi: number,
  ranks: Int32Array,
  targetIndex: number,
  depthBudget: number,
  equalBlock: Int32Array,
): number {
  const target = ranks[targetIndex] ?? lo;
  const length = hi - lo + 1;
  const position = target - lo + 1;
  const logLength = Math.log(length);
  const sampleSize = 0.5 * Math.exp((2 * logLength) / 3);
  const deviation =
    0.5 *
    Math.sqrt((logLength * sampleSize * (length - sampleSize)) / length) *
    Math.sign(position - length / 2);
  const sampleLo = Math.min(
    target,
    Math.max(lo, Math.floor(target - (position * sampleSize) / length + deviation)),
  );
  const sampleHi = Math.max(
    target,
    Math.min(hi, Math.floor(target + ((length - position) * sampleSize) / length + deviation)),
  );
  selectSegment(work, sampleLo, sampleHi, ranks, targetIndex, targetIndex, depthBudget, equalBlock);
  return target;
}

/** Index of the median of three medians of three, spread over the segment (Tukey's ninther). */
function tukeyPivotIndex(work: Float64Array, lo: number, hi: number): number {
  const middle = lo + ((hi - lo) >>> 1);
  if (hi - lo + 1 < NINTHER_MIN_LENGTH) return medianOfThreeIndex(work, lo, middle, hi);
  const step = (hi - lo + 1) >>> 3;
  return medianOfThreeIndex(
    work,
    medianOfThreeIndex(work, lo, lo + step, lo + 2 * step),
    medianOfThreeIndex(work, middle - step, middle, middle + step),
    medianOfThreeIndex(work, hi - 2 * step, hi - step, hi),
  );
}

function medianOfThreeIndex(work: Float64Array, i: number, j: number, k: number): number {
  const a = work[i] ?? 0;
  const b = work[j] ?? 0;
  const c = work[k] ?? 0;
  if (a < b) return b < c ? j : a < c ? k : i;
  return a < c ? i : b < c ? k : j;
}

/**
 * Three-way partition of work[lo..hi] around the value at `pivotIndex`, leaving work[lo..s) < pivot,
 * work[s..e] === pivot and work(e..hi] > pivot, and writing [s, e] to `equalBlock`.
 *
 * Each pass is a branch-free Lomuto scan: every value is swapped to the boundary and the boundary moves
 * by the comparison's 0 or 1 (the branchless Lomuto partition of pdqsort and of Edelkamp and Weiß,
 * "BlockQuicksort", ESA 2016). On random data a comparison branch mispredicts half the time; this form
 * ran 4.5 times faster on V8 here (1.25 ms against 5.7 ms per million values). The first pass splits
 * < pivot from ≥ pivot and counts the other copies of the pivot. The second pass, splitting those copies
 * from > pivot, runs only when copies exist and `highestRank` lies above the pivot (otherwise no rank
 * needs the split); that is the pass that settles a run of a million zeros at once.
 */
function partitionThreeWay(
  work: Float64Array,
  lo: number,
  hi: number,
  pivotIndex: number,
  highestRank: number,
  equalBlock: Int32Array,
): void {
  const pivot = work[pivotIndex] ?? 0;
  work[pivotIndex] = work[hi] ?? 0;
  work[hi] = pivot;
  splitBelowPivot(work, lo, hi, pivot, equalBlock);
  const boundary = equalBlock[0] ?? lo;
  const copies = equalBlock[1] ?? 0;
  work[hi] = work[boundary] ?? 0;
  work[boundary] = pivot;

  const equalEnd =
    copies > 0 && highestRank > boundary ? moveCopiesToFront(work, boundary + 1, hi, pivot) - 1 : boundary;
  equalBlock[0] = boundary;
  equalBlock[1] = equalEnd;
}

/**
 * The first pass of `partitionThreeWay`: moves the values below `pivot` in work[lo..hi) to the front and
 * writes their count's end (the boundary) and the number of copies of the pivot to `result[0]` and
 * `result[1]`.
 *
 * A function of its own, with no code after the loop but the two stores, so that V8 keeps regular
 * optimised code for it: with the loop inside `partitionThreeWay`, whose code after the loop lacked type
 * feedback on early calls, V8 discarded that function's code again and again and then entered its cached
 * on-stack (OSR) code from the interpreter, 2,856 times for 20 scenarios (`--trace-osr`), with the pivot
 * arriving in the loop as an untyped value.
 */
function splitBelowPivot(
  work: Float64Array,
  lo: number,
  hi: number,
  pivot: number,
  result: Int32Array,
): void {
  let boundary = lo;
  let copies = 0;
  for (let index = lo; index < hi; index++) {
    const value = work[index] ?? 0;
    work[index] = work[boundary] ?? 0;
    work[boundary] = value;
    boundary += +(value < pivot);
    copies += +(value === pivot);
  }
  result[0] = boundary;
  result[1] = copies;
}

/**
 * The second pass of `partitionThreeWay`: moves the values equal to `pivot` in work[from..hi] (all ≥ it)
 * to the front, returning the end of that run.
 */
function moveCopiesToFront(work: Float64Array, from: number, hi: number, pivot: number): number {
  let boundary = from;
  for (let index = from; index <= hi; index++) {
    const value = work[index] ?? 0;
    work[index] = work[boundary] ?? 0;
    work[boundary] = value;
    boundary += +(value <= pivot);
  }
  return boundary;
}

// The scans below run once or twice per call over up to the whole array; each ends in a bare return of
// a local for the reason given in `hot-loop-blocks.ts`.

function indexOfMinimum(work: Float64Array, lo: number, hi: number): number {
  let minimumIndex = lo;
  let minimum = work[lo] ?? 0;
  for (let index = lo + 1; index <= hi; index++) {
    const value = work[index] ?? 0;
    if (value < minimum) {
      minimum = value;
      minimumIndex = index;
    }
  }
  return minimumIndex;
}

function indexOfMaximum(work: Float64Array, lo: number, hi: number): number {
  let maximumIndex = hi;
  let maximum = work[hi] ?? 0;
  for (let index = hi - 1; index >= lo; index--) {
    const value = work[index] ?? 0;
    if (value > maximum) {
      maximum = value;
      maximumIndex = index;
    }
  }
  return maximumIndex;
}

function swap(work: Float64Array, i: number, j: number): void {
  const value = work[i] ?? 0;
  work[i] = work[j] ?? 0;
  work[j] = value;
}

function insertionSort(work: Float64Array, lo: number, hi: number): void {
  for (let index = lo + 1; index <= hi; index++) {
    const value = work[index] ?? 0;
    let hole = index;
    while (hole > lo && (work[hole - 1] ?? 0) > value) {
      work[hole] = work[hole - 1] ?? 0;
      hole--;
    }
    work[hole] = value;
  }
}

/** Heapsort (J. W. J. Williams, CACM 7(6), 1964; R. W. Floyd's heap construction, CACM 7(12), 1964). */
function heapSort(work: Float64Array, lo: number, hi: number): void {
  const length = hi - lo + 1;
  for (let root = (length >>> 1) - 1; root >= 0; root--) siftDown(work, lo, root, length);
  for (let end = length - 1; end > 0; end--) {
    const largest = work[lo] ?? 0;
    work[lo] = work[lo + end] ?? 0;
    work[lo + end] = largest;
    siftDown(work, lo, 0, end);
  }
}

function siftDown(work: Float64Array, base: number, root: number, length: number): void {
  const value = work[base + root] ?? 0;
  let hole = root;
  for (;;) {
    let child = 2 * hole + 1;
    if (child >= length) break;
    if (child + 1 < length && (work[base + child + 1] ?? 0) > (work[base + child] ?? 0)) child++;
    const childValue = work[base + child] ?? 0;
    if (childValue <= value) break;
    work[base + hole] = childValue;
    hole = child;
  }
  work[base + hole] = value;
}
