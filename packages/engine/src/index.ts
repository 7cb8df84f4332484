export { Xoshiro128StarStar } from './random/xoshiro128-star-star.js';
export type { RandomSeed, Xoshiro128StarStarState } from './random/xoshiro128-star-star.js';
export { createStream, createStreams } from './random/random-streams.js';
