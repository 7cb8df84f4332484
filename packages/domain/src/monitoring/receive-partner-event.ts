import type { AccessContext } from '../identity/actor.js';
import { actorId } from '../identity/actor.js';
import { requirePermission } from '../identity/access-rules.js';
import type { UnitOfWork } from '../platform/unit-of-work.js';
import { ForbiddenError, RuleViolationError } from '../shared/domain-error.js';
import type { Alert } from './alert.js';
import type { Finding } from './finding.js';
import { findingPriority } from './priority/index.js';
import { MONITORING_ACCESS_RULES } from './monitoring-access-rules.js';
import type { MonitoringServices } from './monitoring-services.js';
import type { PartnerEvent } from './monitored-insured.js';
import { raiseFindingAlerts, raisePartnerAlert } from './raise-alerts.js';
import { requireMonitoredInsured } from './require-monitored-insured.js';
import { takeRiskSnapshot } from './take-risk-snapshot.js';

/** What a security partner reports about one of its insured clients. */
export type PartnerEventRequest =
  | {
      readonly kind: 'scan_result';
      readonly externalId: string;
      /** What was found where: an exposed service's product and version, or a package. */
      readonly asset: { readonly name: string; readonly version?: string; readonly purl?: string };
      readonly vulnerabilityId: string;
      readonly cvssScore?: number;
      readonly summary: string;
    }
  | {
      readonly kind: 'indicator_hit' | 'incident';
      readonly externalId: string;
      readonly summary: string;
      /** The partner's own assessment, 0–100. */
      readonly priority: number;
      readonly observedAt: string;
    };

const CVE_ID = /^CVE-\d{4}-\d{4,}$/;

function assertValid(request: PartnerEventRequest): void {
  if (!/^[\w.:-]{1,200}$/.test(request.externalId)) {
    throw new RuleViolationError(
      'partner_event_invalid',
      'externalId: 1–200 letters, digits, . : _ -',
      'externalId',
    );
  }
  if (request.summary.trim().length < 3 || request.summary.length > 2000) {
    throw new RuleViolationError('partner_event_invalid', 'summary: 3 to 2000 characters', 'summary');
  }
  if (request.kind === 'scan_result') {
    if (!/^[A-Z][A-Z0-9]*-[\w.-]+$/.test(request.vulnerabilityId)) {
      throw new RuleViolationError(
        'partner_event_invalid',
        'vulnerabilityId must be an id like CVE-2024-3094',
        'vulnerabilityId',
      );
    }
    if (request.cvssScore !== undefined && !(request.cvssScore >= 0 && request.cvssScore <= 10)) {
      throw new RuleViolationError('partner_event_invalid', 'cvssScore must be from 0 to 10', 'cvssScore');
    }
    if (request.asset.name.trim().length === 0) {
      throw new RuleViolationError('partner_event_invalid', 'asset.name is required', 'asset.name');
    }
  } else {
    if (!Number.isInteger(request.priority) || request.priority < 0 || request.priority > 100) {
      throw new RuleViolationError(
        'partner_event_invalid',
        'priority must be a whole number from 0 to 100',
        'priority',
      );
    }
    if (Number.isNaN(Date.parse(request.observedAt))) {
      throw new RuleViolationError(
        'partner_event_invalid',
        'observedAt must be an ISO-8601 time',
        'observedAt',
      );
    }
  }
}

export interface PartnerEventOutcome {
  readonly event: PartnerEvent;
  /** False when the partner had already posted this event (same external id): nothing new was raised. */
  readonly created: boolean;
}

/**
 * A security partner's event about an insured client it is named for: a scan result becomes (or refreshes)
 * a partner finding; an indicator hit or an incident becomes an alert directly, to every enabled rule's
 * channel regardless of condition, since a partner's judgement is the condition.
 */
export async function receivePartnerEvent(
  unitOfWork: UnitOfWork,
  services: MonitoringServices,
  context: AccessContext,
  monitoredInsuredId: string,
  request: PartnerEventRequest,
): Promise<PartnerEventOutcome> {
  requirePermission(context.actor, MONITORING_ACCESS_RULES, 'partner_event.submit');
  if (context.actor.kind !== 'user') throw new ForbiddenError('permission_denied', 'partners post events');
  const partnerId = context.actor.tenantId;
  assertValid(request);
  return unitOfWork.run(async (repositories) => {
    const { monitoring, feeds } = repositories;
    const insured = await requireMonitoredInsured(monitoring, monitoredInsuredId);
    if (insured.partnerId !== partnerId) {
      throw new ForbiddenError(
        'permission_denied',
        'your firm is not named as this insured’s security partner',
      );
    }
    const known = await monitoring.findPartnerEvent(partnerId, request.externalId);
    if (known !== undefined) return { event: known, created: false };
    const now = services.clock();
    const actor = actorId(context.actor);
    let finding: Finding | undefined;
    let alert: Alert | undefined;
    if (request.kind === 'scan_result') {
      const cves = CVE_ID.test(request.vulnerabilityId) ? [request.vulnerabilityId] : [];
      const [kev, epss] = await Promise.all([feeds.findKevEntries(cves), feeds.findEpssScores(cves)]);
      const epssValue = epss[0]?.probability ?? null;
      const { score, band } = findingPriority({
        cvss: request.cvssScore,
        epss: epssValue ?? undefined,
        kev: kev.length > 0,
        knownRansomwareUse: kev.some((entry) => entry.knownRansomwareUse),
      });
      const componentKey =
        request.asset.purl?.replace(/@.*$/, '') ?? `partner:${request.asset.name.trim().toLowerCase()}`;
      const existing = (await monitoring.listAllFindings(insured.id)).find(
        (candidate) =>
          candidate.componentKey === componentKey && candidate.aliasGroup === request.vulnerabilityId,
      );
      const evidence = {
        title: request.summary.trim(),
        componentName: request.asset.name.trim(),
        componentVersion: request.asset.version ?? null,
        purl: request.asset.purl ?? null,
        advisoryIds: [`${partnerId}:${request.externalId}`],
        cveIds: cves,
        cvssScore: request.cvssScore ?? null,
        cvssVector: null,
        epss: epssValue,
        kev: kev.length > 0,
        knownRansomwareUse: kev.some((entry) => entry.knownRansomwareUse),
        priority: Math.round(score),
        severityBand: band,
      };
      if (existing === undefined) {
        finding = {
          ...evidence,
          id: globalThis.crypto.randomUUID(),
          monitoredInsuredId: insured.id,
          componentKey,
          aliasGroup: request.vulnerabilityId,
          state: 'NEW',
          source: 'partner',
          firstSeenAt: now,
          lastSeenAt: now,
          stateChangedAt: now,
          justification: null,
          decidedBy: null,
          riskAcceptedBy: null,
          riskAcceptedUntil: null,
          resolvedAt: null,
          resolutionConfirmedAt: null,
        };
        await monitoring.insertFindings([finding]);
        await monitoring.appendFindingEvents([
          {
            findingId: finding.id,
            at: now,
            kind: 'detected',
            fromState: null,
            toState: 'NEW',
            actor,
            justification: null,
            details: { source: 'partner', externalId: request.externalId },
          },
        ]);
        [alert] = await raiseFindingAlerts(repositories, insured, [finding], now);
      } else {
        finding = existing;
        await monitoring.updateFindings([
          {
            id: existing.id,
            evidence: {
              ...evidence,
              advisoryIds: [...new Set([...existing.advisoryIds, ...evidence.advisoryIds])],
              lastSeenAt: now,
            },
          },
        ]);
      }
      await takeRiskSnapshot(repositories, services, insured, `partner ${request.kind}`, now);
    } else {
      alert = await raisePartnerAlert(repositories, insured, request.kind, request, now);
    }
    const event = await monitoring.insertPartnerEvent({
      id: globalThis.crypto.randomUUID(),
      monitoredInsuredId: insured.id,
      partnerId,
      kind: request.kind,
      externalId: request.externalId,
      payload: { ...request },
      receivedAt: now,
      findingId: finding?.id ?? null,
      alertId: alert?.id ?? null,
    });
    return { event, created: true };
  });
}
