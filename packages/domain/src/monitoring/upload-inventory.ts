import type { AccessContext } from '../identity/actor.js';
import { actorId } from '../identity/actor.js';
import { requirePermission } from '../identity/access-rules.js';
import type { UnitOfWork } from '../platform/unit-of-work.js';
import type { InventoryComponent } from './advisory.js';
import { MONITORING_ACCESS_RULES } from './monitoring-access-rules.js';
import type { MonitoringServices } from './monitoring-services.js';
import type { Inventory, InventoryKind } from './monitored-insured.js';
import { requireMonitoredInsured } from './require-monitored-insured.js';
import { rescanWithin, type RescanOutcome } from './rescan-insured.js';

/** An inventory already read and validated (CycloneDX SBOM or asset list). */
export interface ReadInventory {
  readonly kind: InventoryKind;
  readonly serialNumber: string | null;
  readonly specVersion: string | null;
  readonly describedComponent: string | null;
  readonly components: readonly InventoryComponent[];
}

/**
 * Stores a new version of the insured's inventory (the previous one is kept, superseded) and rescans it in
 * the same transaction: the findings, alerts and risk snapshot commit with the inventory or not at all.
 */
export async function uploadInventory(
  unitOfWork: UnitOfWork,
  services: MonitoringServices,
  context: AccessContext,
  monitoredInsuredId: string,
  read: ReadInventory,
): Promise<{ readonly inventory: Inventory; readonly rescan: RescanOutcome }> {
  requirePermission(context.actor, MONITORING_ACCESS_RULES, 'inventory.upload');
  return unitOfWork.run(async (repositories) => {
    const insured = await requireMonitoredInsured(repositories.monitoring, monitoredInsuredId);
    const previous = await repositories.monitoring.listInventories(insured.id);
    const actor = actorId(context.actor);
    const inventory = await repositories.monitoring.insertInventory(
      {
        id: globalThis.crypto.randomUUID(),
        monitoredInsuredId: insured.id,
        version: previous.reduce((highest, known) => Math.max(highest, known.version), 0) + 1,
        kind: read.kind,
        serialNumber: read.serialNumber,
        specVersion: read.specVersion,
        describedComponent: read.describedComponent,
        componentCount: read.components.length,
        uploadedAt: services.clock(),
        uploadedBy: actor,
        supersededAt: null,
      },
      read.components,
    );
    const rescan = await rescanWithin(
      repositories,
      services,
      insured,
      actor,
      `inventory v${inventory.version}`,
    );
    return { inventory, rescan };
  });
}
