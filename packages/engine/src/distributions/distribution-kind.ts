/**
 * Checks the `kind` discriminator of a distribution spec that arrived as JSON.
 *
 * @module
 */

import { describeValue, EngineInputError } from '../engine-input-error.js';

/**
 * Throws unless `spec` is an object whose `kind` is one of `kinds`, so that a switch on the kind can trust
 * the static type afterwards.
 *
 * @throws EngineInputError naming `field` if `spec` is not an object, or `${field}.kind` for any other kind.
 */
export function requireKnownKind(spec: unknown, field: string, kinds: readonly string[], what: string): void {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new EngineInputError(field, `must be a ${what} object with a kind (got ${describeValue(spec)})`);
  }
  const kind: unknown = (spec as { kind?: unknown }).kind;
  if (typeof kind !== 'string' || !kinds.includes(kind)) {
    const received = typeof kind === 'string' ? `'${kind}'` : describeValue(kind);
    throw new EngineInputError(
      `${field}.kind`,
      `unknown distribution ${received}; expected one of ${kinds.map((known) => `'${known}'`).join(', ')}`,
    );
  }
}
