const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `value` can be a uuid column's value. An id that is not a UUID cannot exist; asking PostgreSQL
 * would raise a cast error (22P02) instead, which aborts the caller's transaction.
 */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
