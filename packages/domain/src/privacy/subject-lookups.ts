import type { Repositories } from '../platform/unit-of-work.js';
import { NotFoundError, RuleViolationError } from '../shared/domain-error.js';
import type { StoredDataSubject, SubjectRequest } from './privacy-records.js';

export async function requireSubject(
  repositories: Repositories,
  id: string,
  forUpdate = false,
): Promise<StoredDataSubject> {
  const subject = await repositories.privacy.findSubject(id, { forUpdate });
  if (subject === undefined) throw new NotFoundError('data_subject_not_found', `no data subject ${id}`);
  return subject;
}

/** @throws RuleViolationError `subject_erased` (409): nothing is left to read, copy or correct. */
export function requireNotErased(subject: StoredDataSubject): void {
  if (subject.status === 'erased') {
    throw new RuleViolationError(
      'subject_erased',
      'the data subject has been erased; no personal data is left',
    );
  }
}

/** A subject request that is still open, of the kind the caller is about to fulfil. */
export async function requireOpenRequest(
  repositories: Repositories,
  id: string,
  kind: SubjectRequest['kind'],
): Promise<SubjectRequest> {
  const request = await repositories.privacy.findSubjectRequest(id, { forUpdate: true });
  if (request === undefined) throw new NotFoundError('subject_request_not_found', `no subject request ${id}`);
  if (request.kind !== kind) {
    throw new RuleViolationError(
      'subject_request_kind_mismatch',
      `the request is a ${request.kind} request, not a ${kind} request`,
    );
  }
  if (request.status !== 'received') {
    throw new RuleViolationError('subject_request_closed', `the request is already ${request.status}`);
  }
  return request;
}

/** @throws RuleViolationError `legal_hold_active` (409) while any hold on the subject is unreleased. */
export async function requireNoActiveHold(repositories: Repositories, subjectId: string): Promise<void> {
  const holds = await repositories.privacy.listLegalHolds(subjectId);
  const active = holds.filter((hold) => hold.releasedAt === null);
  if (active.length > 0) {
    throw new RuleViolationError(
      'legal_hold_active',
      `a legal hold (${active.map((hold) => hold.id).join(', ')}) keeps this subject's data; release it before deletion`,
    );
  }
}
