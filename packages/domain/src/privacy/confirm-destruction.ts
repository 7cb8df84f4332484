import type { UserActor } from '../identity/actor.js';
import { requirePermission } from '../identity/access-rules.js';
import { ForbiddenError, NotFoundError, RuleViolationError } from '../shared/domain-error.js';
import { recordRefusal } from './approval-gate.js';
import { PRIVACY_ACCESS_RULES } from './privacy-access-rules.js';
import type { Destruction } from './privacy-records.js';
import type { PrivacyServices } from './privacy-services.js';
import {
  requireNoActiveHold,
  requireNotErased,
  requireOpenRequest,
  requireSubject,
} from './subject-lookups.js';

/** The key vault could not show that the key is gone; the erasure does not count and nothing is recorded as done. */
export class DestructionNotVerifiedError extends Error {
  override readonly name = 'DestructionNotVerifiedError';
}

/**
 * The witness's confirmation, which is what destroys (REQ-DEL-1/2/3): the subject's data key is destroyed in
 * the key vault, so every copy of the subject's ciphertexts (backups, dumps, replicas) becomes unreadable;
 * the row's ciphertexts and blind indexes are nulled and the subject marked erased; the destruction record
 * (requester, executor, witness, method, key id, verification) and an audit record are written.
 *
 * The key is destroyed inside the transaction, after every check: if the transaction then fails, the order
 * stays pending and confirming again finishes the job (destroying a destroyed key is a no-op that returns
 * the same tombstone).
 * @throws ForbiddenError `separation_of_duties_violated` (audited as denied) unless the caller is the named
 * witness. NotFoundError `destruction_order_not_found`. RuleViolationError `transition_not_allowed` for a
 * confirmed order, `legal_hold_active` if a hold was placed since the order.
 * @throws DestructionNotVerifiedError if the vault cannot verify the destruction.
 */
export async function confirmDestruction(
  services: PrivacyServices,
  actor: UserActor,
  orderId: string,
): Promise<Destruction> {
  requirePermission(actor, PRIVACY_ACCESS_RULES, 'destruction.witness');
  try {
    return await services.unitOfWork.run(async (repositories) => {
      const order = await repositories.privacy.findDestructionOrder(orderId, { forUpdate: true });
      if (order === undefined) {
        throw new NotFoundError('destruction_order_not_found', `no destruction order ${orderId}`);
      }
      if (order.witnessId !== actor.userId) {
        throw new ForbiddenError(
          'separation_of_duties_violated',
          'only the witness named in the order can confirm the destruction',
        );
      }
      if (order.status !== 'pending') {
        throw new RuleViolationError('transition_not_allowed', 'the destruction is already confirmed');
      }
      const request = await requireOpenRequest(repositories, order.subjectRequestId, 'deletion');
      const subject = await requireSubject(repositories, order.subjectId, true);
      requireNotErased(subject);
      await requireNoActiveHold(repositories, subject.id);

      const report = await services.protection.destroySubjectKey(subject.tenantId, subject.id);
      if (!report.verification.keyFileRemoved || !report.verification.decryptionRefused) {
        throw new DestructionNotVerifiedError(
          `the data key of subject ${subject.id} could not be verified as destroyed; check the key vault and confirm again`,
        );
      }
      const now = services.now();
      await repositories.privacy.eraseSubject(subject.id, now);
      const destruction = await repositories.privacy.insertDestruction({
        tenantId: subject.tenantId,
        subjectId: subject.id,
        subjectRequestId: request.id,
        requestedBy: order.requestedBy,
        approvedBy: order.orderedBy,
        witnessedBy: actor.userId,
        method: 'crypto_shredding',
        dataKeyId: report.dataKeyId,
        destroyedAt: new Date(report.destroyedAt),
        verification: report.verification,
      });
      await repositories.privacy.confirmDestructionOrder(order.id, now);
      await repositories.privacy.closeSubjectRequest(request.id, {
        status: 'completed',
        completedBy: actor.userId,
        completedAt: now,
        outcomeNote: 'erased by crypto-shredding under supervision',
      });
      await repositories.audit.record({
        action: 'destroy',
        objectType: 'data_subject',
        objectId: subject.id,
        subjectId: subject.id,
        result: 'success',
        details: {
          method: 'crypto_shredding',
          destructionId: destruction.id,
          orderId: order.id,
          dataKeyId: report.dataKeyId,
          requestedBy: order.requestedBy,
          approvedBy: order.orderedBy,
          witnessedBy: actor.userId,
          keyFileRemoved: report.verification.keyFileRemoved,
          decryptionRefused: report.verification.decryptionRefused,
        },
      });
      return destruction;
    });
  } catch (error) {
    if (error instanceof ForbiddenError && error.code === 'separation_of_duties_violated') {
      await recordRefusal(services, {
        action: 'witness',
        objectType: 'destruction_order',
        objectId: orderId,
        subjectId: null,
        reason: error.code,
      });
    }
    throw error;
  }
}
