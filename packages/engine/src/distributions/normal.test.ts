import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import golden from './golden/distributions.json' with { type: 'json' };
import { normalCdf, normalQuantile } from './normal.js';
import { relativeError } from './testing/sample-statistics.js';

// Golden values are exact to double precision (mpmath at 60 digits; see scripts/golden/README.md). Cody's
// and Wichura's approximations are good to a few units in the last place, so 1e-14 leaves a margin of
// about 50 ulp while still failing on any real defect.
const NORMAL_RELATIVE_TOLERANCE = 1e-14;
const SMALLEST_NORMAL_DOUBLE = 2.2250738585072014e-308;

describe('normalCdf against golden values', () => {
  it.each(golden.normal.cdf.filter((row) => row.p >= SMALLEST_NORMAL_DOUBLE))('Φ($x) = $p', ({ x, p }) => {
    expect(relativeError(normalCdf(x), p)).toBeLessThan(NORMAL_RELATIVE_TOLERANCE);
  });

  it.each(golden.normal.cdf.filter((row) => row.p < SMALLEST_NORMAL_DOUBLE))(
    'underflows to 0 where Φ($x) is subnormal',
    ({ x }) => {
      expect(normalCdf(x)).toBe(0);
    },
  );
});

describe('normalQuantile against golden values', () => {
  it.each(golden.normal.quantile)('Φ⁻¹($p) = $x', ({ p, x }) => {
    expect(relativeError(normalQuantile(p), x)).toBeLessThan(NORMAL_RELATIVE_TOLERANCE);
  });
});

describe('normal edge cases', () => {
  it('gives exact values at 0, ±∞ and the ends of [0, 1]', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('returns NaN for NaN and for probabilities outside [0, 1]', () => {
    expect(normalCdf(Number.NaN)).toBeNaN();
    for (const p of [Number.NaN, -1e-300, 1 + Number.EPSILON, Number.POSITIVE_INFINITY]) {
      expect(normalQuantile(p)).toBeNaN();
    }
  });
});

describe('normal properties', () => {
  const moderate = fc.double({ min: -8, max: 8, noNaN: true });

  it('is symmetric: Φ(−x) = 1 − Φ(x) to absolute 2^−53', () => {
    fc.assert(
      fc.property(moderate, (x) => {
        expect(Math.abs(normalCdf(-x) - (1 - normalCdf(x)))).toBeLessThanOrEqual(2 ** -53);
      }),
    );
  });

  it('is monotone and stays in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -40, max: 40, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (x, step) => {
          const lower = normalCdf(x);
          const upper = normalCdf(x + step);
          expect(lower).toBeGreaterThanOrEqual(0);
          expect(upper).toBeLessThanOrEqual(1);
          expect(upper).toBeGreaterThanOrEqual(lower);
        },
      ),
    );
  });

  it('inverts: Φ⁻¹(Φ(x)) = x up to the conditioning of Φ', () => {
    fc.assert(
      fc.property(fc.double({ min: -37, max: 7, noNaN: true }), (x) => {
        // Rounding Φ(x) to a double moves it by up to ½ ulp ≈ Φ(x)·2^−53, which moves x by that over φ(x):
        // allow 4 ulp of that, plus 1e-14 relative for the two approximations themselves.
        const density = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
        const tolerance = (4 * Number.EPSILON * normalCdf(x)) / density + 1e-14 * Math.max(1, Math.abs(x));
        expect(Math.abs(normalQuantile(normalCdf(x)) - x)).toBeLessThanOrEqual(tolerance);
      }),
    );
  });

  it('inverts: Φ(Φ⁻¹(p)) = p relative to min(p, 1 − p)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1 - 1e-12, noNaN: true }), (p) => {
        const tail = Math.min(p, 1 - p);
        expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThanOrEqual(1e-13 * tail + 2 ** -53);
      }),
    );
  });
});
