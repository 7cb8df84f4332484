import type { UserActor } from '../identity/actor.js';
import { requirePermission } from '../identity/access-rules.js';
import { normaliseIdNumber, normaliseMobile } from './personal-details.js';
import { PRIVACY_ACCESS_RULES } from './privacy-access-rules.js';
import type { DataSubjectView } from './privacy-records.js';
import type { PrivacyServices } from './privacy-services.js';
import { maskedView } from './protected-fields.js';

export type SubjectSearch =
  { readonly by: 'mobile'; readonly value: string } | { readonly by: 'idNumber'; readonly value: string };

/**
 * Equality search by mobile or resident ID number through the blind index (REQ-ENC-4): the value is never
 * compared in clear or stored. Results are masked; the search is audited with its row count and each subject
 * found is recorded as read, so a person can later learn who looked them up.
 * @throws RuleViolationError `personal_data_invalid` when the value cannot be a mobile or ID number.
 */
export async function searchDataSubjects(
  services: PrivacyServices,
  actor: UserActor,
  search: SubjectSearch,
): Promise<DataSubjectView[]> {
  requirePermission(actor, PRIVACY_ACCESS_RULES, 'data_subject.search');
  const index =
    search.by === 'mobile'
      ? services.protection.blindIndex('phone', normaliseMobile(search.value, 'value'))
      : services.protection.blindIndex('id_number', normaliseIdNumber(search.value, 'value'));
  return services.unitOfWork.run(async (repositories) => {
    const found = await repositories.privacy.findSubjectsByIndex(
      search.by === 'mobile' ? 'mobile' : 'id_number',
      index,
    );
    const views = await Promise.all(found.map((subject) => maskedView(services.protection, subject)));
    await repositories.audit.record({
      action: 'search',
      objectType: 'data_subject',
      objectId: null,
      result: 'success',
      rows: views.length,
      details: { by: search.by },
    });
    for (const view of views) {
      await repositories.audit.record({
        action: 'read',
        objectType: 'data_subject',
        objectId: view.id,
        subjectId: view.id,
        result: 'success',
        rows: 1,
        details: { masked: true, via: 'search' },
      });
    }
    return views;
  });
}
