import type { UserActor } from '../identity/actor.js';
import { requirePermission } from '../identity/access-rules.js';
import { NotFoundError, RuleViolationError } from '../shared/domain-error.js';
import { normalisePersonalDetails } from './personal-details.js';
import { PRIVACY_ACCESS_RULES } from './privacy-access-rules.js';
import { PERSONAL_FIELDS, type DataSubjectView, type PersonalDetails } from './privacy-records.js';
import type { PrivacyServices } from './privacy-services.js';
import { maskFields, protectDetails, subjectView } from './protected-fields.js';

export interface NewDataSubject {
  /** The insured company whose contact person this is. */
  readonly organisationId: string;
  readonly details: PersonalDetails;
}

/**
 * Records an insured company's contact person for the caller's insurer. The row id is made here, before
 * the insert, so that each field's ciphertext can bind it; the subject gets a data key of its own.
 * @returns the subject, masked.
 * @throws RuleViolationError `personal_data_invalid` naming the field; `organisation_not_insured`.
 * @throws NotFoundError `organisation_not_found` when the company is not visible to the insurer.
 */
export async function registerDataSubject(
  services: PrivacyServices,
  actor: UserActor,
  request: NewDataSubject,
): Promise<DataSubjectView> {
  requirePermission(actor, PRIVACY_ACCESS_RULES, 'data_subject.create');
  if (actor.tenantKind !== 'insurer') {
    throw new RuleViolationError('tenant_invalid', 'personal data of contact persons is held by an insurer');
  }
  const details = normalisePersonalDetails(request.details);
  const subject = { id: globalThis.crypto.randomUUID(), tenantId: actor.tenantId };
  await services.protection.ensureSubjectKey(subject.tenantId, subject.id);
  try {
    const fields = await protectDetails(services.protection, subject, details);
    return await services.unitOfWork.run(async (repositories) => {
      const organisation = await repositories.organisations.findById(request.organisationId);
      if (organisation === undefined) {
        throw new NotFoundError('organisation_not_found', `no organisation ${request.organisationId}`);
      }
      if (organisation.kind !== 'insured') {
        throw new RuleViolationError(
          'organisation_not_insured',
          'a contact person belongs to an insured company',
          'organisationId',
        );
      }
      const stored = await repositories.privacy.insertSubject({
        ...subject,
        organisationId: organisation.id,
        kind: 'contact_person',
        createdAt: services.now(),
        ...fields,
      });
      await repositories.audit.record({
        action: 'create',
        objectType: 'data_subject',
        objectId: stored.id,
        subjectId: stored.id,
        result: 'success',
        details: {
          organisationId: organisation.id,
          fields: PERSONAL_FIELDS.filter((field) => stored.ciphertexts[field] !== null).join(','),
        },
      });
      return subjectView(stored, maskFields(details), true);
    });
  } catch (error) {
    // The subject was never stored: its key must not outlive it. The id is never used again.
    await services.protection.destroySubjectKey(subject.tenantId, subject.id);
    throw error;
  }
}
