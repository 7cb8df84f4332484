import type { UserActor } from '../identity/actor.js';
import { requirePermission } from '../identity/access-rules.js';
import type { Repositories } from '../platform/unit-of-work.js';
import { runWithApproval } from './approval-gate.js';
import { PRIVACY_ACCESS_RULES } from './privacy-access-rules.js';
import type { DataSubjectView } from './privacy-records.js';
import { BULK_QUERY_THRESHOLD, type PrivacyServices } from './privacy-services.js';
import { maskedView } from './protected-fields.js';

export interface DataSubjectListRequest {
  readonly organisationId?: string;
  readonly limit: number;
  readonly offset: number;
  /** Needed when `limit` exceeds BULK_QUERY_THRESHOLD: an approved `bulk_query` for every data subject. */
  readonly approvalId: string | null;
}

/**
 * A page of data subjects, masked. A page larger than BULK_QUERY_THRESHOLD is a bulk query and needs an
 * approval (REQ-ACL-2, GB/T 35273 §7.1 b); the list is audited with the number of rows returned.
 * @throws ForbiddenError `approval_required` / `approval_invalid` for a bulk page without cover.
 */
export async function listDataSubjects(
  services: PrivacyServices,
  actor: UserActor,
  request: DataSubjectListRequest,
): Promise<{ readonly items: DataSubjectView[]; readonly total: number }> {
  requirePermission(actor, PRIVACY_ACCESS_RULES, 'data_subject.list');
  const bulk = request.limit > BULK_QUERY_THRESHOLD;
  const list = async (repositories: Repositories) => {
    const page = await repositories.privacy.listSubjects({
      ...(request.organisationId === undefined ? {} : { organisationId: request.organisationId }),
      limit: request.limit,
      offset: request.offset,
    });
    const items = await Promise.all(page.items.map((subject) => maskedView(services.protection, subject)));
    await repositories.audit.record({
      action: 'list',
      objectType: 'data_subject',
      objectId: request.organisationId ?? null,
      result: 'success',
      rows: items.length,
      details: { masked: true, bulk },
    });
    return { items, total: page.total };
  };
  if (!bulk) return services.unitOfWork.run(list);
  const needed = {
    action: 'bulk_query',
    objectType: 'data_subject',
    objectId: null,
    subjectId: null,
  } as const;
  return runWithApproval(services, actor, request.approvalId, needed, list);
}
