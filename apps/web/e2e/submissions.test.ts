import { describe, expect, it } from 'vitest';
import { setUpBrowserSuite } from './browser-suite.js';
import { screenshotInBothLanguages } from './screenshots.js';
import { demoUser, signInThroughForm, UNDERWRITER } from './signing-in.js';
import {
  WELL_RUN_SOFTWARE_COMPANY,
  fillSubmissionForm,
  openNewSubmission,
  saveDraft,
  submissionIdOf,
  submitForUnderwriting,
  typeField,
  cycloneDxSbom,
  uploadSbom,
} from './submission-steps.js';

const { openPage } = setUpBrowserSuite();

describe('submissions', { timeout: 180_000 }, () => {
  it('takes an underwriter from the queue through a new draft, checked and saved, to a submitted application', async () => {
    const { page } = await openPage();
    await signInThroughForm(page, UNDERWRITER, '/home');

    // The home page's queue, then the whole list behind it.
    const queue = page.getByTestId('home-widget-submission-queue');
    await queue.getByRole('heading', { name: '核保队列' }).waitFor();
    await queue.getByTestId('queue-submitted').waitFor();
    const submittedBefore = Number(
      /\d+/.exec(await queue.getByTestId('queue-submitted-total').innerText())?.[0],
    );
    expect(submittedBefore).toBeGreaterThanOrEqual(0);
    await queue.getByTestId('queue-view-all').click();
    await page.waitForURL((url) => url.pathname === '/submissions');
    await page.getByRole('heading', { level: 1, name: '投保申请' }).waitFor();
    await page.getByTestId('submissions-table').or(page.getByTestId('submissions-empty')).waitFor();
    await screenshotInBothLanguages(page, 'submissions.list');

    // Filtering and sorting go into the address, and the rows follow them.
    await page.getByTestId('submissions-filter-submitted').check();
    await page.waitForURL((url) => url.search === '?status=submitted');
    await expect
      .poll(async () => {
        const pills = await page.getByTestId('submission-status').all();
        return new Set(await Promise.all(pills.map((pill) => pill.getAttribute('data-status'))));
      })
      .toEqual(new Set(submittedBefore === 0 ? [] : ['submitted']));
    await page.getByTestId('submissions-filter-all').check();
    await page.waitForURL((url) => url.search === '');

    // A new draft: a bad value is named at the field when the user leaves it, and cleared once fixed.
    await openNewSubmission(page);
    await screenshotInBothLanguages(page, 'submissions.form-empty');
    await fillSubmissionForm(page, { ...WELL_RUN_SOFTWARE_COMPANY, employees: '12.5' });
    const employeesProblem = page.getByTestId('problem-employees');
    expect(await employeesProblem.innerText()).toBe('请输入不带小数的整数，例如 120。');
    expect(await page.locator('#submission-employees').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#submission-employees').getAttribute('aria-describedby')).toContain(
      'submission-employees-problem',
    );
    // Saving with the problem still there saves nothing and puts the cursor on the field.
    await page.getByTestId('save-draft').click();
    await page.locator('#submission-employees:focus').waitFor();
    expect(new URL(page.url()).pathname).toBe('/submissions/new');
    await typeField(page, 'annualRevenue', '0');
    expect(await page.getByTestId('problem-annualRevenue').innerText()).toBe('金额必须大于 0。');
    await typeField(page, 'annualRevenue', WELL_RUN_SOFTWARE_COMPANY.annualRevenue);
    await typeField(page, 'employees', WELL_RUN_SOFTWARE_COMPANY.employees);
    await employeesProblem.waitFor({ state: 'detached' });
    expect(await page.getByTestId('save-state').innerText()).toBe('尚未保存');

    // The SBOM is matched on the server and its counts replace what was typed (the demo has no feeds
    // imported, so nothing is found, and the counts fall to zero).
    await typeField(page, 'criticalFindings', '3');
    await uploadSbom(
      page,
      'qingshi-portal.cdx.json',
      cycloneDxSbom('qingshi-portal', [
        { name: 'express', version: '4.17.1' },
        { name: 'jsonwebtoken', version: '0.4.0' },
        { name: 'lodash', version: '4.17.15' },
      ]),
    );
    expect(await page.getByTestId('sbom-scan-result').innerText()).toContain(
      'qingshi-portal.cdx.json：比对了 3 个组件，发现严重漏洞 0 个、已知被利用漏洞 0 个',
    );
    expect(await page.locator('#submission-criticalFindings').inputValue()).toBe('0');
    expect(await page.locator('#submission-knownExploitedFindings').inputValue()).toBe('0');

    const submissionId = await saveDraft(page);
    await screenshotInBothLanguages(page, 'submissions.form');

    // A change is flagged until it is saved.
    await typeField(page, 'priorClaims', '1');
    await page.locator('[data-testid="save-state"][data-dirty="true"]').waitFor();
    expect(await page.getByTestId('save-state').innerText()).toBe('有未保存的更改');
    await saveDraft(page);

    // After a reload the draft comes back from the server as it was saved, and the list finds it.
    await page.reload();
    await page.locator('#submission-employees').waitFor();
    expect(await page.locator('#submission-employees').inputValue()).toBe('210');
    expect(await page.locator('#submission-priorClaims').inputValue()).toBe('1');
    expect(await page.locator('#submission-annualRevenue').inputValue()).toBe('86000000');
    expect(await page.locator('#submission-organisationId').isDisabled()).toBe(true);
    expect(await page.getByTestId('control-offline_backups-evidenced').isChecked()).toBe(true);
    expect(await page.getByTestId('control-mfa_remote_access-evidenced').isChecked()).toBe(false);
    expect(await page.getByTestId('save-state').innerText()).toMatch(/^草稿创建于 /);
    await page.goto('/submissions?status=draft');
    const row = page.locator(`[data-testid="submission-row"][data-submission-id="${submissionId}"]`);
    await row.waitFor();
    expect(await row.getByRole('link').innerText()).toBe(WELL_RUN_SOFTWARE_COMPANY.organisationNameZh);
    expect(await row.innerText()).toContain('¥86,000,000.00');

    // Submitted, it is read-only and leads on to the assessment.
    await row.getByRole('link').click();
    await page.waitForURL((url) => url.pathname === `/submissions/${submissionId}`);
    await page.locator('#submission-employees').waitFor();
    expect(await submitForUnderwriting(page)).toBe(submissionId);
    const toAssessment = page.getByTestId('to-assessment');
    expect(await toAssessment.getAttribute('href')).toBe(`/submissions/${submissionId}/assessment`);
    expect(await toAssessment.innerText()).toBe('查看风险评估与报价');
    expect(await page.locator('#submission-employees').count()).toBe(0);
    expect(await page.getByTestId('summary-employees').innerText()).toBe('210');
    await screenshotInBothLanguages(page, 'submissions.submitted');

    await page.reload();
    await page.locator('[data-testid="submission-summary"][data-settled="true"]').waitFor();
    await page
      .getByRole('heading', { level: 1, name: new RegExp(WELL_RUN_SOFTWARE_COMPANY.organisationNameZh) })
      .waitFor();
    expect(submissionIdOf(page)).toBe(submissionId);
    await page.goto('/home');
    await expect
      .poll(async () => Number(/\d+/.exec(await page.getByTestId('queue-submitted-total').innerText())?.[0]))
      .toBe(submittedBefore + 1);
  });

  it('shows a policyholder only its own company’s submissions, and never another’s', async () => {
    const { page } = await openPage();
    await signInThroughForm(page, demoUser('policyholder@demo.carapace.test'), '/submissions');
    await page.getByTestId('submissions-table').or(page.getByTestId('submissions-empty')).waitFor();
    const companies = await page.getByTestId('submission-row').getByRole('link').allInnerTexts();
    expect(new Set(companies).size).toBeLessThanOrEqual(1);
    // A company applies for itself: its own name is fixed in the form, and it names the insurer.
    await page.getByTestId('new-submission').click();
    await page.waitForURL((url) => url.pathname === '/submissions/new');
    expect(await page.locator('#submission-organisationId').isDisabled()).toBe(true);
    await page.locator('#submission-insurerId option:nth-child(2)').waitFor({ state: 'attached' });
  });
});
