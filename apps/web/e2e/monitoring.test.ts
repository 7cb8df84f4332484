import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpBrowserSuite } from './browser-suite.js';
import { screenshotInBothLanguages } from './screenshots.js';
import { demoUser, signInThroughForm, UNDERWRITER } from './signing-in.js';

const { openPage } = setUpBrowserSuite();

/** The demo company holding the issued policy; the demo data watches it with an Airflow-based SBOM. */
const DEMO_COMPANY = '杭州青石软件科技有限公司（演示）';
const POLICYHOLDER = demoUser('policyholder@demo.carapace.test');

/** From the monitoring overview, follows the demo company's link. */
async function openDemoCompanyFindings(page: Page): Promise<void> {
  // Leaving while the overview still loads would abort its requests, which the suite counts as failures.
  await page.waitForLoadState('networkidle');
  await page.getByRole('link', { name: DEMO_COMPANY }).click();
  await page.getByRole('heading', { level: 1, name: DEMO_COMPANY }).waitFor();
  await page.getByTestId('finding-row').first().waitFor();
}

async function numbersOf(page: Page, testId: string, attribute: string): Promise<number[]> {
  const cells = await page.getByTestId(testId).all();
  return Promise.all(cells.map(async (cell) => Number(await cell.getAttribute(attribute))));
}

describe('monitoring', { timeout: 120_000 }, () => {
  it('shows the watched insureds and the feed runs', async () => {
    const { page } = await openPage();
    await signInThroughForm(page, UNDERWRITER, '/monitoring');
    await page.getByRole('heading', { level: 1, name: '风险监测' }).waitFor();
    await page.getByTestId('monitored-insureds').waitFor();
    expect(await page.getByTestId('monitored-insureds').locator('tbody tr').count()).toBe(2);
    await page.getByTestId('feed-runs').waitFor();
    const feeds = await page.getByTestId('feed-runs').locator('tbody th').allInnerTexts();
    expect(feeds.sort()).toEqual(
      ['CISA KEV 目录', 'EPSS 利用预测评分', 'Node.js 安全工作组', 'OSV 开源漏洞库'].sort(),
    );
    expect(await page.getByTestId('feed-runs').getByText('成功').count()).toBe(4);
    await expect
      .poll(() => page.locator('.app-nav__link[aria-current="page"]').allInnerTexts())
      .toEqual(['风险监测']);
    // A language switch reloads in the new language, aborting loads still running.
    await page.waitForLoadState('networkidle');
    await screenshotInBothLanguages(page, 'monitoring.overview');
  });

  it('filters and sorts findings through the address, and triages one with a VEX justification', async () => {
    const { page } = await openPage();
    await signInThroughForm(page, UNDERWRITER, '/monitoring');
    await openDemoCompanyFindings(page);
    const all = await page.getByTestId('finding-row').count();
    expect(all).toBeGreaterThan(5);
    const priorities = await numbersOf(page, 'finding-priority', 'data-priority');
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));

    await page.getByLabel('已被利用（KEV）').selectOption('true');
    await page.waitForURL((url) => url.searchParams.get('kev') === 'true');
    await expect.poll(() => page.getByTestId('finding-row').count()).toBe(2);
    expect(await page.getByTestId('finding-row').locator('.kev-badge').count()).toBe(2);
    // The filter survives a reload: it lives in the address.
    await page.reload();
    await expect.poll(() => page.getByTestId('finding-row').count()).toBe(2);
    expect(await page.getByLabel('已被利用（KEV）').inputValue()).toBe('true');
    await page.getByLabel('已被利用（KEV）').selectOption('');
    await expect.poll(() => page.getByTestId('finding-row').count()).toBe(all);

    await page.getByTestId('sort-epss').click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'epss');
    await expect
      .poll(async () => {
        const epss = await numbersOf(page, 'finding-epss', 'data-epss');
        return epss.join() === [...epss].sort((a, b) => b - a).join();
      })
      .toBe(true);
    await page.getByTestId('risk-trend').waitFor();
    await page.waitForLoadState('networkidle');
    await screenshotInBothLanguages(page, 'monitoring.findings');

    const row = page.getByTestId('finding-row').first();
    const findingId = await row.getAttribute('data-finding-id');
    await row.getByRole('button').click();
    const panel = page.getByTestId('finding-panel');
    await panel.getByTestId('finding-history').waitFor();
    await panel.getByLabel('处置结论').selectOption('NOT_AFFECTED');
    await panel
      .getByLabel('说明（必填，至少 10 个字符）')
      .fill('该组件仅在离线批处理中使用，不对外暴露接口。');
    await panel.getByRole('button', { name: '保存处置' }).click();
    await panel.getByText('标记为“不受影响”时，请选择一项 VEX 理由。').waitFor();
    expect(await panel.getByLabel('VEX 不受影响理由').getAttribute('aria-invalid')).toBe('true');

    await panel.getByLabel('VEX 不受影响理由').selectOption('code_not_reachable');
    await panel.getByRole('button', { name: '保存处置' }).click();
    await panel.getByRole('status').getByText('处置已保存。').waitFor();
    await expect.poll(() => panel.getByTestId('finding-panel-state').innerText()).toBe('不受影响');
    await expect.poll(() => panel.getByTestId('finding-history').locator('li').count()).toBe(2);
    expect(await panel.getByTestId('finding-history').locator('li').first().innerText()).toContain(
      '新发现 → 不受影响',
    );
    await expect
      .poll(() => page.locator(`[data-finding-id="${findingId}"] [data-testid="finding-state"]`).innerText())
      .toBe('不受影响');
  });

  it('acknowledges and closes alerts in the inbox', async () => {
    const { page } = await openPage();
    await signInThroughForm(page, UNDERWRITER, '/monitoring/alerts');
    await page.getByRole('heading', { level: 1, name: '告警收件箱' }).waitFor();
    await page.getByTestId('alert-row').first().waitFor();
    await page.waitForLoadState('networkidle');
    await screenshotInBothLanguages(page, 'monitoring.alerts');
    const waiting = await page.getByTestId('alert-row').count();
    expect(waiting).toBeGreaterThanOrEqual(4);

    const first = page.getByTestId('alert-row').first();
    const alertId = await first.getAttribute('data-alert-id');
    await first.getByRole('button', { name: '确认' }).click();
    await expect.poll(() => page.getByTestId('alert-row').count()).toBe(waiting - 1);

    await page.getByLabel('告警状态').selectOption('acknowledged');
    await page.waitForURL((url) => url.searchParams.get('view') === 'acknowledged');
    const acknowledged = page.locator(`[data-alert-id="${alertId}"]`);
    await acknowledged.waitFor();
    expect(await acknowledged.getByTestId('alert-status').innerText()).toBe('已确认');
    await acknowledged.getByRole('button', { name: '关闭' }).click();
    await acknowledged.waitFor({ state: 'detached' });

    await page.getByLabel('告警状态').selectOption('closed');
    await page.locator(`[data-alert-id="${alertId}"]`).waitFor();
    expect(await page.locator(`[data-alert-id="${alertId}"] [data-testid="alert-status"]`).innerText()).toBe(
      '已关闭',
    );
  });

  it("shows a policyholder their company's risk and alerts at home", async () => {
    const { page } = await openPage();
    await signInThroughForm(page, POLICYHOLDER, '/home');
    const risk = page.getByTestId('monitoring-risk-widget');
    await risk.getByRole('link', { name: DEMO_COMPANY }).waitFor();
    expect(await risk.innerText()).toContain('未处置漏洞');
    const alerts = page.getByTestId('monitoring-alerts-widget');
    await alerts.locator('.home-alerts__item').first().waitFor();
    await alerts.getByRole('link', { name: '打开告警收件箱' }).click();
    await page.getByRole('heading', { level: 1, name: '告警收件箱' }).waitFor();
  });
});
