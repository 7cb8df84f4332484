/**
 * xoshiro128** 1.1 by David Blackman and Sebastiano Vigna, ported from the reference implementation
 * (https://prng.di.unimi.it/xoshiro128starstar.c). Period 2^128 − 1; `jump()` and `longJump()` use the
 * published jump polynomials so that one seed yields many non-overlapping streams.
 *
 * Checked against the C reference: see `scripts/golden/` and `golden/xoshiro128ss.json`.
 *
 * @module
 */

/** A user seed: a non-negative safe integer, or a bigint in [0, 2^64 − 1]. */
export type RandomSeed = number | bigint;

/** The four 32-bit state words, s[0] first; enough to resume a generator exactly. */
export type Xoshiro128StarStarState = readonly [number, number, number, number];

// Advances the state by 2^64 steps: 2^64 non-overlapping subsequences of 2^64 outputs each.
const JUMP_POLYNOMIAL: Xoshiro128StarStarState = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b];
// Advances the state by 2^96 steps: 2^32 starting points, each with room for 2^32 jump() streams.
const LONG_JUMP_POLYNOMIAL: Xoshiro128StarStarState = [0xb523952e, 0x0b6f099f, 0xccf5a0ef, 0x1c580662];

const TWO_POW_26 = 67108864;
// Multiplying by an exact power of two gives the same double as dividing by 2^53, and is cheaper.
const TWO_POW_MINUS_53 = 1 / 9007199254740992;
const UINT32_MAX = 0xffffffff;
const UINT64_MAX = (1n << 64n) - 1n;

export class Xoshiro128StarStar {
  // A typed array keeps the words unboxed uint32 values; four number fields would become heap doubles
  // once a word exceeds 2^31.
  readonly #state: Uint32Array;

  private constructor(ownedState: Uint32Array) {
    this.#state = ownedState;
  }

  /**
   * Seeds the state with the first two outputs of SplitMix64 started at `seed`, low word first — the
   * seeding the xoshiro authors recommend. Consecutive SplitMix64 outputs cannot both be zero (its
   * output function is a bijection and its state moves by a non-zero constant), so the forbidden
   * all-zero state cannot arise from any seed.
   *
   * @throws RangeError if `seed` is negative, not an integer, not safe, NaN or above 2^64 − 1.
   */
  static fromSeed(seed: RandomSeed): Xoshiro128StarStar {
    return new Xoshiro128StarStar(stateFromSplitMix64(toUint64Seed(seed)));
  }

  /**
   * Resumes a generator from a `snapshot()`; the input is copied.
   *
   * @throws RangeError unless `state` holds exactly four integers in [0, 2^32 − 1], not all zero.
   */
  static fromState(state: ArrayLike<number>): Xoshiro128StarStar {
    if (state.length !== 4) {
      throw new RangeError(`state must hold exactly 4 words; received ${state.length}`);
    }
    const words = new Uint32Array(4);
    for (let index = 0; index < 4; index++) {
      const word = state[index];
      if (word === undefined || !Number.isInteger(word) || word < 0 || word > UINT32_MAX) {
        throw new RangeError(`state[${index}] must be an integer in [0, 2^32 - 1]; received ${String(word)}`);
      }
      words[index] = word;
    }
    if ((words[0]! | words[1]! | words[2]! | words[3]!) === 0) {
      throw new RangeError('state must not be all zero: xoshiro128** would output zeros forever');
    }
    return new Xoshiro128StarStar(words);
  }

  /** Returns the next output, an integer in [0, 2^32 − 1]. */
  nextUint32(): number {
    const s = this.#state;
    // Non-null assertions: the state always has exactly four words.
    const s0 = s[0]!;
    const s1 = s[1]!;
    const s2 = s[2]! ^ s0;
    const s3 = s[3]! ^ s1;
    const scrambled = Math.imul(s1, 5);
    const result = Math.imul((scrambled << 7) | (scrambled >>> 25), 9) >>> 0;
    s[0] = s0 ^ s3;
    s[1] = s1 ^ s2;
    s[2] = s2 ^ (s1 << 9);
    s[3] = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /**
   * Returns a double in [0, 1) carrying 53 random bits: the top 27 bits of one output and the top 26 of
   * the next. Every value is a multiple of 2^−53, so 0 is possible and 1 is not. Consumes two outputs.
   */
  nextFloat64(): number {
    const high27 = this.nextUint32() >>> 5;
    const low26 = this.nextUint32() >>> 6;
    return (high27 * TWO_POW_26 + low26) * TWO_POW_MINUS_53;
  }

  /** Advances the generator by 2^64 outputs, as if `nextUint32()` had been called 2^64 times. */
  jump(): void {
    this.#applyJumpPolynomial(JUMP_POLYNOMIAL);
  }

  /** Advances the generator by 2^96 outputs, as if `nextUint32()` had been called 2^96 times. */
  longJump(): void {
    this.#applyJumpPolynomial(LONG_JUMP_POLYNOMIAL);
  }

  /** Returns a copy of the state, suitable for JSON, structured clone and `fromState()`. */
  snapshot(): Xoshiro128StarStarState {
    const s = this.#state;
    return [s[0]!, s[1]!, s[2]!, s[3]!];
  }

  /**
   * Copies the four state words into `words[0..3]` without allocating. With `setStateWords` this lets a hot
   * kernel step the state in local variables (see `simulation/poisson-lognormal-kernel.ts`) and hand the
   * generator back where it left it.
   */
  copyStateTo(words: Int32Array | Uint32Array): void {
    const s = this.#state;
    words[0] = s[0]!;
    words[1] = s[1]!;
    words[2] = s[2]!;
    words[3] = s[3]!;
  }

  /**
   * Moves the generator to the state of four 32-bit words (signed int32 values are taken modulo 2^32), as
   * copied out by `copyStateTo` and then stepped. Trusted, unlike `fromState`: the words must come from a
   * valid state, which stepping never makes all zero.
   */
  setStateWords(word0: number, word1: number, word2: number, word3: number): void {
    const s = this.#state;
    s[0] = word0;
    s[1] = word1;
    s[2] = word2;
    s[3] = word3;
  }

  /** Returns an independent generator at the same position. */
  clone(): Xoshiro128StarStar {
    return new Xoshiro128StarStar(this.#state.slice());
  }

  // Evaluates the jump polynomial at the state's position: XOR of the states reached after each step
  // whose bit is set, over 128 steps (Blackman & Vigna's jump()).
  #applyJumpPolynomial(polynomial: Xoshiro128StarStarState): void {
    const s = this.#state;
    let jumped0 = 0;
    let jumped1 = 0;
    let jumped2 = 0;
    let jumped3 = 0;
    for (const coefficients of polynomial) {
      for (let bit = 0; bit < 32; bit++) {
        if ((coefficients >>> bit) & 1) {
          jumped0 ^= s[0]!;
          jumped1 ^= s[1]!;
          jumped2 ^= s[2]!;
          jumped3 ^= s[3]!;
        }
        this.nextUint32();
      }
    }
    s[0] = jumped0;
    s[1] = jumped1;
    s[2] = jumped2;
    s[3] = jumped3;
  }
}

function toUint64Seed(seed: unknown): bigint {
  if (typeof seed === 'number') {
    if (Number.isSafeInteger(seed) && seed >= 0) return BigInt(seed);
  } else if (typeof seed === 'bigint') {
    if (seed >= 0n && seed <= UINT64_MAX) return seed;
  } else {
    throw new TypeError(`seed must be a number or a bigint; received ${typeof seed}`);
  }
  const received = typeof seed === 'bigint' ? `${seed}n` : String(seed);
  throw new RangeError(
    `seed must be a non-negative safe integer or a bigint in [0, 2^64 - 1]; received ${received}`,
  );
}

// SplitMix64 (Steele, Lea & Flood; constants from https://prng.di.unimi.it/splitmix64.c). BigInt is
// acceptable here because seeding happens once per stream, never inside a sampling loop.
function stateFromSplitMix64(seed: bigint): Uint32Array {
  const state = new Uint32Array(4);
  let position = seed;
  for (let word = 0; word < 4; word += 2) {
    position = BigInt.asUintN(64, position + 0x9e3779b97f4a7c15n);
    let mixed = position;
    mixed = BigInt.asUintN(64, (mixed ^ (mixed >> 30n)) * 0xbf58476d1ce4e5b9n);
    mixed = BigInt.asUintN(64, (mixed ^ (mixed >> 27n)) * 0x94d049bb133111ebn);
    mixed ^= mixed >> 31n;
    state[word] = Number(BigInt.asUintN(32, mixed));
    state[word + 1] = Number(mixed >> 32n);
  }
  return state;
}
