import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  DEFAULT_CVSS_BASE_SCORE,
  epssLift,
  findingPriority,
  priorityBand,
  type FindingPriorityInput,
} from './finding-priority.js';

const cvss = fc.option(fc.double({ min: 0, max: 10, noNaN: true }), { nil: undefined });
const epss = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined });
const input: fc.Arbitrary<FindingPriorityInput> = fc.record({
  cvss,
  epss,
  kev: fc.boolean(),
  knownRansomwareUse: fc.boolean(),
});
const settings = { seed: 20261122, numRuns: 2000 };

/** Two values of an optional input in order, the missing value standing for its stated default. */
function ordered(low: number | undefined, high: number | undefined, missingAs: number): boolean {
  return (low ?? missingAs) <= (high ?? missingAs);
}

describe('findingPriority', () => {
  it('works the example in docs/monitoring.md', () => {
    // CVSS 9.8, EPSS 0.2, not in KEV: 58.8 + 40 × log10(20.8) / 2 = 58.8 + 26.36 = 85.16, critical.
    const outside = findingPriority({ cvss: 9.8, epss: 0.2, kev: false, knownRansomwareUse: false });
    expect(outside.score).toBeCloseTo(85.16, 2);
    expect(outside.band).toBe('critical');
    // The same in KEV: 70 + 0.3 × 85.16 = 95.55; with ransomware use: 75 + 0.25 × 85.16 = 96.29.
    expect(findingPriority({ cvss: 9.8, epss: 0.2, kev: true, knownRansomwareUse: false }).score).toBeCloseTo(
      95.55,
      2,
    );
    expect(findingPriority({ cvss: 9.8, epss: 0.2, kev: true, knownRansomwareUse: true }).score).toBeCloseTo(
      96.29,
      2,
    );
    // No CVSS, no EPSS, not in KEV: the default 5.0 gives 30, low.
    expect(
      findingPriority({ cvss: undefined, epss: undefined, kev: false, knownRansomwareUse: false }),
    ).toEqual({
      score: 30,
      band: 'low',
      cvssUsed: DEFAULT_CVSS_BASE_SCORE,
    });
  });

  it('spans the whole scale', () => {
    expect(findingPriority({ cvss: 0, epss: 0, kev: false, knownRansomwareUse: false }).score).toBe(0);
    expect(findingPriority({ cvss: 10, epss: 1, kev: false, knownRansomwareUse: false }).score).toBe(100);
    expect(findingPriority({ cvss: 10, epss: 1, kev: true, knownRansomwareUse: true }).score).toBe(100);
    expect(findingPriority({ cvss: 0, epss: 0, kev: true, knownRansomwareUse: false }).score).toBe(70);
  });

  it('stays within 0–100', () => {
    fc.assert(
      fc.property(input, (value) => {
        const { score } = findingPriority(value);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
      }),
      settings,
    );
  });

  it('never ranks a KEV entry below high, nor below the same finding outside KEV', () => {
    fc.assert(
      fc.property(input, (value) => {
        const inKev = findingPriority({ ...value, kev: true });
        const outside = findingPriority({ ...value, kev: false });
        expect(inKev.score).toBeGreaterThanOrEqual(70);
        expect(['critical', 'high']).toContain(inKev.band);
        expect(inKev.score).toBeGreaterThanOrEqual(outside.score);
      }),
      settings,
    );
  });

  it('does not fall when CVSS rises', () => {
    fc.assert(
      fc.property(input, cvss, cvss, (value, first, second) => {
        const [low, high] = ordered(first, second, DEFAULT_CVSS_BASE_SCORE)
          ? [first, second]
          : [second, first];
        expect(findingPriority({ ...value, cvss: high }).score).toBeGreaterThanOrEqual(
          findingPriority({ ...value, cvss: low }).score,
        );
      }),
      settings,
    );
  });

  it('does not fall when EPSS rises', () => {
    fc.assert(
      fc.property(input, epss, epss, (value, first, second) => {
        const [low, high] = ordered(first, second, 0) ? [first, second] : [second, first];
        expect(findingPriority({ ...value, epss: high }).score).toBeGreaterThanOrEqual(
          findingPriority({ ...value, epss: low }).score,
        );
      }),
      settings,
    );
  });

  it('does not fall when known ransomware use is added', () => {
    fc.assert(
      fc.property(input, (value) => {
        expect(findingPriority({ ...value, knownRansomwareUse: true }).score).toBeGreaterThanOrEqual(
          findingPriority({ ...value, knownRansomwareUse: false }).score,
        );
      }),
      settings,
    );
  });

  it('counts ransomware use only for KEV entries', () => {
    fc.assert(
      fc.property(input, (value) => {
        expect(findingPriority({ ...value, kev: false, knownRansomwareUse: true }).score).toBe(
          findingPriority({ ...value, kev: false, knownRansomwareUse: false }).score,
        );
      }),
      settings,
    );
  });

  it.each([
    [{ cvss: 10.1, epss: 0 }, 'cvss must be a base score from 0 to 10, got 10.1'],
    [{ cvss: -1, epss: 0 }, 'cvss must be a base score from 0 to 10, got -1'],
    [{ cvss: Number.NaN, epss: 0 }, 'cvss must be a base score from 0 to 10, got NaN'],
    [{ cvss: 5, epss: 1.5 }, 'epss must be a probability from 0 to 1, got 1.5'],
    [{ cvss: 5, epss: Number.POSITIVE_INFINITY }, 'epss must be a probability from 0 to 1, got Infinity'],
  ])('refuses %j', (values, message) => {
    expect(() => findingPriority({ ...values, kev: false, knownRansomwareUse: false })).toThrow(
      new RangeError(message),
    );
  });
});

describe('epssLift and priorityBand', () => {
  it('lifts 0 to 0, 1 to 1, and the first percent most', () => {
    expect(epssLift(0)).toBe(0);
    expect(epssLift(1)).toBe(1);
    expect(epssLift(0.01)).toBeCloseTo(0.1494, 4);
    expect(epssLift(0.1)).toBeCloseTo(0.5187, 4);
  });

  it.each([
    [100, 'critical'],
    [85, 'critical'],
    [84.99, 'high'],
    [70, 'high'],
    [69.99, 'medium'],
    [40, 'medium'],
    [39.99, 'low'],
    [0, 'low'],
  ] as const)('puts %d in %s', (score, band) => {
    expect(priorityBand(score)).toBe(band);
  });
});
