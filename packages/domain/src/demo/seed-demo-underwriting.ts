import { issuePolicy } from '../underwriting/policy-use-cases.js';
import {
  bindQuote,
  quoteSubmission,
  requestBind,
  satisfyContingency,
} from '../underwriting/quote-use-cases.js';
import { createSubmission, submitSubmission } from '../underwriting/submission-use-cases.js';
import type { LifecycleServices } from '../underwriting/underwriting-services.js';
import { DEMO_INSURER_CREDIT_CODE } from './demo-organisations.js';
import { DEMO_COMPANIES } from './demo-companies.js';

export type SeedDemoUnderwritingOutcome =
  | {
      readonly kind: 'loaded';
      readonly submissions: number;
      readonly quotes: number;
      readonly policies: number;
    }
  | { readonly kind: 'already_loaded' };

/**
 * Takes each demo insured through the lifecycle up to its demo stage, with the real use cases (so the demo
 * data is exactly what a user would have produced). Runs after the demo organisations exist. The marker is
 * claimed first, atomically, so two servers starting together never both load it; quoting runs simulations
 * outside any one transaction, so a load interrupted half-way stays half-done rather than being repeated
 * (demo data, never a user's). A demo company missing from the database (removed by a user) is skipped.
 */
export async function seedDemoUnderwriting(
  services: LifecycleServices,
): Promise<SeedDemoUnderwritingOutcome> {
  const alreadyLoaded = await services.unitOfWork.run(
    async (repositories) =>
      (await repositories.platformSettings.get('demo_underwriting_loaded_at')) !== undefined,
  );
  if (alreadyLoaded) return { kind: 'already_loaded' };
  const insureds = await services.unitOfWork.run((repositories) =>
    repositories.organisations.list({ kind: 'insured', limit: 200, offset: 0 }),
  );
  const insurer = await services.unitOfWork.run(async (repositories) =>
    (await repositories.organisations.list({ kind: 'insurer', limit: 200, offset: 0 })).items.find(
      (candidate) => candidate.creditCode === DEMO_INSURER_CREDIT_CODE,
    ),
  );
  if (insurer === undefined) return { kind: 'loaded', submissions: 0, quotes: 0, policies: 0 };
  let submissions = 0;
  let quotes = 0;
  let policies = 0;
  for (const company of DEMO_COMPANIES) {
    const organisation = insureds.items.find((candidate) => candidate.creditCode === company.creditCode);
    if (organisation === undefined) continue;
    const submission = await createSubmission(services, {
      organisationId: organisation.id,
      insurerId: insurer.id,
      productId: 'cyber-sme',
      profile: company.profile,
    });
    submissions += 1;
    if (company.stage === 'draft') continue;
    await submitSubmission(services, submission.id);
    const [quote] = await quoteSubmission(services, {
      submissionId: submission.id,
      options: [company.coverage],
    });
    if (quote === undefined) continue;
    quotes += 1;
    if (company.stage !== 'policy_issued' || quote.status !== 'quoted') continue;
    const requested = await requestBind(services, quote.id);
    for (const contingency of requested.preBindContingencies) {
      await satisfyContingency(services, quote.id, contingency.code, 'demo data');
    }
    await bindQuote(services, quote.id);
    const today = new Date(services.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    await issuePolicy(services, quote.id, today);
    policies += 1;
  }
  return { kind: 'loaded', submissions, quotes, policies };
}
