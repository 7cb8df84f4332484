import {
  EngineInputError,
  describeValue,
  requireFinite,
  requireNonNegative,
  requirePositive,
  requireProbability,
  rejectUnknownKeys,
} from '../engine-input-error.js';
import type { FrequencyDistribution, SeverityDistribution } from '../distributions/distribution.js';
import {
  createFrequency,
  createSeverity,
  type FrequencySpec,
  type SeveritySpec,
} from '../distributions/index.js';
import type { RandomSeed } from '../random/xoshiro128-star-star.js';

/**
 * The engine's input, as plain JSON. A *loss process* is one way an insured loses money (ransomware,
 * a cloud outage): how many times a year (frequency) × how much each time (severity). Processes sit in
 * coverage *sections*, which carry per-occurrence and annual terms; the *policy* carries the terms applied
 * to the sum of all sections.
 */
export interface SimulationSpec {
  readonly sections: readonly SectionSpec[];
  readonly policy?: PolicyTermsSpec;
  /** Simulated years. */
  readonly iterations: number;
  /** A non-negative safe integer, or a decimal string of an integer up to 2^64 − 1. */
  readonly seed: number | string;
  readonly outputs?: OutputSpec;
}

export interface SectionSpec {
  readonly id: string;
  /** Deductible of each occurrence (each-and-every retention); default 0. */
  readonly occurrenceRetention?: number;
  /** Most the insurer pays for one occurrence, in excess of the retention; default unlimited. */
  readonly occurrenceLimit?: number;
  /** Section sub-limit: most the insurer pays for this section in one year; default unlimited. */
  readonly aggregateLimit?: number;
  readonly processes: readonly LossProcessSpec[];
}

export type LossProcessSpec =
  | { readonly id: string; readonly frequency: FrequencySpec; readonly severity: SeveritySpec }
  | {
      readonly id: string;
      readonly frequency: FrequencySpec;
      readonly businessInterruption: BusinessInterruptionSpec;
    };

/**
 * Business interruption: an outage lasts `outageHours` (a distribution) and costs `lossPerHour`. The
 * waiting period is a time retention: only hours beyond it are covered; the hours within it stay with the
 * insured (they count in gross and retained loss, never in ceded).
 */
export interface BusinessInterruptionSpec {
  readonly outageHours: SeveritySpec;
  readonly lossPerHour: number;
  readonly waitingPeriodHours: number;
}

export interface PolicyTermsSpec {
  /** Annual aggregate deductible, taken from the sum of the sections' insured losses; default 0. */
  readonly aggregateDeductible?: number;
  /**
   * Most the policy responds to in one year across all sections, after the aggregate deductible; default
   * unlimited. The coinsurance share is taken after it, so the insurer pays at most (1 − coinsurance) × this.
   */
  readonly aggregateLimit?: number;
  /** The insured's share of what the policy responds to (coinsurance), 0 to 1; default 0. Applied last. */
  readonly coinsurance?: number;
}

export interface OutputSpec {
  readonly varLevels?: readonly number[];
  readonly returnPeriods?: readonly number[];
  readonly exceedanceThresholds?: readonly number[];
}

export const DEFAULT_VAR_LEVELS = [0.9, 0.95, 0.99, 0.995, 0.999] as const;
export const DEFAULT_RETURN_PERIODS = [2, 5, 10, 20, 50, 100, 250, 500, 1000] as const;
/** 10^3 … 10^9 in tenths of a decade, as in the crq-bench-v1 workload. */
export const DEFAULT_EXCEEDANCE_THRESHOLDS: readonly number[] = Array.from(
  { length: 61 },
  (_, k) => 10 ** (3 + k / 10),
);

export interface SimulationLimits {
  /** Largest `iterations` accepted; protects a shared server from a request that would exhaust memory. */
  readonly maxIterations: number;
}

export const DEFAULT_SIMULATION_LIMITS: SimulationLimits = { maxIterations: 10_000_000 };

/** A loss process ready for the kernel: distributions built, terms resolved. */
export interface CompiledProcess {
  readonly id: string;
  readonly frequency: FrequencyDistribution;
  /** Loss of one occurrence (money), or outage hours for business interruption. */
  readonly severity: SeverityDistribution;
  /** 0 for a plain process; the loss per hour for business interruption. */
  readonly lossPerHour: number;
  /** 0 for a plain process. */
  readonly waitingPeriodHours: number;
  readonly isBusinessInterruption: boolean;
}

export interface CompiledSection {
  readonly id: string;
  readonly occurrenceRetention: number;
  readonly occurrenceLimit: number;
  readonly aggregateLimit: number;
  readonly processes: readonly CompiledProcess[];
}

export interface CompiledModel {
  readonly sections: readonly CompiledSection[];
  readonly aggregateDeductible: number;
  readonly aggregateLimit: number;
  readonly coinsurance: number;
}

export interface ValidatedSimulation {
  readonly spec: SimulationSpec;
  readonly model: CompiledModel;
  readonly seed: RandomSeed;
  readonly iterations: number;
  readonly outputs: Required<{ [K in keyof OutputSpec]: readonly number[] }>;
  /** Things that are allowed but probably not meant, in plain sentences naming the field. */
  readonly warnings: readonly string[];
}

function requireObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EngineInputError(field, `must be an object (got ${describeValue(value)})`);
  }
  return value as Record<string, unknown>;
}

function requireArray(value: unknown, field: string, minimumLength: number): readonly unknown[] {
  if (!Array.isArray(value))
    throw new EngineInputError(field, `must be a list (got ${describeValue(value)})`);
  if (value.length < minimumLength) {
    throw new EngineInputError(
      field,
      `must have at least ${String(minimumLength)} entr${minimumLength === 1 ? 'y' : 'ies'}`,
    );
  }
  return value as readonly unknown[];
}

function requireId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new EngineInputError(field, `must be a non-empty string (got ${describeValue(value)})`);
  }
  return value;
}

function optionalAmount(value: unknown, field: string, fallback: number): number {
  return value === undefined || value === null ? fallback : requireNonNegative(value, field);
}

function optionalLimit(value: unknown, field: string): number {
  return value === undefined || value === null ? Number.POSITIVE_INFINITY : requirePositive(value, field);
}

function parseSeed(value: unknown): RandomSeed {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new EngineInputError('seed', `must be a non-negative integer (got ${String(value)})`);
    }
    return value;
  }
  if (typeof value === 'string' && /^\d{1,20}$/.test(value) && BigInt(value) <= (1n << 64n) - 1n) {
    return BigInt(value);
  }
  throw new EngineInputError(
    'seed',
    `must be a non-negative integer up to 2^64 − 1 (got ${describeValue(value)})`,
  );
}

function parseIterations(value: unknown, limits: SimulationLimits): number {
  const iterations = requireFinite(value, 'iterations');
  if (!Number.isSafeInteger(iterations) || iterations < 1) {
    throw new EngineInputError(
      'iterations',
      `must be a whole number of at least 1 (got ${String(iterations)})`,
    );
  }
  if (iterations > limits.maxIterations) {
    throw new EngineInputError(
      'iterations',
      `must be at most ${String(limits.maxIterations)}, the configured maximum (got ${String(iterations)})`,
    );
  }
  return iterations;
}

function parseLevels(
  value: unknown,
  field: string,
  fallback: readonly number[],
  check: (v: unknown, f: string) => number,
): readonly number[] {
  if (value === undefined) return fallback;
  return requireArray(value, field, 1).map((entry, index) => check(entry, `${field}[${String(index)}]`));
}

function compileProcess(value: unknown, field: string, warnings: string[]): CompiledProcess {
  const process = requireObject(value, field);
  rejectUnknownKeys(process, ['id', 'frequency', 'severity', 'businessInterruption'], field);
  const id = requireId(process['id'], `${field}.id`);
  const frequency = createFrequency(process['frequency'] as FrequencySpec, `${field}.frequency`);
  const hasSeverity = process['severity'] !== undefined;
  const hasInterruption = process['businessInterruption'] !== undefined;
  if (hasSeverity === hasInterruption) {
    throw new EngineInputError(field, 'needs exactly one of severity or businessInterruption');
  }
  if (hasSeverity) {
    const severity = createSeverity(process['severity'] as SeveritySpec, `${field}.severity`);
    warnings.push(...severity.warnings);
    return {
      id,
      frequency,
      severity: severity.distribution,
      lossPerHour: 0,
      waitingPeriodHours: 0,
      isBusinessInterruption: false,
    };
  }
  const interruptionField = `${field}.businessInterruption`;
  const interruption = requireObject(process['businessInterruption'], interruptionField);
  rejectUnknownKeys(interruption, ['outageHours', 'lossPerHour', 'waitingPeriodHours'], interruptionField);
  const outage = createSeverity(
    interruption['outageHours'] as SeveritySpec,
    `${interruptionField}.outageHours`,
  );
  warnings.push(...outage.warnings);
  return {
    id,
    frequency,
    severity: outage.distribution,
    lossPerHour: requirePositive(interruption['lossPerHour'], `${interruptionField}.lossPerHour`),
    waitingPeriodHours: requireNonNegative(
      interruption['waitingPeriodHours'],
      `${interruptionField}.waitingPeriodHours`,
    ),
    isBusinessInterruption: true,
  };
}

/** Builds the kernel's model from a spec; throws EngineInputError naming the first bad field. */
export function compileModel(spec: unknown, warnings: string[] = []): CompiledModel {
  const root = requireObject(spec, 'simulation');
  rejectUnknownKeys(root, ['sections', 'policy', 'iterations', 'seed', 'outputs'], 'simulation');
  const sectionIds = new Set<string>();
  const sections = requireArray(root['sections'], 'sections', 1).map(
    (value, sectionIndex): CompiledSection => {
      const field = `sections[${String(sectionIndex)}]`;
      const section = requireObject(value, field);
      rejectUnknownKeys(
        section,
        ['id', 'occurrenceRetention', 'occurrenceLimit', 'aggregateLimit', 'processes'],
        field,
      );
      const id = requireId(section['id'], `${field}.id`);
      if (sectionIds.has(id)) throw new EngineInputError(`${field}.id`, `'${id}' is used by another section`);
      sectionIds.add(id);
      const processIds = new Set<string>();
      const processes = requireArray(section['processes'], `${field}.processes`, 1).map(
        (process, processIndex) => {
          const compiled = compileProcess(process, `${field}.processes[${String(processIndex)}]`, warnings);
          if (processIds.has(compiled.id)) {
            throw new EngineInputError(
              `${field}.processes[${String(processIndex)}].id`,
              `'${compiled.id}' is used twice in this section`,
            );
          }
          processIds.add(compiled.id);
          return compiled;
        },
      );
      return {
        id,
        occurrenceRetention: optionalAmount(
          section['occurrenceRetention'],
          `${field}.occurrenceRetention`,
          0,
        ),
        occurrenceLimit: optionalLimit(section['occurrenceLimit'], `${field}.occurrenceLimit`),
        aggregateLimit: optionalLimit(section['aggregateLimit'], `${field}.aggregateLimit`),
        processes,
      };
    },
  );
  const policy = root['policy'] === undefined ? {} : requireObject(root['policy'], 'policy');
  rejectUnknownKeys(policy, ['aggregateDeductible', 'aggregateLimit', 'coinsurance'], 'policy');
  return {
    sections,
    aggregateDeductible: optionalAmount(policy['aggregateDeductible'], 'policy.aggregateDeductible', 0),
    aggregateLimit: optionalLimit(policy['aggregateLimit'], 'policy.aggregateLimit'),
    coinsurance:
      policy['coinsurance'] === undefined
        ? 0
        : requireProbability(policy['coinsurance'], 'policy.coinsurance'),
  };
}

/** Validates a whole request once, at the public entry: model, seed, iterations and requested outputs. */
export function validateSimulation(
  spec: unknown,
  limits: SimulationLimits = DEFAULT_SIMULATION_LIMITS,
): ValidatedSimulation {
  const warnings: string[] = [];
  const model = compileModel(spec, warnings);
  const root = spec as Record<string, unknown>;
  const outputs = root['outputs'] === undefined ? {} : requireObject(root['outputs'], 'outputs');
  rejectUnknownKeys(outputs, ['varLevels', 'returnPeriods', 'exceedanceThresholds'], 'outputs');
  const level = (value: unknown, field: string): number => {
    const number = requireProbability(value, field);
    if (number >= 1) throw new EngineInputError(field, 'must be below 1');
    return number;
  };
  const returnPeriod = (value: unknown, field: string): number => {
    const number = requireFinite(value, field);
    if (number <= 1) throw new EngineInputError(field, `must be more than 1 year (got ${String(number)})`);
    return number;
  };
  return {
    spec: spec as SimulationSpec,
    model,
    seed: parseSeed(root['seed']),
    iterations: parseIterations(root['iterations'], limits),
    outputs: {
      varLevels: parseLevels(outputs['varLevels'], 'outputs.varLevels', DEFAULT_VAR_LEVELS, level),
      returnPeriods: parseLevels(
        outputs['returnPeriods'],
        'outputs.returnPeriods',
        DEFAULT_RETURN_PERIODS,
        returnPeriod,
      ),
      exceedanceThresholds: parseLevels(
        outputs['exceedanceThresholds'],
        'outputs.exceedanceThresholds',
        DEFAULT_EXCEEDANCE_THRESHOLDS,
        requireNonNegative,
      ),
    },
    warnings,
  };
}
