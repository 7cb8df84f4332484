import type { UnitOfWork } from '../platform/unit-of-work.js';

/** What the identity use cases need: storage scoped to the caller, and a clock (tests pin it). */
export interface IdentityServices {
  readonly unitOfWork: UnitOfWork;
  readonly now: () => Date;
}

/** After this many wrong passwords in a row an account is locked for LOCKOUT_MINUTES. */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;
/** A session lasts one working day; signing in again starts a new one. */
export const SESSION_HOURS = 8;
