import type { RandomSeed } from '../random/xoshiro128-star-star.js';
import { planChunks, type Chunk } from './chunk-plan.js';
import {
  fillChunks,
  simulateRunSummary,
  summariseYearLosses,
  type RunSummary,
  type SummarisedQuantity,
} from './run-simulation.js';
import { DEFAULT_SIMULATION_LIMITS, validateSimulation, type SimulationLimits } from './simulation-spec.js';
import type { SimulationWorkerPool } from './worker-pool.js';
import { ALL_YEAR_LOSSES, bytesPerYear, viewYearLosses, type YearLosses } from './year-losses.js';

export const ALL_QUANTITIES: readonly SummarisedQuantity[] = [
  'gross',
  'ceded',
  'retained',
  'largestOccurrenceGross',
  'largestOccurrenceInsured',
];

export interface SimulateOptions {
  /** Worker threads to spread chunks over; without one, everything runs on the calling thread. */
  readonly pool?: SimulationWorkerPool;
  readonly limits?: SimulationLimits;
  /** Called after each finished chunk of years (a few dozen times per million years). */
  readonly onProgress?: (completedYears: number, totalYears: number) => void;
}

export interface SimulationResult {
  readonly seed: string;
  readonly iterations: number;
  readonly warnings: readonly string[];
  /** Every simulated year: gross, ceded, retained, largest occurrence, per section. */
  readonly years: YearLosses;
  /**
   * Distributions of the annual gross, ceded and retained losses (the AEP view: their exceedance curves are
   * annual-aggregate exceedance probabilities) and of the largest occurrence per year (the OEP view), plus
   * each section's mean gross and ceded loss.
   */
  readonly summary: RunSummary;
}

function seedText(seed: RandomSeed): string {
  return typeof seed === 'bigint' ? seed.toString() : String(seed);
}

/**
 * Runs one simulation and keeps every simulated year. Input is validated once, here; a bad field throws an
 * EngineInputError naming it. The same spec and seed give identical years with or without a pool, and
 * with any number of workers.
 */
export async function simulate(spec: unknown, options: SimulateOptions = {}): Promise<SimulationResult> {
  const validated = validateSimulation(spec, options.limits ?? DEFAULT_SIMULATION_LIMITS);
  const { model, seed, iterations } = validated;
  const sectionCount = model.sections.length;
  const bytes = iterations * bytesPerYear(sectionCount, ALL_YEAR_LOSSES);
  const chunks = planChunks(iterations);
  let years: YearLosses;
  let occurrences = 0;
  let completedYears = 0;
  const chunkDone = (chunk: Chunk): void => {
    completedYears += chunk.yearCount;
    options.onProgress?.(completedYears, iterations);
  };
  if (options.pool === undefined) {
    years = viewYearLosses(new ArrayBuffer(bytes), iterations, sectionCount, ALL_YEAR_LOSSES);
    for (const chunk of chunks) {
      occurrences += fillChunks(model, seed, 0, [chunk], years);
      chunkDone(chunk);
    }
  } else {
    const pool = options.pool;
    const buffer = new SharedArrayBuffer(bytes);
    years = viewYearLosses(buffer, iterations, sectionCount, ALL_YEAR_LOSSES);
    // One job per chunk: the pool balances them over its workers and each finished one is progress.
    const replies = await Promise.all(
      chunks.map(async (chunk) => {
        const reply = await pool.run({
          type: 'fill-chunks',
          spec,
          seed,
          runIndex: 0,
          chunks: [chunk],
          iterations,
          selection: ALL_YEAR_LOSSES,
          buffer,
        });
        chunkDone(chunk);
        return reply;
      }),
    );
    for (const reply of replies) {
      if (reply.type !== 'filled') throw new Error(`unexpected worker reply '${reply.type}'`);
      occurrences += reply.occurrences;
    }
  }
  const summary = summariseYearLosses(model, years, ALL_QUANTITIES, validated.outputs, occurrences);
  return { seed: seedText(seed), iterations, warnings: validated.warnings, years, summary };
}

export interface SimulateEachOptions extends Omit<SimulateOptions, 'onProgress'> {
  /** Which distributions to summarise per run; fewer means less memory and time. Default: all. */
  readonly quantities?: readonly SummarisedQuantity[];
}

/**
 * Runs many independent simulations (one per insured or scenario) and keeps only their summaries. Run i of
 * the batch draws from its seed's stream family i (2^96 apart), so its result does not depend on the other
 * runs. Every spec is validated before any run starts. With a pool, runs spread over its workers.
 */
export async function simulateEach(
  specs: readonly unknown[],
  options: SimulateEachOptions = {},
): Promise<RunSummary[]> {
  const limits = options.limits ?? DEFAULT_SIMULATION_LIMITS;
  const quantities = options.quantities ?? ALL_QUANTITIES;
  const validated = specs.map((spec) => validateSimulation(spec, limits));
  const pool = options.pool;
  if (pool === undefined) {
    return validated.map((run, runIndex) =>
      simulateRunSummary(run.model, run.seed, runIndex, run.iterations, quantities, run.outputs),
    );
  }
  const replies = await Promise.all(
    validated.map((run, runIndex) =>
      pool.run({
        type: 'summarise-run',
        spec: specs[runIndex],
        seed: run.seed,
        runIndex,
        iterations: run.iterations,
        quantities,
        options: run.outputs,
      }),
    ),
  );
  return replies.map((reply) => {
    if (reply.type !== 'summarised') throw new Error(`unexpected worker reply '${reply.type}'`);
    return reply.summary;
  });
}
