import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { UniformSource } from '../distributions/distribution.js';
import { Xoshiro128StarStar } from '../random/xoshiro128-star-star.js';
import { simulateYears, simulateYearsInGeneral } from './compound-loss-kernel.js';
import { poissonLognormalModelOf, simulatePoissonLognormalYears } from './poisson-lognormal-kernel.js';
import { compileModel, type SimulationSpec } from './simulation-spec.js';
import { ALL_YEAR_LOSSES, bytesPerYear, viewYearLosses, type YearLosses } from './year-losses.js';

interface Terms {
  readonly rate: number;
  readonly mu: number;
  readonly sigma: number;
  readonly occurrenceRetention: number;
  readonly occurrenceLimit?: number;
  readonly sectionLimit?: number;
  readonly aggregateDeductible: number;
  readonly aggregateLimit?: number;
  readonly coinsurance: number;
}

function specFor(terms: Terms): SimulationSpec {
  return {
    sections: [
      {
        id: 'cyber',
        occurrenceRetention: terms.occurrenceRetention,
        ...(terms.occurrenceLimit === undefined ? {} : { occurrenceLimit: terms.occurrenceLimit }),
        ...(terms.sectionLimit === undefined ? {} : { aggregateLimit: terms.sectionLimit }),
        processes: [
          {
            id: 'breach',
            frequency: { kind: 'poisson', rate: terms.rate },
            severity: { kind: 'lognormal', mu: terms.mu, sigma: terms.sigma },
          },
        ],
      },
    ],
    policy: {
      aggregateDeductible: terms.aggregateDeductible,
      ...(terms.aggregateLimit === undefined ? {} : { aggregateLimit: terms.aggregateLimit }),
      coinsurance: terms.coinsurance,
    },
    iterations: 1,
    seed: 1,
  };
}

function emptyYears(yearCount: number): YearLosses {
  return viewYearLosses(
    new ArrayBuffer(yearCount * bytesPerYear(1, ALL_YEAR_LOSSES)),
    yearCount,
    1,
    ALL_YEAR_LOSSES,
  );
}

/** Every output array of the years, in a fixed order, as plain numbers for an exact comparison. */
function allOutputs(years: YearLosses): number[][] {
  return [
    years.gross,
    years.ceded,
    years.retained,
    years.largestOccurrenceGross,
    years.largestOccurrenceInsured,
    ...(years.sectionGross ?? []),
    ...(years.sectionCeded ?? []),
  ].map((array) => Array.from(array ?? []));
}

/** The same generator behind a plain object, which keeps simulateYears on the general path. */
function opaque(random: Xoshiro128StarStar): UniformSource {
  return { nextFloat64: () => random.nextFloat64(), nextUint32: () => random.nextUint32() };
}

const amount = fc.oneof(fc.constant(0), fc.double({ min: 1, max: 5e6, noNaN: true }));
const termsArbitrary: fc.Arbitrary<Terms> = fc.record(
  {
    rate: fc.oneof(fc.constantFrom(0.1, 1.05, 2, 9.99), fc.double({ min: 1e-3, max: 9.999, noNaN: true })),
    mu: fc.double({ min: 5, max: 15, noNaN: true }),
    sigma: fc.double({ min: 0.05, max: 2.5, noNaN: true }),
    occurrenceRetention: amount,
    occurrenceLimit: fc.double({ min: 1, max: 5e6, noNaN: true }),
    sectionLimit: fc.double({ min: 1, max: 1e7, noNaN: true }),
    aggregateDeductible: amount,
    aggregateLimit: fc.double({ min: 1, max: 1e7, noNaN: true }),
    coinsurance: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
  },
  { requiredKeys: ['rate', 'mu', 'sigma', 'occurrenceRetention', 'aggregateDeductible', 'coinsurance'] },
);

describe('simulatePoissonLognormalYears', () => {
  it('gives every output of every year bit for bit as the general kernel, and leaves the stream in step', () => {
    fc.assert(
      fc.property(
        termsArbitrary,
        fc.nat(1000),
        fc.integer({ min: 1, max: 1500 }),
        (terms, seed, yearCount) => {
          const model = compileModel(specFor(terms));
          const general = Xoshiro128StarStar.fromSeed(seed);
          const specialised = general.clone();
          const generalYears = emptyYears(yearCount);
          const specialisedYears = emptyYears(yearCount);
          const generalOccurrences = simulateYearsInGeneral(
            model,
            opaque(general),
            generalYears,
            0,
            yearCount,
            new Float64Array(1),
          );
          const unpacked = poissonLognormalModelOf(model, specialised);
          expect(unpacked).not.toBeNull();
          if (unpacked === null) return;
          const specialisedOccurrences = simulatePoissonLognormalYears(
            unpacked,
            specialised,
            specialisedYears,
            0,
            yearCount,
          );
          expect(specialisedOccurrences).toBe(generalOccurrences);
          expect(allOutputs(specialisedYears)).toEqual(allOutputs(generalYears));
          expect(specialised.snapshot()).toEqual(general.snapshot());
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is what simulateYears runs for a one-section Poisson × lognormal model on xoshiro128**', () => {
    const model = compileModel(
      specFor({
        rate: 1.3,
        mu: 11,
        sigma: 1.2,
        occurrenceRetention: 25_000,
        aggregateDeductible: 0,
        coinsurance: 0,
      }),
    );
    const viaDispatch = emptyYears(3000);
    const direct = emptyYears(3000);
    const first = Xoshiro128StarStar.fromSeed(7);
    const second = first.clone();
    simulateYears(model, first, viaDispatch, 0, 3000, new Float64Array(1));
    const unpacked = poissonLognormalModelOf(model, second);
    if (unpacked === null) throw new Error('the model should be served by the specialised kernel');
    simulatePoissonLognormalYears(unpacked, second, direct, 0, 3000);
    expect(allOutputs(viaDispatch)).toEqual(allOutputs(direct));
  });
});

describe('poissonLognormalModelOf', () => {
  const base: Terms = {
    rate: 1,
    mu: 10,
    sigma: 1,
    occurrenceRetention: 0,
    aggregateDeductible: 0,
    coinsurance: 0,
  };
  const random = Xoshiro128StarStar.fromSeed(1);

  it.each([
    ['a rate of 0, which draws nothing', { ...base, rate: 0 }],
    ['a rate of 10, which uses PTRS', { ...base, rate: 10 }],
  ])('leaves %s to the general kernel', (_description, terms) => {
    expect(poissonLognormalModelOf(compileModel(specFor(terms)), random)).toBeNull();
  });

  it('leaves other sources, models with two sections or processes, and business interruption alone', () => {
    const spec = specFor(base);
    const [section] = spec.sections;
    if (section === undefined) throw new Error('specFor makes one section');
    const [lossProcess] = section.processes;
    if (lossProcess === undefined) throw new Error('specFor makes one process');
    expect(poissonLognormalModelOf(compileModel(spec), opaque(random))).toBeNull();
    const twoSections = { ...spec, sections: [section, { ...section, id: 'other' }] };
    expect(poissonLognormalModelOf(compileModel(twoSections), random)).toBeNull();
    const twoProcesses = {
      ...spec,
      sections: [{ ...section, processes: [lossProcess, { ...lossProcess, id: 'other' }] }],
    };
    expect(poissonLognormalModelOf(compileModel(twoProcesses), random)).toBeNull();
    const interruption = {
      ...spec,
      sections: [
        {
          ...section,
          processes: [
            {
              id: 'outage',
              frequency: { kind: 'poisson', rate: 1 },
              businessInterruption: {
                outageHours: { kind: 'lognormal', mu: 2, sigma: 1 },
                lossPerHour: 1000,
                waitingPeriodHours: 8,
              },
            },
          ],
        },
      ],
    };
    expect(poissonLognormalModelOf(compileModel(interruption), random)).toBeNull();
    expect(poissonLognormalModelOf(compileModel(spec), random)).not.toBeNull();
  });
});
