import { systemContext } from '../identity/actor.js';
import type { UnitOfWorkFactory } from '../platform/unit-of-work.js';
import type { MonitoringServices } from './monitoring-services.js';
import { rescanWithin, type RescanOutcome } from './rescan-insured.js';

/**
 * Rescans every active insured after a feed changed, each in its own transaction so one insured's failure
 * does not hold back the others (it is reported, and retried by the next import).
 */
export async function rescanAllInsureds(
  unitOfWorkFor: UnitOfWorkFactory,
  services: MonitoringServices,
  reason: string,
): Promise<{
  readonly outcomes: readonly RescanOutcome[];
  readonly failures: readonly { id: string; error: string }[];
}> {
  const context = systemContext('monitoring', 'monitoring.rescan');
  const insureds = await unitOfWorkFor(context).run(({ monitoring }) => monitoring.listMonitoredInsureds());
  const outcomes: RescanOutcome[] = [];
  const failures: { id: string; error: string }[] = [];
  for (const insured of insureds.filter((candidate) => candidate.status === 'active')) {
    try {
      outcomes.push(
        await unitOfWorkFor(context).run((repositories) =>
          rescanWithin(repositories, services, insured, 'system:monitoring', reason),
        ),
      );
    } catch (error) {
      failures.push({ id: insured.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { outcomes, failures };
}
