import { AdvisoryIndex } from './advisory-index.js';
import type { FeedRepository } from './feed-repository.js';

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
