/**
 * Input the engine refuses, with the path of the offending field (`sections[0].processes[1].severity.sigma`)
 * so a caller can point a person at it. Thrown once, at the public entry; kernels trust validated input.
 */
export class EngineInputError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'EngineInputError';
  }
}

/** Throws unless `value` is a finite number; returns it typed as such. */
export function requireFinite(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new EngineInputError(field, `must be a finite number (got ${describeValue(value)})`);
  }
  return value;
}

export function requirePositive(value: unknown, field: string): number {
  const number = requireFinite(value, field);
  if (number <= 0) throw new EngineInputError(field, `must be greater than 0 (got ${String(number)})`);
  return number;
}

export function requireNonNegative(value: unknown, field: string): number {
  const number = requireFinite(value, field);
  if (number < 0) throw new EngineInputError(field, `must not be negative (got ${String(number)})`);
  return number;
}

export function requireProbability(value: unknown, field: string): number {
  const number = requireFinite(value, field);
  if (number < 0 || number > 1) {
    throw new EngineInputError(field, `must be a probability between 0 and 1 (got ${String(number)})`);
  }
  return number;
}

export function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `the string '${value}'`;
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return typeof value;
}

/**
 * Refuses fields the engine does not know, so a typo such as `occurenceLimit` is an error rather than a
 * silently unlimited cover. Keys starting with `$` (`$comment`) are annotations and allowed anywhere.
 */
export function rejectUnknownKeys(object: object, known: readonly string[], field: string): void {
  for (const key of Object.keys(object)) {
    if (!key.startsWith('$') && !known.includes(key)) {
      throw new EngineInputError(
        `${field}.${key}`,
        `is not a known field here (expected one of: ${known.join(', ')})`,
      );
    }
  }
}
