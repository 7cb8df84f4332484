/**
 * A failure the domain knows about. `code` is stable: clients, logs and the API's error table key on it,
 * so it never changes once released. Messages are for people and may be reworded.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The thing asked for does not exist (or the caller may not know that it exists). */
export class NotFoundError extends DomainError {
  readonly code: string;

  constructor(entity: string, id: string) {
    super(`${entity} ${id} was not found`);
    this.code = `${entity}_not_found`;
  }
}

/** The request is well-formed but breaks a business rule; `field` names the offending input. */
export class RuleViolationError extends DomainError {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The request would create a second copy of something that must be unique. */
export class ConflictError extends DomainError {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
