import {
  AdvisoryIndex,
  type FeedRepository,
  type MonitoringServices,
  type PersonalDataProtection,
  type UnderwritingServices,
} from '@carapace/domain';

/**
 * The advisory matcher, built once per state of the advisory feeds. Building it reads and compiles every
 * active advisory (thousands of version ranges), so it is kept until `advisoriesVersion()` says an import
 * changed the feeds; concurrent rescans that find it stale share one rebuild.
 */
export class AdvisoryIndexCache {
  private current: { readonly version: string; readonly index: Promise<AdvisoryIndex> } | undefined;

  async indexFor(feeds: FeedRepository): Promise<AdvisoryIndex> {
    const version = await feeds.advisoriesVersion();
    const cached = this.current;
    if (cached?.version === version) return cached.index;
    const index = feeds.listActiveAdvisories().then((advisories) => new AdvisoryIndex(advisories, version));
    this.current = { version, index };
    // A failed build (the transaction it read in was aborted, say) is not kept: the next caller retries.
    index.catch(() => {
      if (this.current?.index === index) this.current = undefined;
    });
    return index;
  }
}

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
