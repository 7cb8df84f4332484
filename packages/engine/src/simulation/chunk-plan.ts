import { Xoshiro128StarStar, type RandomSeed } from '../random/xoshiro128-star-star.js';

/**
 * Years are simulated in fixed chunks, each with its own random stream, so a result depends only on the
 * seed — never on how many workers ran or which took which chunk.
 */
export const YEARS_PER_CHUNK = 1 << 16;

export interface Chunk {
  readonly index: number;
  readonly firstYear: number;
  readonly yearCount: number;
}

export function planChunks(iterations: number): Chunk[] {
  const chunks: Chunk[] = [];
  for (let firstYear = 0, index = 0; firstYear < iterations; firstYear += YEARS_PER_CHUNK, index++) {
    chunks.push({ index, firstYear, yearCount: Math.min(YEARS_PER_CHUNK, iterations - firstYear) });
  }
  return chunks;
}

/**
 * The start of run `runIndex`: the seed's generator long-jumped (2^96) once per run; each chunk of the run
 * then jumps (2^64) once per chunk index. Runs of a batch are independent of each other — a run's result
 * does not depend on which other runs share the batch — and a run has room for 2^32 chunks.
 */
export function runStream(seed: RandomSeed, runIndex: number): Xoshiro128StarStar {
  const generator = Xoshiro128StarStar.fromSeed(seed);
  for (let run = 0; run < runIndex; run++) generator.longJump();
  return generator;
}

/** The stream of one chunk, from its run's start (`runStream`), which it leaves untouched. */
export function chunkStream(runStart: Xoshiro128StarStar, chunkIndex: number): Xoshiro128StarStar {
  const generator = runStart.clone();
  for (let chunk = 0; chunk < chunkIndex; chunk++) generator.jump();
  return generator;
}
