/** Why a password was refused. Stable: clients branch on it. */
export type PasswordPolicyViolation = 'password_too_short' | 'password_too_long' | 'password_too_common';

/** Thrown by `hashPassword` for a password the policy refuses. The message never contains the password. */
export class PasswordPolicyError extends Error {
  override readonly name = 'PasswordPolicyError';
  readonly code: PasswordPolicyViolation;

  constructor(code: PasswordPolicyViolation, message: string) {
    super(message);
    this.code = code;
  }
}

/** Counted in Unicode code points after NFKC normalisation (see {@link normalisePassword}). */
export const PASSWORD_MIN_CHARACTERS = 12;
/** Long enough for any passphrase or password manager, short enough to bound the work of one hash. */
export const PASSWORD_MAX_CHARACTERS = 256;

// A deliberately tiny list: the most common passwords that are long enough to pass the length rule, taken
// from the tops of public breach-frequency lists. It stops the worst choices only; a check against a
// breached-password corpus (NIST SP 800-63B §5.1.1.2) is still to be added.
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123123123123',
  '111111111111',
  '000000000000',
  '1q2w3e4r5t6y',
  'qwertyuiop12',
  'qwerty123456',
  '123456qwerty',
  'qwertyuiopasdfgh',
  'qwertyuiopasdfghjkl',
  'password1234',
  'password123!',
  'password12345',
  'passwordpassword',
  'iloveyou1234',
  'abc123456789',
  'abcdefghijkl',
  'letmein12345',
  'welcome12345',
  'administrator',
  'administrator1',
  'changeme1234',
  'football1234',
  'aa123456789a',
]);

/**
 * NFKC normalisation, as NIST SP 800-63B §5.1.1.2 recommends, so a password typed on another keyboard or
 * platform (composed vs decomposed accents, full-width digits) still matches. Hashing and verifying both
 * apply it.
 */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC');
}

/**
 * Checks a new password against the policy: 12 to 256 characters and not one of the most common passwords.
 * @throws PasswordPolicyError naming the rule that was broken.
 */
export function checkPasswordPolicy(password: string): void {
  const normalised = normalisePassword(password);
  const characters = countCodePoints(normalised);
  if (characters < PASSWORD_MIN_CHARACTERS) {
    throw new PasswordPolicyError(
      'password_too_short',
      `password must have at least ${PASSWORD_MIN_CHARACTERS} characters`,
    );
  }
  if (characters > PASSWORD_MAX_CHARACTERS) {
    throw new PasswordPolicyError(
      'password_too_long',
      `password must have at most ${PASSWORD_MAX_CHARACTERS} characters`,
    );
  }
  if (COMMON_PASSWORDS.has(normalised.toLowerCase())) {
    throw new PasswordPolicyError(
      'password_too_common',
      'password is one of the most commonly used passwords',
    );
  }
}

/** NIST SP 800-63B counts each Unicode code point as one character, whatever it renders as. */
function countCodePoints(text: string): number {
  return Array.from(text).length;
}
