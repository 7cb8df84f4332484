import { summariseLosses, type LossSummary, type LossSummaryOptions } from '../metrics/loss-metrics.js';
import type { RandomSeed } from '../random/xoshiro128-star-star.js';
import { chunkStream, planChunks, runStream, type Chunk } from './chunk-plan.js';
import { simulateYears } from './compound-loss-kernel.js';
import type { CompiledModel } from './simulation-spec.js';
import { bytesPerYear, viewYearLosses, type YearLossSelection, type YearLosses } from './year-losses.js';

/** What a run reports about one quantity's distribution across simulated years. */
export type SummarisedQuantity =
  'gross' | 'ceded' | 'retained' | 'largestOccurrenceGross' | 'largestOccurrenceInsured';

export type SummaryOptions = LossSummaryOptions;

export interface SectionContribution {
  readonly id: string;
  readonly grossMean: number;
  readonly cededMean: number;
}

export interface RunSummary {
  readonly iterations: number;
  readonly occurrences: number;
  readonly quantities: Partial<Record<SummarisedQuantity, LossSummary>>;
  readonly sections: readonly SectionContribution[];
}

/** Fills the given chunks of a run into `out`, each chunk from its own stream; returns occurrences drawn. */
export function fillChunks(
  model: CompiledModel,
  seed: RandomSeed,
  runIndex: number,
  chunks: readonly Chunk[],
  out: YearLosses,
): number {
  const sectionScratch = new Float64Array(model.sections.length);
  // The run's long jumps are done once here, not once per chunk.
  const runStart = runStream(seed, runIndex);
  let occurrences = 0;
  for (const chunk of chunks) {
    const random = chunkStream(runStart, chunk.index);
    occurrences += simulateYears(model, random, out, chunk.firstYear, chunk.yearCount, sectionScratch);
  }
  return occurrences;
}

function mean(values: Float64Array): number {
  let sum = 0;
  // An index loop: for…of over a typed array is about five times slower in Node 20's V8 (measured).
  for (let index = 0; index < values.length; index++) sum += values[index] ?? 0;
  return sum / values.length;
}

/** Summarises filled year losses: the requested quantities' distributions and each section's means. */
export function summariseYearLosses(
  model: CompiledModel,
  years: YearLosses,
  quantities: readonly SummarisedQuantity[],
  options: SummaryOptions,
  occurrences: number,
  scratch: Float64Array = new Float64Array(years.gross.length),
): RunSummary {
  const summaries: Partial<Record<SummarisedQuantity, LossSummary>> = {};
  for (const quantity of quantities) {
    const values = years[quantity];
    if (values !== null) summaries[quantity] = summariseLosses(values, options, scratch);
  }
  // With one section its years are the policy's, which is why they may not have been recorded separately
  // (and why their means may already be known from the summaries).
  const onlySection = model.sections.length === 1;
  const sectionMean = (quantity: 'gross' | 'ceded', index: number): number => {
    if (onlySection) return summaries[quantity]?.mean ?? mean(years[quantity]);
    const perSection = quantity === 'gross' ? years.sectionGross : years.sectionCeded;
    const values = perSection?.[index];
    return values === undefined ? Number.NaN : mean(values);
  };
  const sections = model.sections.map((section, index) => ({
    id: section.id,
    grossMean: sectionMean('gross', index),
    cededMean: sectionMean('ceded', index),
  }));
  return { iterations: years.gross.length, occurrences, quantities: summaries, sections };
}

/** The selection of per-year arrays a summary-only run needs for the quantities it reports. */
export function selectionFor(
  quantities: readonly SummarisedQuantity[],
  sectionCount: number,
): YearLossSelection {
  return {
    retained: quantities.includes('retained'),
    largestOccurrence:
      quantities.includes('largestOccurrenceGross') || quantities.includes('largestOccurrenceInsured'),
    // With one section, its figures are the policy's: no need to record them twice.
    sections: sectionCount > 1,
  };
}

/**
 * Memory a thread reuses from run to run, grown when a run needs more. A batch of a hundred runs would
 * otherwise allocate (and zero) a hundred sets of arrays and leave the garbage collector to return them,
 * which costs both time and peak memory. Every year of a run is written before it is read, so reuse needs
 * no clearing.
 */
export class RunWorkArea {
  #years = new ArrayBuffer(0);
  #scratch = new Float64Array(0);

  years(bytes: number): ArrayBuffer {
    if (this.#years.byteLength < bytes) this.#years = new ArrayBuffer(bytes);
    return this.#years;
  }

  scratch(length: number): Float64Array {
    if (this.#scratch.length < length) this.#scratch = new Float64Array(length);
    return this.#scratch.subarray(0, length);
  }
}

/** Simulates a whole run on this thread and summarises it, keeping no per-year arrays afterwards. */
export function simulateRunSummary(
  model: CompiledModel,
  seed: RandomSeed,
  runIndex: number,
  iterations: number,
  quantities: readonly SummarisedQuantity[],
  options: SummaryOptions,
  workArea: RunWorkArea = new RunWorkArea(),
): RunSummary {
  const selection = selectionFor(quantities, model.sections.length);
  const buffer = workArea.years(iterations * bytesPerYear(model.sections.length, selection));
  const years = viewYearLosses(buffer, iterations, model.sections.length, selection);
  const occurrences = fillChunks(model, seed, runIndex, planChunks(iterations), years);
  return summariseYearLosses(model, years, quantities, options, occurrences, workArea.scratch(iterations));
}
