import type { Context } from 'hono';
import {
  AuthenticationError,
  ForbiddenError,
  isPermitted,
  type AccessContext,
  type AccessRules,
  type UnitOfWork,
  type UnitOfWorkFactory,
  type UserActor,
} from '@carapace/domain';
import type { ApiEnv } from './api-env.js';

/** The header that names an approved data-access request (unmask, export, bulk query, break-glass). */
export const APPROVAL_HEADER = 'carapace-approval';
const APPROVAL_ID = /^[0-9a-f-]{36}$/i;

/** The signed-in caller; the authentication middleware has already answered 401 on routes that need one. */
export function requireActor(c: Context<ApiEnv>): UserActor {
  const actor = c.get('actor');
  if (actor === null) throw new AuthenticationError('session_invalid', 'sign in first');
  return actor;
}

export function accessContextOf(c: Context<ApiEnv>, actor: UserActor, purpose: string): AccessContext {
  const approval = c.req.header(APPROVAL_HEADER);
  return {
    actor,
    purpose,
    requestId: c.get('requestId'),
    approvalId: approval !== undefined && APPROVAL_ID.test(approval) ? approval.toLowerCase() : null,
  };
}

/**
 * The authorise step of a route's pipeline: the caller's roles must allow `action` (a refusal is audited in
 * its own transaction, then answered 403), and the unit of work returned is limited to the caller's tenant and
 * audits under `action` as its purpose.
 */
export async function authorise<Action extends string>(
  c: Context<ApiEnv>,
  unitOfWorkFor: UnitOfWorkFactory,
  rules: AccessRules<Action>,
  action: Action,
): Promise<{ readonly actor: UserActor; readonly unitOfWork: UnitOfWork; readonly context: AccessContext }> {
  const actor = requireActor(c);
  const context = accessContextOf(c, actor, action);
  const unitOfWork = unitOfWorkFor(context);
  if (!isPermitted(actor, rules, action)) {
    await unitOfWork.run((repositories) =>
      repositories.audit.record({
        action: 'authorise',
        objectType: action,
        objectId: null,
        result: 'denied',
        details: { roles: actor.roles.join(',') },
      }),
    );
    throw new ForbiddenError('permission_denied', `your roles do not allow ${action}`);
  }
  return { actor, unitOfWork, context };
}
