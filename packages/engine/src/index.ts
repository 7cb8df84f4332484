export { Xoshiro128StarStar } from './random/xoshiro128-star-star.js';
export type { RandomSeed, Xoshiro128StarStarState } from './random/xoshiro128-star-star.js';
export { createStream, createStreams } from './random/random-streams.js';
export { standardNormal } from './random/ziggurat-normal.js';
export { EngineInputError } from './engine-input-error.js';
export type {
  UniformSource,
  SeverityDistribution,
  FrequencyDistribution,
} from './distributions/distribution.js';
export {
  createFrequency,
  createSeverity,
  type FrequencySpec,
  type SeveritySpec,
} from './distributions/index.js';
export { summariseLosses, type LossSummary } from './metrics/loss-metrics.js';
export {
  validateSimulation,
  DEFAULT_VAR_LEVELS,
  DEFAULT_RETURN_PERIODS,
  DEFAULT_EXCEEDANCE_THRESHOLDS,
  DEFAULT_SIMULATION_LIMITS,
  type SimulationSpec,
  type SectionSpec,
  type LossProcessSpec,
  type BusinessInterruptionSpec,
  type PolicyTermsSpec,
  type OutputSpec,
  type SimulationLimits,
} from './simulation/simulation-spec.js';
export {
  simulate,
  simulateEach,
  ALL_QUANTITIES,
  type SimulateOptions,
  type SimulateEachOptions,
  type SimulationResult,
} from './simulation/simulate.js';
export type { RunSummary, SummarisedQuantity, SectionContribution } from './simulation/run-simulation.js';
export type { YearLosses } from './simulation/year-losses.js';
export { SimulationWorkerPool } from './simulation/worker-pool.js';
