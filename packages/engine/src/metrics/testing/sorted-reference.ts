/**
 * Straightforward sort-based references for the metrics tests: sort a copy, then read the definitions
 * off it literally. Slow and obviously right, which is the point.
 *
 * @module
 */

import type { LossSummary, LossSummaryOptions } from '../loss-metrics.js';

export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** numpy's 'linear' quantile of an ascending array, with numpy's `_lerp` arithmetic. */
export function referenceQuantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lower = Math.min(Math.floor(h), sorted.length - 1);
  const upper = Math.min(lower + 1, sorted.length - 1);
  const t = h - lower;
  const a = sorted[lower] ?? NaN;
  const b = sorted[upper] ?? NaN;
  const difference = b - a;
  return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
}

/**
 * The summary by sorting: mean and standard deviation by plain two-pass sums, TVaR as the plain mean of
 * the top `tailCount(level)` sorted values, exceedance by counting the sorted values above each threshold.
 */
export function referenceSummary(
  values: ArrayLike<number>,
  options: LossSummaryOptions,
  tailCount: (level: number, count: number) => number,
): LossSummary {
  const sorted = sortedCopy(values);
  const count = sorted.length;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / count;
  const squaredDeviations = sorted.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  return {
    count,
    mean,
    standardDeviation: count === 1 ? 0 : Math.sqrt(squaredDeviations / (count - 1)),
    min: sorted[0] ?? NaN,
    max: sorted[count - 1] ?? NaN,
    valueAtRisk: options.varLevels.map((level) => ({ level, value: referenceQuantile(sorted, level) })),
    tailValueAtRisk: options.varLevels.map((level) => {
      const tail = sorted.subarray(count - tailCount(level, count));
      return { level, value: tail.reduce((sum, value) => sum + value, 0) / tail.length };
    }),
    returnPeriodLosses: options.returnPeriods.map((years) => ({
      years,
      loss: referenceQuantile(sorted, 1 - 1 / years),
    })),
    exceedance: options.exceedanceThresholds.map((threshold) => ({
      threshold,
      probability: (count - countAtOrBelow(sorted, threshold)) / count,
    })),
  };
}

/** How many sorted values are ≤ `threshold` (binary search for the first value above it). */
function countAtOrBelow(sorted: Float64Array, threshold: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? NaN) <= threshold) low = middle + 1;
    else high = middle;
  }
  return low;
}
