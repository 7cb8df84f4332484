/**
 * Serialises a value as canonical JSON in the manner of RFC 8785, the JSON Canonicalization Scheme
 * (https://www.rfc-editor.org/rfc/rfc8785): object members sorted by the UTF-16 code units of their names,
 * no whitespace, strings and numbers in the ECMAScript `JSON.stringify` form that RFC 8785 adopts. Equal
 * audit records therefore always give the same bytes, and so the same Merkle leaf hash.
 *
 * Accepted values: `null`, booleans, finite numbers (`-0` becomes `0`, as in RFC 8785), strings without lone
 * surrogates (RFC 8785 requires I-JSON, RFC 7493), arrays, plain objects (prototype `Object.prototype` or
 * `null`) and `Date`, which becomes its ISO 8601 UTC string. An object member whose value is `undefined` is
 * left out, as `JSON.stringify` does, so optional fields may be absent or undefined.
 *
 * Everything else is refused rather than silently changed, because an audit record that loses a field
 * still hashes and verifies: `undefined` in an array or at the top, NaN and ±Infinity, bigint, symbols,
 * functions, symbol-keyed members, invalid dates, cycles, and class instances such as Map, Buffer or
 * `Redacted` (a secret has no place in an audit record).
 *
 * @throws TypeError naming the path of the offending value (never the value itself, which may be personal data).
 * @throws RangeError for a non-finite number or an invalid date.
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  writeValue(value, '$', parts, new Set());
  return parts.join('');
}

/** {@link canonicalJson} as UTF-8 bytes, the input to the audit log's leaf hash. */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}

const LONE_SURROGATE = /\p{Surrogate}/u;

function writeValue(value: unknown, path: string, parts: string[], ancestors: Set<object>): void {
  switch (typeof value) {
    case 'string':
      parts.push(serialiseString(value, path));
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError(`canonicalJson: ${path} is not a finite number`);
      // Number#toString is the ECMAScript Number serialisation RFC 8785 §3.2.2.3 prescribes.
      parts.push(JSON.stringify(value));
      return;
    case 'boolean':
      parts.push(value ? 'true' : 'false');
      return;
    case 'object':
      if (value === null) {
        parts.push('null');
        return;
      }
      writeObject(value, path, parts, ancestors);
      return;
    case 'undefined':
    case 'bigint':
    case 'symbol':
    case 'function':
      throw new TypeError(`canonicalJson: ${path} is a ${typeof value}, which JSON cannot represent`);
  }
}

function writeObject(value: object, path: string, parts: string[], ancestors: Set<object>): void {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError(`canonicalJson: ${path} is an invalid Date`);
    parts.push(JSON.stringify(value.toISOString()));
    return;
  }
  if (ancestors.has(value)) throw new TypeError(`canonicalJson: ${path} refers back to itself`);
  ancestors.add(value);
  if (Array.isArray(value)) {
    parts.push('[');
    value.forEach((element: unknown, index) => {
      if (index > 0) parts.push(',');
      if (element === undefined) {
        throw new TypeError(`canonicalJson: ${path}[${index}] is undefined inside an array`);
      }
      writeValue(element, `${path}[${index}]`, parts, ancestors);
    });
    parts.push(']');
  } else {
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new TypeError(`canonicalJson: ${path} is not a plain object, array or Date`);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) {
      throw new TypeError(`canonicalJson: ${path} has symbol-keyed members`);
    }
    const record = value as Record<string, unknown>;
    // The default sort compares UTF-16 code units, which is the order RFC 8785 §3.2.3 requires.
    const names = Object.keys(record).sort();
    parts.push('{');
    let first = true;
    for (const name of names) {
      const member = record[name];
      if (member === undefined) continue;
      if (!first) parts.push(',');
      first = false;
      const memberPath = `${path}.${name}`;
      parts.push(serialiseString(name, memberPath), ':');
      writeValue(member, memberPath, parts, ancestors);
    }
    parts.push('}');
  }
  ancestors.delete(value);
}

function serialiseString(text: string, path: string): string {
  if (LONE_SURROGATE.test(text)) throw new TypeError(`canonicalJson: ${path} contains a lone surrogate`);
  return JSON.stringify(text);
}
