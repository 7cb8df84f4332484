import { describe, expect, it } from 'vitest';
import { setUpBrowserSuite } from './browser-suite.js';
import {
  amountIn,
  checkAssessmentFigures,
  downloadPolicyPdf,
  issuePolicyFromQuote,
  openQuoteFromComparison,
  requestBindSatisfyAndBind,
  requestTwoQuoteOptions,
  toggleControlInWhatIf,
  waitForAssessment,
} from './quote-steps.js';
import { signInThroughForm, UNDERWRITER } from './signing-in.js';
import {
  WELL_RUN_SOFTWARE_COMPANY,
  cycloneDxSbom,
  fillSubmissionForm,
  saveDraft,
  submitForUnderwriting,
  uploadSbom,
} from './submission-steps.js';

const { openPage } = setUpBrowserSuite();

/**
 * The underwriting workbench end to end, only through the screens, as an underwriter works: from the home
 * page's queue to a new submission with its SBOM, its assessment, a what-if, two quote options, binding and
 * the policy's PDF. The feature tests check each screen in depth; this one checks that they hand over.
 */
describe('underwriting workbench', { timeout: 300_000 }, () => {
  it('signs in, submits, assesses, tries a control, quotes, binds and downloads the policy PDF', async () => {
    const { page } = await openPage();
    await signInThroughForm(page, UNDERWRITER, '/home');

    // Home → the queue's full list → a new submission.
    const queue = page.getByTestId('home-widget-submission-queue');
    await queue.getByTestId('queue-view-all').click();
    await page.waitForURL((url) => url.pathname === '/submissions');
    await page.getByTestId('new-submission').click();
    await page.waitForURL((url) => url.pathname === '/submissions/new');

    await fillSubmissionForm(page, WELL_RUN_SOFTWARE_COMPANY);
    // lodash 4.17.4 is in the demo feeds (the Node.js security WG's prototype-pollution advisories): the scan
    // on the server must find it, so the applicant's software is really matched, not just counted.
    await uploadSbom(
      page,
      'storefront.cdx.json',
      cycloneDxSbom('storefront', [
        { name: 'lodash', version: '4.17.4' },
        { name: 'express', version: '4.18.2' },
      ]),
    );
    const scan = page.getByTestId('sbom-scan-result');
    await expect
      .poll(() => scan.locator('tbody tr').allInnerTexts())
      .toContainEqual(expect.stringContaining('lodash'));
    await saveDraft(page);
    await submitForUnderwriting(page);

    // The submitted application hands over to its assessment.
    await page.getByTestId('to-assessment').click();
    await page.waitForURL((url) => url.pathname.endsWith('/assessment'));
    await waitForAssessment(page);
    const premium = await checkAssessmentFigures(page);

    const { baseline, withControl } = await toggleControlInWhatIf(page);
    expect(baseline).toBe(premium);
    expect(withControl, 'adopting the top-ranked control lowers the premium').toBeLessThan(baseline);

    const [defaultPremium] = await requestTwoQuoteOptions(page);
    expect(defaultPremium).toBe(premium);
    await openQuoteFromComparison(page, 0);
    expect(amountIn(await page.getByTestId('quote-premium').innerText())).toBe(defaultPremium);

    await requestBindSatisfyAndBind(page);
    await issuePolicyFromQuote(page);
    expect(await downloadPolicyPdf(page)).toBeGreaterThan(10_000);
  });
});
