import type { UserActor } from '../identity/actor.js';
import { requireApproval } from '../identity/data-access-use-cases.js';
import type { DataAccessAction, DataAccessRequest } from '../identity/user.js';
import type { Repositories } from '../platform/unit-of-work.js';
import { ForbiddenError } from '../shared/domain-error.js';
import type { PrivacyServices } from './privacy-services.js';

export interface NeededApproval {
  readonly action: DataAccessAction;
  readonly objectType: string;
  readonly objectId: string | null;
  readonly subjectId: string | null;
}

/**
 * Runs `work` in one unit of work after checking, in that same transaction, that `approvalId` covers the
 * access. A refusal rolls the work back, so it is audited as `denied` in a transaction of its own before the
 * 403 goes out (REQ-ACL-2: a query without an approval produces an audit record of the denial).
 */
export async function runWithApproval<T>(
  services: PrivacyServices,
  actor: UserActor,
  approvalId: string | null,
  needed: NeededApproval,
  work: (repositories: Repositories, approval: DataAccessRequest) => Promise<T>,
): Promise<T> {
  try {
    return await services.unitOfWork.run(async (repositories) => {
      const approval = await requireApproval(repositories, actor, approvalId, needed, services.now());
      return work(repositories, approval);
    });
  } catch (error) {
    if (
      error instanceof ForbiddenError &&
      (error.code === 'approval_required' || error.code === 'approval_invalid')
    ) {
      await recordRefusal(services, {
        action: needed.action,
        objectType: needed.objectType,
        objectId: needed.objectId,
        subjectId: needed.subjectId,
        reason: error.code,
        approvalId,
      });
    }
    throw error;
  }
}

/**
 * Audits a refused step as `denied` in a transaction of its own: the refused work's transaction rolls
 * back, and its audit records with it.
 */
export async function recordRefusal(
  services: PrivacyServices,
  refusal: {
    readonly action: string;
    readonly objectType: string;
    readonly objectId: string | null;
    readonly subjectId: string | null;
    readonly reason: string;
    readonly approvalId?: string | null;
  },
): Promise<void> {
  await services.unitOfWork.run((repositories) =>
    repositories.audit.record({
      action: refusal.action,
      objectType: refusal.objectType,
      objectId: refusal.objectId,
      subjectId: refusal.subjectId,
      result: 'denied',
      details: {
        reason: refusal.reason,
        ...(refusal.approvalId === undefined ? {} : { approvalId: refusal.approvalId }),
      },
    }),
  );
}
