import { describe, expect, it } from 'vitest';
import { setUpBrowserSuite } from './browser-suite.js';
import {
  amountIn,
  checkAssessmentFigures,
  createSubmittedSubmission,
  downloadPolicyPdf,
  issuePolicyFromQuote,
  openAssessment,
  openQuoteFromComparison,
  requestBindSatisfyAndBind,
  requestTwoQuoteOptions,
  toggleControlInWhatIf,
  waitForAssessment,
} from './quote-steps.js';
import { screenshotInBothLanguages } from './screenshots.js';
import { signInThroughForm, UNDERWRITER } from './signing-in.js';

const { openPage } = setUpBrowserSuite();

describe('assessment, quote, bind and policy', { timeout: 240_000 }, () => {
  it('takes a submitted submission from its assessment to an issued policy and its PDF', async () => {
    const { page } = await openPage();
    await signInThroughForm(page, UNDERWRITER, '/policies');
    const submissionId = await createSubmittedSubmission(page);

    await openAssessment(page, submissionId);
    expect(await page.title()).toBe('风险评估 · 甲壳 Carapace');
    const premium = await checkAssessmentFigures(page);

    const { baseline, withControl } = await toggleControlInWhatIf(page);
    expect(baseline).toBe(premium);
    expect(withControl, 'adopting the top-ranked control lowers the premium').toBeLessThan(baseline);

    const [defaultPremium, widerPremium] = await requestTwoQuoteOptions(page);
    expect(defaultPremium).toBe(premium);
    expect(widerPremium).toBeGreaterThanOrEqual(defaultPremium ?? 0);
    const aggregates = await page.getByTestId('quote-column-aggregate').allInnerTexts();
    expect(new Set(aggregates).size, 'the two options differ in their aggregate').toBe(2);
    await screenshotInBothLanguages(page, 'underwriting.assessment', waitForAssessment);

    await openQuoteFromComparison(page, 0);
    expect(amountIn(await page.getByTestId('quote-premium').innerText())).toBe(defaultPremium);
    await requestBindSatisfyAndBind(page);
    await screenshotInBothLanguages(page, 'underwriting.quote', async (current) => {
      await current.waitForLoadState('networkidle');
      await current.getByTestId('quote-premium').waitFor();
    });
    const policyNumber = await issuePolicyFromQuote(page);
    expect(await page.title()).toBe(`保单 ${policyNumber} · 甲壳 Carapace`);
    await screenshotInBothLanguages(page, 'underwriting.policy', async (current) => {
      await current.waitForLoadState('networkidle');
      await current.getByTestId('policy-premium').waitFor();
    });

    await downloadPolicyPdf(page);

    await page.getByRole('link', { name: '← 返回保单列表' }).click();
    await page.locator(`[data-testid="policy-row"] >> text=${policyNumber}`).waitFor();
  });
});
