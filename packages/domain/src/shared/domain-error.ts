/**
 * Every code a domain failure can carry. Codes are stable: clients, logs and the API's problem catalogue key
 * on them, so a released code is never renamed. Add new codes here; the API's problem catalogue must list
 * each one, or the API does not compile.
 */
export const DOMAIN_ERROR_CODES = [
  'organisation_not_found',
  'organisation_exists',
  'organisation_name_invalid',
  'credit_code_invalid',
  'risk_profile_invalid',
  'coverage_option_invalid',
  'product_not_found',
  'submission_not_found',
  'quote_not_found',
  'policy_not_found',
  'transition_not_allowed',
  'quote_expired',
  'contingencies_outstanding',
  'contingency_unknown',
  'inception_date_invalid',
  'seed_invalid',
  'amount_invalid',
  'organisation_not_insured',
  'sign_in_failed',
  'session_invalid',
  'permission_denied',
  'password_too_weak',
  'user_exists',
  'account_invalid',
  'user_not_found',
  'role_not_for_tenant',
  'tenant_invalid',
  'self_approval_refused',
  'request_not_found',
  'request_already_decided',
  'approval_required',
  'approval_invalid',
  'api_token_not_found',
  'data_subject_not_found',
  'personal_data_invalid',
  'subject_erased',
  'legal_hold_not_found',
  'legal_hold_active',
  'subject_request_not_found',
  'subject_request_closed',
  'subject_request_kind_mismatch',
  'destruction_order_not_found',
  'destruction_already_ordered',
  'separation_of_duties_violated',
  'witness_ineligible',
  'monitored_insured_not_found',
  'already_monitored',
  'inventory_invalid',
  'finding_not_found',
  'triage_invalid',
  'alert_not_found',
  'alert_rule_invalid',
  'feed_invalid',
  'partner_event_invalid',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** A failure the domain knows about. Messages are for people and may be reworded; codes may not. */
export abstract class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The thing asked for does not exist (or the caller may not know that it exists). */
export class NotFoundError extends DomainError {}

/** The request is well-formed but breaks a business rule; `field` names the offending input. */
export class RuleViolationError extends DomainError {
  constructor(
    code: DomainErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(code, message);
  }

  /** The same violation, its field seen from an enclosing request (`profile` + `employees` → `profile.employees`). */
  within(prefix: string): RuleViolationError {
    return new RuleViolationError(
      this.code,
      this.message,
      this.field === undefined ? prefix : `${prefix}.${this.field}`,
    );
  }
}

/** Runs `work`, reporting a rule violation's field as part of `prefix` in the caller's request. */
export function withFieldPrefix<T>(prefix: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw error instanceof RuleViolationError ? error.within(prefix) : error;
  }
}

/** The request would create a second copy of something that must be unique. */
export class ConflictError extends DomainError {
  constructor(
    code: DomainErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(code, message);
  }
}

/** The caller is known but may not do this (HTTP 403); the caller's tenant and roles decide. */
export class ForbiddenError extends DomainError {}

/** Who the caller is could not be established: wrong credentials, an ended session (HTTP 401). */
export class AuthenticationError extends DomainError {}
