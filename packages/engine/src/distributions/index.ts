/**
 * Frequency and severity distributions: validated constructors, the JSON specs that select them, and the
 * normal distribution functions they are built on.
 *
 * @module
 */

export type { FrequencyDistribution, SeverityDistribution, UniformSource } from './distribution.js';
export { normalCdf, normalQuantile } from './normal.js';

export {
  createFrequency,
  FREQUENCY_KINDS,
  type BernoulliSpec,
  type FrequencySpec,
  type NegativeBinomialSpec,
  type PoissonSpec,
} from './frequency/create-frequency.js';
export { BernoulliDistribution, createBernoulli, type BernoulliParameters } from './frequency/bernoulli.js';
export {
  createNegativeBinomial,
  NegativeBinomialDistribution,
  type NegativeBinomialParameters,
} from './frequency/negative-binomial.js';
export { createPoisson, PoissonDistribution, type PoissonParameters } from './frequency/poisson.js';

export {
  createSeverity,
  SEVERITY_KINDS,
  type EmpiricalSpec,
  type LognormalIntervalSpec,
  type LognormalSpec,
  type PertSpec,
  type SeveritySpec,
  type SeverityWithWarnings,
  type SplicedLognormalGpdSpec,
} from './severity/create-severity.js';
export { createEmpirical, EmpiricalDistribution, type EmpiricalParameters } from './severity/empirical.js';
export {
  createLognormal,
  LognormalDistribution,
  lognormalFromInterval,
  lognormalLimitedExpectedValue,
  Z_95,
  type LognormalInterval,
  type LognormalParameters,
} from './severity/lognormal.js';
export { createPert, DEFAULT_PERT_SHAPE, PertDistribution, type PertParameters } from './severity/pert.js';
export {
  createSplicedLognormalGpd,
  SplicedLognormalGpdDistribution,
  type SplicedLognormalGpdParameters,
} from './severity/spliced-lognormal-gpd.js';
