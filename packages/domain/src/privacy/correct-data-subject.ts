import type { UserActor } from '../identity/actor.js';
import { requirePermission } from '../identity/access-rules.js';
import { RuleViolationError } from '../shared/domain-error.js';
import { normalisePersonalDetails } from './personal-details.js';
import { PRIVACY_ACCESS_RULES } from './privacy-access-rules.js';
import {
  PERSONAL_FIELDS,
  type DataSubjectView,
  type PersonalField,
  type SubjectRequest,
} from './privacy-records.js';
import type { PrivacyServices } from './privacy-services.js';
import { maskFields, protectDetails, revealFields, subjectView } from './protected-fields.js';
import { requireNotErased, requireOpenRequest, requireSubject } from './subject-lookups.js';

/** New values for some fields; `null` removes an optional field (ID number, email). */
export interface PersonalDetailsCorrection {
  readonly name?: string | undefined;
  readonly mobile?: string | undefined;
  readonly idNumber?: string | null | undefined;
  readonly email?: string | null | undefined;
}

/**
 * Answers a correction request (PIPL art. 46): the corrected details are validated, every field is
 * encrypted afresh and the row's ciphertexts and indexes replaced, so the old values' ciphertexts are gone
 * from the table. The audit record names the corrected fields, never their values.
 * @returns the request, completed, and the subject, masked.
 * @throws RuleViolationError `personal_data_invalid` (also for a correction that changes nothing),
 * `subject_request_kind_mismatch`, `subject_request_closed`, `subject_erased`.
 */
export async function correctDataSubject(
  services: PrivacyServices,
  actor: UserActor,
  requestId: string,
  correction: PersonalDetailsCorrection,
): Promise<{ readonly request: SubjectRequest; readonly subject: DataSubjectView }> {
  requirePermission(actor, PRIVACY_ACCESS_RULES, 'subject_request.correct');
  const corrected: PersonalField[] = PERSONAL_FIELDS.filter((field) => correction[field] !== undefined);
  if (corrected.length === 0) {
    throw new RuleViolationError('personal_data_invalid', 'name at least one field to correct');
  }
  return services.unitOfWork.run(async (repositories) => {
    const request = await requireOpenRequest(repositories, requestId, 'correction');
    const subject = await requireSubject(repositories, request.subjectId, true);
    requireNotErased(subject);
    const current = await revealFields(services.protection, subject);
    const details = normalisePersonalDetails({
      name: correction.name ?? current.name ?? '',
      mobile: correction.mobile ?? current.mobile ?? '',
      idNumber: correction.idNumber === undefined ? current.idNumber : correction.idNumber,
      email: correction.email === undefined ? current.email : correction.email,
    });
    const fields = await protectDetails(services.protection, subject, details);
    const updated = await repositories.privacy.replaceSubjectFields(subject.id, fields);
    const now = services.now();
    const completed = await repositories.privacy.closeSubjectRequest(request.id, {
      status: 'completed',
      completedBy: actor.userId,
      completedAt: now,
      outcomeNote: `corrected: ${corrected.join(', ')}`,
    });
    await repositories.audit.record({
      action: 'correct',
      objectType: 'data_subject',
      objectId: subject.id,
      subjectId: subject.id,
      result: 'success',
      details: { subjectRequestId: request.id, fields: corrected.join(',') },
    });
    return { request: completed, subject: subjectView(updated, maskFields(details), true) };
  });
}
