import type { UserActor } from '../identity/actor.js';
import { requirePermission } from '../identity/access-rules.js';
import { NotFoundError, RuleViolationError } from '../shared/domain-error.js';
import { PRIVACY_ACCESS_RULES } from './privacy-access-rules.js';
import type { SubjectRequest } from './privacy-records.js';
import type { PrivacyServices } from './privacy-services.js';

/**
 * Refuses a subject request with the reason the person is told (PIPL art. 50): e.g. identity not verified.
 * @throws NotFoundError `subject_request_not_found`; RuleViolationError `subject_request_closed`,
 * `personal_data_invalid` for a reason of fewer than 10 or more than 1000 characters.
 */
export async function refuseSubjectRequest(
  services: PrivacyServices,
  actor: UserActor,
  requestId: string,
  reason: string,
): Promise<SubjectRequest> {
  requirePermission(actor, PRIVACY_ACCESS_RULES, 'subject_request.refuse');
  const note = reason.trim();
  if (note.length < 10 || note.length > 1000) {
    throw new RuleViolationError('personal_data_invalid', 'a reason has 10 to 1000 characters', 'reason');
  }
  return services.unitOfWork.run(async (repositories) => {
    const request = await repositories.privacy.findSubjectRequest(requestId, { forUpdate: true });
    if (request === undefined) {
      throw new NotFoundError('subject_request_not_found', `no subject request ${requestId}`);
    }
    if (request.status !== 'received') {
      throw new RuleViolationError('subject_request_closed', `the request is already ${request.status}`);
    }
    const refused = await repositories.privacy.closeSubjectRequest(request.id, {
      status: 'refused',
      completedBy: actor.userId,
      completedAt: services.now(),
      outcomeNote: note,
    });
    await repositories.audit.record({
      action: 'refuse',
      objectType: 'subject_request',
      objectId: request.id,
      subjectId: request.subjectId,
      result: 'success',
      details: { kind: request.kind },
    });
    return refused;
  });
}
