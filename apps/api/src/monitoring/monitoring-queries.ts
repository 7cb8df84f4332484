import {
  NotFoundError,
  type Alert,
  type AlertFilter,
  type AlertRule,
  type FeedRun,
  type Finding,
  type FindingEvent,
  type FindingFilter,
  type Inventory,
  type MonitoredInsured,
  type MonitoringRepository,
  type RiskScoreSnapshot,
  type UnitOfWork,
} from '@carapace/domain';

/*
 * The monitoring reads behind the API's GET routes. Each runs in the caller's unit of work, which limits it
 * to what the caller's tenant may see and audits the access; an insured the tenant may not see is "not
 * found", the same answer as one that does not exist.
 */

async function visibleInsured(monitoring: MonitoringRepository, id: string): Promise<MonitoredInsured> {
  const insured = await monitoring.findMonitoredInsured(id);
  if (insured === undefined) {
    throw new NotFoundError('monitored_insured_not_found', `no monitored insured ${id}`);
  }
  return insured;
}

export function listMonitoredInsureds(unitOfWork: UnitOfWork): Promise<readonly MonitoredInsured[]> {
  return unitOfWork.run(({ monitoring }) => monitoring.listMonitoredInsureds());
}

export interface MonitoredInsuredOverview {
  readonly insured: MonitoredInsured;
  readonly findings: readonly Finding[];
  readonly latestSnapshot: RiskScoreSnapshot | undefined;
  readonly latestInventory: Inventory | undefined;
}

export function getMonitoredInsured(unitOfWork: UnitOfWork, id: string): Promise<MonitoredInsuredOverview> {
  return unitOfWork.run(async ({ monitoring }) => {
    const insured = await visibleInsured(monitoring, id);
    const [findings, snapshots, inventories] = await Promise.all([
      monitoring.listAllFindings(insured.id),
      monitoring.listRiskSnapshots(insured.id),
      monitoring.listInventories(insured.id),
    ]);
    return { insured, findings, latestSnapshot: snapshots[0], latestInventory: inventories[0] };
  });
}

export function listInventories(unitOfWork: UnitOfWork, id: string): Promise<readonly Inventory[]> {
  return unitOfWork.run(async ({ monitoring }) =>
    monitoring.listInventories((await visibleInsured(monitoring, id)).id),
  );
}

export function listFindings(
  unitOfWork: UnitOfWork,
  id: string,
  filter: FindingFilter,
): Promise<{ readonly items: readonly Finding[]; readonly total: number }> {
  return unitOfWork.run(async ({ monitoring }) =>
    monitoring.listFindings((await visibleInsured(monitoring, id)).id, filter),
  );
}

export function getFinding(
  unitOfWork: UnitOfWork,
  id: string,
): Promise<{ readonly finding: Finding; readonly events: readonly FindingEvent[] }> {
  return unitOfWork.run(async ({ monitoring }) => {
    const finding = await monitoring.findFinding(id);
    if (finding === undefined) throw new NotFoundError('finding_not_found', `no finding ${id}`);
    return { finding, events: await monitoring.listFindingEvents(finding.id) };
  });
}

export function listAlertRules(unitOfWork: UnitOfWork, id: string): Promise<readonly AlertRule[]> {
  return unitOfWork.run(async ({ monitoring }) =>
    monitoring.listAlertRules((await visibleInsured(monitoring, id)).id),
  );
}

export function listAlerts(
  unitOfWork: UnitOfWork,
  filter: AlertFilter,
): Promise<{ readonly items: readonly Alert[]; readonly total: number }> {
  return unitOfWork.run(async ({ monitoring }) => {
    if (filter.monitoredInsuredId !== undefined) await visibleInsured(monitoring, filter.monitoredInsuredId);
    return monitoring.listAlerts(filter);
  });
}

export function listRiskSnapshots(unitOfWork: UnitOfWork, id: string): Promise<readonly RiskScoreSnapshot[]> {
  return unitOfWork.run(async ({ monitoring }) =>
    monitoring.listRiskSnapshots((await visibleInsured(monitoring, id)).id),
  );
}

/** The feeds' import runs, newest first: public data, the same for every tenant. */
export function listFeedRuns(unitOfWork: UnitOfWork, limit: number): Promise<readonly FeedRun[]> {
  return unitOfWork.run(({ feeds }) => feeds.listFeedRuns(limit));
}
