import { NotFoundError } from '../shared/domain-error.js';
import type { MonitoringRepository } from './monitoring-repository.js';
import type { MonitoredInsured } from './monitored-insured.js';

/** The insured, if the caller's tenant may see it; "not found" otherwise, so its existence does not leak. */
export async function requireMonitoredInsured(
  monitoring: MonitoringRepository,
  id: string,
): Promise<MonitoredInsured> {
  const insured = await monitoring.findMonitoredInsured(id);
  if (insured === undefined) {
    throw new NotFoundError('monitored_insured_not_found', `no monitored insured ${id}`);
  }
  return insured;
}
