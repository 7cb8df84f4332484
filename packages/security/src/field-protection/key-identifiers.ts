/**
 * Ids that end up in file names and inside dot-separated ciphertext strings: a UUID or 1–64 characters of
 * `[A-Za-z0-9_-]` (a UUID is a special case of the latter). No dots, slashes or `..`, so an id can never
 * climb out of the key vault directory or split a ciphertext field.
 */
const SAFE_IDENTIFIER = /^[A-Za-z0-9_-]{1,64}$/;

/** True when `value` may be used as a tenant, subject or data key id. */
export function isSafeIdentifier(value: string): boolean {
  return SAFE_IDENTIFIER.test(value);
}

/**
 * @throws TypeError naming `argumentName` if `value` is not a safe identifier. The value itself is left out
 * of the message: a subject id chosen by a caller could be personal data.
 */
export function assertSafeIdentifier(argumentName: string, value: string): void {
  if (!isSafeIdentifier(value)) {
    throw new TypeError(`${argumentName} must be a UUID or 1-64 characters of [A-Za-z0-9_-]`);
  }
}
