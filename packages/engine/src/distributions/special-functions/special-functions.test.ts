import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { relativeError } from '../testing/sample-statistics.js';
import { logGamma } from './log-gamma.js';
import { regularizedBeta } from './regularized-beta.js';
import { regularizedGammaP, regularizedGammaQ } from './regularized-gamma.js';

// The distributions' golden tests cover these functions at the parameters the engine uses; these tests pin
// identities and exact values across wider ranges.

function logFactorial(n: number): number {
  let sum = 0;
  for (let k = 2; k <= n; k++) sum += Math.log(k);
  return sum;
}

describe('logGamma', () => {
  it('matches ln((n − 1)!) for integers and ln √π at ½', () => {
    for (const n of [3, 4, 7, 10, 11, 25, 170]) {
      expect(relativeError(logGamma(n), logFactorial(n - 1))).toBeLessThan(1e-14);
    }
    // Below 10 the argument is shifted up to 10, so the absolute error is that of ln Γ(10..11) ≈ 13.
    expect(Math.abs(logGamma(1))).toBeLessThan(5e-15);
    expect(Math.abs(logGamma(2))).toBeLessThan(5e-15);
    expect(relativeError(logGamma(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(1e-14);
  });

  it('satisfies ln Γ(x + 1) = ln Γ(x) + ln x to absolute 1e-13 (relative for large x)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-8, max: 1e6, noNaN: true }), (x) => {
        const left = logGamma(x + 1);
        const right = logGamma(x) + Math.log(x);
        expect(Math.abs(left - right)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(left)));
      }),
    );
  });

  it('handles the ends of its domain', () => {
    expect(logGamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(-1)).toBeNaN();
    expect(logGamma(Number.NaN)).toBeNaN();
  });
});

describe('regularized incomplete gamma', () => {
  it('gives P(1, x) = 1 − e^−x and Q(1, x) = e^−x', () => {
    for (const x of [1e-10, 0.5, 1, 2, 10, 50, 300]) {
      // The exponent a·ln x − x carries an absolute rounding error of about x·2^−53 (3e-14 at x = 300).
      expect(relativeError(regularizedGammaQ(1, x), Math.exp(-x))).toBeLessThan(Math.max(1e-14, x * 4e-16));
      expect(relativeError(regularizedGammaP(1, x), -Math.expm1(-x))).toBeLessThan(1e-14);
    }
  });

  it('sums to 1 and is monotone in x', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (a, x, step) => {
          expect(Math.abs(regularizedGammaP(a, x) + regularizedGammaQ(a, x) - 1)).toBeLessThan(1e-14);
          expect(regularizedGammaP(a, x + step)).toBeGreaterThanOrEqual(regularizedGammaP(a, x));
        },
      ),
    );
  });

  it('rejects invalid arguments with NaN', () => {
    expect(regularizedGammaP(0, 1)).toBeNaN();
    expect(regularizedGammaQ(1, -1)).toBeNaN();
  });
});

describe('regularized incomplete beta', () => {
  it('gives I_x(1, 1) = x, I_x(a, 1) = x^a and I_x(1, b) = 1 − (1 − x)^b', () => {
    for (const x of [1e-12, 0.1, 0.5, 0.9, 1 - 1e-9]) {
      expect(relativeError(regularizedBeta(x, 1, 1), x)).toBeLessThan(1e-14);
      expect(relativeError(regularizedBeta(x, 3.5, 1), x ** 3.5)).toBeLessThan(1e-13);
      expect(relativeError(regularizedBeta(x, 1, 2.5), -Math.expm1(2.5 * Math.log1p(-x)))).toBeLessThan(
        1e-13,
      );
    }
  });

  it('satisfies I_x(a, b) = 1 − I_{1−x}(b, a)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 500, noNaN: true }),
        fc.double({ min: 0.05, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b, x) => {
          const direct = regularizedBeta(x, a, b);
          const mirrored = 1 - regularizedBeta(1 - x, b, a, x);
          expect(Math.abs(direct - mirrored)).toBeLessThan(1e-12);
          expect(direct).toBeGreaterThanOrEqual(0);
          expect(direct).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('rejects invalid arguments with NaN', () => {
    expect(regularizedBeta(0.5, 0, 1)).toBeNaN();
    expect(regularizedBeta(1.5, 1, 1)).toBeNaN();
  });
});
