import type { UserActor } from '../identity/actor.js';
import { requirePermission } from '../identity/access-rules.js';
import { runWithApproval } from './approval-gate.js';
import { PRIVACY_ACCESS_RULES } from './privacy-access-rules.js';
import { PERSONAL_FIELDS, type DataSubjectView } from './privacy-records.js';
import type { PrivacyServices } from './privacy-services.js';
import { revealFields, subjectView } from './protected-fields.js';
import { requireNotErased, requireSubject } from './subject-lookups.js';

/**
 * A data subject in clear, under an approved `unmask` data-access request for this subject (or for every
 * subject) made by the caller and approved by someone else. Audited as `unmask` with the approval.
 * @throws ForbiddenError `approval_required` / `approval_invalid` (audited as denied).
 * @throws NotFoundError `data_subject_not_found`; RuleViolationError `subject_erased`.
 */
export async function unmaskDataSubject(
  services: PrivacyServices,
  actor: UserActor,
  id: string,
  approvalId: string | null,
): Promise<DataSubjectView> {
  requirePermission(actor, PRIVACY_ACCESS_RULES, 'data_subject.unmask');
  const needed = { action: 'unmask', objectType: 'data_subject', objectId: id, subjectId: id } as const;
  return runWithApproval(services, actor, approvalId, needed, async (repositories, approval) => {
    const subject = await requireSubject(repositories, id);
    requireNotErased(subject);
    const details = await revealFields(services.protection, subject);
    await repositories.audit.record({
      action: 'unmask',
      objectType: 'data_subject',
      objectId: subject.id,
      subjectId: subject.id,
      result: 'success',
      rows: 1,
      details: {
        approvalId: approval.id,
        fields: PERSONAL_FIELDS.filter((field) => details[field] !== null).join(','),
      },
    });
    return subjectView(subject, details, false);
  });
}
