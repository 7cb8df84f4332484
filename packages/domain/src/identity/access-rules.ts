import { ForbiddenError } from '../shared/domain-error.js';
import type { Actor } from './actor.js';
import type { Role } from './roles.js';

/**
 * Which roles may take each action on one model. Each model's table lives next to the model
 * (`underwriting/underwriting-access-rules.ts`); an access-matrix test per model checks every role × action.
 */
export type AccessRules<Action extends string> = Readonly<Record<Action, readonly Role[]>>;

/**
 * True when the actor may take the action. The system actor may do anything: it is only ever the platform's
 * own jobs. An API token may additionally be narrowed to some actions (its scopes).
 */
export function isPermitted<Action extends string>(
  actor: Actor,
  rules: AccessRules<Action>,
  action: Action,
): boolean {
  if (actor.kind === 'system') return true;
  if (actor.scopes !== null && !actor.scopes.includes(action)) return false;
  const allowed = rules[action];
  return actor.roles.some((role) => allowed.includes(role));
}

/** @throws ForbiddenError `permission_denied` when the actor may not take the action. */
export function requirePermission<Action extends string>(
  actor: Actor,
  rules: AccessRules<Action>,
  action: Action,
): void {
  if (!isPermitted(actor, rules, action)) {
    throw new ForbiddenError('permission_denied', `your roles do not allow ${action}`);
  }
}
