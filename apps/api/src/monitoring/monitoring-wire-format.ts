import type { z } from 'zod';
import type {
  Alert as AlertSchema,
  AlertRule as AlertRuleSchema,
  DefineAlertRuleRequest as DefineAlertRuleRequestSchema,
  FeedRun as FeedRunSchema,
  FeedStatus as FeedStatusSchema,
  Finding as FindingSchema,
  FindingEvent as FindingEventSchema,
  Inventory as InventorySchema,
  MonitoredInsured as MonitoredInsuredSchema,
  MonitoredInsuredDetail as MonitoredInsuredDetailSchema,
  PartnerEvent as PartnerEventSchema,
  PartnerEventRequest as PartnerEventRequestSchema,
  RescanOutcome as RescanOutcomeSchema,
  RiskSnapshot as RiskSnapshotSchema,
  TriageRequest as TriageRequestSchema,
} from '@carapace/contracts';
import {
  EXPOSED_FINDING_STATES,
  FEED_KINDS,
  FINDING_STATES,
  InventoryRejectedError,
  isCurrencyCode,
  readAssetListCsv,
  readAssetListJson,
  readCycloneDxSbom,
  RuleViolationError,
  SEVERITY_BANDS,
  type Alert,
  type AlertCondition,
  type AlertRule,
  type FeedRun,
  type Finding,
  type FindingEvent,
  type Inventory,
  type MonitoredInsured,
  type PartnerEvent,
  type PartnerEventRequest,
  type ReadInventory,
  type RescanOutcome,
  type RiskScoreSnapshot,
  type TriageDecision,
} from '@carapace/domain';
import { moneyToWire } from '../underwriting/underwriting-wire-format.js';

/**
 * Converts monitoring between the domain's shapes and the HTTP contracts: instants as ISO-8601 strings,
 * money as decimal strings, secrets never. Each `…ToWire` returns the contract's type, so a domain value the
 * contract does not know (a new finding state, say) fails to compile here rather than at a client.
 */

type Wire<T extends z.ZodType> = z.output<T>;

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export function insuredToWire(insured: MonitoredInsured): Wire<typeof MonitoredInsuredSchema> {
  return {
    id: insured.id,
    insurerId: insured.insurerId,
    organisationId: insured.organisationId,
    brokerId: insured.brokerId,
    partnerId: insured.partnerId,
    policyId: insured.policyId,
    status: insured.status,
    enrolledAt: insured.enrolledAt.toISOString(),
    enrolledBy: insured.enrolledBy,
    endedAt: iso(insured.endedAt),
  };
}

export function snapshotToWire(snapshot: RiskScoreSnapshot): Wire<typeof RiskSnapshotSchema> {
  const currency = snapshot.currency;
  return {
    id: snapshot.id,
    monitoredInsuredId: snapshot.monitoredInsuredId,
    takenAt: snapshot.takenAt.toISOString(),
    reason: snapshot.reason,
    score: snapshot.score,
    expectedLoss:
      snapshot.expectedLossMinor === null || currency === null || !isCurrencyCode(currency)
        ? null
        : moneyToWire({ minor: snapshot.expectedLossMinor, currency }),
    openFindings: snapshot.openFindings,
    openCritical: snapshot.openCritical,
    openKnownExploited: snapshot.openKnownExploited,
  };
}

export function inventoryToWire(inventory: Inventory): Wire<typeof InventorySchema> {
  return {
    id: inventory.id,
    monitoredInsuredId: inventory.monitoredInsuredId,
    version: inventory.version,
    kind: inventory.kind,
    serialNumber: inventory.serialNumber,
    specVersion: inventory.specVersion,
    describedComponent: inventory.describedComponent,
    componentCount: inventory.componentCount,
    uploadedAt: inventory.uploadedAt.toISOString(),
    uploadedBy: inventory.uploadedBy,
    supersededAt: iso(inventory.supersededAt),
  };
}

export function rescanToWire(outcome: RescanOutcome): Wire<typeof RescanOutcomeSchema> {
  return { ...outcome, snapshot: snapshotToWire(outcome.snapshot) };
}

/** The insured with its latest snapshot and inventory, and its findings counted by state and band. */
export function insuredDetailToWire(
  insured: MonitoredInsured,
  findings: readonly Pick<Finding, 'state' | 'severityBand' | 'kev'>[],
  latestSnapshot: RiskScoreSnapshot | undefined,
  latestInventory: Inventory | undefined,
): Wire<typeof MonitoredInsuredDetailSchema> {
  const byState = Object.fromEntries(FINDING_STATES.map((state) => [state, 0])) as Record<
    Finding['state'],
    number
  >;
  const openByBand = Object.fromEntries(SEVERITY_BANDS.map((band) => [band, 0])) as Record<
    Finding['severityBand'],
    number
  >;
  let openKnownExploited = 0;
  for (const finding of findings) {
    byState[finding.state] += 1;
    if (!EXPOSED_FINDING_STATES.includes(finding.state)) continue;
    openByBand[finding.severityBand] += 1;
    if (finding.kev) openKnownExploited += 1;
  }
  return {
    ...insuredToWire(insured),
    latestSnapshot: latestSnapshot === undefined ? null : snapshotToWire(latestSnapshot),
    latestInventory: latestInventory === undefined ? null : inventoryToWire(latestInventory),
    findings: { total: findings.length, byState, openByBand, openKnownExploited },
  };
}

export function findingToWire(finding: Finding): Wire<typeof FindingSchema> {
  return {
    id: finding.id,
    monitoredInsuredId: finding.monitoredInsuredId,
    componentKey: finding.componentKey,
    aliasGroup: finding.aliasGroup,
    state: finding.state,
    source: finding.source,
    title: finding.title,
    componentName: finding.componentName,
    componentVersion: finding.componentVersion,
    purl: finding.purl,
    advisoryIds: [...finding.advisoryIds],
    cveIds: [...finding.cveIds],
    cvssScore: finding.cvssScore,
    cvssVector: finding.cvssVector,
    epss: finding.epss,
    kev: finding.kev,
    knownRansomwareUse: finding.knownRansomwareUse,
    priority: finding.priority,
    severityBand: finding.severityBand,
    firstSeenAt: finding.firstSeenAt.toISOString(),
    lastSeenAt: finding.lastSeenAt.toISOString(),
    stateChangedAt: finding.stateChangedAt.toISOString(),
    justification: finding.justification,
    decidedBy: finding.decidedBy,
    riskAcceptedBy: finding.riskAcceptedBy,
    riskAcceptedUntil: iso(finding.riskAcceptedUntil),
    resolvedAt: iso(finding.resolvedAt),
    resolutionConfirmedAt: iso(finding.resolutionConfirmedAt),
  };
}

export function findingEventToWire(event: FindingEvent): Wire<typeof FindingEventSchema> {
  return {
    at: event.at.toISOString(),
    kind: event.kind,
    fromState: event.fromState,
    toState: event.toState,
    actor: event.actor,
    justification: event.justification,
    details: { ...event.details },
  };
}

export function triageDecisionFromWire(body: z.output<typeof TriageRequestSchema>): TriageDecision {
  switch (body.state) {
    case 'IN_TRIAGE':
    case 'EXPLOITABLE':
    case 'RESOLVED':
      return body.note === undefined ? { state: body.state } : { state: body.state, note: body.note };
    case 'NOT_AFFECTED':
      return { state: body.state, justification: body.justification, note: body.note };
    case 'FALSE_POSITIVE':
      return { state: body.state, note: body.note };
    case 'RISK_ACCEPTED':
      return { state: body.state, note: body.note, until: new Date(body.until) };
  }
}

function conditionToWire(condition: AlertCondition): Wire<typeof AlertRuleSchema>['condition'] {
  if (condition.preset !== 'custom') return { ...condition };
  const { severityBands, ecosystems, ...criteria } = condition;
  return {
    ...criteria,
    ...(severityBands === undefined ? {} : { severityBands: [...severityBands] }),
    ...(ecosystems === undefined ? {} : { ecosystems: [...ecosystems] }),
  };
}

/** A rule as screens see it: the target's hint only; the target and any webhook secret stay encrypted. */
export function alertRuleToWire(rule: AlertRule): Wire<typeof AlertRuleSchema> {
  return {
    id: rule.id,
    monitoredInsuredId: rule.monitoredInsuredId,
    name: rule.name,
    audience: rule.audience,
    condition: conditionToWire(rule.condition),
    mode: rule.mode,
    channel: rule.channel,
    targetHint: rule.targetHint,
    acknowledgeWithinHours: rule.acknowledgeWithinHours,
    enabled: rule.enabled,
    createdBy: rule.createdBy,
    createdAt: rule.createdAt.toISOString(),
  };
}

export function alertToWire(alert: Alert): Wire<typeof AlertSchema> {
  return {
    id: alert.id,
    monitoredInsuredId: alert.monitoredInsuredId,
    ruleId: alert.ruleId,
    findingId: alert.findingId,
    kind: alert.kind,
    title: alert.title,
    priority: alert.priority,
    status: alert.status,
    dedupeId: alert.dedupeId,
    createdAt: alert.createdAt.toISOString(),
    acknowledgeBy: alert.acknowledgeBy.toISOString(),
    deliveredAt: iso(alert.deliveredAt),
    acknowledgedAt: iso(alert.acknowledgedAt),
    acknowledgedBy: alert.acknowledgedBy,
    closedAt: iso(alert.closedAt),
    closedBy: alert.closedBy,
    escalatedAt: iso(alert.escalatedAt),
    escalationOf: alert.escalationOf,
  };
}

export function partnerEventFromWire(body: z.output<typeof PartnerEventRequestSchema>): PartnerEventRequest {
  if (body.kind !== 'scan_result') return body;
  const { asset, cvssScore, ...rest } = body;
  return {
    ...rest,
    asset: {
      name: asset.name,
      ...(asset.version === undefined ? {} : { version: asset.version }),
      ...(asset.purl === undefined ? {} : { purl: asset.purl }),
    },
    ...(cvssScore === undefined ? {} : { cvssScore }),
  };
}

export function partnerEventToWire(event: PartnerEvent): Wire<typeof PartnerEventSchema> {
  return {
    id: event.id,
    monitoredInsuredId: event.monitoredInsuredId,
    partnerId: event.partnerId,
    kind: event.kind,
    externalId: event.externalId,
    receivedAt: event.receivedAt.toISOString(),
    findingId: event.findingId,
    alertId: event.alertId,
  };
}

/**
 * Where a feed was read from, as every tenant may see it: a URL without credentials, query or fragment
 * (tokens travel there), a file by its name only (the server's directory layout is nobody's business).
 */
export function feedLocationForDisplay(location: string): string {
  if (/^https?:\/\//i.test(location)) {
    try {
      const url = new URL(location);
      return `${url.protocol}//${url.host}${url.pathname}`;
    } catch {
      return '(a URL)';
    }
  }
  return location.split(/[\\/]/).pop() ?? location;
}

export function feedRunToWire(run: FeedRun): Wire<typeof FeedRunSchema> {
  return {
    id: run.id,
    feed: run.feed,
    location: feedLocationForDisplay(run.location),
    status: run.status,
    startedAt: run.startedAt.toISOString(),
    finishedAt: iso(run.finishedAt),
    sourceVersion: run.sourceVersion,
    error: run.error,
    recordsRead: run.recordsRead,
    added: run.added,
    changed: run.changed,
    unchanged: run.unchanged,
    withdrawn: run.withdrawn,
    rejected: run.rejected,
    skipped: run.skipped,
  };
}

/** Each feed's latest run and latest success, then the runs themselves (newest first, as given). */
export function feedStatusToWire(runs: readonly FeedRun[]): Wire<typeof FeedStatusSchema> {
  return {
    feeds: FEED_KINDS.map((feed) => {
      const lastRun = runs.find((run) => run.feed === feed);
      const lastSuccess = runs.find((run) => run.feed === feed && run.status === 'succeeded');
      return {
        feed,
        lastRun: lastRun === undefined ? null : feedRunToWire(lastRun),
        lastSuccess: lastSuccess === undefined ? null : feedRunToWire(lastSuccess),
      };
    }),
    runs: runs.map(feedRunToWire),
  };
}

/** The media types an inventory upload may have. */
export const INVENTORY_MEDIA_TYPES = {
  cyclonedx: 'application/vnd.cyclonedx+json',
  json: 'application/json',
  csv: 'text/csv',
} as const;

function mediaTypeOf(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/** Whether a content type is one an inventory upload accepts. */
export function isInventoryMediaType(contentType: string): boolean {
  return (Object.values(INVENTORY_MEDIA_TYPES) as string[]).includes(mediaTypeOf(contentType));
}

function componentLabel(component: { name: string; version: string | undefined } | undefined): string | null {
  if (component === undefined) return null;
  return component.version === undefined ? component.name : `${component.name}@${component.version}`;
}

/**
 * Reads an uploaded inventory by its content type: a CycloneDX SBOM (its own media type, or JSON that is
 * an object), an asset list as a JSON array, or an asset list as CSV.
 * @throws RuleViolationError `inventory_invalid` naming the bad part (JSON path or line, component, problem).
 */
export async function readInventoryUpload(contentType: string, text: string): Promise<ReadInventory> {
  try {
    const mediaType = mediaTypeOf(contentType);
    if (mediaType === INVENTORY_MEDIA_TYPES.csv) {
      return assetList(readAssetListCsv(text));
    }
    if (mediaType === INVENTORY_MEDIA_TYPES.json && text.trimStart().startsWith('[')) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new InventoryRejectedError('asset_list', undefined, `not JSON: ${(error as Error).message}`);
      }
      return assetList(readAssetListJson(json));
    }
    const sbom = await readCycloneDxSbom(text);
    return {
      kind: 'cyclonedx',
      serialNumber: sbom.metadata.serialNumber ?? null,
      specVersion: sbom.metadata.specVersion,
      describedComponent: componentLabel(sbom.metadata.describedComponent),
      components: sbom.components,
    };
  } catch (error) {
    if (error instanceof InventoryRejectedError) {
      throw new RuleViolationError('inventory_invalid', error.message, error.field);
    }
    throw error;
  }
}

function assetList(components: ReadInventory['components']): ReadInventory {
  return { kind: 'asset_list', serialNumber: null, specVersion: null, describedComponent: null, components };
}

/** An alert condition from a request, leaving out the criteria it does not set. */
export function alertConditionFromWire(
  condition: z.output<typeof DefineAlertRuleRequestSchema>['condition'],
): AlertCondition {
  if (condition.preset !== 'custom') return condition;
  const { minPriority, minEpss, kevOnly, ransomwareOnly, severityBands, ecosystems } = condition;
  return {
    preset: 'custom',
    ...(minPriority === undefined ? {} : { minPriority }),
    ...(minEpss === undefined ? {} : { minEpss }),
    ...(kevOnly === undefined ? {} : { kevOnly }),
    ...(ransomwareOnly === undefined ? {} : { ransomwareOnly }),
    ...(severityBands === undefined ? {} : { severityBands }),
    ...(ecosystems === undefined ? {} : { ecosystems }),
  };
}
