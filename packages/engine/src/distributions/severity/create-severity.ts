/**
 * The severity half of a scenario's JSON input: a `kind` plus that distribution's parameters.
 *
 * @module
 */

import { rejectUnknownKeys } from '../../engine-input-error.js';
import type { SeverityDistribution } from '../distribution.js';
import { requireKnownKind } from '../distribution-kind.js';
import { createEmpirical, type EmpiricalParameters } from './empirical.js';
import {
  createLognormal,
  lognormalFromInterval,
  type LognormalInterval,
  type LognormalParameters,
} from './lognormal.js';
import { createPert, type PertParameters } from './pert.js';
import { createSplicedLognormalGpd, type SplicedLognormalGpdParameters } from './spliced-lognormal-gpd.js';

/** `{ "kind": "lognormal", "mu": 11, "sigma": 1.2 }`: ln X ~ Normal(11, 1.2²). */
export interface LognormalSpec extends LognormalParameters {
  readonly kind: 'lognormal';
}

/** `{ "kind": "lognormal_interval", "low": 10000, "high": 500000 }`: the lognormal with these 5th and 95th
 * percentiles. */
export interface LognormalIntervalSpec extends LognormalInterval {
  readonly kind: 'lognormal_interval';
}

/** `{ "kind": "pert", "min": 0, "mode": 20000, "max": 300000, "shape": 4 }` (shape optional, default 4). */
export interface PertSpec extends PertParameters {
  readonly kind: 'pert';
}

/**
 * `{ "kind": "spliced_lognormal_gpd", "mu": 10, "sigma": 1.5, "threshold": 200000, "tailShape": 0.3,
 * "tailScale": 150000 }`: lognormal below the threshold, generalised Pareto above it.
 */
export interface SplicedLognormalGpdSpec extends SplicedLognormalGpdParameters {
  readonly kind: 'spliced_lognormal_gpd';
}

/** `{ "kind": "empirical", "values": [12000, 56000, 230000] }`: each listed loss equally likely. */
export interface EmpiricalSpec extends EmpiricalParameters {
  readonly kind: 'empirical';
}

/** The size of one loss: plain JSON, validated by `createSeverity()`. */
export type SeveritySpec =
  LognormalSpec | LognormalIntervalSpec | PertSpec | SplicedLognormalGpdSpec | EmpiricalSpec;

export const SEVERITY_KINDS: readonly SeveritySpec['kind'][] = [
  'lognormal',
  'lognormal_interval',
  'pert',
  'spliced_lognormal_gpd',
  'empirical',
];

/** A validated severity and the plain-English warnings about input that is valid but suspicious. */
export interface SeverityWithWarnings {
  distribution: SeverityDistribution;
  warnings: string[];
}

/**
 * Validates `spec` and builds its distribution. `field` is the path of the spec in the caller's input
 * (`sections[0].processes[1].severity`); errors and warnings name it.
 *
 * Warnings: a lognormal interval whose implied mean exceeds `high`; a GPD tail with tailShape ≥ 1, whose
 * mean is infinite.
 *
 * @throws EngineInputError naming `${field}.kind` for an unknown kind, or the parameter that is invalid.
 */
/** The fields each kind takes; anything else in a spec is refused (a misspelt `shap` must not pass). */
const SEVERITY_FIELDS: Readonly<Record<SeveritySpec['kind'], readonly string[]>> = {
  lognormal: ['kind', 'mu', 'sigma'],
  lognormal_interval: ['kind', 'low', 'high'],
  pert: ['kind', 'min', 'mode', 'max', 'shape'],
  spliced_lognormal_gpd: ['kind', 'mu', 'sigma', 'threshold', 'tailShape', 'tailScale'],
  empirical: ['kind', 'values'],
};

export function createSeverity(spec: SeveritySpec, field: string): SeverityWithWarnings {
  requireKnownKind(spec, field, SEVERITY_KINDS, 'severity');
  rejectUnknownKeys(spec, SEVERITY_FIELDS[spec.kind], field);
  switch (spec.kind) {
    case 'lognormal':
      return { distribution: createLognormal(spec, field), warnings: [] };
    case 'lognormal_interval':
      return lognormalFromInterval(spec, field);
    case 'pert':
      return { distribution: createPert(spec, field), warnings: [] };
    case 'spliced_lognormal_gpd': {
      const distribution = createSplicedLognormalGpd(spec, field);
      const warnings =
        distribution.mean() === Number.POSITIVE_INFINITY
          ? [
              `${field}: tailShape ${String(distribution.tailShape)} is 1 or more, so one loss has an ` +
                `infinite mean and simulated averages will not settle however many years are run; limits on the ` +
                `insured loss keep ceded results finite.`,
            ]
          : [];
      return { distribution, warnings };
    }
    case 'empirical':
      return { distribution: createEmpirical(spec, field), warnings: [] };
  }
}
