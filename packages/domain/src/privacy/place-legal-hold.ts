import type { UserActor } from '../identity/actor.js';
import { requirePermission } from '../identity/access-rules.js';
import { RuleViolationError } from '../shared/domain-error.js';
import { PRIVACY_ACCESS_RULES } from './privacy-access-rules.js';
import type { LegalHold } from './privacy-records.js';
import type { PrivacyServices } from './privacy-services.js';
import { requireNotErased, requireSubject } from './subject-lookups.js';

/**
 * Keeps a subject's data while a law requires it (PIPL art. 47 §2; e.g. the AML Law's 10 years): deletion is
 * refused until every hold is released. The reason states the legal basis, never personal data.
 * @throws RuleViolationError `personal_data_invalid` for a reason shorter than 10 or longer than 1000
 * characters; `subject_erased`. NotFoundError `data_subject_not_found`.
 */
export async function placeLegalHold(
  services: PrivacyServices,
  actor: UserActor,
  request: { readonly subjectId: string; readonly reason: string },
): Promise<LegalHold> {
  requirePermission(actor, PRIVACY_ACCESS_RULES, 'legal_hold.place');
  const reason = request.reason.trim();
  if (reason.length < 10 || reason.length > 1000) {
    throw new RuleViolationError('personal_data_invalid', 'a reason has 10 to 1000 characters', 'reason');
  }
  return services.unitOfWork.run(async (repositories) => {
    const subject = await requireSubject(repositories, request.subjectId, true);
    requireNotErased(subject);
    const hold = await repositories.privacy.insertLegalHold({
      tenantId: subject.tenantId,
      subjectId: subject.id,
      reason,
      placedBy: actor.userId,
      placedAt: services.now(),
    });
    await repositories.audit.record({
      action: 'place',
      objectType: 'legal_hold',
      objectId: hold.id,
      subjectId: subject.id,
      result: 'success',
    });
    return hold;
  });
}
