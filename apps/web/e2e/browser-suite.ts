import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchChromium, openWatchedPage, type WatchedPage } from './browser-session.js';
import { REPO_ROOT, startCarapaceServer, type CarapaceServer } from './carapace-server.js';

/** Screenshots are kept as test artifacts for review; test-artifacts/ is not committed. */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-artifacts', 'screenshots');

export interface BrowserSuite {
  /** A fresh browser context (its own sessionStorage) on the suite's server, watched for problems. */
  readonly openPage: () => Promise<WatchedPage>;
}

/**
 * Registers the hooks of one test file: one `carapace serve --demo-data` and one Chromium for the file, and
 * after each test a check that no page logged a console error, threw, or saw a failed or error response
 * that the test did not expect.
 */
export function setUpBrowserSuite(): BrowserSuite {
  let server: CarapaceServer | undefined;
  let browser: Browser | undefined;
  const openPages: WatchedPage[] = [];

  beforeAll(async () => {
    server = await startCarapaceServer({ startTimeoutMs: 60_000 });
    browser = await launchChromium();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
  }, 120_000);

  afterEach(async () => {
    const pages = openPages.splice(0);
    for (const watched of pages) await watched.context.close();
    // Checked after the test body so a failing page reports every problem, not just the first.
    expect(pages.flatMap((watched) => watched.problems)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    if (server === undefined) return;
    const output = server.output();
    const exitCode = await server.stop();
    expect(exitCode, `the server should stop cleanly on SIGINT:\n${output}`).toBe(0);
  }, 60_000);

  return {
    openPage: async () => {
      if (browser === undefined || server === undefined)
        throw new Error('beforeAll did not start the server');
      const watched = await openWatchedPage(browser, server.url);
      openPages.push(watched);
      return watched;
    },
  };
}
