import type { UserActor } from '../identity/actor.js';
import { requirePermission } from '../identity/access-rules.js';
import { PRIVACY_ACCESS_RULES } from './privacy-access-rules.js';
import type { SubjectRequest, SubjectRequestKind, SubjectRequestStatus } from './privacy-records.js';
import type { PrivacyServices } from './privacy-services.js';

/** A subject request with whether it is past its due date and still unanswered. */
export interface TrackedSubjectRequest extends SubjectRequest {
  readonly overdue: boolean;
}

export function isOverdue(request: SubjectRequest, now: Date): boolean {
  return request.status === 'received' && request.dueAt.getTime() < now.getTime();
}

/** The caller's tenant's subject requests, oldest due first, each marked overdue or not. */
export async function listSubjectRequests(
  services: PrivacyServices,
  actor: UserActor,
  filter: {
    readonly subjectId?: string;
    readonly status?: SubjectRequestStatus;
    readonly kind?: SubjectRequestKind;
  } = {},
): Promise<TrackedSubjectRequest[]> {
  requirePermission(actor, PRIVACY_ACCESS_RULES, 'subject_request.list');
  const now = services.now();
  const requests = await services.unitOfWork.run((repositories) =>
    repositories.privacy.listSubjectRequests(filter),
  );
  return requests.map((request) => ({ ...request, overdue: isOverdue(request, now) }));
}
