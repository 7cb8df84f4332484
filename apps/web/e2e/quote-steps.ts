import { readFile } from 'node:fs/promises';
import type { APIResponse, Page } from 'playwright-core';
import { expect } from 'vitest';
import { storedSessionToken } from './signing-in.js';

/**
 * The underwriting steps from "on the assessment page" to "policy PDF downloaded", each as a reader takes it
 * in the UI, so the full underwriting flow test can compose them after the submission steps.
 */

/** An API POST as the page's signed-in user, outside the page (it is not watched for problems). */
export async function postAsSignedInUser(page: Page, path: string, body: unknown): Promise<APIResponse> {
  const token = await storedSessionToken(page);
  if (token === null) throw new Error('the page is not signed in');
  return page.request.post(path, { headers: { authorization: `Bearer ${token}` }, data: body });
}

/** The demo insured the quote tests apply for: a logistics company (any insured would do). */
const DEMO_INSURED_CREDIT_CODE = '91320500CRP000005K';

/**
 * Creates and submits a submission through the API as the page's user (an underwriter): a mid-size company
 * with a few controls, so the what-if has controls to try. Resolves with the submission's id.
 */
export async function createSubmittedSubmission(page: Page): Promise<string> {
  const token = await storedSessionToken(page);
  if (token === null) throw new Error('the page is not signed in');
  const organisations = await page.request.get('/api/v1/organisations?kind=insured&limit=100', {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(organisations.status()).toBe(200);
  const { items } = (await organisations.json()) as { items: { id: string; creditCode: string | null }[] };
  const insured = items.find((organisation) => organisation.creditCode === DEMO_INSURED_CREDIT_CODE);
  if (insured === undefined) throw new Error(`the demo data has no insured ${DEMO_INSURED_CREDIT_CODE}`);

  const created = await postAsSignedInUser(page, '/api/v1/submissions', {
    organisationId: insured.id,
    productId: 'cyber-sme',
    profile: {
      industry: 'G',
      annualRevenue: { amount: '50000000.00', currency: 'CNY' },
      employees: 120,
      recordsHeld: { personal: 50_000, sensitive: 0, payment: 1_000 },
      controls: {
        mfa_remote_access: { adopted: true, evidenced: true },
        offline_backups: { adopted: true, evidenced: false },
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const submitted = await postAsSignedInUser(page, `/api/v1/submissions/${id}/submit`, {});
  expect(submitted.status(), await submitted.text()).toBe(200);
  return id;
}

/** Waits until the assessment page shows its figures and the what-if has priced its controls. */
export async function waitForAssessment(page: Page): Promise<void> {
  await page.getByTestId('assessment-premium').waitFor();
  await page.locator('[data-testid="risk-score-gauge"] svg').waitFor();
  await page.locator('[data-testid="what-if-summary"][data-pending="false"]').waitFor();
}

/** Opens the assessment of a submission and waits for it. */
export async function openAssessment(page: Page, submissionId: string): Promise<void> {
  await page.goto(`/submissions/${submissionId}/assessment`);
  await waitForAssessment(page);
}

/** A money figure as the page shows it (¥32,417.00 or CN¥32,417.00) as a number. */
export function amountIn(text: string): number {
  const digits = /[\d,]+(\.\d+)?/.exec(text)?.[0];
  if (digits === undefined) throw new Error(`no amount in "${text}"`);
  return Number(digits.replaceAll(',', ''));
}

/**
 * Checks the assessment shows real figures: a score on the gauge with its factors, the loss-exceedance curve
 * with return periods, expected losses and a premium whose breakdown is listed. Resolves with the premium.
 */
export async function checkAssessmentFigures(page: Page): Promise<number> {
  const score = Number(await page.getByTestId('risk-score-value').getAttribute('data-score'));
  expect(score).toBeGreaterThan(0);
  expect(score).toBeLessThanOrEqual(100);
  expect(await page.locator('[data-testid="score-contributions"] tbody tr').count()).toBeGreaterThan(2);
  // The gauge draws its value; the curve draws two lines with return-period pins.
  expect(await page.locator('[data-testid="risk-score-gauge"] svg text').allTextContents()).toContain(
    String(score),
  );
  expect(await page.locator('[data-testid="loss-exceedance-chart"] svg path').count()).toBeGreaterThan(10);
  const returnPeriods = await page.locator('[data-testid="return-period-table"] tbody tr').count();
  expect(returnPeriods).toBeGreaterThan(3);
  expect(amountIn(await page.getByTestId('expected-gross-loss').innerText())).toBeGreaterThan(0);
  expect(amountIn(await page.getByTestId('expected-insured-loss').innerText())).toBeGreaterThan(0);
  const premium = amountIn(await page.getByTestId('assessment-premium').innerText());
  expect(premium).toBeGreaterThan(0);
  expect(await page.locator('[data-testid="premium-breakdown"] tbody tr').count()).toBe(6);
  return premium;
}

/**
 * Switches the what-if's most valuable control on with the keyboard and waits for the live re-price.
 * Resolves with the baseline and the re-priced premium.
 */
export async function toggleControlInWhatIf(page: Page): Promise<{ baseline: number; withControl: number }> {
  const baseline = amountIn(await page.getByTestId('what-if-baseline-premium').innerText());
  const firstSwitch = page.locator('[data-testid="what-if-table"] tbody input[type="checkbox"]').first();
  await firstSwitch.focus();
  await page.keyboard.press('Space');
  expect(await firstSwitch.isChecked()).toBe(true);
  await page.locator('[data-testid="what-if-summary"][data-pending="false"]').waitFor();
  await expect.poll(() => page.getByTestId('what-if-plan-premium').innerText()).toMatch(/\d/);
  const withControl = amountIn(await page.getByTestId('what-if-plan-premium').innerText());
  return { baseline, withControl };
}

/**
 * Designs two cover options (the product's defaults, and the same with a larger policy aggregate), requests
 * their quotes and waits until they stand side by side. Resolves with the quotes' premiums as shown.
 */
export async function requestTwoQuoteOptions(page: Page): Promise<number[]> {
  const columnsBefore = await page.getByTestId('quote-column').count();
  await page.getByTestId('add-cover-option').click();
  const aggregate = page.getByTestId('cover-option-1-aggregate');
  const choices = await aggregate
    .locator('option')
    .evaluateAll((options) => options.map((option) => (option as unknown as { value: string }).value));
  const largest = choices.at(-1);
  if (largest === undefined) throw new Error('the product offers no policy aggregate');
  await aggregate.selectOption(largest);
  await page.getByTestId('request-quotes').click();
  await expect
    .poll(() => page.getByTestId('quote-column').count(), { timeout: 30_000 })
    .toBe(columnsBefore + 2);
  const premiums = await page.getByTestId('quote-column-premium').allInnerTexts();
  return premiums.slice(-2).map(amountIn);
}

/** Opens the quote in the comparison's `index`-th column (0 = first) and waits for its page. */
export async function openQuoteFromComparison(page: Page, index: number): Promise<string> {
  const column = page.getByTestId('quote-column').nth(index);
  const quoteId = await column.getAttribute('data-quote-id');
  if (quoteId === null) throw new Error('the quote column names no quote');
  await column.getByRole('link').click();
  await page.waitForURL((url) => url.pathname === `/quotes/${quoteId}`);
  await page.getByTestId('quote-premium').waitFor();
  return quoteId;
}

async function waitForQuoteStatus(page: Page, status: string): Promise<void> {
  await page.locator(`.page-header [data-testid="quote-status"][data-status="${status}"]`).waitFor();
}

/** Requests bind, records every pre-bind contingency as met (with a note), and binds the quote. */
export async function requestBindSatisfyAndBind(page: Page): Promise<void> {
  await page.getByTestId('request-bind').click();
  await waitForQuoteStatus(page, 'bind_requested');
  const outstanding = page.locator('[data-testid="contingency"][data-satisfied="false"]');
  expect(await outstanding.count(), 'the product sets pre-bind contingencies').toBeGreaterThan(0);
  await expect.poll(() => page.getByTestId('bind-quote').isDisabled()).toBe(true);
  while ((await outstanding.count()) > 0) {
    const before = await outstanding.count();
    const contingency = outstanding.first();
    await contingency.locator('input').fill('Received and checked by the underwriter');
    await contingency.getByTestId('satisfy-contingency').click();
    await expect.poll(() => outstanding.count()).toBe(before - 1);
  }
  await expect.poll(() => page.getByTestId('bind-quote').isEnabled()).toBe(true);
  await page.getByTestId('bind-quote').click();
  await waitForQuoteStatus(page, 'bound');
}

/** Issues the policy of the bound quote from today and waits for the policy page. Resolves with its number. */
export async function issuePolicyFromQuote(page: Page): Promise<string> {
  await page.getByTestId('issue-policy').click();
  await page.waitForURL((url) => url.pathname.startsWith('/policies/'));
  await page.getByTestId('policy-premium').waitFor();
  const heading = await page.getByTestId('policy-number').innerText();
  const policyNumber = /CRP-CYB-\d{4}-\d{6}/.exec(heading)?.[0];
  if (policyNumber === undefined) throw new Error(`no policy number in "${heading}"`);
  return policyNumber;
}

/** Downloads the policy schedule and checks it is a real PDF. Resolves with its size in bytes. */
export async function downloadPolicyPdf(page: Page): Promise<number> {
  const downloaded = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByTestId('download-policy-pdf').click();
  const download = await downloaded;
  const path = await download.path();
  const bytes = await readFile(path);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(bytes.length).toBeGreaterThan(10_000);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  return bytes.length;
}
