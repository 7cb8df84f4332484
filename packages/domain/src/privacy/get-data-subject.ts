import type { UserActor } from '../identity/actor.js';
import { requirePermission } from '../identity/access-rules.js';
import { PRIVACY_ACCESS_RULES } from './privacy-access-rules.js';
import type { DataSubjectView } from './privacy-records.js';
import type { PrivacyServices } from './privacy-services.js';
import { maskedView } from './protected-fields.js';
import { requireSubject } from './subject-lookups.js';

/**
 * A data subject with every field masked (REQ-MASK-1): the default read.
 * @throws NotFoundError `data_subject_not_found`.
 */
export async function getDataSubject(
  services: PrivacyServices,
  actor: UserActor,
  id: string,
): Promise<DataSubjectView> {
  requirePermission(actor, PRIVACY_ACCESS_RULES, 'data_subject.read');
  return services.unitOfWork.run(async (repositories) => {
    const subject = await requireSubject(repositories, id);
    const view = await maskedView(services.protection, subject);
    await repositories.audit.record({
      action: 'read',
      objectType: 'data_subject',
      objectId: subject.id,
      subjectId: subject.id,
      result: 'success',
      rows: 1,
      details: { masked: true },
    });
    return view;
  });
}
