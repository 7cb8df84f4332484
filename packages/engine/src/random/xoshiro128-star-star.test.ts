import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

import golden from './golden/xoshiro128ss.json' with { type: 'json' };
import { Xoshiro128StarStar } from './xoshiro128-star-star.js';

const UINT64_MAX = (1n << 64n) - 1n;

const seedArbitrary = fc.oneof(fc.maxSafeNat(), fc.bigInt({ min: 0n, max: UINT64_MAX }));
const nonZeroStateArbitrary = fc
  .tuple(fc.nat(0xffffffff), fc.nat(0xffffffff), fc.nat(0xffffffff), fc.nat(0xffffffff))
  .filter((words) => words.some((word) => word !== 0));

function drawUint32s(generator: Xoshiro128StarStar, count: number): number[] {
  return Array.from({ length: count }, () => generator.nextUint32());
}

describe('Xoshiro128StarStar against the C reference (golden/xoshiro128ss.json)', () => {
  describe.each(golden.fixedStates)('from the fixed state "$name"', (fixture) => {
    it('produces the reference outputs', () => {
      const generator = Xoshiro128StarStar.fromState(fixture.state);
      expect(drawUint32s(generator, fixture.outputs.length)).toEqual(fixture.outputs);
    });

    it('produces the reference doubles', () => {
      const generator = Xoshiro128StarStar.fromState(fixture.state);
      const doubles = Array.from({ length: fixture.float64s.length }, () => generator.nextFloat64());
      expect(doubles).toEqual(fixture.float64s);
    });

    it('jumps to the reference state', () => {
      const generator = Xoshiro128StarStar.fromState(fixture.state);
      generator.jump();
      expect(generator.snapshot()).toEqual(fixture.afterJump.state);
      expect(drawUint32s(generator, fixture.afterJump.outputs.length)).toEqual(fixture.afterJump.outputs);
    });

    it('long-jumps to the reference state', () => {
      const generator = Xoshiro128StarStar.fromState(fixture.state);
      generator.longJump();
      expect(generator.snapshot()).toEqual(fixture.afterLongJump.state);
      expect(drawUint32s(generator, fixture.afterLongJump.outputs.length)).toEqual(
        fixture.afterLongJump.outputs,
      );
    });
  });

  it.each(golden.seeds)(
    'derives the reference state and outputs from seed $seed via SplitMix64',
    (fixture) => {
      const generator = Xoshiro128StarStar.fromSeed(BigInt(fixture.seed));
      expect(generator.snapshot()).toEqual(fixture.state);
      expect(drawUint32s(generator, fixture.outputs.length)).toEqual(fixture.outputs);
    },
  );

  it.each(golden.seeds.filter((fixture) => BigInt(fixture.seed) <= BigInt(Number.MAX_SAFE_INTEGER)))(
    'derives the same state from the number seed $seed',
    (fixture) => {
      expect(Xoshiro128StarStar.fromSeed(Number(fixture.seed)).snapshot()).toEqual(fixture.state);
    },
  );
});

describe('Xoshiro128StarStar properties', () => {
  it('returns integers in [0, 2^32 - 1] from nextUint32', () => {
    fc.assert(
      fc.property(seedArbitrary, (seed) => {
        const generator = Xoshiro128StarStar.fromSeed(seed);
        for (let draw = 0; draw < 100; draw++) {
          const value = generator.nextUint32();
          expect(Number.isInteger(value) && value >= 0 && value <= 0xffffffff).toBe(true);
        }
      }),
    );
  });

  it('returns doubles in [0, 1) from nextFloat64', () => {
    fc.assert(
      fc.property(seedArbitrary, (seed) => {
        const generator = Xoshiro128StarStar.fromSeed(seed);
        for (let draw = 0; draw < 100; draw++) {
          const value = generator.nextFloat64();
          expect(value >= 0 && value < 1).toBe(true);
        }
      }),
    );
  });

  it('gives the same sequence for the same seed', () => {
    fc.assert(
      fc.property(seedArbitrary, (seed) => {
        const first = Xoshiro128StarStar.fromSeed(seed);
        const second = Xoshiro128StarStar.fromSeed(seed);
        expect(drawUint32s(first, 64)).toEqual(drawUint32s(second, 64));
      }),
    );
  });

  it('treats a number seed and the equal bigint seed alike', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (seed) => {
        expect(Xoshiro128StarStar.fromSeed(seed).snapshot()).toEqual(
          Xoshiro128StarStar.fromSeed(BigInt(seed)).snapshot(),
        );
      }),
    );
  });

  it('resumes exactly from a snapshot', () => {
    fc.assert(
      fc.property(seedArbitrary, fc.nat(200), (seed, drawsBeforeSnapshot) => {
        const original = Xoshiro128StarStar.fromSeed(seed);
        drawUint32s(original, drawsBeforeSnapshot);
        const resumed = Xoshiro128StarStar.fromState(original.snapshot());
        expect(drawUint32s(resumed, 32)).toEqual(drawUint32s(original, 32));
      }),
    );
  });

  it('round-trips any non-zero state through fromState and snapshot', () => {
    fc.assert(
      fc.property(nonZeroStateArbitrary, (state) => {
        expect(Xoshiro128StarStar.fromState(state).snapshot()).toEqual(state);
      }),
    );
  });

  it('survives a JSON round-trip of the snapshot', () => {
    const original = Xoshiro128StarStar.fromSeed(7);
    const restored = Xoshiro128StarStar.fromState(
      JSON.parse(JSON.stringify(original.snapshot())) as number[],
    );
    expect(drawUint32s(restored, 16)).toEqual(drawUint32s(original, 16));
  });

  it('copies the state it is given', () => {
    const words = new Uint32Array([1, 2, 3, 4]);
    const generator = Xoshiro128StarStar.fromState(words);
    words[1] = 99;
    expect(generator.snapshot()).toEqual([1, 2, 3, 4]);
  });

  it('clones into an independent generator at the same position', () => {
    fc.assert(
      fc.property(seedArbitrary, (seed) => {
        const original = Xoshiro128StarStar.fromSeed(seed);
        drawUint32s(original, 3);
        const clone = original.clone();
        const fromClone = drawUint32s(clone, 16);
        expect(original.snapshot()).not.toEqual(clone.snapshot());
        expect(drawUint32s(original, 16)).toEqual(fromClone);
      }),
    );
  });

  it('hands its state out and takes it back through signed or unsigned words', () => {
    fc.assert(
      fc.property(nonZeroStateArbitrary, fc.nat(20), (state, steps) => {
        const generator = Xoshiro128StarStar.fromState(state);
        drawUint32s(generator, steps);
        for (const words of [new Int32Array(4), new Uint32Array(4)]) {
          generator.copyStateTo(words);
          expect(Array.from(words, (word) => word >>> 0)).toEqual(generator.snapshot());
          const elsewhere = Xoshiro128StarStar.fromSeed(1);
          elsewhere.setStateWords(words[0]!, words[1]!, words[2]!, words[3]!);
          expect(drawUint32s(elsewhere, 8)).toEqual(drawUint32s(generator.clone(), 8));
        }
      }),
    );
  });
});

describe('Xoshiro128StarStar input validation', () => {
  it.each([
    ['a negative number', -1],
    ['a fraction', 1.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['an unsafe integer', 2 ** 53],
    ['a negative bigint', -1n],
    ['a bigint above 2^64 - 1', 1n << 64n],
  ])('rejects %s as a seed', (_description, seed) => {
    expect(() => Xoshiro128StarStar.fromSeed(seed)).toThrow(RangeError);
    expect(() => Xoshiro128StarStar.fromSeed(seed)).toThrow(/\bseed\b/);
  });

  it('rejects a seed that is neither a number nor a bigint', () => {
    expect(() => Xoshiro128StarStar.fromSeed('42' as unknown as number)).toThrow(/\bseed\b/);
  });

  it('accepts the extreme seeds 0 and 2^64 - 1', () => {
    expect(() => Xoshiro128StarStar.fromSeed(0)).not.toThrow();
    expect(() => Xoshiro128StarStar.fromSeed(UINT64_MAX)).not.toThrow();
  });

  it.each([
    ['the all-zero state', [0, 0, 0, 0]],
    ['too few words', [1, 2, 3]],
    ['too many words', [1, 2, 3, 4, 5]],
    ['a negative word', [1, -2, 3, 4]],
    ['a word above 2^32 - 1', [1, 2, 2 ** 32, 4]],
    ['a fractional word', [1, 2, 3, 4.5]],
    ['a NaN word', [1, 2, 3, Number.NaN]],
  ])('rejects %s', (_description, state) => {
    expect(() => Xoshiro128StarStar.fromState(state)).toThrow(RangeError);
    expect(() => Xoshiro128StarStar.fromState(state)).toThrow(/\bstate\b/);
  });
});

describe('Xoshiro128StarStar uniformity (deterministic: fixed seed)', () => {
  const sampleCount = 1_000_000;
  const bucketCount = 16;
  // Upper 0.1 % point of the chi-square distribution with 15 degrees of freedom.
  const chiSquareCritical15DegreesP001 = 37.697;

  const bucketCounts = new Float64Array(bucketCount);
  let sum = 0;

  beforeAll(() => {
    const generator = Xoshiro128StarStar.fromSeed(42);
    for (let draw = 0; draw < sampleCount; draw++) {
      const value = generator.nextFloat64();
      sum += value;
      bucketCounts[Math.floor(value * bucketCount)]! += 1;
    }
  });

  it('has a mean within 5 standard errors of 1/2', () => {
    const standardError = Math.sqrt(1 / 12 / sampleCount);
    expect(Math.abs(sum / sampleCount - 0.5)).toBeLessThan(5 * standardError);
  });

  it('fills 16 equal buckets evenly (chi-square below the p = 0.001 critical value)', () => {
    const expected = sampleCount / bucketCount;
    let chiSquare = 0;
    for (const observed of bucketCounts) chiSquare += (observed - expected) ** 2 / expected;
    expect(chiSquare).toBeLessThan(chiSquareCritical15DegreesP001);
  });
});
