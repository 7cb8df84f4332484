import type { UserActor } from '../identity/actor.js';
import { requirePermission } from '../identity/access-rules.js';
import { rolesInForce } from '../identity/identity-repository.js';
import { ConflictError, ForbiddenError, RuleViolationError } from '../shared/domain-error.js';
import { recordRefusal } from './approval-gate.js';
import { PRIVACY_ACCESS_RULES, WITNESS_ROLES } from './privacy-access-rules.js';
import type { DestructionOrder } from './privacy-records.js';
import type { PrivacyServices } from './privacy-services.js';
import {
  requireNoActiveHold,
  requireNotErased,
  requireOpenRequest,
  requireSubject,
} from './subject-lookups.js';

/**
 * The first half of a supervised destruction (监销, JR/T 0171-2020 §7; REQ-DEL-2): a compliance officer
 * other than the person who recorded the deletion request orders it and names a witness, an auditor or
 * another compliance officer who is neither of them. Nothing is destroyed until the witness confirms
 * (`confirmDestruction`).
 * @throws ForbiddenError `separation_of_duties_violated` (audited as denied) when the executor recorded the
 * request or names themself or the requester as witness.
 * @throws RuleViolationError `witness_ineligible`, `legal_hold_active`, `subject_erased`,
 * `subject_request_kind_mismatch`, `subject_request_closed`; ConflictError `destruction_already_ordered`.
 */
export async function orderDestruction(
  services: PrivacyServices,
  actor: UserActor,
  requestId: string,
  order: { readonly witnessId: string },
): Promise<DestructionOrder> {
  requirePermission(actor, PRIVACY_ACCESS_RULES, 'destruction.order');
  try {
    return await services.unitOfWork.run(async (repositories) => {
      const request = await requireOpenRequest(repositories, requestId, 'deletion');
      if (request.requestedBy === actor.userId) {
        throw new ForbiddenError(
          'separation_of_duties_violated',
          'the person who recorded the deletion request cannot also order the destruction',
        );
      }
      if (order.witnessId === actor.userId || order.witnessId === request.requestedBy) {
        throw new ForbiddenError(
          'separation_of_duties_violated',
          'the witness must be a third person: neither the executor nor the requester',
        );
      }
      const witness = await repositories.identity.findUser(order.witnessId);
      const witnessRoles =
        witness?.tenantId === actor.tenantId && witness.status === 'active'
          ? rolesInForce(await repositories.identity.listRoleAssignments(witness.id), services.now())
          : [];
      if (!witnessRoles.some((role) => WITNESS_ROLES.includes(role))) {
        throw new RuleViolationError(
          'witness_ineligible',
          'the witness must be an active auditor or compliance officer of your organisation',
          'witnessId',
        );
      }
      const subject = await requireSubject(repositories, request.subjectId, true);
      requireNotErased(subject);
      await requireNoActiveHold(repositories, subject.id);
      const inserted = await repositories.privacy.insertDestructionOrder({
        tenantId: subject.tenantId,
        subjectId: subject.id,
        subjectRequestId: request.id,
        requestedBy: request.requestedBy,
        orderedBy: actor.userId,
        witnessId: order.witnessId,
        orderedAt: services.now(),
      });
      if (inserted.kind === 'duplicate') {
        throw new ConflictError(
          'destruction_already_ordered',
          'a destruction is already ordered for this request',
        );
      }
      await repositories.audit.record({
        action: 'order',
        objectType: 'destruction_order',
        objectId: inserted.order.id,
        subjectId: subject.id,
        result: 'success',
        details: { subjectRequestId: request.id, witnessId: order.witnessId, method: 'crypto_shredding' },
      });
      return inserted.order;
    });
  } catch (error) {
    if (error instanceof ForbiddenError && error.code === 'separation_of_duties_violated') {
      await recordRefusal(services, {
        action: 'order',
        objectType: 'subject_request',
        objectId: requestId,
        subjectId: null,
        reason: error.code,
      });
    }
    throw error;
  }
}
