/**
 * The frequency half of a scenario's JSON input: a `kind` plus that distribution's parameters.
 *
 * @module
 */

import { rejectUnknownKeys } from '../../engine-input-error.js';
import type { FrequencyDistribution } from '../distribution.js';
import { requireKnownKind } from '../distribution-kind.js';
import { createBernoulli, type BernoulliParameters } from './bernoulli.js';
import { createNegativeBinomial, type NegativeBinomialParameters } from './negative-binomial.js';
import { createPoisson, type PoissonParameters } from './poisson.js';

/** `{ "kind": "poisson", "rate": 0.3 }`: independent occurrences at 0.3 a year on average. */
export interface PoissonSpec extends PoissonParameters {
  readonly kind: 'poisson';
}

/** `{ "kind": "negative_binomial", "rate": 0.3, "dispersion": 2 }`: mean 0.3, variance 0.3 + 0.3²/2. */
export interface NegativeBinomialSpec extends NegativeBinomialParameters {
  readonly kind: 'negative_binomial';
}

/** `{ "kind": "bernoulli", "probability": 0.05 }`: at most one occurrence a year, with probability 5 %. */
export interface BernoulliSpec extends BernoulliParameters {
  readonly kind: 'bernoulli';
}

/** How many occurrences a year: plain JSON, validated by `createFrequency()`. */
export type FrequencySpec = PoissonSpec | NegativeBinomialSpec | BernoulliSpec;

export const FREQUENCY_KINDS: readonly FrequencySpec['kind'][] = [
  'poisson',
  'negative_binomial',
  'bernoulli',
];

/**
 * Validates `spec` and builds its distribution. `field` is the path of the spec in the caller's input
 * (`sections[0].processes[1].frequency`); errors name the offending field below it.
 *
 * @throws EngineInputError naming `${field}.kind` for an unknown kind, or the parameter that is invalid.
 */
/** The fields each kind takes; anything else in a spec is refused (a misspelt `rat` must not pass). */
const FREQUENCY_FIELDS: Readonly<Record<FrequencySpec['kind'], readonly string[]>> = {
  poisson: ['kind', 'rate'],
  negative_binomial: ['kind', 'rate', 'dispersion'],
  bernoulli: ['kind', 'probability'],
};

export function createFrequency(spec: FrequencySpec, field: string): FrequencyDistribution {
  requireKnownKind(spec, field, FREQUENCY_KINDS, 'frequency');
  rejectUnknownKeys(spec, FREQUENCY_FIELDS[spec.kind], field);
  switch (spec.kind) {
    case 'poisson':
      return createPoisson(spec, field);
    case 'negative_binomial':
      return createNegativeBinomial(spec, field);
    case 'bernoulli':
      return createBernoulli(spec, field);
  }
}
