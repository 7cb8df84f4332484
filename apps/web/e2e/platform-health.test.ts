import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, setUpBrowserSuite } from './browser-suite.js';
import { getAsSignedInUser, signInThroughForm, UNDERWRITER } from './signing-in.js';

const { openPage } = setUpBrowserSuite();

/** Waits until no health or organisation request is in flight, so nothing is cut off by a reload. */
async function waitUntilSettled(page: Page): Promise<void> {
  await page.locator('[data-testid="refresh"][aria-busy="false"]').waitFor();
}

/** The focused element's text; the root tsconfig has no DOM types, so ask through a locator. */
async function focusedText(page: Page): Promise<string> {
  return (await page.locator(':focus').innerText()).trim();
}

/**
 * How many organisations the page should list, asked of the API as the same user (Row-Level Security decides
 * which organisations a tenant sees), so the demo data set can grow.
 */
async function listedOrganisationCount(page: Page): Promise<number> {
  const response = await getAsSignedInUser(page, '/api/v1/organisations?limit=20');
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { items: unknown[] };
  expect(body.items.length, 'the demo data should include organisations').toBeGreaterThan(0);
  return body.items.length;
}

async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().innerText()).trim();
}

describe('platform health page', { timeout: 60_000 }, () => {
  it('renders in Chinese by default with the live status and the demo organisations', async () => {
    const { page } = await openPage();
    await signInThroughForm(page, UNDERWRITER);
    await waitUntilSettled(page);
    await page.goto('/platform/health');
    await page.getByRole('heading', { level: 1, name: '平台健康状况' }).waitFor();
    await waitUntilSettled(page);

    expect(new URL(page.url()).pathname).toBe('/platform/health');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.title()).toBe('平台健康状况 · 甲壳 Carapace');
    expect(await text(page, '.brand__name')).toBe('甲壳 Carapace');
    expect(await text(page, '[data-testid="overall-status"]')).toBe('就绪');
    expect(await text(page, '[data-testid="database-engine"]')).toContain('PGlite');
    expect(await page.getByText('运行中').count()).toBe(1);
    expect(await page.locator('.migration-list li').count()).toBeGreaterThan(0);
    // The check time is formatted for zh-CN by Intl, e.g. "2025年11月22日 03:15:17".
    expect(await text(page, '[data-testid="last-checked"]')).toMatch(/^最近检查：\d{4}年\d{1,2}月\d{1,2}日/);

    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBe(await listedOrganisationCount(page));
    const names = await page.locator('.org-name__primary').allInnerTexts();
    expect(names.every((name) => name.endsWith('（演示）'))).toBe(true);
    // The underwriter's insurer sees itself and the companies it insures, each kind named in Chinese.
    const kinds = await page.locator('table .kind-tag').allInnerTexts();
    expect(kinds.filter((kind) => kind === '保险公司')).toHaveLength(1);
    expect(kinds.filter((kind) => kind === '被保险企业').length).toBeGreaterThan(0);
    expect(await page.getByText('insurer', { exact: true }).count()).toBe(0);
    expect(await text(page, '[data-testid="signed-in-name"]')).toBe(UNDERWRITER.displayName);
    expect(await text(page, '[data-testid="signed-in-role"]')).toBe('保险公司 · 核保员');

    await page.screenshot({ path: join(SCREENSHOT_DIR, 'platform-health.zh-CN.png'), fullPage: true });
  });

  it('switches to English, and the choice survives a reload', async () => {
    const { page } = await openPage();
    await signInThroughForm(page, UNDERWRITER);
    await waitUntilSettled(page);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Platform health' }).waitFor();
    await waitUntilSettled(page);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    expect(await text(page, '[data-testid="overall-status"]')).toBe('Ready');
    expect(await text(page, '[data-testid="last-checked"]')).toMatch(
      /^Last checked: [A-Z][a-z]{2} \d{1,2}, \d{4}/,
    );
    expect(await page.getByText('Insurer', { exact: true }).count()).toBe(1);
    expect(await text(page, '[data-testid="signed-in-role"]')).toBe('Underwriter · Insurer');
    expect(await page.title()).toBe('Platform health · Carapace');
    // Names lead with English; the Chinese name stays alongside, marked so it gets Chinese glyphs.
    expect(await page.locator('.org-name__secondary [lang="zh-CN"]').count()).toBe(
      await listedOrganisationCount(page),
    );

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Platform health' }).waitFor();
    await waitUntilSettled(page);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'platform-health.en.png'), fullPage: true });

    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { level: 1, name: '平台健康状况' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await waitUntilSettled(page);
  });

  it('refetches the health checks and the organisations when Refresh is pressed', async () => {
    const { page } = await openPage();
    await signInThroughForm(page, UNDERWRITER);
    await waitUntilSettled(page);

    const refetched = ['/readyz', '/healthz', '/api/v1/organisations'].map((path) =>
      page.waitForResponse((response) => new URL(response.url()).pathname === path && response.ok()),
    );
    await page.getByRole('button', { name: '立即刷新' }).click();
    await Promise.all(refetched);
    await waitUntilSettled(page);
    expect(await text(page, '[data-testid="overall-status"]')).toBe('就绪');
  });

  it('is usable from the keyboard', async () => {
    const { page } = await openPage();
    await signInThroughForm(page, UNDERWRITER);
    await waitUntilSettled(page);
    await page.goto('/platform/health');
    await waitUntilSettled(page);

    await page.keyboard.press('Tab');
    expect(await focusedText(page)).toBe('跳到主要内容');

    // Tab on to the language switch and choose English with the keyboard alone.
    for (let step = 0; step < 10; step += 1) {
      if ((await focusedText(page)) === 'English') break;
      await page.keyboard.press('Tab');
    }
    expect(await focusedText(page)).toBe('English');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Platform health' }).waitFor();
    await waitUntilSettled(page);

    for (let step = 0; step < 10; step += 1) {
      if ((await page.locator(':focus').getAttribute('data-testid')) === 'refresh') break;
      await page.keyboard.press('Tab');
    }
    const refetched = page.waitForResponse((response) => new URL(response.url()).pathname === '/readyz');
    await page.keyboard.press('Space');
    await refetched;
    await waitUntilSettled(page);
  });

  it('loads the app on deep links and unknown client paths', async () => {
    const { page } = await openPage();
    await page.goto('/platform/health');
    await page.getByRole('heading', { level: 1, name: '平台健康状况' }).waitFor();
    await waitUntilSettled(page);

    await page.goto('/no/such/page?from=e2e');
    await page.getByRole('heading', { level: 1, name: '页面不存在' }).waitFor();
    expect(await text(page, '.brand__name')).toBe('甲壳 Carapace');
    expect(await page.locator('main').innerText()).toContain('/no/such/page');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'not-found.zh-CN.png') });

    await page.getByRole('link', { name: '前往平台健康页面' }).click();
    await page.getByRole('heading', { level: 1, name: '平台健康状况' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/platform/health');
    await waitUntilSettled(page);
  });

  it('explains API errors and network failures in words, with the request id', async () => {
    const { page, expectFailuresFor } = await openPage();
    await signInThroughForm(page, UNDERWRITER);
    await waitUntilSettled(page);
    const failing = ['/readyz', '/api/v1/organisations'];
    expectFailuresFor((url) => failing.includes(new URL(url).pathname));
    await page.route('**/readyz', (route) => route.abort('connectionrefused'));
    await page.route('**/api/v1/organisations?*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: '/problems/shutting_down',
          title: 'The server is shutting down',
          status: 503,
          detail: 'Retry against another instance or in a moment.',
          instance: '/api/v1/organisations',
          code: 'shutting_down',
          requestId: 'e2e-request-42',
        }),
      }),
    );

    await page.goto('/platform/health');
    await page.getByText('无法连接到 Carapace 服务器', { exact: false }).waitFor();
    await waitUntilSettled(page);

    expect(await text(page, '[data-testid="overall-status"]')).toBe('状态未知');
    expect(await page.getByText('暂时无法获取。').count()).toBe(2);
    expect(await page.getByText('以下为上次成功获取的数据。').count()).toBe(0);
    const notices = page.getByRole('alert');
    expect(await notices.count()).toBe(2);
    const organisationsNotice = await page
      .locator(
        '#organisations-heading ~ * [role="alert"], section:has(#organisations-heading) [role="alert"]',
      )
      .first()
      .innerText();
    expect(organisationsNotice).toContain('The server is shutting down');
    expect(organisationsNotice).toContain('Retry against another instance or in a moment.');
    expect(organisationsNotice).toContain('请求编号：e2e-request-42');
    const pageText = await page.locator('body').innerText();
    expect(pageText).not.toContain('"status"');
    expect(pageText).not.toContain('{');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'platform-health.errors.zh-CN.png'), fullPage: true });

    // Once the server answers again, one press of Retry recovers the list.
    await page.unroute('**/api/v1/organisations?*');
    await page.getByRole('button', { name: '重试' }).click();
    await page.locator('table tbody tr').first().waitFor();
    expect(await page.locator('table tbody tr').count()).toBe(await listedOrganisationCount(page));
    await page.unroute('**/readyz');
    await waitUntilSettled(page);
  });
});
