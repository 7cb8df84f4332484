import type { CONTROL_IDS } from '@carapace/contracts';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Steps of the submission screens, as a user takes them, for any browser test that needs a submission:
 * open the form, fill it in, save the draft, submit it. Each step waits until the screen shows its outcome.
 */

type ControlId = (typeof CONTROL_IDS)[number];

export interface SubmissionDetails {
  /** The insured company as the picker lists it in Chinese (the interface's starting language). */
  readonly organisationNameZh: string;
  /** GB/T 4754-2017 section letter. */
  readonly industry: string;
  /** Yuan, as typed. */
  readonly annualRevenue: string;
  readonly employees: string;
  readonly recordsPersonal?: string;
  readonly recordsSensitive?: string;
  readonly recordsPayment?: string;
  readonly priorClaims?: string;
  readonly criticalFindings?: string;
  readonly knownExploitedFindings?: string;
  readonly controls: readonly { readonly id: ControlId; readonly evidenced: boolean }[];
}

/**
 * A well-run software company that the demo product quotes without referral; MFA on remote access is
 * attested without evidence, so its evidence becomes a pre-bind contingency.
 */
export const WELL_RUN_SOFTWARE_COMPANY: SubmissionDetails = {
  organisationNameZh: '杭州青石软件科技有限公司（演示）',
  industry: 'I',
  annualRevenue: '86000000',
  employees: '210',
  recordsPersonal: '420000',
  controls: [
    { id: 'mfa_remote_access', evidenced: false },
    { id: 'offline_backups', evidenced: true },
    { id: 'endpoint_detection_response', evidenced: true },
  ],
};

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** The id in a submission's address, `/submissions/<id>`. */
export function submissionIdOf(page: Page): string {
  const match = new RegExp(`^/submissions/(${UUID.source})$`).exec(new URL(page.url()).pathname);
  if (match?.[1] === undefined) throw new Error(`not on a submission's page: ${page.url()}`);
  return match[1];
}

/** Opens the empty form through the list's "new submission" button. */
export async function openNewSubmission(page: Page): Promise<void> {
  await page.goto('/submissions');
  await page.getByTestId('new-submission').click();
  await page.waitForURL((url) => url.pathname === '/submissions/new');
  // The company picker is filled from the API; wait for its options before choosing.
  await page.locator('#submission-organisationId option:nth-child(2)').waitFor({ state: 'attached' });
}

/** Types one field as a user does: replace its text, then leave it (which shows its problem, if any). */
export async function typeField(page: Page, field: string, value: string): Promise<void> {
  const input = page.locator(`#submission-${field}`);
  await input.fill(value);
  await input.blur();
}

/** Fills every field and the questionnaire; the company only while the picker is enabled (a new draft). */
export async function fillSubmissionForm(page: Page, details: SubmissionDetails): Promise<void> {
  const organisation = page.locator('#submission-organisationId');
  if (await organisation.isEnabled()) {
    await organisation.selectOption({ label: details.organisationNameZh });
  }
  await page.locator('#submission-industry').selectOption(details.industry);
  await typeField(page, 'annualRevenue', details.annualRevenue);
  await typeField(page, 'employees', details.employees);
  await typeField(page, 'recordsPersonal', details.recordsPersonal ?? '0');
  await typeField(page, 'recordsSensitive', details.recordsSensitive ?? '0');
  await typeField(page, 'recordsPayment', details.recordsPayment ?? '0');
  await typeField(page, 'priorClaims', details.priorClaims ?? '0');
  await typeField(page, 'criticalFindings', details.criticalFindings ?? '0');
  await typeField(page, 'knownExploitedFindings', details.knownExploitedFindings ?? '0');
  for (const { id, evidenced } of details.controls) {
    await page.getByTestId(`control-${id}-adopted`).check();
    const evidence = page.getByTestId(`control-${id}-evidenced`);
    if (evidenced) await evidence.check();
    else await evidence.uncheck();
  }
}

/** A small CycloneDX 1.5 SBOM of npm packages, as a build tool writes one. */
export function cycloneDxSbom(
  application: string,
  packages: readonly { readonly name: string; readonly version: string }[],
): string {
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    version: 1,
    metadata: { component: { type: 'application', name: application, version: '1.0.0' } },
    components: packages.map(({ name, version }) => ({
      type: 'library',
      'bom-ref': `pkg:npm/${name}@${version}`,
      name,
      version,
      purl: `pkg:npm/${name}@${version}`,
    })),
  });
}

/** Picks an SBOM file in the form and waits until the server's scan has filled in the counts. */
export async function uploadSbom(page: Page, fileName: string, content: string): Promise<void> {
  await page.locator('#submission-sbom').setInputFiles({
    name: fileName,
    mimeType: 'application/json',
    buffer: Buffer.from(content, 'utf8'),
  });
  await page.getByTestId('sbom-scan-result').waitFor();
}

/** Saves the draft and waits for "saved at"; resolves with the submission's id from its address. */
export async function saveDraft(page: Page): Promise<string> {
  await page.getByTestId('save-draft').click();
  await page.waitForURL((url) => UUID.test(url.pathname));
  await page.locator('[data-testid="save-state"][data-dirty="false"]').waitFor();
  expect(await page.getByTestId('save-state').innerText()).toMatch(/^(草稿已保存于|Draft saved at) /);
  return submissionIdOf(page);
}

/** Submits the draft on screen (saving it first if need be) and waits for the read-only summary. */
export async function submitForUnderwriting(page: Page): Promise<string> {
  await page.getByTestId('submit-submission').click();
  // Settled: the company's name has loaded, so leaving the page next cancels no request.
  await page.locator('[data-testid="submission-summary"][data-settled="true"]').waitFor();
  await page.waitForURL((url) => UUID.test(url.pathname));
  expect(await page.getByTestId('submission-status').getAttribute('data-status')).toBe('submitted');
  return submissionIdOf(page);
}

/** The whole way from an empty form to a submitted submission; resolves with its id. */
export async function createSubmittedSubmission(
  page: Page,
  details: SubmissionDetails = WELL_RUN_SOFTWARE_COMPANY,
): Promise<string> {
  await openNewSubmission(page);
  await fillSubmissionForm(page, details);
  await saveDraft(page);
  return submitForUnderwriting(page);
}
