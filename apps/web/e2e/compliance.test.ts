import { DataAccessRequest, PermissionGrantRequest } from '@carapace/contracts';
import { DEMO_ACCOUNTS } from '@carapace/domain';
import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpBrowserSuite } from './browser-suite.js';
import { screenshotInBothLanguages } from './screenshots.js';
import { demoUser, signInThroughForm } from './signing-in.js';

const { openPage } = setUpBrowserSuite();

const COMPLIANCE = demoUser('compliance@demo.carapace.test');
const SECOND_COMPLIANCE = demoUser('compliance2@demo.carapace.test');
const AUDITOR = demoUser('auditor@demo.carapace.test');
const SECURITY_ADMIN = demoUser('secadmin@demo.carapace.test');
const SECOND_SECURITY_ADMIN = demoUser('secadmin2@demo.carapace.test');
const UNDERWRITER = demoUser('underwriter@demo.carapace.test');
const INSURER_CREDIT_CODE = '91110000CRP000001U';

/** The zh-CN role names the users page must show (common.json session.roles), written out by hand. */
const ROLE_NAMES_ZH: Readonly<Record<string, string>> = {
  underwriter: '核保员',
  claims_handler: '理赔专员',
  actuary: '精算师',
  compliance_officer: '合规官',
  security_admin: '安全管理员',
  auditor: '审计员',
};

function answerTo(page: Page, method: string, matches: (pathname: string) => boolean): Promise<Response> {
  return page.waitForResponse(
    (response) => response.request().method() === method && matches(new URL(response.url()).pathname),
  );
}

/**
 * Resolves once the page has had no API request in flight for a moment. Playwright's `networkidle` load state
 * is reached once per page load, so in this single-page app it would not wait for what a language switch
 * or a refresh after a decision fetches; leaving the page then aborts those requests.
 */
function apiQuiet(page: Page): () => Promise<void> {
  let inFlight = 0;
  const isApi = (url: string): boolean => new URL(url).pathname.startsWith('/api/');
  page.on('request', (request) => {
    if (isApi(request.url())) inFlight += 1;
  });
  const settle = (url: string): void => {
    if (isApi(url)) inFlight -= 1;
  };
  page.on('requestfinished', (request) => {
    settle(request.url());
  });
  page.on('requestfailed', (request) => {
    settle(request.url());
  });
  return async () => {
    let quietChecks = 0;
    await expect
      .poll(
        () => {
          quietChecks = inFlight === 0 ? quietChecks + 1 : 0;
          return quietChecks;
        },
        { interval: 150, timeout: 15_000 },
      )
      .toBeGreaterThanOrEqual(3);
  };
}

describe('compliance screens', { timeout: 180_000 }, () => {
  it('has a data access request approved by a second compliance officer, never by the one who asked', async () => {
    const requester = await openPage();
    const page = requester.page;
    const quiet = apiQuiet(page);
    await signInThroughForm(page, COMPLIANCE, '/compliance/access-requests');
    await page.getByRole('heading', { level: 1, name: '访问申请' }).waitFor();
    await expect
      .poll(() => page.locator('.app-nav__link[aria-current="page"]').allInnerTexts())
      .toEqual(['合规']);

    // Raise an export request for every data subject, with a reason, through the form.
    await page.locator('#raise-reason').fill('年度监管报送需要导出联系人信息');
    const raised = answerTo(page, 'POST', (path) => path === '/api/v1/data-access-requests');
    await page.getByTestId('raise-submit').click();
    const raisedResponse = await raised;
    expect(raisedResponse.status()).toBe(201);
    const request = DataAccessRequest.parse(await raisedResponse.json());
    await page.getByRole('status').filter({ hasText: '申请已提交，等待审批。' }).waitFor();
    const requesterRow = page.getByTestId(`request-${request.id}`);
    await requesterRow.waitFor();
    expect(await requesterRow.innerText()).toContain('导出：全部个人信息主体');
    expect(await requesterRow.innerText()).toContain(`${COMPLIANCE.displayName}（您本人）`);
    expect(await requesterRow.innerText()).toContain('这是您本人的申请，须由其他人审批。');

    // The requester tries anyway: the server refuses, and the page says why in words.
    const decisionPath = `/api/v1/data-access-requests/${request.id}/decision`;
    requester.expectFailuresFor((url) => new URL(url).pathname === decisionPath);
    await requesterRow.getByRole('button', { name: '审批' }).click();
    const ownForm = page.getByTestId(`decision-form-${request.id}`);
    const refused = answerTo(page, 'POST', (path) => path === decisionPath);
    await ownForm.getByRole('button', { name: '批准' }).click();
    expect((await refused).status()).toBe(403);
    await ownForm.getByRole('alert').filter({ hasText: '不能审批自己的申请' }).waitFor();
    expect(await ownForm.getByTestId('self-approval-refused').innerText()).not.toContain('{');
    expect(await requesterRow.getAttribute('data-status')).toBe('pending');
    await screenshotInBothLanguages(page, 'compliance.access-requests', quiet);

    // A second compliance officer sees it waiting on their home page, and approves it.
    const approver = await openPage();
    const approverQuiet = apiQuiet(approver.page);
    await signInThroughForm(approver.page, SECOND_COMPLIANCE, '/home');
    const widget = approver.page.getByTestId('home-widget-compliance-approvals');
    await widget
      .getByTestId('approvals-list')
      .filter({ hasText: '数据访问：导出：全部个人信息主体' })
      .waitFor();
    await approverQuiet();
    await widget.getByRole('link', { name: '前往访问申请' }).click();
    const approverRow = approver.page.getByTestId(`request-${request.id}`);
    await approverRow.waitFor();
    expect(await approverRow.innerText()).toContain(COMPLIANCE.displayName);
    expect(await approverRow.innerText()).not.toContain('这是您本人的申请');
    await approverRow.getByRole('button', { name: '审批' }).click();
    const approverForm = approver.page.getByTestId(`decision-form-${request.id}`);
    await approverForm.getByLabel('审批意见').fill('同意，限本次报送使用');
    const approved = answerTo(approver.page, 'POST', (path) => path === decisionPath);
    await approverForm.getByRole('button', { name: '批准' }).click();
    expect((await approved).status()).toBe(200);
    await approver.page.getByRole('status').filter({ hasText: '已批准该申请。' }).waitFor();
    // It no longer waits for a decision, so the default list (awaiting approval) drops it.
    await approverRow.waitFor({ state: 'detached' });
    await approverQuiet();

    // The requester sees it approved, by whom, with its validity.
    await quiet();
    await page.goto('/compliance/access-requests?show=all');
    const decidedRow = page.getByTestId(`request-${request.id}`);
    await decidedRow.waitFor();
    await expect.poll(() => decidedRow.getAttribute('data-status')).toBe('approved');
    const decidedText = await decidedRow.innerText();
    expect(decidedText).toContain('已批准');
    expect(decidedText).toContain(`${SECOND_COMPLIANCE.displayName} 于`);
    expect(decidedText).toContain('审批意见：同意，限本次报送使用');
    expect(decidedText).toMatch(/至 /);

    // The audit log holds the request, the refused self-approval and the approval.
    await quiet();
    await page.getByRole('link', { name: '审计日志' }).click();
    await page.getByRole('heading', { level: 1, name: '审计日志' }).waitFor();
    await page.locator('#audit-objectType').fill('data_access');
    await page.locator('#audit-objectId').fill(request.id);
    await page.getByTestId('audit-search-submit').click();
    await page.waitForURL((url) => url.searchParams.get('objectId') === request.id);
    const rows = page.getByTestId('audit-row');
    const actionsShown = async (): Promise<string> => {
      const actions: string[] = [];
      for (const row of await rows.all()) actions.push((await row.getAttribute('data-action')) ?? '');
      return actions.join();
    };
    await expect.poll(actionsShown).toBe('approve,decide,request');
    const approvalRow = rows.filter({ has: page.locator('td', { hasText: /^approve$/ }) });
    expect(await approvalRow.getAttribute('data-result')).toBe('success');
    expect(await approvalRow.innerText()).toContain(SECOND_COMPLIANCE.displayName);
    expect(await rows.nth(1).getAttribute('data-result')).toBe('denied');
    expect(await rows.nth(1).innerText()).toContain('被拒绝');
    await approvalRow.getByRole('button', { name: '展开' }).click();
    const detailsText = await page.locator('.compliance-details').innerText();
    expect(detailsText).toContain('data_access.decide');
    expect(detailsText).toContain('requester');

    // Verify: the log is intact and checked against the signed tree head the server signed at start.
    await page.getByTestId('tree-head-size').waitFor();
    await page.getByTestId('verify-audit-log').click();
    const verified = page.getByTestId('verification-ok');
    await verified.waitFor();
    expect(await verified.innerText()).toContain('审计日志完整');
    expect(Number((await page.getByTestId('tree-head-size').innerText()).replace(/\D/g, ''))).toBeGreaterThan(
      0,
    );
    await screenshotInBothLanguages(page, 'compliance.audit-log', quiet);

    // Users and roles: every insurer demo account with its roles in Chinese.
    await page.getByRole('link', { name: '用户与角色' }).click();
    await page.getByRole('heading', { level: 1, name: '用户与角色' }).waitFor();
    await page.getByTestId('users-table').waitFor();
    for (const account of DEMO_ACCOUNTS.filter(
      (demo) => demo.organisationCreditCode === INSURER_CREDIT_CODE,
    )) {
      const row = page.locator(`[data-testid="user-row"][data-email="${account.email}"]`);
      expect(await row.locator('th').innerText()).toBe(account.displayName);
      expect(await row.getByTestId('user-roles').innerText()).toBe(
        account.roles.map((role) => ROLE_NAMES_ZH[role]).join('\n'),
      );
    }
    await screenshotInBothLanguages(page, 'compliance.users', quiet);
    await approverQuiet();
  });

  it('shows an auditor the signed tree head on the home page, and the log but no approvals', async () => {
    const { page } = await openPage();
    const quiet = apiQuiet(page);
    await signInThroughForm(page, AUDITOR, '/home');
    const widget = page.getByTestId('home-widget-compliance-audit-status');
    await widget.getByTestId('tree-head').waitFor();
    expect(await page.getByTestId('home-widget-compliance-approvals').count()).toBe(0);
    await widget.getByTestId('verify-audit-log').click();
    await widget.getByTestId('verification-ok').waitFor();
    await quiet();

    await page.goto('/compliance/access-requests');
    const dataAccess = page.getByTestId('data-access-section');
    await dataAccess.locator('.muted, table').first().waitFor();
    // An auditor reads requests but decides none.
    expect(await page.getByRole('button', { name: '审批' }).count()).toBe(0);
    await quiet();
  });

  it('grants a colleague a temporary role on a second security admin’s approval, and creates an account', async () => {
    const { page } = await openPage();
    const quiet = apiQuiet(page);
    await signInThroughForm(page, SECURITY_ADMIN, '/compliance/access-requests');
    // A security admin asks for roles, not for data access.
    await page.getByText('您的角色不能申请数据访问，但可以申请临时角色。').waitFor();
    await page.getByLabel('授予对象').selectOption({ label: UNDERWRITER.displayName });
    await page.getByLabel('角色', { exact: true }).selectOption({ label: '精算师' });
    await page.getByLabel('时长（小时）').fill('0');
    await page.locator('#raise-reason').fill('第四季度网络安全险定价复核需要精算权限');
    await page.getByTestId('raise-submit').click();
    // Checked in the page before anything is sent.
    await page.getByText('请输入 1 至 2160 之间的整数小时数。').waitFor();
    await page.getByLabel('时长（小时）').fill('48');
    const raised = answerTo(page, 'POST', (path) => path === '/api/v1/permission-grants');
    await page.getByTestId('raise-submit').click();
    expect((await raised).status()).toBe(201);
    const grant = PermissionGrantRequest.parse(await (await raised).json());
    const ownRow = page.getByTestId(`request-${grant.id}`);
    await ownRow.waitFor();
    expect(await ownRow.innerText()).toContain(`为 ${UNDERWRITER.displayName} 授予“精算师”`);
    expect(await ownRow.innerText()).toContain('批准后 48 小时内有效');

    const approver = await openPage();
    const approverQuiet = apiQuiet(approver.page);
    await signInThroughForm(approver.page, SECOND_SECURITY_ADMIN, '/compliance/access-requests');
    const approverRow = approver.page.getByTestId(`request-${grant.id}`);
    await approverRow.getByRole('button', { name: '审批' }).click();
    const form = approver.page.getByTestId(`decision-form-${grant.id}`);
    // Rejecting needs a reason: the page asks for it before sending anything.
    await form.getByRole('button', { name: '拒绝' }).click();
    await form.getByText('拒绝申请时请填写理由。').waitFor();
    const approved = answerTo(approver.page, 'POST', (path) => path.endsWith(`/${grant.id}/decision`));
    await form.getByRole('button', { name: '批准' }).click();
    expect((await approved).status()).toBe(200);
    await approverRow.waitFor({ state: 'detached' });
    await approverQuiet();

    await quiet();
    await page.getByRole('link', { name: '用户与角色' }).click();
    const underwriterRoles = page
      .locator(`[data-testid="user-row"][data-email="${UNDERWRITER.email}"]`)
      .getByTestId('user-roles');
    await expect.poll(() => underwriterRoles.innerText()).toContain('精算师 临时，至');
    expect(await underwriterRoles.innerText()).toContain('核保员');

    await page.getByRole('button', { name: '新建账户' }).click();
    const create = page.getByTestId('create-account');
    await create.getByRole('button', { name: '创建账户' }).click();
    await create.getByText('请输入有效的邮箱地址。').waitFor();
    // Privileged roles are not offered at account creation.
    expect(await create.getByRole('checkbox').count()).toBe(3);
    await create.getByLabel('邮箱').fill('new.underwriter@demo.carapace.test');
    await create.getByLabel('姓名').fill('何新人');
    await create.getByLabel('初始密码').fill('a-long-initial-password-2026');
    await create.getByLabel('核保员').check();
    const created = answerTo(page, 'POST', (path) => path === '/api/v1/users');
    await create.getByRole('button', { name: '创建账户' }).click();
    expect((await created).status()).toBe(201);
    await page.getByText('已创建账户 new.underwriter@demo.carapace.test。').waitFor();
    const newRow = page.locator('[data-testid="user-row"][data-email="new.underwriter@demo.carapace.test"]');
    await newRow.waitFor();
    expect(await newRow.getByTestId('user-roles').innerText()).toBe('核保员');
    await quiet();
  });
});
