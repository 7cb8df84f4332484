import { ForbiddenError, NotFoundError, RuleViolationError } from '../shared/domain-error.js';
import type { Repositories } from '../platform/unit-of-work.js';
import type { UserActor } from './actor.js';
import { requirePermission } from './access-rules.js';
import { IDENTITY_ACCESS_RULES } from './identity-access-rules.js';
import type { IdentityServices } from './identity-services.js';
import type { DataAccessAction, DataAccessRequest } from './user.js';

/** How long an approval can be used: break-glass briefly, the rest for a working day. */
export const APPROVAL_VALIDITY_HOURS: Readonly<Record<DataAccessAction, number>> = {
  unmask: 24,
  export: 24,
  bulk_query: 24,
  break_glass: 4,
};

export async function requestDataAccess(
  services: IdentityServices,
  actor: UserActor,
  request: {
    readonly action: DataAccessAction;
    readonly objectType: string;
    readonly objectId: string | null;
    readonly reason: string;
  },
): Promise<DataAccessRequest> {
  requirePermission(actor, IDENTITY_ACCESS_RULES, 'data_access.request');
  const reason = request.reason.trim();
  if (reason.length < 10 || reason.length > 1000) {
    throw new RuleViolationError('account_invalid', 'a reason has 10 to 1000 characters', 'reason');
  }
  // Unmasking and break-glass are about one person: a type-wide approval would unmask everyone, one call at
  // a time, around the bulk-query gate. Only an export or a bulk query may cover a whole type.
  if ((request.action === 'unmask' || request.action === 'break_glass') && request.objectId === null) {
    throw new RuleViolationError(
      'account_invalid',
      `${request.action} names the object it is for`,
      'objectId',
    );
  }
  return services.unitOfWork.run(async (repositories) => {
    const created = await repositories.identity.insertDataAccessRequest({
      tenantId: actor.tenantId,
      requestedBy: actor.userId,
      action: request.action,
      objectType: request.objectType,
      objectId: request.objectId,
      reason,
      createdAt: services.now(),
    });
    await repositories.audit.record({
      action: 'request',
      objectType: 'data_access',
      objectId: created.id,
      result: 'success',
      details: { requested: created.action, on: created.objectType, objectId: created.objectId },
    });
    return created;
  });
}

/** A compliance officer other than the requester approves (for a limited time) or rejects. */
export async function decideDataAccess(
  services: IdentityServices,
  actor: UserActor,
  requestId: string,
  decision: { readonly approve: boolean; readonly note: string | null },
): Promise<DataAccessRequest> {
  requirePermission(actor, IDENTITY_ACCESS_RULES, 'data_access.decide');
  const now = services.now();
  // A self-approval is answered after the transaction commits, so its `denied` record is kept.
  const outcome = await services.unitOfWork.run(async (repositories) => {
    const request = await repositories.identity.findDataAccessRequest(requestId, { forUpdate: true });
    if (request?.tenantId !== actor.tenantId)
      throw new NotFoundError('request_not_found', `no request ${requestId}`);
    if (request.status !== 'pending') {
      throw new RuleViolationError('request_already_decided', `the request is already ${request.status}`);
    }
    if (request.requestedBy === actor.userId) {
      await repositories.audit.record({
        action: 'decide',
        objectType: 'data_access',
        objectId: request.id,
        result: 'denied',
        details: { reason: 'self_approval' },
      });
      return { kind: 'self_approval' as const };
    }
    const decided = await repositories.identity.decideDataAccessRequest(request.id, {
      status: decision.approve ? 'approved' : 'rejected',
      decidedBy: actor.userId,
      decidedAt: now,
      note: decision.note,
      expiresAt: decision.approve
        ? new Date(now.getTime() + APPROVAL_VALIDITY_HOURS[request.action] * 3_600_000)
        : null,
    });
    await repositories.audit.record({
      action: decision.approve ? 'approve' : 'reject',
      objectType: 'data_access',
      objectId: request.id,
      result: 'success',
      details: { requested: request.action, requester: request.requestedBy },
    });
    return { kind: 'decided' as const, decided };
  });
  if (outcome.kind === 'self_approval') {
    throw new ForbiddenError('self_approval_refused', 'nobody approves a request they made');
  }
  return outcome.decided;
}

export async function listDataAccessRequests(
  services: IdentityServices,
  actor: UserActor,
  status?: DataAccessRequest['status'],
): Promise<DataAccessRequest[]> {
  requirePermission(actor, IDENTITY_ACCESS_RULES, 'data_access.list');
  return services.unitOfWork.run((repositories) =>
    repositories.identity.listDataAccessRequests({
      tenantId: actor.tenantId,
      ...(status === undefined ? {} : { status }),
    }),
  );
}

/**
 * Checks, inside the unit of work that uses it, that an approval covers this actor, action and object now.
 * A refusal is audited by the caller's rollback-free path: the thrown error carries the reason.
 *
 * @throws ForbiddenError `approval_required` without an approval id, `approval_invalid` when it does not cover
 */
export async function requireApproval(
  repositories: Repositories,
  actor: UserActor,
  approvalId: string | null,
  needed: {
    readonly action: DataAccessAction;
    readonly objectType: string;
    readonly objectId: string | null;
  },
  now: Date,
): Promise<DataAccessRequest> {
  if (approvalId === null) {
    throw new ForbiddenError(
      'approval_required',
      `${needed.action} of ${needed.objectType} needs an approved data-access request (send its id as Carapace-Approval)`,
    );
  }
  const approval = await repositories.identity.findDataAccessRequest(approvalId);
  const covers =
    approval !== undefined &&
    approval.tenantId === actor.tenantId &&
    approval.requestedBy === actor.userId &&
    approval.status === 'approved' &&
    // Break-glass is the emergency stand-in for any of the others: approved like them, valid for 4 hours only,
    // and visible as such in the audit log through its approval id.
    (approval.action === needed.action || approval.action === 'break_glass') &&
    approval.objectType === needed.objectType &&
    (approval.objectId === null || approval.objectId === needed.objectId) &&
    approval.expiresAt !== null &&
    approval.expiresAt.getTime() > now.getTime();
  if (!covers) {
    throw new ForbiddenError(
      'approval_invalid',
      'the approval does not cover this action, object, person or time',
    );
  }
  return approval;
}
