import { ForbiddenError, NotFoundError, RuleViolationError } from '../shared/domain-error.js';
import type { UserActor } from './actor.js';
import { requirePermission } from './access-rules.js';
import { IDENTITY_ACCESS_RULES } from './identity-access-rules.js';
import type { IdentityServices } from './identity-services.js';
import { ROLE_TENANT_KIND, type Role } from './roles.js';
import type { PermissionGrantRequest } from './user.js';

/** The longest a granted role lasts: 90 days. Anything longer is a standing role and a new account review. */
export const MAX_GRANT_HOURS = 90 * 24;

/**
 * Asks for a role for a while (for oneself, or a security admin for a colleague). Nothing changes until
 * someone else approves.
 */
export async function requestPermissionGrant(
  services: IdentityServices,
  actor: UserActor,
  request: {
    readonly userId: string;
    readonly role: Role;
    readonly reason: string;
    readonly durationHours: number;
  },
): Promise<PermissionGrantRequest> {
  requirePermission(actor, IDENTITY_ACCESS_RULES, 'permission_grant.request');
  if (request.userId !== actor.userId && !actor.roles.includes('security_admin')) {
    throw new ForbiddenError(
      'permission_denied',
      'only a security admin asks for a role on behalf of someone else',
    );
  }
  if (ROLE_TENANT_KIND[request.role] !== actor.tenantKind) {
    throw new RuleViolationError(
      'role_not_for_tenant',
      `the role ${request.role} is not for this organisation`,
      'role',
    );
  }
  if (
    !Number.isInteger(request.durationHours) ||
    request.durationHours < 1 ||
    request.durationHours > MAX_GRANT_HOURS
  ) {
    throw new RuleViolationError(
      'account_invalid',
      `durationHours is 1 to ${MAX_GRANT_HOURS}`,
      'durationHours',
    );
  }
  const reason = request.reason.trim();
  if (reason.length < 10 || reason.length > 1000) {
    throw new RuleViolationError('account_invalid', 'a reason has 10 to 1000 characters', 'reason');
  }
  return services.unitOfWork.run(async (repositories) => {
    const grantee = await repositories.identity.findUser(request.userId);
    if (grantee?.tenantId !== actor.tenantId)
      throw new NotFoundError('user_not_found', `no user ${request.userId}`);
    const created = await repositories.identity.insertGrantRequest({
      tenantId: actor.tenantId,
      userId: grantee.id,
      role: request.role,
      requestedBy: actor.userId,
      reason,
      durationHours: request.durationHours,
      createdAt: services.now(),
    });
    await repositories.audit.record({
      action: 'request',
      objectType: 'permission_grant',
      objectId: created.id,
      result: 'success',
      details: { role: created.role, grantee: grantee.id, durationHours: created.durationHours },
    });
    return created;
  });
}

/**
 * Approves or rejects a role request. The decider is a security admin who is neither the requester nor the
 * person who would get the role. An approval grants the role from now for the requested hours.
 */
export async function decidePermissionGrant(
  services: IdentityServices,
  actor: UserActor,
  requestId: string,
  decision: { readonly approve: boolean; readonly note: string | null },
): Promise<PermissionGrantRequest> {
  requirePermission(actor, IDENTITY_ACCESS_RULES, 'permission_grant.decide');
  const now = services.now();
  // A self-approval is answered after the transaction commits, so its `denied` record is kept.
  const outcome = await services.unitOfWork.run(async (repositories) => {
    const request = await repositories.identity.findGrantRequest(requestId, { forUpdate: true });
    if (request?.tenantId !== actor.tenantId)
      throw new NotFoundError('request_not_found', `no request ${requestId}`);
    if (request.status !== 'pending') {
      throw new RuleViolationError('request_already_decided', `the request is already ${request.status}`);
    }
    if (request.requestedBy === actor.userId || request.userId === actor.userId) {
      await repositories.audit.record({
        action: 'decide',
        objectType: 'permission_grant',
        objectId: request.id,
        result: 'denied',
        details: { reason: 'self_approval' },
      });
      return { kind: 'self_approval' as const };
    }
    const decided = await repositories.identity.decideGrantRequest(request.id, {
      status: decision.approve ? 'approved' : 'rejected',
      decidedBy: actor.userId,
      decidedAt: now,
      note: decision.note,
    });
    if (decision.approve) {
      await repositories.identity.insertRoleAssignment({
        tenantId: request.tenantId,
        userId: request.userId,
        role: request.role,
        grantedAt: now,
        expiresAt: new Date(now.getTime() + request.durationHours * 3_600_000),
        grantRequestId: request.id,
      });
    }
    await repositories.audit.record({
      action: decision.approve ? 'approve' : 'reject',
      objectType: 'permission_grant',
      objectId: request.id,
      result: 'success',
      details: { role: request.role, grantee: request.userId },
    });
    return { kind: 'decided' as const, decided };
  });
  if (outcome.kind === 'self_approval') {
    throw new ForbiddenError(
      'self_approval_refused',
      'nobody approves a request they made or that is for themselves',
    );
  }
  return outcome.decided;
}

export async function listPermissionGrantRequests(
  services: IdentityServices,
  actor: UserActor,
  status?: PermissionGrantRequest['status'],
): Promise<PermissionGrantRequest[]> {
  requirePermission(actor, IDENTITY_ACCESS_RULES, 'permission_grant.list');
  return services.unitOfWork.run((repositories) =>
    repositories.identity.listGrantRequests({
      tenantId: actor.tenantId,
      ...(status === undefined ? {} : { status }),
    }),
  );
}
