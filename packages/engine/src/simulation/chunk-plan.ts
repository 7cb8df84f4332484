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
 * The stream of chunk `chunkIndex` of run `runIndex`: the seed's generator long-jumped (2^96) once per run
 * and jumped (2^64) once per chunk. Runs of a batch are independent of each other — a run's result does not
 * depend on which other runs share the batch — and a run has room for 2^32 chunks.
 */
export function chunkStream(seed: RandomSeed, runIndex: number, chunkIndex: number): Xoshiro128StarStar {
  const generator = Xoshiro128StarStar.fromSeed(seed);
  for (let run = 0; run < runIndex; run++) generator.longJump();
  for (let chunk = 0; chunk < chunkIndex; chunk++) generator.jump();
  return generator;
}
