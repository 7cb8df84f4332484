import type { AccessContext } from '../identity/actor.js';
import { actorId } from '../identity/actor.js';
import { requirePermission } from '../identity/access-rules.js';
import type { Repositories, UnitOfWork } from '../platform/unit-of-work.js';
import type { InventoryComponent, KevEntry } from './advisory.js';
import { evidenceFor, cveIdsOf, groupMatches, type ObservedVulnerability } from './observed-vulnerability.js';
import { kevMatchesForAssets } from './kev-asset-matching.js';
import { MONITORING_ACCESS_RULES } from './monitoring-access-rules.js';
import type { MonitoringServices } from './monitoring-services.js';
import type { MonitoredInsured, RiskScoreSnapshot } from './monitored-insured.js';
import { raiseFindingAlerts } from './raise-alerts.js';
import { reconcileFindings } from './reconcile-findings.js';
import { takeRiskSnapshot } from './take-risk-snapshot.js';
import { requireMonitoredInsured } from './require-monitored-insured.js';

export interface RescanOutcome {
  readonly monitoredInsuredId: string;
  readonly inventoryVersion: number | null;
  readonly componentsCompared: number;
  /** Components whose version could not be compared (reported, never silently "not affected"). */
  readonly versionsUnreadable: number;
  readonly observed: number;
  readonly newFindings: number;
  readonly reopened: number;
  readonly resolved: number;
  readonly alertsRaised: number;
  readonly snapshot: RiskScoreSnapshot;
}

async function exploitationFor(repositories: Pick<Repositories, 'feeds'>, cveIds: readonly string[]) {
  const [kev, epss] = await Promise.all([
    repositories.feeds.findKevEntries(cveIds),
    repositories.feeds.findEpssScores(cveIds),
  ]);
  return {
    kev: new Map(kev.map((entry) => [entry.cveId, entry])),
    epss: new Map(epss.map((score) => [score.cveId, score])),
  };
}

/**
 * Matches the insured's latest inventory against the current feeds inside the caller's transaction,
 * reconciles its findings, raises alerts and takes a risk snapshot. Shared by an inventory upload, a
 * partner's scan, an explicit rescan and the rescan of every insured after a feed import.
 */
export async function rescanWithin(
  repositories: Repositories,
  services: MonitoringServices,
  insured: MonitoredInsured,
  actor: string,
  reason: string,
): Promise<RescanOutcome> {
  const now = services.clock();
  const latest = await repositories.monitoring.findLatestInventory(insured.id);
  const components: readonly InventoryComponent[] = latest?.components ?? [];
  const index = await services.advisoryIndex(repositories.feeds);
  const outcome = index.match(components);
  const grouped = groupMatches(outcome.matches);
  const assets = components.filter(
    (component) => component.vendor !== undefined && component.product !== undefined,
  );
  const kevForAssets =
    assets.length === 0 ? [] : kevMatchesForAssets(await repositories.feeds.listKevEntries(), assets);
  const cveIds = [
    ...new Set([
      ...grouped.flatMap((group) => cveIdsOf(group.advisories)),
      ...kevForAssets.map(({ entry }) => entry.cveId),
    ]),
  ];
  const intelligence = await exploitationFor(repositories, cveIds);
  const observed: ObservedVulnerability[] = grouped.map(({ component, aliasGroup, advisories }) => ({
    componentKey: component.componentKey,
    aliasGroup,
    component,
    evidence: evidenceFor(
      component,
      advisories,
      cveIdsOf(advisories),
      intelligence,
      advisories[0]?.summary || aliasGroup,
    ),
  }));
  for (const { component, entry } of kevForAssets) {
    observed.push(kevObservation(component, entry, intelligence));
  }
  const existing = await repositories.monitoring.listAllFindings(insured.id);
  const reconciliation = reconcileFindings(insured.id, existing, observed, now, actor);
  await repositories.monitoring.insertFindings(reconciliation.inserts);
  await repositories.monitoring.updateFindings(reconciliation.updates);
  await repositories.monitoring.markFindingsSeen(reconciliation.seen, now);
  await repositories.monitoring.appendFindingEvents(reconciliation.events);
  const alerts = await raiseFindingAlerts(repositories, insured, reconciliation.raised, now);
  const snapshot = await takeRiskSnapshot(repositories, services, insured, reason, now);
  const count = (kind: string) => reconciliation.events.filter((event) => event.kind === kind).length;
  return {
    monitoredInsuredId: insured.id,
    inventoryVersion: latest?.inventory.version ?? null,
    componentsCompared: outcome.componentsCompared + assets.length,
    versionsUnreadable: outcome.versionsUnreadable.length,
    observed: observed.length,
    newFindings: reconciliation.inserts.length,
    reopened: count('reopened') + count('acceptance_expired'),
    resolved: count('resolved'),
    alertsRaised: alerts.length,
    snapshot,
  };
}

function kevObservation(
  component: InventoryComponent,
  entry: KevEntry,
  intelligence: Awaited<ReturnType<typeof exploitationFor>>,
): ObservedVulnerability {
  return {
    componentKey: component.componentKey,
    aliasGroup: entry.cveId,
    component,
    evidence: evidenceFor(component, [], [entry.cveId], intelligence, entry.vulnerabilityName),
  };
}

/** An explicit rescan of one insured (an underwriter checking after a feed update, say). */
export async function rescanInsured(
  unitOfWork: UnitOfWork,
  services: MonitoringServices,
  context: AccessContext,
  monitoredInsuredId: string,
): Promise<RescanOutcome> {
  requirePermission(context.actor, MONITORING_ACCESS_RULES, 'monitoring.rescan');
  return unitOfWork.run(async (repositories) => {
    const insured = await requireMonitoredInsured(repositories.monitoring, monitoredInsuredId);
    return rescanWithin(repositories, services, insured, actorId(context.actor), 'rescan');
  });
}
