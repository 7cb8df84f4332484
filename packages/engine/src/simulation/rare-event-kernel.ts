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
 * Occurrences are collected per section and year, then one pass over the years applies the annual terms
 * exactly as `simulateYears` does. The random numbers are used in a different order from the general
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

/** Per-section, per-year sums of one chunk; reused between chunks of a thread (one chunk at a time). */
let sectionGrossSums = new Float64Array(0);
let sectionInsuredSums = new Float64Array(0);
let largestGrossByYear = new Float64Array(0);
let largestInsuredByYear = new Float64Array(0);

let grossTotals = new Float64Array(0);
let insuredTotals = new Float64Array(0);

function grossTotalByYear(yearCount: number): Float64Array {
  if (grossTotals.length < yearCount) grossTotals = new Float64Array(yearCount);
  else grossTotals.fill(0, 0, yearCount);
  return grossTotals;
}

function insuredTotalByYear(yearCount: number): Float64Array {
  if (insuredTotals.length < yearCount) insuredTotals = new Float64Array(yearCount);
  else insuredTotals.fill(0, 0, yearCount);
  return insuredTotals;
}

function scratchFor(sectionCount: number, yearCount: number): void {
  const cells = sectionCount * yearCount;
  if (sectionGrossSums.length < cells) {
    sectionGrossSums = new Float64Array(cells);
    sectionInsuredSums = new Float64Array(cells);
  } else {
    sectionGrossSums.fill(0, 0, cells);
    sectionInsuredSums.fill(0, 0, cells);
  }
  if (largestGrossByYear.length < yearCount) {
    largestGrossByYear = new Float64Array(yearCount);
    largestInsuredByYear = new Float64Array(yearCount);
  } else {
    largestGrossByYear.fill(0, 0, yearCount);
    largestInsuredByYear.fill(0, 0, yearCount);
  }
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
    const cell = sectionOffset + year;
    sectionGrossSums[cell] = (sectionGrossSums[cell] ?? 0) + grossSum;
    sectionInsuredSums[cell] = (sectionInsuredSums[cell] ?? 0) + insuredSum;
    largestGrossByYear[year] = largestGross;
    largestInsuredByYear[year] = largestInsured;
  }
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
  scratchFor(sectionCount, yearCount);
  let occurrences = 0;
  for (let sectionIndex = 0; sectionIndex < sectionCount; sectionIndex++) {
    const section = sections[sectionIndex];
    if (section === undefined) continue;
    for (const rare of processes[sectionIndex] ?? []) {
      occurrences += addOccurrences(section, sectionIndex * yearCount, rare, random, yearCount);
    }
  }
  // Section by section, then year by year: plain loops over typed arrays, which V8 keeps tight.
  const grossTotals = grossTotalByYear(yearCount);
  const insuredTotals = insuredTotalByYear(yearCount);
  const grossSums = sectionGrossSums;
  const insuredSums = sectionInsuredSums;
  for (let sectionIndex = 0; sectionIndex < sectionCount; sectionIndex++) {
    const section = sections[sectionIndex];
    if (section === undefined) continue;
    const subLimit = section.aggregateLimit;
    const offset = sectionIndex * yearCount;
    const sectionGrossOut = out.sectionGross?.[sectionIndex];
    for (let year = 0; year < yearCount; year++) {
      const cell = offset + year;
      const sectionGross = grossSums[cell] ?? 0;
      let sectionInsured = insuredSums[cell] ?? 0;
      if (sectionInsured > subLimit) {
        sectionInsured = subLimit;
        // Kept in the insured sums so the per-section ceded share below can read it.
        insuredSums[cell] = subLimit;
      }
      grossTotals[year] = (grossTotals[year] ?? 0) + sectionGross;
      insuredTotals[year] = (insuredTotals[year] ?? 0) + sectionInsured;
    }
    if (sectionGrossOut !== undefined)
      sectionGrossOut.set(grossSums.subarray(offset, offset + yearCount), firstYear);
  }
  const insurerShare = 1 - coinsurance;
  const { gross: grossOut, ceded: cededOut, retained: retainedOut } = out;
  for (let year = 0; year < yearCount; year++) {
    const gross = grossTotals[year] ?? 0;
    const afterDeductible = (insuredTotals[year] ?? 0) - aggregateDeductible;
    const capped =
      afterDeductible <= 0 ? 0 : afterDeductible < aggregateLimit ? afterDeductible : aggregateLimit;
    const ceded = capped * insurerShare;
    grossOut[firstYear + year] = gross;
    cededOut[firstYear + year] = ceded;
    if (retainedOut !== null) retainedOut[firstYear + year] = gross - ceded;
  }
  if (out.largestOccurrenceGross !== null) {
    out.largestOccurrenceGross.set(largestGrossByYear.subarray(0, yearCount), firstYear);
  }
  if (out.largestOccurrenceInsured !== null) {
    out.largestOccurrenceInsured.set(largestInsuredByYear.subarray(0, yearCount), firstYear);
  }
  if (out.sectionCeded !== null) {
    for (let sectionIndex = 0; sectionIndex < sectionCount; sectionIndex++) {
      const sectionCededOut = out.sectionCeded[sectionIndex];
      if (sectionCededOut === undefined) continue;
      const offset = sectionIndex * yearCount;
      for (let year = 0; year < yearCount; year++) {
        const insuredBeforePolicy = insuredTotals[year] ?? 0;
        const scale = insuredBeforePolicy > 0 ? (cededOut[firstYear + year] ?? 0) / insuredBeforePolicy : 0;
        sectionCededOut[firstYear + year] = (insuredSums[offset + year] ?? 0) * scale;
      }
    }
  }
  return occurrences;
}
