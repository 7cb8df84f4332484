/**
 * Independent random streams from one seed, one per worker or chunk of simulated years.
 *
 * Stream i is the SplitMix64-seeded xoshiro128** generator advanced by i `jump()`s, so consecutive
 * streams start 2^64 outputs apart: a stream can draw 2^64 `nextUint32()` values (2^63 `nextFloat64()`)
 * before it would reach the start of the next one. A result therefore depends only on the seed and on
 * which stream index drew which work, never on how many workers ran or in what order.
 *
 * @module
 */

import { Xoshiro128StarStar, type RandomSeed } from './xoshiro128-star-star.js';

/**
 * Returns the generator for stream `streamIndex` of `seed`. Costs `streamIndex` jumps (128 generator
 * steps each), so to open many consecutive streams use `createStreams()`.
 *
 * @throws RangeError if `seed` is invalid (see `Xoshiro128StarStar.fromSeed`) or `streamIndex` is not a
 * non-negative safe integer.
 */
export function createStream(seed: RandomSeed, streamIndex: number): Xoshiro128StarStar {
  assertNonNegativeSafeInteger(streamIndex, 'streamIndex');
  const generator = Xoshiro128StarStar.fromSeed(seed);
  for (let jumps = 0; jumps < streamIndex; jumps++) generator.jump();
  return generator;
}

/**
 * Returns streams 0 to `count − 1` of `seed`, equal to `createStream(seed, i)` for each i but in
 * `count − 1` jumps instead of `count · (count − 1) / 2`.
 *
 * @throws RangeError if `seed` is invalid or `count` is not a non-negative safe integer.
 */
export function createStreams(seed: RandomSeed, count: number): Xoshiro128StarStar[] {
  assertNonNegativeSafeInteger(count, 'count');
  const streams: Xoshiro128StarStar[] = [];
  const cursor = Xoshiro128StarStar.fromSeed(seed);
  for (let streamIndex = 0; streamIndex < count; streamIndex++) {
    if (streamIndex > 0) cursor.jump();
    streams.push(cursor.clone());
  }
  return streams;
}

function assertNonNegativeSafeInteger(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${field} must be a non-negative safe integer; received ${String(value)}`);
  }
}
