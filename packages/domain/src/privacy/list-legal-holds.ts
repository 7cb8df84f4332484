import type { UserActor } from '../identity/actor.js';
import { requirePermission } from '../identity/access-rules.js';
import { PRIVACY_ACCESS_RULES } from './privacy-access-rules.js';
import type { LegalHold } from './privacy-records.js';
import type { PrivacyServices } from './privacy-services.js';
import { requireSubject } from './subject-lookups.js';

/** Every hold on a subject, released ones included. @throws NotFoundError `data_subject_not_found`. */
export async function listLegalHolds(
  services: PrivacyServices,
  actor: UserActor,
  subjectId: string,
): Promise<LegalHold[]> {
  requirePermission(actor, PRIVACY_ACCESS_RULES, 'legal_hold.list');
  return services.unitOfWork.run(async (repositories) => {
    await requireSubject(repositories, subjectId);
    return repositories.privacy.listLegalHolds(subjectId);
  });
}
