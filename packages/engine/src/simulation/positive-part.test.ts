import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { positivePart } from './positive-part.js';

describe('positivePart', () => {
  it('is exactly max(x, 0) for every finite x below 2^1023, and +0 for x ≤ 0', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, max: 2 ** 1022 }), (x) => {
        expect(positivePart(x)).toBe(x > 0 ? x : 0);
      }),
      { numRuns: 5000 },
    );
  });

  it('keeps the smallest subnormal and +∞', () => {
    expect(positivePart(Number.MIN_VALUE)).toBe(Number.MIN_VALUE);
    expect(positivePart(-Number.MIN_VALUE)).toBe(0);
    expect(positivePart(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });
});
