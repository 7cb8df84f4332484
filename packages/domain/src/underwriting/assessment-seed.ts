/**
 * The seed an assessment uses when the caller gives none: a 64-bit FNV-1a hash of its canonical input, so
 * the same company, cover and rate plan always give the same simulated years — and so the same quote —
 * without anyone having to keep a seed.
 */
export function seedFromInput(input: unknown): string {
  const text = canonicalJson(input);
  let hash = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = (1n << 64n) - 1n;
  for (let index = 0; index < text.length; index++) {
    hash ^= BigInt(text.charCodeAt(index));
    hash = (hash * prime) & mask;
  }
  return hash.toString();
}

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  // JSON.stringify gives undefined for undefined and functions, which canonical input never holds.
  return value === undefined ? 'null' : JSON.stringify(value);
}
