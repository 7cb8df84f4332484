import type { UserActor } from '../identity/actor.js';
import { requirePermission } from '../identity/access-rules.js';
import { PRIVACY_ACCESS_RULES } from './privacy-access-rules.js';
import { SUBJECT_REQUEST_DUE_DAYS, type SubjectRequest, type SubjectRequestKind } from './privacy-records.js';
import type { PrivacyServices } from './privacy-services.js';
import { requireNotErased, requireSubject } from './subject-lookups.js';

const DAY_MS = 86_400_000;

/**
 * Records a person's request to see and copy (PIPL art. 45), correct (art. 46) or delete (art. 47) their
 * data, due in 30 days (GB/T 35273 §8.7). A deletion request for a subject under a legal hold restricts the
 * subject to storage only (art. 47 §2) until the hold is released and the deletion carried out.
 * @throws NotFoundError `data_subject_not_found`; RuleViolationError `subject_erased`.
 */
export async function receiveSubjectRequest(
  services: PrivacyServices,
  actor: UserActor,
  request: { readonly subjectId: string; readonly kind: SubjectRequestKind },
): Promise<SubjectRequest> {
  requirePermission(actor, PRIVACY_ACCESS_RULES, 'subject_request.create');
  const receivedAt = services.now();
  return services.unitOfWork.run(async (repositories) => {
    const subject = await requireSubject(repositories, request.subjectId, true);
    requireNotErased(subject);
    const created = await repositories.privacy.insertSubjectRequest({
      tenantId: subject.tenantId,
      subjectId: subject.id,
      kind: request.kind,
      receivedAt,
      dueAt: new Date(receivedAt.getTime() + SUBJECT_REQUEST_DUE_DAYS * DAY_MS),
      requestedBy: actor.userId,
    });
    let restricted = false;
    if (request.kind === 'deletion' && subject.status === 'active') {
      const holds = await repositories.privacy.listLegalHolds(subject.id);
      if (holds.some((hold) => hold.releasedAt === null)) {
        await repositories.privacy.setSubjectStatus(subject.id, 'restricted');
        restricted = true;
      }
    }
    await repositories.audit.record({
      action: 'receive',
      objectType: 'subject_request',
      objectId: created.id,
      subjectId: subject.id,
      result: 'success',
      details: { kind: created.kind, dueAt: created.dueAt.toISOString(), restricted },
    });
    return created;
  });
}
