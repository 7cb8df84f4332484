import type { AccessContext } from '../identity/actor.js';
import { actorId } from '../identity/actor.js';
import { requirePermission } from '../identity/access-rules.js';
import type { UnitOfWork } from '../platform/unit-of-work.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../shared/domain-error.js';
import type { AlertRule } from './alert-rule.js';
import { MONITORING_ACCESS_RULES } from './monitoring-access-rules.js';
import type { MonitoredInsured } from './monitored-insured.js';

export interface EnrolInsuredRequest {
  readonly organisationId: string;
  readonly brokerId?: string;
  readonly partnerId?: string;
  readonly policyId?: string;
}

/** The rule every insured starts with: known-exploited vulnerabilities only, to the in-app inbox (no flood). */
export function defaultAlertRule(insured: MonitoredInsured, now: Date): AlertRule {
  return {
    id: globalThis.crypto.randomUUID(),
    monitoredInsuredId: insured.id,
    name: 'CISA KEV · 已被利用漏洞',
    audience: 'policyholder',
    condition: { preset: 'kev_only' },
    mode: 'immediate',
    channel: 'inbox',
    targetCiphertext: null,
    targetHint: null,
    secretCiphertext: null,
    acknowledgeWithinHours: 72,
    enabled: true,
    createdBy: insured.enrolledBy,
    createdAt: now,
  };
}

/** An insurer starts watching an insured company (usually at binding) with a KEV-only inbox rule. */
export async function enrolInsured(
  unitOfWork: UnitOfWork,
  context: AccessContext,
  request: EnrolInsuredRequest,
  now: Date,
): Promise<MonitoredInsured> {
  requirePermission(context.actor, MONITORING_ACCESS_RULES, 'monitoring.enrol');
  const insurerId = context.actor.kind === 'user' ? context.actor.tenantId : undefined;
  if (insurerId === undefined)
    throw new ForbiddenError('permission_denied', 'only an insurer enrols an insured');
  return unitOfWork.run(async ({ monitoring, organisations, underwriting }) => {
    const organisation = await organisations.findById(request.organisationId);
    if (organisation === undefined || organisation.kind !== 'insured') {
      throw new NotFoundError('organisation_not_found', `no insured company ${request.organisationId}`);
    }
    for (const [field, id, kind] of [
      ['brokerId', request.brokerId, 'broker'],
      ['partnerId', request.partnerId, 'security_partner'],
    ] as const) {
      if (id === undefined) continue;
      const party = await organisations.findById(id);
      if (party === undefined || party.kind !== kind) {
        throw new RuleViolationError('tenant_invalid', `${field} must name a ${kind} organisation`, field);
      }
    }
    if (request.policyId !== undefined) {
      const policy = await underwriting.findPolicy(request.policyId);
      if (policy === undefined || policy.organisationId !== request.organisationId) {
        throw new NotFoundError('policy_not_found', `no policy ${request.policyId} of this company`);
      }
    }
    if (
      (await monitoring.findMonitoredInsuredByOrganisation(insurerId, request.organisationId)) !== undefined
    ) {
      throw new ConflictError('already_monitored', 'this company is already monitored', 'organisationId');
    }
    const insured = await monitoring.insertMonitoredInsured({
      id: globalThis.crypto.randomUUID(),
      insurerId,
      organisationId: request.organisationId,
      brokerId: request.brokerId ?? null,
      partnerId: request.partnerId ?? null,
      policyId: request.policyId ?? null,
      status: 'active',
      enrolledAt: now,
      enrolledBy: actorId(context.actor),
      endedAt: null,
    });
    await monitoring.insertAlertRule(defaultAlertRule(insured, now));
    return insured;
  });
}
