import type { UserActor } from '../identity/actor.js';
import { requirePermission } from '../identity/access-rules.js';
import { NotFoundError, RuleViolationError } from '../shared/domain-error.js';
import { PRIVACY_ACCESS_RULES } from './privacy-access-rules.js';
import type { LegalHold } from './privacy-records.js';
import type { PrivacyServices } from './privacy-services.js';

/**
 * Ends a legal hold; the subject's pending deletion may then go ahead.
 * @throws NotFoundError `legal_hold_not_found`; RuleViolationError `transition_not_allowed` if released.
 */
export async function releaseLegalHold(
  services: PrivacyServices,
  actor: UserActor,
  holdId: string,
): Promise<LegalHold> {
  requirePermission(actor, PRIVACY_ACCESS_RULES, 'legal_hold.release');
  return services.unitOfWork.run(async (repositories) => {
    const hold = await repositories.privacy.findLegalHold(holdId, { forUpdate: true });
    if (hold === undefined) throw new NotFoundError('legal_hold_not_found', `no legal hold ${holdId}`);
    if (hold.releasedAt !== null) {
      throw new RuleViolationError('transition_not_allowed', 'the legal hold is already released');
    }
    const released = await repositories.privacy.releaseLegalHold(hold.id, {
      releasedBy: actor.userId,
      releasedAt: services.now(),
    });
    await repositories.audit.record({
      action: 'release',
      objectType: 'legal_hold',
      objectId: hold.id,
      subjectId: hold.subjectId,
      result: 'success',
    });
    return released;
  });
}
