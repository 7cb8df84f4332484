import type { UserActor } from '../identity/actor.js';
import { requirePermission } from '../identity/access-rules.js';
import { NotFoundError } from '../shared/domain-error.js';
import { runWithApproval } from './approval-gate.js';
import { PRIVACY_ACCESS_RULES } from './privacy-access-rules.js';
import type { PersonalFieldValues, SubjectRequest } from './privacy-records.js';
import type { PrivacyServices } from './privacy-services.js';
import { revealFields } from './protected-fields.js';
import { requireNotErased, requireOpenRequest, requireSubject } from './subject-lookups.js';

export const SUBJECT_EXPORT_FORMAT = 'carapace-subject-export/1';

/** Everything held about one person, machine-readable (PIPL art. 45: access and copy). */
export interface SubjectExport {
  readonly format: typeof SUBJECT_EXPORT_FORMAT;
  readonly exportedAt: string;
  /** The insurer that holds the data: who to ask about it. */
  readonly holder: string;
  readonly subject: {
    readonly id: string;
    readonly kind: 'contact_person';
    readonly organisationId: string;
    readonly status: string;
    readonly createdAt: string;
    readonly details: PersonalFieldValues;
  };
  readonly legalHolds: readonly {
    readonly id: string;
    readonly reason: string;
    readonly placedAt: string;
    readonly releasedAt: string | null;
  }[];
  readonly subjectRequests: readonly {
    readonly id: string;
    readonly kind: string;
    readonly status: string;
    readonly receivedAt: string;
    readonly dueAt: string;
    readonly completedAt: string | null;
  }[];
}

/**
 * Answers an access request with a JSON copy of everything held about the subject, decrypted. This is an
 * export of personal data: it needs an approved `export` request for the subject, is audited as `export`,
 * and completes the subject request.
 * @throws ForbiddenError `approval_required` / `approval_invalid` (audited as denied).
 * @throws NotFoundError `subject_request_not_found`; RuleViolationError `subject_request_kind_mismatch`,
 * `subject_request_closed`, `subject_erased`.
 */
export async function fulfilAccessRequest(
  services: PrivacyServices,
  actor: UserActor,
  requestId: string,
  approvalId: string | null,
): Promise<{ readonly request: SubjectRequest; readonly copy: SubjectExport }> {
  requirePermission(actor, PRIVACY_ACCESS_RULES, 'subject_request.fulfil_access');
  const found = await services.unitOfWork.run((repositories) =>
    repositories.privacy.findSubjectRequest(requestId),
  );
  if (found === undefined) {
    throw new NotFoundError('subject_request_not_found', `no subject request ${requestId}`);
  }
  const needed = {
    action: 'export',
    objectType: 'data_subject',
    objectId: found.subjectId,
    subjectId: found.subjectId,
  } as const;
  return runWithApproval(services, actor, approvalId, needed, async (repositories, approval) => {
    const request = await requireOpenRequest(repositories, requestId, 'access');
    const subject = await requireSubject(repositories, request.subjectId);
    requireNotErased(subject);
    const now = services.now();
    const holds = await repositories.privacy.listLegalHolds(subject.id);
    const requests = await repositories.privacy.listSubjectRequests({ subjectId: subject.id });
    const copy: SubjectExport = {
      format: SUBJECT_EXPORT_FORMAT,
      exportedAt: now.toISOString(),
      holder: subject.tenantId,
      subject: {
        id: subject.id,
        kind: subject.kind,
        organisationId: subject.organisationId,
        status: subject.status,
        createdAt: subject.createdAt.toISOString(),
        details: await revealFields(services.protection, subject),
      },
      legalHolds: holds.map((hold) => ({
        id: hold.id,
        reason: hold.reason,
        placedAt: hold.placedAt.toISOString(),
        releasedAt: hold.releasedAt?.toISOString() ?? null,
      })),
      subjectRequests: requests.map((each) => ({
        id: each.id,
        kind: each.kind,
        status: each.status,
        receivedAt: each.receivedAt.toISOString(),
        dueAt: each.dueAt.toISOString(),
        completedAt: each.completedAt?.toISOString() ?? null,
      })),
    };
    const completed = await repositories.privacy.closeSubjectRequest(request.id, {
      status: 'completed',
      completedBy: actor.userId,
      completedAt: now,
      outcomeNote: `copy exported as ${SUBJECT_EXPORT_FORMAT}`,
    });
    await repositories.audit.record({
      action: 'export',
      objectType: 'data_subject',
      objectId: subject.id,
      subjectId: subject.id,
      result: 'success',
      rows: 1,
      details: { approvalId: approval.id, subjectRequestId: request.id, format: SUBJECT_EXPORT_FORMAT },
    });
    return { request: completed, copy };
  });
}
