import { sql, type Kysely, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import {
  isEcosystem,
  type Alert,
  type AlertChange,
  type AlertFilter,
  type AlertRule,
  type Finding,
  type FindingChange,
  type FindingEvent,
  type FindingEvidence,
  type FindingFilter,
  type Inventory,
  type InventoryComponent,
  type MonitoredInsured,
  type MonitoringRepository,
  type NewOutboxMessage,
  type PartnerEvent,
  type RiskScoreSnapshot,
} from '@carapace/domain';
import type { AccessRecordingTable } from '../audit/access-recording-repository.js';
import { TenantIsolationError, type DataScope } from '../data-scope.js';
import type {
  AlertRulesTable,
  AlertsTable,
  Database,
  FindingsTable,
  InventoriesTable,
  MonitoredInsuredsTable,
  RiskScoreSnapshotsTable,
} from '../schema.js';
import { isUuid } from './uuid.js';

const LIST_LIMIT_MAX = 1000;
/** Rows per multi-row INSERT: well under PostgreSQL's 65,535 bind parameters for the widest table. */
const INSERT_BATCH = 500;

function batches<T>(items: readonly T[], size = INSERT_BATCH): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** The monitored insureds the scope may see: the insurer, the company, its broker and its named partner. */
function insuredPartiesInclude(scope: DataScope, table?: string): RawBuilder<SqlBool> {
  if (scope.kind === 'platform') return sql<SqlBool>`true`;
  const column = (name: string) => (table === undefined ? sql.ref(name) : sql.ref(`${table}.${name}`));
  return sql<SqlBool>`${scope.tenantId}::uuid in (${column('insurer_id')}, ${column('organisation_id')}, ${column('broker_id')}, ${column('partner_id')})`;
}

/** Rows of a child table whose insured the scope may see. */
function ofVisibleInsured(scope: DataScope, column = 'monitored_insured_id'): RawBuilder<SqlBool> {
  if (scope.kind === 'platform') return sql<SqlBool>`true`;
  return sql<SqlBool>`${sql.ref(column)} in (select m.id from monitored_insureds m where ${insuredPartiesInclude(scope, 'm')})`;
}

function toInsured(row: Selectable<MonitoredInsuredsTable>): MonitoredInsured {
  return { ...row };
}

/** A page's rows without the window count that rode along with them. */
function withoutTotal<Row extends { total: unknown }>(row: Row): Omit<Row, 'total'> {
  const copy: Partial<Row> = { ...row };
  delete copy.total;
  return copy as Omit<Row, 'total'>;
}

function toInventory(row: Selectable<InventoriesTable>): Inventory {
  return { ...row };
}

function toFinding(row: Selectable<FindingsTable>): Finding {
  return { ...row };
}

function toRule(row: Selectable<AlertRulesTable>): AlertRule {
  return { ...row };
}

function toAlert(row: Selectable<AlertsTable>): Alert {
  return { ...row };
}

function toSnapshot(row: Selectable<RiskScoreSnapshotsTable>): RiskScoreSnapshot {
  return {
    id: row.id,
    monitoredInsuredId: row.monitoredInsuredId,
    takenAt: row.takenAt,
    reason: row.reason,
    score: row.score,
    currency: row.currency,
    openFindings: row.openFindings,
    openCritical: row.openCritical,
    openKnownExploited: row.openKnownExploited,
    expectedLossMinor: row.expectedLossMinor === null ? null : Number(row.expectedLossMinor),
  };
}

function evidenceColumns(evidence: FindingEvidence) {
  return {
    title: evidence.title,
    componentName: evidence.componentName,
    componentVersion: evidence.componentVersion,
    purl: evidence.purl,
    advisoryIds: [...evidence.advisoryIds],
    cveIds: [...evidence.cveIds],
    cvssScore: evidence.cvssScore,
    cvssVector: evidence.cvssVector,
    epss: evidence.epss,
    kev: evidence.kev,
    knownRansomwareUse: evidence.knownRansomwareUse,
    priority: evidence.priority,
    severityBand: evidence.severityBand,
  };
}

function changeColumns(change: FindingChange) {
  return {
    state: change.state,
    justification: change.justification,
    decidedBy: change.decidedBy,
    riskAcceptedBy: change.riskAcceptedBy,
    riskAcceptedUntil: change.riskAcceptedUntil,
    resolvedAt: change.resolvedAt,
    resolutionConfirmedAt: change.resolutionConfirmedAt,
    stateChangedAt: change.stateChangedAt,
  };
}

const FINDING_SORT = {
  priority: 'priority',
  epss: 'epss',
  first_seen: 'firstSeenAt',
  last_seen: 'lastSeenAt',
} as const;

/** Monitoring data through Kysely, limited to what the scope may see (RLS enforces the same underneath). */
export class KyselyMonitoringRepository implements MonitoringRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly scope: DataScope,
  ) {}

  private requireInsurer(insurerId: string): void {
    if (this.scope.kind === 'tenant' && this.scope.tenantId !== insurerId) {
      throw new TenantIsolationError('refused to enrol an insured for another insurer');
    }
  }

  async insertMonitoredInsured(insured: MonitoredInsured): Promise<MonitoredInsured> {
    this.requireInsurer(insured.insurerId);
    const row = await this.db
      .insertInto('monitoredInsureds')
      .values(insured)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toInsured(row);
  }

  async findMonitoredInsured(id: string): Promise<MonitoredInsured | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.db
      .selectFrom('monitoredInsureds')
      .selectAll()
      .where('id', '=', id)
      .where(insuredPartiesInclude(this.scope))
      .executeTakeFirst();
    return row === undefined ? undefined : toInsured(row);
  }

  async findMonitoredInsuredByOrganisation(
    insurerId: string,
    organisationId: string,
  ): Promise<MonitoredInsured | undefined> {
    if (!isUuid(insurerId) || !isUuid(organisationId)) return undefined;
    const row = await this.db
      .selectFrom('monitoredInsureds')
      .selectAll()
      .where('insurerId', '=', insurerId)
      .where('organisationId', '=', organisationId)
      .where(insuredPartiesInclude(this.scope))
      .executeTakeFirst();
    return row === undefined ? undefined : toInsured(row);
  }

  async listMonitoredInsureds(): Promise<readonly MonitoredInsured[]> {
    const rows = await this.db
      .selectFrom('monitoredInsureds')
      .selectAll()
      .where(insuredPartiesInclude(this.scope))
      .orderBy('enrolledAt')
      .limit(LIST_LIMIT_MAX)
      .execute();
    return rows.map(toInsured);
  }

  async insertInventory(inventory: Inventory, components: readonly InventoryComponent[]): Promise<Inventory> {
    await this.db
      .updateTable('inventories')
      .set({ supersededAt: inventory.uploadedAt })
      .where('monitoredInsuredId', '=', inventory.monitoredInsuredId)
      .where('supersededAt', 'is', null)
      .where(ofVisibleInsured(this.scope))
      .execute();
    const row = await this.db
      .insertInto('inventories')
      .values(inventory)
      .returningAll()
      .executeTakeFirstOrThrow();
    for (const [batchIndex, batch] of batches(components).entries()) {
      await this.db
        .insertInto('inventoryComponents')
        .values(
          batch.map((component, index) => ({
            inventoryId: inventory.id,
            position: batchIndex * INSERT_BATCH + index,
            componentKey: component.componentKey,
            name: component.name,
            version: component.version ?? null,
            purl: component.purl ?? null,
            ecosystem: component.ecosystem ?? null,
            packageName: component.packageName ?? null,
            vendor: component.vendor ?? null,
            product: component.product ?? null,
            bomRef: component.bomRef ?? null,
          })),
        )
        .execute();
    }
    return toInventory(row);
  }

  async findLatestInventory(
    monitoredInsuredId: string,
  ): Promise<
    { readonly inventory: Inventory; readonly components: readonly InventoryComponent[] } | undefined
  > {
    if (!isUuid(monitoredInsuredId)) return undefined;
    const row = await this.db
      .selectFrom('inventories')
      .selectAll()
      .where('monitoredInsuredId', '=', monitoredInsuredId)
      .where(ofVisibleInsured(this.scope))
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const components = await this.db
      .selectFrom('inventoryComponents')
      .selectAll()
      .where('inventoryId', '=', row.id)
      .orderBy('position')
      .execute();
    return {
      inventory: toInventory(row),
      components: components.map((component) => ({
        componentKey: component.componentKey,
        name: component.name,
        version: component.version ?? undefined,
        purl: component.purl ?? undefined,
        ecosystem:
          component.ecosystem !== null && isEcosystem(component.ecosystem) ? component.ecosystem : undefined,
        packageName: component.packageName ?? undefined,
        vendor: component.vendor ?? undefined,
        product: component.product ?? undefined,
        bomRef: component.bomRef ?? undefined,
      })),
    };
  }

  async listInventories(monitoredInsuredId: string): Promise<readonly Inventory[]> {
    if (!isUuid(monitoredInsuredId)) return [];
    const rows = await this.db
      .selectFrom('inventories')
      .selectAll()
      .where('monitoredInsuredId', '=', monitoredInsuredId)
      .where(ofVisibleInsured(this.scope))
      .orderBy('version', 'desc')
      .execute();
    return rows.map(toInventory);
  }

  async listAllFindings(monitoredInsuredId: string): Promise<readonly Finding[]> {
    if (!isUuid(monitoredInsuredId)) return [];
    const rows = await this.db
      .selectFrom('findings')
      .selectAll()
      .where('monitoredInsuredId', '=', monitoredInsuredId)
      .where(ofVisibleInsured(this.scope))
      .execute();
    return rows.map(toFinding);
  }

  async listFindings(
    monitoredInsuredId: string,
    filter: FindingFilter,
  ): Promise<{ readonly items: readonly Finding[]; readonly total: number }> {
    if (!isUuid(monitoredInsuredId)) return { items: [], total: 0 };
    let query = this.db
      .selectFrom('findings')
      .where('monitoredInsuredId', '=', monitoredInsuredId)
      .where(ofVisibleInsured(this.scope));
    if (filter.states !== undefined && filter.states.length > 0)
      query = query.where('state', 'in', [...filter.states]);
    if (filter.severityBands !== undefined && filter.severityBands.length > 0) {
      query = query.where('severityBand', 'in', [...filter.severityBands]);
    }
    if (filter.kev !== undefined) query = query.where('kev', '=', filter.kev);
    if (filter.minEpss !== undefined) query = query.where('epss', '>=', filter.minEpss);
    if (filter.minPriority !== undefined) query = query.where('priority', '>=', filter.minPriority);
    const sortColumn = FINDING_SORT[filter.sort ?? 'priority'];
    const rows = await query
      .selectAll()
      .select((eb) => eb.fn.countAll<string>().over().as('total'))
      .orderBy(sortColumn, (order) => order.desc().nullsLast())
      .orderBy('id')
      .limit(Math.min(filter.limit, LIST_LIMIT_MAX))
      .offset(filter.offset)
      .execute();
    const total =
      rows[0] !== undefined
        ? Number(rows[0].total)
        : Number(
            (await query.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow())
              .total,
          );
    return { items: rows.map((row) => toFinding(withoutTotal(row))), total };
  }

  async findFinding(id: string): Promise<Finding | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.db
      .selectFrom('findings')
      .selectAll()
      .where('id', '=', id)
      .where(ofVisibleInsured(this.scope))
      .executeTakeFirst();
    return row === undefined ? undefined : toFinding(row);
  }

  async insertFindings(findings: readonly Finding[]): Promise<void> {
    for (const batch of batches(findings)) {
      await this.db
        .insertInto('findings')
        .values(
          batch.map((finding) => ({
            ...finding,
            advisoryIds: [...finding.advisoryIds],
            cveIds: [...finding.cveIds],
          })),
        )
        .execute();
    }
  }

  async updateFindings(
    updates: readonly {
      readonly id: string;
      readonly evidence: FindingEvidence & { readonly lastSeenAt: Date };
      readonly change?: FindingChange;
    }[],
  ): Promise<void> {
    for (const update of updates) {
      await this.db
        .updateTable('findings')
        .set({
          ...evidenceColumns(update.evidence),
          lastSeenAt: update.evidence.lastSeenAt,
          ...(update.change === undefined ? {} : changeColumns(update.change)),
        })
        .where('id', '=', update.id)
        .where(ofVisibleInsured(this.scope))
        .execute();
    }
  }

  async updateFindingState(id: string, change: FindingChange): Promise<void> {
    await this.db
      .updateTable('findings')
      .set(changeColumns(change))
      .where('id', '=', id)
      .where(ofVisibleInsured(this.scope))
      .execute();
  }

  async markFindingsSeen(ids: readonly string[], at: Date): Promise<void> {
    for (let start = 0; start < ids.length; start += 10_000) {
      await this.db
        .updateTable('findings')
        .set({ lastSeenAt: at })
        .where('id', '=', sql<string>`any(${ids.slice(start, start + 10_000)}::uuid[])`)
        .where(ofVisibleInsured(this.scope))
        .execute();
    }
  }

  async appendFindingEvents(events: readonly FindingEvent[]): Promise<void> {
    for (const batch of batches(events)) {
      await this.db
        .insertInto('findingEvents')
        .values(
          batch.map((event) => ({
            id: globalThis.crypto.randomUUID(),
            ...event,
            details: JSON.stringify(event.details),
          })),
        )
        .execute();
    }
  }

  async rekeyFindings(changes: readonly { readonly from: string; readonly to: string }[]): Promise<number> {
    let moved = 0;
    for (const { from, to } of changes) {
      const result = await this.db
        .updateTable('findings')
        .set({ aliasGroup: to })
        .where('aliasGroup', '=', from)
        .where(ofVisibleInsured(this.scope))
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('findings as other')
                .select('other.id')
                .whereRef('other.monitoredInsuredId', '=', 'findings.monitoredInsuredId')
                .whereRef('other.componentKey', '=', 'findings.componentKey')
                .where('other.aliasGroup', '=', to),
            ),
          ),
        )
        .executeTakeFirst();
      moved += Number(result.numUpdatedRows);
    }
    return moved;
  }

  async listFindingEvents(findingId: string): Promise<readonly FindingEvent[]> {
    if (!isUuid(findingId)) return [];
    const rows = await this.db
      .selectFrom('findingEvents')
      .innerJoin('findings', 'findings.id', 'findingEvents.findingId')
      .where('findingEvents.findingId', '=', findingId)
      .where(ofVisibleInsured(this.scope, 'findings.monitored_insured_id'))
      .select([
        'findingEvents.findingId',
        'findingEvents.at',
        'findingEvents.kind',
        'findingEvents.fromState',
        'findingEvents.toState',
        'findingEvents.actor',
        'findingEvents.justification',
        'findingEvents.details',
      ])
      .orderBy('findingEvents.eventSeq')
      .execute();
    return rows;
  }

  async insertAlertRule(rule: AlertRule): Promise<AlertRule> {
    const row = await this.db
      .insertInto('alertRules')
      .values({ ...rule, condition: JSON.stringify(rule.condition) })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRule(row);
  }

  async listAlertRules(monitoredInsuredId: string): Promise<readonly AlertRule[]> {
    if (!isUuid(monitoredInsuredId)) return [];
    const rows = await this.db
      .selectFrom('alertRules')
      .selectAll()
      .where('monitoredInsuredId', '=', monitoredInsuredId)
      .where(ofVisibleInsured(this.scope))
      .orderBy('createdAt')
      .execute();
    return rows.map(toRule);
  }

  async findAlertRule(id: string): Promise<AlertRule | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.db
      .selectFrom('alertRules')
      .selectAll()
      .where('id', '=', id)
      .where(ofVisibleInsured(this.scope))
      .executeTakeFirst();
    return row === undefined ? undefined : toRule(row);
  }

  async setAlertRuleEnabled(id: string, enabled: boolean): Promise<void> {
    await this.db
      .updateTable('alertRules')
      .set({ enabled })
      .where('id', '=', id)
      .where(ofVisibleInsured(this.scope))
      .execute();
  }

  async insertAlerts(alerts: readonly Alert[]): Promise<readonly Alert[]> {
    const inserted: Alert[] = [];
    for (const batch of batches(alerts)) {
      const rows = await this.db
        .insertInto('alerts')
        .values(batch)
        .onConflict((conflict) => conflict.column('dedupeId').doNothing())
        .returningAll()
        .execute();
      inserted.push(...rows.map(toAlert));
    }
    return inserted;
  }

  async findAlert(id: string): Promise<Alert | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.db
      .selectFrom('alerts')
      .selectAll()
      .where('id', '=', id)
      .where(ofVisibleInsured(this.scope))
      .executeTakeFirst();
    return row === undefined ? undefined : toAlert(row);
  }

  async updateAlert(id: string, change: AlertChange): Promise<void> {
    await this.db
      .updateTable('alerts')
      .set(change)
      .where('id', '=', id)
      .where(ofVisibleInsured(this.scope))
      .execute();
  }

  async listAlerts(
    filter: AlertFilter,
  ): Promise<{ readonly items: readonly Alert[]; readonly total: number }> {
    if (filter.monitoredInsuredId !== undefined && !isUuid(filter.monitoredInsuredId)) {
      return { items: [], total: 0 };
    }
    let query = this.db.selectFrom('alerts').where(ofVisibleInsured(this.scope));
    if (filter.monitoredInsuredId !== undefined) {
      query = query.where('monitoredInsuredId', '=', filter.monitoredInsuredId);
    }
    if (filter.statuses !== undefined && filter.statuses.length > 0) {
      query = query.where('status', 'in', [...filter.statuses]);
    }
    const rows = await query
      .selectAll()
      .select((eb) => eb.fn.countAll<string>().over().as('total'))
      .orderBy('createdAt', 'desc')
      .orderBy('id')
      .limit(Math.min(filter.limit, LIST_LIMIT_MAX))
      .offset(filter.offset)
      .execute();
    const total =
      rows[0] !== undefined
        ? Number(rows[0].total)
        : Number(
            (await query.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow())
              .total,
          );
    return { items: rows.map((row) => toAlert(withoutTotal(row))), total };
  }

  async listOverdueAlerts(now: Date, limit: number): Promise<readonly Alert[]> {
    const rows = await this.db
      .selectFrom('alerts')
      .selectAll()
      .where('status', 'in', ['created', 'delivered'])
      .where('escalatedAt', 'is', null)
      .where('kind', '<>', 'escalation')
      .where('acknowledgeBy', '<=', now)
      .where(ofVisibleInsured(this.scope))
      .orderBy('acknowledgeBy')
      .limit(limit)
      .execute();
    return rows.map(toAlert);
  }

  async insertOutboxMessages(messages: readonly NewOutboxMessage[]): Promise<void> {
    for (const batch of batches(messages)) {
      await this.db
        .insertInto('alertOutbox')
        .values(
          batch.map((message) => ({
            id: globalThis.crypto.randomUUID(),
            ...message,
            payload: JSON.stringify(message.payload),
          })),
        )
        .onConflict((conflict) => conflict.column('dedupeId').doNothing())
        .execute();
    }
  }

  async insertPartnerEvent(event: PartnerEvent): Promise<PartnerEvent> {
    const row = await this.db
      .insertInto('partnerEvents')
      .values({ ...event, payload: JSON.stringify(event.payload) })
      .returningAll()
      .executeTakeFirstOrThrow();
    return row;
  }

  async findPartnerEvent(partnerId: string, externalId: string): Promise<PartnerEvent | undefined> {
    if (!isUuid(partnerId)) return undefined;
    return this.db
      .selectFrom('partnerEvents')
      .selectAll()
      .where('partnerId', '=', partnerId)
      .where('externalId', '=', externalId)
      .where(ofVisibleInsured(this.scope))
      .executeTakeFirst();
  }

  async insertRiskSnapshot(snapshot: RiskScoreSnapshot): Promise<RiskScoreSnapshot> {
    const row = await this.db
      .insertInto('riskScoreSnapshots')
      .values(snapshot)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSnapshot(row);
  }

  async listRiskSnapshots(monitoredInsuredId: string): Promise<readonly RiskScoreSnapshot[]> {
    if (!isUuid(monitoredInsuredId)) return [];
    const rows = await this.db
      .selectFrom('riskScoreSnapshots')
      .selectAll()
      .where('monitoredInsuredId', '=', monitoredInsuredId)
      .where(ofVisibleInsured(this.scope))
      .orderBy('snapshotSeq', 'desc')
      .limit(LIST_LIMIT_MAX)
      .execute();
    return rows.map(toSnapshot);
  }
}

const firstArgument = (args: readonly unknown[]): string | null =>
  typeof args[0] === 'string' ? args[0] : null;
const resultId = (_args: readonly unknown[], result: unknown): string | null =>
  typeof result === 'object' && result !== null && 'id' in result && typeof result.id === 'string'
    ? result.id
    : null;
const found = (result: unknown): number => (result === undefined ? 0 : 1);
const listed = (result: unknown): number => (Array.isArray(result) ? result.length : 0);
const paged = (result: unknown): number =>
  typeof result === 'object' && result !== null && 'items' in result && Array.isArray(result.items)
    ? result.items.length
    : 0;
const insuredOfFirst = (args: readonly unknown[]): string | null => {
  const first: unknown = Array.isArray(args[0]) ? args[0][0] : args[0];
  return typeof first === 'object' && first !== null && 'monitoredInsuredId' in first
    ? String(first.monitoredInsuredId)
    : null;
};

/** How each monitoring repository call is audited: an insured's security posture is confidential. */
export const MONITORING_ACCESS_RECORDING: AccessRecordingTable<MonitoringRepository> = {
  insertMonitoredInsured: { action: 'create', objectType: 'monitored_insured', objectId: resultId },
  findMonitoredInsured: {
    action: 'read',
    objectType: 'monitored_insured',
    objectId: firstArgument,
    rows: found,
  },
  findMonitoredInsuredByOrganisation: {
    action: 'read',
    objectType: 'monitored_insured',
    objectId: (_args, result) => (result as MonitoredInsured | undefined)?.id ?? null,
    rows: found,
  },
  listMonitoredInsureds: {
    action: 'list',
    objectType: 'monitored_insured',
    objectId: () => null,
    rows: listed,
  },
  insertInventory: {
    action: 'create',
    objectType: 'inventory',
    objectId: resultId,
    rows: (result) => (result as Inventory).componentCount,
  },
  findLatestInventory: { action: 'read', objectType: 'inventory', objectId: firstArgument, rows: found },
  listInventories: { action: 'list', objectType: 'inventory', objectId: firstArgument, rows: listed },
  listAllFindings: { action: 'list', objectType: 'finding', objectId: firstArgument, rows: listed },
  listFindings: { action: 'list', objectType: 'finding', objectId: firstArgument, rows: paged },
  findFinding: { action: 'read', objectType: 'finding', objectId: firstArgument, rows: found },
  insertFindings: { action: 'create', objectType: 'finding', objectId: insuredOfFirst },
  updateFindings: { action: 'update', objectType: 'finding', objectId: () => null },
  updateFindingState: { action: 'update', objectType: 'finding', objectId: firstArgument },
  markFindingsSeen: { action: 'update', objectType: 'finding', objectId: () => null },
  appendFindingEvents: { action: 'create', objectType: 'finding_event', objectId: () => null },
  rekeyFindings: { action: 'update', objectType: 'finding', objectId: () => null },
  listFindingEvents: { action: 'list', objectType: 'finding_event', objectId: firstArgument, rows: listed },
  insertAlertRule: { action: 'create', objectType: 'alert_rule', objectId: resultId },
  listAlertRules: { action: 'list', objectType: 'alert_rule', objectId: firstArgument, rows: listed },
  findAlertRule: { action: 'read', objectType: 'alert_rule', objectId: firstArgument, rows: found },
  setAlertRuleEnabled: { action: 'update', objectType: 'alert_rule', objectId: firstArgument },
  insertAlerts: { action: 'create', objectType: 'alert', objectId: insuredOfFirst, rows: listed },
  findAlert: { action: 'read', objectType: 'alert', objectId: firstArgument, rows: found },
  updateAlert: { action: 'update', objectType: 'alert', objectId: firstArgument },
  listAlerts: { action: 'list', objectType: 'alert', objectId: () => null, rows: paged },
  listOverdueAlerts: { action: 'list', objectType: 'alert', objectId: () => null, rows: listed },
  insertOutboxMessages: { action: 'create', objectType: 'alert_outbox', objectId: () => null },
  insertPartnerEvent: { action: 'create', objectType: 'partner_event', objectId: resultId },
  findPartnerEvent: {
    action: 'read',
    objectType: 'partner_event',
    objectId: (_args, result) => (result as PartnerEvent | undefined)?.id ?? null,
    rows: found,
  },
  insertRiskSnapshot: { action: 'create', objectType: 'risk_score_snapshot', objectId: resultId },
  listRiskSnapshots: {
    action: 'list',
    objectType: 'risk_score_snapshot',
    objectId: firstArgument,
    rows: listed,
  },
};
