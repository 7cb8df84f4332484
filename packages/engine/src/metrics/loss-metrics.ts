/**
 * The numbers an actuary reads off simulated annual losses: mean (AAL), standard deviation, VaR, TVaR,
 * return-period losses and the loss-exceedance curve, from two passes over the values — a keyed tally with
 * the totals, then the deviations with a copy of only the values the order statistics need — and one
 * multi-selection in that copy (`rank-gather.ts`): never a full sort, nor a copy of every value.
 *
 * @module
 */

import { EngineInputError, requireFinite } from '../engine-input-error.js';
import {
  ValueTotals,
  countsAboveThresholds,
  createExceedanceTally,
  releaseExceedanceTally,
  tallyExceedancesAndTotals,
} from './exceedance-counts.js';
import { selectRanksInPlace } from './multi-select.js';
import {
  distinctAscending,
  firstNonFiniteValueError,
  planLinearQuantiles,
  prepareScratch,
  readLinearQuantile,
} from './order-statistics.js';
import { DeviationSums, gatherValuesAndDeviations, planRankGather } from './rank-gather.js';

export interface LossSummaryOptions {
  /** Confidence levels p in [0, 1) for VaR and TVaR, e.g. 0.99 and 0.995. */
  readonly varLevels: readonly number[];
  /** Return periods T > 1 in years, e.g. 200 for the 1-in-200-year loss. */
  readonly returnPeriods: readonly number[];
  /** Finite loss amounts t at which to read the exceedance curve P(X > t). */
  readonly exceedanceThresholds: readonly number[];
}

export interface LevelValue {
  readonly level: number;
  readonly value: number;
}

export interface ReturnPeriodLoss {
  readonly years: number;
  readonly loss: number;
}

export interface ExceedanceProbability {
  readonly threshold: number;
  readonly probability: number;
}

/**
 * Summary of N simulated annual losses X₁ … X_N (one per simulated year), s the losses sorted ascending.
 * Plain data: every field survives `JSON.stringify`. Lists follow the order of the requested levels,
 * periods and thresholds.
 */
export interface LossSummary {
  /** N, the number of simulated years. */
  readonly count: number;
  /** Mean annual loss (AAL): ΣXᵢ / N. */
  readonly mean: number;
  /** Sample standard deviation, √(Σ(Xᵢ − mean)² / (N − 1)); 0 when N = 1. */
  readonly standardDeviation: number;
  readonly min: number;
  readonly max: number;
  /**
   * VaR_p = the p-quantile by numpy's default 'linear' rule, exactly `np.quantile(X, p)`: h = (N − 1)·p,
   * VaR_p = s[⌊h⌋] + (h − ⌊h⌋)·(s[⌊h⌋+1] − s[⌊h⌋]).
   */
  readonly valueAtRisk: readonly LevelValue[];
  /**
   * TVaR_p = the mean of the worst m = ⌈(1 − p)·N⌉ years, s[N−m] … s[N−1], with m at least 1 (so a level
   * leaving no year in the tail gives the maximum). TVaR_p ≥ VaR_p and both are non-decreasing in p.
   */
  readonly tailValueAtRisk: readonly LevelValue[];
  /** The T-year return-period loss = the quantile at 1 − 1/T, same rule as VaR. */
  readonly returnPeriodLosses: readonly ReturnPeriodLoss[];
  /** The exceedance curve: the fraction of years whose loss is strictly greater than the threshold. */
  readonly exceedance: readonly ExceedanceProbability[];
}

/**
 * Summarises simulated annual losses; see {@link LossSummary} for the definitions. The caller's array is
 * not modified.
 *
 * Values are normally losses (≥ 0) but any finite values are accepted: every definition holds for them.
 * Their sum must stay within the float64 range (about 1.8e308), and the standard deviation overflows to
 * Infinity for values beyond about 1e154 — far outside any amount of money.
 *
 * @param scratch optional buffer of length ≥ values.length, not overlapping `values`, reused to avoid
 *   allocating 8·N bytes per call; its contents are overwritten.
 * @throws EngineInputError naming the offending field: `values` (not a non-empty Float64Array, or a sum
 *   beyond the float64 range),
 *   `values[i]` (not finite), `varLevels[i]`, `returnPeriods[i]`, `exceedanceThresholds[i]` or `scratch`.
 */
export function summariseLosses(
  values: Float64Array,
  options: LossSummaryOptions,
  scratch?: Float64Array,
): LossSummary {
  const { varLevels, returnPeriods, exceedanceThresholds } = validateOptions(options);
  const work = prepareScratch(values, scratch);
  const count = values.length;

  // The first pass: exceedance tallies and the totals, together (see tallyExceedancesAndTotals for why).
  const distinctThresholds = distinctAscendingThresholds(exceedanceThresholds);
  const exceedanceTally = createExceedanceTally(distinctThresholds);
  const totals = new ValueTotals();
  tallyExceedancesAndTotals(values, exceedanceTally, totals);
  if (totals.nonFinite !== 0) throw firstNonFiniteValueError(values);
  const { min, max } = totals;
  const sum = totals.sum + totals.compensation;
  if (!Number.isFinite(sum)) {
    throw new EngineInputError('values', 'are too large: their sum exceeds the float64 range');
  }
  const mean = sum / count;
  const countsAbove = countsAboveThresholds(values, exceedanceTally);

  // The second pass: the deviations from the mean, and a copy of only the values the order statistics
  // need (see rank-gather.ts), in which the selection runs.
  const quantileProbabilities = [...varLevels, ...returnPeriods.map(returnPeriodProbability)];
  const quantilePlan = planLinearQuantiles(count, quantileProbabilities);
  const tailStarts = varLevels.map((level) => count - worstYearCount(level, count));
  const requestedRanks = distinctAscending([...quantilePlan.ranks, ...tailStarts]);
  const gatherPlan = planRankGather(
    exceedanceTally.keyCounts,
    totals.positiveZeros,
    requestedRanks,
    Math.min(count, ...tailStarts),
  );
  // The plan and the counts above are copies: the tally's tables can serve the next summary.
  releaseExceedanceTally(exceedanceTally);
  const deviations = new DeviationSums();
  const gathered = work.subarray(
    0,
    gatherValuesAndDeviations(values, mean, gatherPlan.gatheredKeys, work, deviations),
  );
  const standardDeviation = sampleStandardDeviation(deviations, count);
  const indexOfRank = (rank: number): number => lowerBound(requestedRanks, rank);
  const tailPositions = tailStarts.map((start) => gatherPlan.tailPositions[indexOfRank(start)] ?? 0);
  const selectedPositions = [
    ...Array.from(gatherPlan.positions).filter((position) => position >= 0),
    ...tailPositions.filter((position) => position < gathered.length),
  ];
  selectRanksInPlace(gathered, distinctAscending(selectedPositions));
  const orderStatistic = (rank: number): number => {
    const position = gatherPlan.positions[indexOfRank(rank)] ?? -1;
    // Ranks inside the leading block of +0s are not gathered (planRankGather).
    return position < 0 ? 0 : (gathered[position] ?? 0);
  };

  const valuesAtRisk = varLevels.map((_level, index) =>
    readLinearQuantile(orderStatistic, quantilePlan, index),
  );
  const tailValuesAtRisk = tailMeans(
    gathered,
    count,
    varLevels,
    tailStarts,
    tailPositions,
    valuesAtRisk,
    max,
  );

  return {
    count,
    mean,
    standardDeviation,
    min,
    max,
    valueAtRisk: varLevels.map((level, index) => ({ level, value: valuesAtRisk[index] ?? 0 })),
    tailValueAtRisk: varLevels.map((level, index) => ({ level, value: tailValuesAtRisk[index] ?? 0 })),
    returnPeriodLosses: returnPeriods.map((years, index) => ({
      years,
      loss: readLinearQuantile(orderStatistic, quantilePlan, varLevels.length + index),
    })),
    exceedance: exceedanceThresholds.map((threshold) => ({
      threshold,
      probability: (countsAbove[lowerBound(distinctThresholds, threshold)] ?? 0) / count,
    })),
  };
}

/**
 * m = ⌈(1 − p)·N⌉, the number of worst years TVaR_p averages, at least 1 and at most N.
 *
 * Levels are decimals such as 0.99 that binary floating point cannot hold, so (1 − p)·N can land a hair
 * above an integer (0.99 → 1.0000000000000009 for N = 100) and a bare ceiling would add a whole year to
 * the tail. The representation and product errors are below N·ε together; a result within 4·N·ε of an
 * integer is taken to be that integer.
 */
export function worstYearCount(level: number, count: number): number {
  const exact = (1 - level) * count;
  const nearest = Math.round(exact);
  const worst = Math.abs(exact - nearest) <= 4 * Number.EPSILON * count ? nearest : Math.ceil(exact);
  return Math.min(count, Math.max(1, worst));
}

/**
 * The probability 1 − 1/T whose quantile is the T-year loss, written exactly as the numpy baseline
 * (`1.0 - 1.0 / rp`) so both read the same rank.
 */
export function returnPeriodProbability(years: number): number {
  return 1 - 1 / years;
}

function validateOptions(options: unknown): LossSummaryOptions {
  if (typeof options !== 'object' || options === null) {
    throw new EngineInputError(
      'options',
      'must be an object with varLevels, returnPeriods and exceedanceThresholds',
    );
  }
  const fields: Partial<Record<keyof LossSummaryOptions, unknown>> = options;
  const varLevels = requireNumberList(fields.varLevels, 'varLevels');
  varLevels.forEach((level, index) => {
    if (!(level >= 0 && level < 1)) {
      throw new EngineInputError(`varLevels[${index}]`, `must be a level in [0, 1) (got ${level})`);
    }
  });
  const returnPeriods = requireNumberList(fields.returnPeriods, 'returnPeriods');
  returnPeriods.forEach((years, index) => {
    if (!(years > 1)) {
      throw new EngineInputError(
        `returnPeriods[${index}]`,
        `must be a number of years above 1 (got ${years})`,
      );
    }
  });
  const exceedanceThresholds = requireNumberList(fields.exceedanceThresholds, 'exceedanceThresholds');
  return { varLevels, returnPeriods, exceedanceThresholds };
}

function requireNumberList(list: unknown, field: string): number[] {
  if (!Array.isArray(list)) throw new EngineInputError(field, 'must be an array of numbers');
  return list.map((item: unknown, index) => requireFinite(item, `${field}[${index}]`));
}

/**
 * The sample standard deviation by the corrected two-pass algorithm (Chan, Golub and LeVeque, "Algorithms
 * for computing the sample variance", Am. Stat. 37(3), 1983): (Σ(x − x̄)² − (Σ(x − x̄))²/N) / (N − 1), whose
 * second term cancels the rounding left in x̄. Welford's one-pass update would need a division per value.
 */
function sampleStandardDeviation(deviations: DeviationSums, count: number): number {
  if (count === 1) return 0;
  const { deviationSum, squaredDeviationSum, squaredCompensation } = deviations;
  const squaredSum = squaredDeviationSum + squaredCompensation;
  const variance = (squaredSum - (deviationSum * deviationSum) / count) / (count - 1);
  return Math.sqrt(Math.max(0, variance));
}

/**
 * TVaR for each level from the selected gathered values, where every position at or after a level's tail
 * position holds one of its tail's values (the tail's +0s are not gathered and add nothing to its sum).
 * Tails nest, so each level adds only the stretch between its tail position and the next higher level's;
 * the cost is the largest tail, not the sum of all tails.
 *
 * Rounding guards. In exact arithmetic TVaR_p ≤ max, TVaR_p is non-decreasing in p, and TVaR_p ≥ VaR_p:
 * with q = N − m the tail start and h = (N − 1)·p < q + 1, either h ≤ q and VaR_p ≤ s[q] ≤ TVaR_p, or
 * m ≥ 2 and TVaR_p ≥ (s[q] + (m − 1)·s[q+1])/m ≥ VaR_p because h − q ≤ 1 − 1/m. Summation rounding can
 * break these by an ulp when tail values are equal, so the computed means are clamped to keep them.
 */
function tailMeans(
  gathered: Float64Array,
  count: number,
  levels: readonly number[],
  tailStarts: readonly number[],
  tailPositions: readonly number[],
  valuesAtRisk: readonly number[],
  max: number,
): number[] {
  const byLevel = levels.map((_level, index) => index).sort((a, b) => (levels[a] ?? 0) - (levels[b] ?? 0));
  const means = new Array<number>(levels.length).fill(0);
  let tailPosition = gathered.length;
  let tailSum = 0;
  // Ascending level = descending tail start: walk the levels from the highest, extending the tail.
  for (let rank = byLevel.length - 1; rank >= 0; rank--) {
    const levelIndex = byLevel[rank] ?? 0;
    const position = tailPositions[levelIndex] ?? 0;
    tailSum += pairwiseSum(gathered, position, tailPosition);
    tailPosition = Math.min(tailPosition, position);
    means[levelIndex] = tailSum / (count - (tailStarts[levelIndex] ?? 0));
  }
  let runningMax = -Infinity;
  for (const levelIndex of byLevel) {
    const clamped = Math.min(
      max,
      Math.max(means[levelIndex] ?? 0, valuesAtRisk[levelIndex] ?? 0, runningMax),
    );
    means[levelIndex] = clamped;
    runningMax = clamped;
  }
  return means;
}

const PAIRWISE_BLOCK_LENGTH = 128;

/**
 * values[from..to) summed pairwise, numpy's method for `np.sum` (N. J. Higham, "The accuracy of floating
 * point summation", SIAM J. Sci. Comput. 14(4), 1993): error O(ε·log n) instead of O(ε·n). The short
 * blocks also keep every loop brief, which sidesteps the V8 pitfall described in `hot-loop-blocks.ts`.
 */
function pairwiseSum(values: Float64Array, from: number, to: number): number {
  if (to - from <= PAIRWISE_BLOCK_LENGTH) {
    let sum = 0;
    for (let index = from; index < to; index++) sum += values[index] ?? 0;
    return sum;
  }
  const middle = from + ((to - from) >>> 1);
  return pairwiseSum(values, from, middle) + pairwiseSum(values, middle, to);
}

/** The thresholds sorted ascending without repeats, −0 folded into 0 (the same threshold for P(X > t)). */
function distinctAscendingThresholds(thresholds: readonly number[]): Float64Array {
  const sorted = Float64Array.from(thresholds, (threshold) => threshold + 0).sort();
  let distinctCount = 0;
  for (const threshold of sorted) {
    if (distinctCount === 0 || threshold !== sorted[distinctCount - 1]) sorted[distinctCount++] = threshold;
  }
  return sorted.subarray(0, distinctCount);
}

/** Index of the first sorted entry ≥ `target`; for an entry in the list, its position. */
function lowerBound(sorted: Float64Array | Int32Array, target: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? 0) < target) low = middle + 1;
    else high = middle;
  }
  return low;
}
