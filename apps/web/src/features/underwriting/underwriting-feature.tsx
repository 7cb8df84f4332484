import type { FeatureModule, RoleCode } from '../../app/page-routes';
import { AssessmentPage } from './assessment-page';
import { PoliciesWidget } from './policies-widget';
import { PolicyListPage } from './policy-list-page';
import { PolicyPage } from './policy-page';
import { QuotePage } from './quote-page';
import { ASSESSMENT_PATTERN, POLICIES_PATH, POLICY_PATTERN, QUOTE_PATTERN } from './underwriting-paths';

/** The roles that may read policies (UNDERWRITING_ACCESS_RULES 'policy.read'). */
const POLICY_READERS: readonly RoleCode[] = [
  'underwriter',
  'actuary',
  'claims_handler',
  'compliance_officer',
  'broker',
  'policyholder',
];

/** The underwriting screens: their pages, their navigation links and their panels on the home page. */
export const underwritingFeature: FeatureModule = {
  routes: [
    {
      pattern: ASSESSMENT_PATTERN,
      access: 'signed_in',
      render: (params, session) => (
        <AssessmentPage
          key={params.submissionId}
          submissionId={params.submissionId ?? ''}
          session={session}
        />
      ),
    },
    {
      pattern: QUOTE_PATTERN,
      access: 'signed_in',
      render: (params, session) => (
        <QuotePage key={params.quoteId} quoteId={params.quoteId ?? ''} session={session} />
      ),
    },
    { pattern: POLICIES_PATH, access: 'signed_in', render: () => <PolicyListPage /> },
    {
      pattern: POLICY_PATTERN,
      access: 'signed_in',
      render: (params) => <PolicyPage key={params.policyId} policyId={params.policyId ?? ''} />,
    },
  ],
  nav: [
    {
      to: POLICIES_PATH,
      label: (t) => t('underwriting.nav.policies'),
      roles: POLICY_READERS,
      activePrefix: POLICIES_PATH,
    },
  ],
  homeWidgets: [
    { id: 'underwriting-policies', roles: ['policyholder', 'broker'], render: () => <PoliciesWidget /> },
  ],
};
