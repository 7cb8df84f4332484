import { describe, expect, it } from 'vitest';
import { AdvisoryIndexCache } from './advisory-index-cache.js';
import type { FeedRepository, StoredAdvisory } from './feed-repository.js';

/** The two calls the cache makes, counted; the rest of the port is not reached. */
function feedsAt(state: { version: string; loads: number; fail: boolean }): FeedRepository {
  return {
    advisoriesVersion: () => Promise.resolve(state.version),
    listActiveAdvisories: () => {
      state.loads += 1;
      return state.fail
        ? Promise.reject(new Error('the transaction was aborted'))
        : Promise.resolve([] as StoredAdvisory[]);
    },
  } as Partial<FeedRepository> as FeedRepository;
}

describe('the advisory index cache', () => {
  it('builds once per advisories version, shares a build between concurrent callers, and drops a failed one', async () => {
    const state = { version: 'v1', loads: 0, fail: false };
    const cache = new AdvisoryIndexCache();
    const feeds = feedsAt(state);
    const [first, second] = await Promise.all([cache.indexFor(feeds), cache.indexFor(feeds)]);
    expect(first).toBe(second);
    expect(await cache.indexFor(feeds)).toBe(first);
    expect(state.loads).toBe(1);

    state.version = 'v2';
    state.fail = true;
    await expect(cache.indexFor(feeds)).rejects.toThrow('aborted');
    state.fail = false;
    const rebuilt = await cache.indexFor(feeds);
    expect(rebuilt).not.toBe(first);
    expect(rebuilt.version).toBe('v2');
    expect(state.loads).toBe(3);
  });
});
