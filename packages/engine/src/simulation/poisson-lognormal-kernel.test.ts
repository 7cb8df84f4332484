import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { Xoshiro128StarStar } from '../random/xoshiro128-star-star.js';
import { simulateYears, simulateYearsInGeneral } from './compound-loss-kernel.js';
import { poissonLognormalModelOf, simulatePoissonLognormalYears } from './poisson-lognormal-kernel.js';
import { compileModel } from './simulation-spec.js';
import {
  allOutputs,
  emptyYears,
  opaque,
  specFor,
  termsArbitrary,
  type Terms,
} from './testing/poisson-lognormal-models.js';

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
