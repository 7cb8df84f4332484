import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium; `playwright install` is never run on these machines. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface WatchedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every console error, uncaught exception, failed request and HTTP error status seen so far. */
  readonly problems: string[];
  /** Requests to matching URLs may fail: the test makes them fail on purpose. */
  readonly expectFailuresFor: (matches: (url: string) => boolean) => void;
}

export async function openWatchedPage(browser: Browser, baseURL: string): Promise<WatchedPage> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  const expected: ((url: string) => boolean)[] = [];
  const isExpected = (url: string): boolean => expected.some((matches) => matches(url));

  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Chromium logs "Failed to load resource" for every failed request, including the ones a test forces.
    if (isExpected(message.location().url)) return;
    problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
  page.on('requestfailed', (request) => {
    if (isExpected(request.url())) return;
    // The page cancelled it itself (a newer what-if superseded it, a page it belonged to was left): the
    // app's AbortController at work, not a failure. A server that drops the connection fails differently.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(
      `request failed: ${request.method()} ${request.url()}: ${request.failure()?.errorText ?? '?'}`,
    );
  });
  page.on('response', (response) => {
    if (response.status() < 400 || isExpected(response.url())) return;
    problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });

  return {
    context,
    page,
    problems,
    expectFailuresFor: (matches) => {
      expected.push(matches);
    },
  };
}
