import { hash, parseOptions, verify } from '@node-rs/argon2';
import { checkPasswordPolicy, normalisePassword } from './password-policy.js';

/**
 * Argon2id (RFC 9106) with OWASP's first recommended setting: 19 MiB of memory, 2 passes, 1 lane
 * (OWASP Password Storage Cheat Sheet). OWASP lists its settings as equally strong, trading memory for
 * passes; this one keeps memory per concurrent login low on small servers, and takes about 50 ms on the
 * development machine. Raise it here; `passwordHashNeedsRehash` then upgrades hashes at the next login.
 */
const ARGON2ID_PARAMETERS = {
  // Argon2id in @node-rs/argon2's Algorithm enum; a const enum cannot be imported under isolatedModules.
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;
/** Version 0x13 in @node-rs/argon2's Version enum. */
const ARGON2_VERSION_0X13 = 1;
const MINIMUM_SALT_BYTES = 16;

/**
 * The Argon2id hash, with the current parameters, of 32 random bytes that were thrown away. Verifying
 * against it costs what verifying a real user's password costs, and no password matches it. It holds no
 * secret; it is exported for the test that it keeps the current parameters.
 */
export const DUMMY_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$OCk4r6xnAxoKFZQqqVp+dA$2NSxSMvn6X9cv1N9O6xpSN6YpYjTHwX3665cQBIOON4';

/**
 * Hashes a new password with Argon2id and a random 16-byte salt, returning the PHC string
 * (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`) to store.
 * @throws PasswordPolicyError if the password breaks the policy (length 12–256, not a common password).
 */
export async function hashPassword(password: string): Promise<string> {
  checkPasswordPolicy(password);
  return hash(normalisePassword(password), ARGON2ID_PARAMETERS);
}

/**
 * True when `password` matches the stored PHC hash. Never throws: a malformed or foreign hash, or a
 * password that is not a string, gives false. Does not apply the policy, so users whose passwords predate
 * a stricter policy can still log in.
 */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  if (typeof storedHash !== 'string' || typeof password !== 'string') return false;
  try {
    return await verify(storedHash, normalisePassword(password));
  } catch {
    return false;
  }
}

/**
 * Spends the time of one password verification and returns false. Call it when the user is unknown, so
 * a login's duration does not reveal whether the account exists.
 */
export async function verifyAgainstDummyHash(password: string): Promise<false> {
  await verifyPassword(DUMMY_PASSWORD_HASH, typeof password === 'string' ? password : '');
  return false;
}

/**
 * True when a stored hash should be replaced, after the user's next successful login, by
 * `hashPassword` of the same password: it is not Argon2id v0x13, it is weaker than the current
 * parameters in memory, passes, output or salt length, or it cannot be parsed.
 */
export function passwordHashNeedsRehash(storedHash: string): boolean {
  try {
    const stored = parseOptions(storedHash);
    return (
      (stored.algorithm as number) !== ARGON2ID_PARAMETERS.algorithm ||
      (stored.version as number) !== ARGON2_VERSION_0X13 ||
      stored.memoryCost < ARGON2ID_PARAMETERS.memoryCost ||
      stored.timeCost < ARGON2ID_PARAMETERS.timeCost ||
      stored.parallelism !== ARGON2ID_PARAMETERS.parallelism ||
      stored.outputLen < ARGON2ID_PARAMETERS.outputLen ||
      stored.saltLen < MINIMUM_SALT_BYTES
    );
  } catch {
    return true;
  }
}
