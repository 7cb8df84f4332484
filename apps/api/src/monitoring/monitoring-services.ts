import {
  AdvisoryIndexCache,
  type MonitoringServices,
  type PersonalDataProtection,
  type UnderwritingServices,
} from '@carapace/domain';

export interface MonitoringServiceParts {
  /** The same protection (key vault) the personal-data routes use: alert targets and webhook secrets. */
  readonly protection: PersonalDataProtection;
  /** The product catalogue and loss simulator that priced the policies, to re-score them mid-term. */
  readonly underwriting: UnderwritingServices;
  readonly clock: () => Date;
}

/** The services monitoring use cases need, with one advisory index cache for the whole process. */
export function createMonitoringServices(parts: MonitoringServiceParts): MonitoringServices {
  const cache = new AdvisoryIndexCache();
  return {
    advisoryIndex: (feeds) => cache.indexFor(feeds),
    protection: parts.protection,
    underwriting: parts.underwriting,
    clock: parts.clock,
  };
}
