import type { UniformSource } from '../distributions/distribution.js';
import { PoissonDistribution } from '../distributions/frequency/poisson.js';
import type { CompiledModel, CompiledProcess, CompiledSection } from './simulation-spec.js';
import type { YearLosses } from './year-losses.js';

/**
 * The kernel for models whose loss processes are all rare Poisson processes — an insured company's cyber
 * perils, each a few occurrences per hundred years. Drawing a count for every process in every year would
 * spend almost all the time confirming zeros; instead each process jumps from one year with an occurrence
 * to the next. The number of quiet years before the next eventful one is geometric, F = ⌊ln U / ln p₀⌋
 * with p₀ = e^(−λ) (so P(F ≥ f) = p₀^f), and the count in an eventful year is Poisson(λ) conditioned on
 * being at least 1. This is the same distribution as one Poisson(λ) count per year, drawn in O(eventful
 * years) instead of O(years): about fifty times fewer draws at λ = 0.02.
 *
 * Occurrences are collected per section and year; the annual terms are then applied, exactly as
 * `simulateYears` does, to the eventful years only — every other year is zero throughout. The random numbers are used in a different order from the general
 * kernel, so the same seed gives different (equally distributed) years on the two kernels; which kernel
 * runs depends only on the model, so a seed still gives identical years on 1 or N workers.
 */

/** Above this rate a per-year draw is as cheap as a jump; the general kernel is used. */
export const RARE_EVENT_MAX_RATE = 0.25;

interface RareProcess {
  readonly process: CompiledProcess;
  readonly rate: number;
}

/** The model's processes with their rates, or null when any process is not a rare Poisson one. */
export function rareEventProcessesOf(model: CompiledModel): (readonly RareProcess[])[] | null {
  const perSection: RareProcess[][] = [];
  for (const section of model.sections) {
    const processes: RareProcess[] = [];
    for (const process of section.processes) {
      const frequency = process.frequency;
      if (!(frequency instanceof PoissonDistribution) || frequency.rate > RARE_EVENT_MAX_RATE) return null;
      processes.push({ process, rate: frequency.rate });
    }
    perSection.push(processes);
  }
  return perSection;
}

/**
 * Per-section, per-year sums of one chunk, reused between chunks of a thread (one chunk at a time). Only the
 * eventful years are ever written, and they are listed in `eventfulYears`; after a chunk exactly those cells
 * are set back to zero, so the arrays are all zeros between chunks without clearing 65,536 years each time.
 */
let sectionGrossSums = new Float64Array(0);
let sectionInsuredSums = new Float64Array(0);
let largestGrossByYear = new Float64Array(0);
let largestInsuredByYear = new Float64Array(0);
let isEventful = new Uint8Array(0);
let eventfulYears = new Int32Array(0);
let eventfulCount = 0;

function prepareScratch(sectionCount: number, yearCount: number): void {
  const cells = sectionCount * yearCount;
  if (sectionGrossSums.length < cells) {
    sectionGrossSums = new Float64Array(cells);
    sectionInsuredSums = new Float64Array(cells);
  }
  if (largestGrossByYear.length < yearCount) {
    largestGrossByYear = new Float64Array(yearCount);
    largestInsuredByYear = new Float64Array(yearCount);
    isEventful = new Uint8Array(yearCount);
    eventfulYears = new Int32Array(yearCount);
  }
  eventfulCount = 0;
}

function markEventful(year: number): void {
  if (isEventful[year] === 0) {
    isEventful[year] = 1;
    eventfulYears[eventfulCount++] = year;
  }
}

/** Puts the cells of the chunk's eventful years back to zero (see `sectionGrossSums`). */
function clearScratch(sectionCount: number, yearCount: number): void {
  for (let index = 0; index < eventfulCount; index++) {
    const year = eventfulYears[index] ?? 0;
    for (let sectionIndex = 0; sectionIndex < sectionCount; sectionIndex++) {
      sectionGrossSums[sectionIndex * yearCount + year] = 0;
      sectionInsuredSums[sectionIndex * yearCount + year] = 0;
    }
    largestGrossByYear[year] = 0;
    largestInsuredByYear[year] = 0;
    isEventful[year] = 0;
  }
  eventfulCount = 0;
}

/** Count in a year known to have at least one occurrence: Poisson(λ) given ≥ 1, by inversion from 1. */
function zeroTruncatedPoisson(random: UniformSource, rate: number, zeroProbability: number): number {
  const target = zeroProbability + (1 - zeroProbability) * random.nextFloat64();
  let count = 1;
  let term = zeroProbability * rate;
  let cumulative = zeroProbability + term;
  // `term > 0` ends the search if rounding keeps the sum a hair below the target.
  while (target > cumulative && term > 0) {
    count += 1;
    term *= rate / count;
    cumulative += term;
  }
  return count;
}

function addOccurrences(
  section: CompiledSection,
  sectionOffset: number,
  { process, rate }: RareProcess,
  random: UniformSource,
  yearCount: number,
): number {
  if (rate === 0) return 0;
  const zeroProbability = Math.exp(-rate);
  let occurrences = 0;
  let year = -1;
  for (;;) {
    // 1 − U is in (0, 1], so its logarithm is finite.
    const quietYears = Math.floor(Math.log(1 - random.nextFloat64()) / -rate);
    year += quietYears + 1;
    if (year >= yearCount) return occurrences;
    const count = zeroTruncatedPoisson(random, rate, zeroProbability);
    occurrences += count;
    let grossSum = 0;
    let insuredSum = 0;
    let largestGross = largestGrossByYear[year] ?? 0;
    let largestInsured = largestInsuredByYear[year] ?? 0;
    for (let occurrence = 0; occurrence < count; occurrence++) {
      const draw = process.severity.sample(random);
      let loss: number;
      let coverable: number;
      if (process.isBusinessInterruption) {
        loss = draw * process.lossPerHour;
        coverable =
          draw > process.waitingPeriodHours ? (draw - process.waitingPeriodHours) * process.lossPerHour : 0;
      } else {
        loss = draw;
        coverable = draw;
      }
      const excess = coverable - section.occurrenceRetention;
      const insured = excess <= 0 ? 0 : excess < section.occurrenceLimit ? excess : section.occurrenceLimit;
      grossSum += loss;
      insuredSum += insured;
      if (loss > largestGross) largestGross = loss;
      if (insured > largestInsured) largestInsured = insured;
    }
    markEventful(year);
    const cell = sectionOffset + year;
    sectionGrossSums[cell] = (sectionGrossSums[cell] ?? 0) + grossSum;
    sectionInsuredSums[cell] = (sectionInsuredSums[cell] ?? 0) + insuredSum;
    largestGrossByYear[year] = largestGross;
    largestInsuredByYear[year] = largestInsured;
  }
}

/** Zeroes one output array over the chunk's years: a quiet year loses nothing. */
function zeroYears(values: Float64Array | null | undefined, firstYear: number, yearCount: number): void {
  values?.fill(0, firstYear, firstYear + yearCount);
}

/** `simulateYears` for a model of rare Poisson processes (see the module comment). */
export function simulateRareEventYears(
  model: CompiledModel,
  processes: readonly (readonly RareProcess[])[],
  random: UniformSource,
  out: YearLosses,
  firstYear: number,
  yearCount: number,
): number {
  const { sections, aggregateDeductible, aggregateLimit, coinsurance } = model;
  const sectionCount = sections.length;
  prepareScratch(sectionCount, yearCount);
  let occurrences = 0;
  for (let sectionIndex = 0; sectionIndex < sectionCount; sectionIndex++) {
    const section = sections[sectionIndex];
    if (section === undefined) continue;
    for (const rare of processes[sectionIndex] ?? []) {
      occurrences += addOccurrences(section, sectionIndex * yearCount, rare, random, yearCount);
    }
  }
  // Quiet years (most of them) are zero everywhere; only eventful years need the annual terms.
  zeroYears(out.gross, firstYear, yearCount);
  zeroYears(out.ceded, firstYear, yearCount);
  zeroYears(out.retained, firstYear, yearCount);
  zeroYears(out.largestOccurrenceGross, firstYear, yearCount);
  zeroYears(out.largestOccurrenceInsured, firstYear, yearCount);
  for (let sectionIndex = 0; sectionIndex < sectionCount; sectionIndex++) {
    zeroYears(out.sectionGross?.[sectionIndex], firstYear, yearCount);
    zeroYears(out.sectionCeded?.[sectionIndex], firstYear, yearCount);
  }
  const insurerShare = 1 - coinsurance;
  for (let index = 0; index < eventfulCount; index++) {
    const year = eventfulYears[index] ?? 0;
    const target = firstYear + year;
    let gross = 0;
    let insuredBeforePolicy = 0;
    for (let sectionIndex = 0; sectionIndex < sectionCount; sectionIndex++) {
      const section = sections[sectionIndex];
      if (section === undefined) continue;
      const cell = sectionIndex * yearCount + year;
      const sectionGross = sectionGrossSums[cell] ?? 0;
      let sectionInsured = sectionInsuredSums[cell] ?? 0;
      if (sectionInsured > section.aggregateLimit) {
        sectionInsured = section.aggregateLimit;
        // Kept in the insured sums so the per-section ceded share below can read it.
        sectionInsuredSums[cell] = sectionInsured;
      }
      const sectionGrossOut = out.sectionGross?.[sectionIndex];
      if (sectionGrossOut !== undefined) sectionGrossOut[target] = sectionGross;
      gross += sectionGross;
      insuredBeforePolicy += sectionInsured;
    }
    const afterDeductible = insuredBeforePolicy - aggregateDeductible;
    const capped =
      afterDeductible <= 0 ? 0 : afterDeductible < aggregateLimit ? afterDeductible : aggregateLimit;
    const ceded = capped * insurerShare;
    out.gross[target] = gross;
    out.ceded[target] = ceded;
    if (out.retained !== null) out.retained[target] = gross - ceded;
    if (out.largestOccurrenceGross !== null)
      out.largestOccurrenceGross[target] = largestGrossByYear[year] ?? 0;
    if (out.largestOccurrenceInsured !== null) {
      out.largestOccurrenceInsured[target] = largestInsuredByYear[year] ?? 0;
    }
    if (out.sectionCeded !== null) {
      const scale = insuredBeforePolicy > 0 ? ceded / insuredBeforePolicy : 0;
      for (let sectionIndex = 0; sectionIndex < sectionCount; sectionIndex++) {
        const sectionCededOut = out.sectionCeded[sectionIndex];
        if (sectionCededOut !== undefined) {
          sectionCededOut[target] = (sectionInsuredSums[sectionIndex * yearCount + year] ?? 0) * scale;
        }
      }
    }
  }
  clearScratch(sectionCount, yearCount);
  return occurrences;
}
