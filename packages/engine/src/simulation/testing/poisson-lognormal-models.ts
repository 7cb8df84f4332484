import fc from 'fast-check';

import type { UniformSource } from '../../distributions/distribution.js';
import type { Xoshiro128StarStar } from '../../random/xoshiro128-star-star.js';
import type { SimulationSpec } from '../simulation-spec.js';
import {
  ALL_YEAR_LOSSES,
  bytesPerYear,
  viewYearLosses,
  type YearLossSelection,
  type YearLosses,
} from '../year-losses.js';

/** A one-section Poisson × lognormal model's parameters and terms: what the specialised kernels serve. */
export interface Terms {
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

export function specFor(terms: Terms): SimulationSpec {
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

export function emptyYears(yearCount: number, selection: YearLossSelection = ALL_YEAR_LOSSES): YearLosses {
  return viewYearLosses(new ArrayBuffer(yearCount * bytesPerYear(1, selection)), yearCount, 1, selection);
}

/** Every output array of the years, in a fixed order, as plain numbers for an exact comparison. */
export function allOutputs(years: YearLosses): number[][] {
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
export function opaque(random: Xoshiro128StarStar): UniformSource {
  return { nextFloat64: () => random.nextFloat64(), nextUint32: () => random.nextUint32() };
}

const amount = fc.oneof(fc.constant(0), fc.double({ min: 1, max: 5e6, noNaN: true }));
export const termsArbitrary: fc.Arbitrary<Terms> = fc.record(
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
