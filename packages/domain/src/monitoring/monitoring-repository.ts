import type { InventoryComponent } from './advisory.js';
import type { Alert, AlertChange, AlertStatus } from './alert.js';
import type { AlertRule } from './alert-rule.js';
import type {
  Finding,
  FindingChange,
  FindingEvent,
  FindingEvidence,
  FindingState,
  SeverityBand,
} from './finding.js';
import type { Inventory, MonitoredInsured, PartnerEvent, RiskScoreSnapshot } from './monitored-insured.js';

export interface FindingFilter {
  readonly states?: readonly FindingState[];
  readonly severityBands?: readonly SeverityBand[];
  readonly kev?: boolean;
  readonly minEpss?: number;
  readonly minPriority?: number;
  readonly sort?: 'priority' | 'epss' | 'first_seen' | 'last_seen';
  readonly limit: number;
  readonly offset: number;
}

export interface AlertFilter {
  readonly monitoredInsuredId?: string;
  readonly statuses?: readonly AlertStatus[];
  readonly limit: number;
  readonly offset: number;
}

/** A message waiting in the outbox, written in the same transaction as its alert. */
export interface NewOutboxMessage {
  readonly alertId: string;
  readonly ruleId: string;
  readonly channel: 'webhook' | 'email';
  readonly dedupeId: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
  /** Now for immediate rules; the next digest time for digest rules. */
  readonly deliverAfter: Date;
}

/**
 * Port: monitored insureds, their inventories, findings, alerts and partner events, limited to what the
 * unit of work's tenant may see.
 */
export interface MonitoringRepository {
  insertMonitoredInsured(insured: MonitoredInsured): Promise<MonitoredInsured>;
  findMonitoredInsured(id: string): Promise<MonitoredInsured | undefined>;
  findMonitoredInsuredByOrganisation(
    insurerId: string,
    organisationId: string,
  ): Promise<MonitoredInsured | undefined>;
  listMonitoredInsureds(): Promise<readonly MonitoredInsured[]>;

  /** Stores a new inventory version with its components and marks the previous one superseded. */
  insertInventory(inventory: Inventory, components: readonly InventoryComponent[]): Promise<Inventory>;
  findLatestInventory(
    monitoredInsuredId: string,
  ): Promise<
    { readonly inventory: Inventory; readonly components: readonly InventoryComponent[] } | undefined
  >;
  listInventories(monitoredInsuredId: string): Promise<readonly Inventory[]>;

  /** Every finding of the insured, whatever its state: a rescan reconciles against all of them. */
  listAllFindings(monitoredInsuredId: string): Promise<readonly Finding[]>;
  listFindings(
    monitoredInsuredId: string,
    filter: FindingFilter,
  ): Promise<{ readonly items: readonly Finding[]; readonly total: number }>;
  findFinding(id: string): Promise<Finding | undefined>;
  insertFindings(findings: readonly Finding[]): Promise<void>;
  /** A rescan's new evidence (and its state change, if any), for many findings at once. */
  updateFindings(
    updates: readonly {
      readonly id: string;
      readonly evidence: FindingEvidence & { readonly lastSeenAt: Date };
      readonly change?: FindingChange;
    }[],
  ): Promise<void>;
  updateFindingState(id: string, change: FindingChange): Promise<void>;
  /** Sets the last-seen time of findings a rescan observed again, unchanged. */
  markFindingsSeen(ids: readonly string[], at: Date): Promise<void>;
  appendFindingEvents(events: readonly FindingEvent[]): Promise<void>;
  /**
   * Moves findings to their alias group's new key after a feed import merged groups. A finding whose new
   * identity already exists keeps its old key (the two are the same vulnerability seen twice; the rescan
   * resolves the stale one).
   */
  rekeyFindings(changes: readonly { readonly from: string; readonly to: string }[]): Promise<number>;
  listFindingEvents(findingId: string): Promise<readonly FindingEvent[]>;

  insertAlertRule(rule: AlertRule): Promise<AlertRule>;
  listAlertRules(monitoredInsuredId: string): Promise<readonly AlertRule[]>;
  findAlertRule(id: string): Promise<AlertRule | undefined>;
  setAlertRuleEnabled(id: string, enabled: boolean): Promise<void>;

  /** Inserts alerts whose dedupe id is new; returns the ones inserted (a repeated alert is not raised twice). */
  insertAlerts(alerts: readonly Alert[]): Promise<readonly Alert[]>;
  findAlert(id: string): Promise<Alert | undefined>;
  updateAlert(id: string, change: AlertChange): Promise<void>;
  listAlerts(filter: AlertFilter): Promise<{ readonly items: readonly Alert[]; readonly total: number }>;
  /** Alerts past their acknowledgement time, not acknowledged, closed or escalated yet. */
  listOverdueAlerts(now: Date, limit: number): Promise<readonly Alert[]>;
  insertOutboxMessages(messages: readonly NewOutboxMessage[]): Promise<void>;

  insertPartnerEvent(event: PartnerEvent): Promise<PartnerEvent>;
  findPartnerEvent(partnerId: string, externalId: string): Promise<PartnerEvent | undefined>;

  insertRiskSnapshot(snapshot: RiskScoreSnapshot): Promise<RiskScoreSnapshot>;
  listRiskSnapshots(monitoredInsuredId: string): Promise<readonly RiskScoreSnapshot[]>;
}
