import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import golden from './golden/xoshiro128ss.json' with { type: 'json' };
import { createStream, createStreams } from './random-streams.js';
import { Xoshiro128StarStar } from './xoshiro128-star-star.js';

const UINT64_MAX = (1n << 64n) - 1n;
const seedArbitrary = fc.oneof(fc.maxSafeNat(), fc.bigInt({ min: 0n, max: UINT64_MAX }));

function drawUint32s(generator: Xoshiro128StarStar, count: number): number[] {
  return Array.from({ length: count }, () => generator.nextUint32());
}

// The state determines every later output, so two prefixes overlap exactly when they visit a common state.
function visitedStates(generator: Xoshiro128StarStar, steps: number): Set<string> {
  const states = new Set<string>();
  for (let step = 0; step < steps; step++) {
    states.add(generator.snapshot().join(','));
    generator.nextUint32();
  }
  return states;
}

describe('createStream', () => {
  it('matches the C reference states for streams 0 to 3 of seed 42', () => {
    const seed = BigInt(golden.streams.seed);
    golden.streams.states.forEach((expectedState, streamIndex) => {
      expect(createStream(seed, streamIndex).snapshot()).toEqual(expectedState);
    });
  });

  it('returns the seeded generator itself as stream 0', () => {
    fc.assert(
      fc.property(seedArbitrary, (seed) => {
        expect(createStream(seed, 0).snapshot()).toEqual(Xoshiro128StarStar.fromSeed(seed).snapshot());
      }),
    );
  });

  it('places stream i + 1 one jump after stream i', () => {
    fc.assert(
      fc.property(seedArbitrary, fc.nat(8), (seed, streamIndex) => {
        const jumped = createStream(seed, streamIndex);
        jumped.jump();
        expect(createStream(seed, streamIndex + 1).snapshot()).toEqual(jumped.snapshot());
      }),
      { numRuns: 50 },
    );
  });

  it('gives different, non-overlapping prefixes for different stream indices', () => {
    const prefixLength = 256;
    fc.assert(
      fc.property(
        seedArbitrary,
        fc.uniqueArray(fc.nat(7), { minLength: 2, maxLength: 2 }),
        (seed, [firstIndex = 0, secondIndex = 1]) => {
          const first = createStream(seed, firstIndex);
          const second = createStream(seed, secondIndex);
          expect(drawUint32s(first.clone(), prefixLength)).not.toEqual(
            drawUint32s(second.clone(), prefixLength),
          );
          const firstStates = visitedStates(first, prefixLength);
          for (const state of visitedStates(second, prefixLength)) {
            expect(firstStates.has(state)).toBe(false);
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('gives the same stream for the same seed and index', () => {
    fc.assert(
      fc.property(seedArbitrary, fc.nat(8), (seed, streamIndex) => {
        expect(drawUint32s(createStream(seed, streamIndex), 32)).toEqual(
          drawUint32s(createStream(seed, streamIndex), 32),
        );
      }),
      { numRuns: 50 },
    );
  });

  it.each([
    ['a negative index', -1],
    ['a fractional index', 0.5],
    ['NaN', Number.NaN],
    ['an unsafe integer', 2 ** 53],
  ])('rejects %s as streamIndex', (_description, streamIndex) => {
    expect(() => createStream(1, streamIndex)).toThrow(RangeError);
    expect(() => createStream(1, streamIndex)).toThrow(/\bstreamIndex\b/);
  });

  it('rejects an invalid seed with a message naming seed', () => {
    expect(() => createStream(-1, 0)).toThrow(RangeError);
    expect(() => createStream(-1, 0)).toThrow(/\bseed\b/);
  });
});

describe('createStreams', () => {
  it('returns the same streams as createStream, each independent of the others', () => {
    fc.assert(
      fc.property(seedArbitrary, fc.nat(6), (seed, count) => {
        const streams = createStreams(seed, count);
        expect(streams).toHaveLength(count);
        streams.forEach((stream, streamIndex) => {
          expect(stream.snapshot()).toEqual(createStream(seed, streamIndex).snapshot());
        });
        const firstStream = streams[0];
        if (firstStream !== undefined && streams.length > 1) {
          firstStream.nextUint32();
          expect(streams[1]?.snapshot()).toEqual(createStream(seed, 1).snapshot());
        }
      }),
      { numRuns: 50 },
    );
  });

  it('rejects an invalid count or seed naming the field', () => {
    expect(() => createStreams(1, -1)).toThrow(/\bcount\b/);
    expect(() => createStreams(2n ** 64n, 1)).toThrow(/\bseed\b/);
  });
});
