import { moneyFromDecimal } from '../shared/money.js';
import type { CoverageChoice } from '../underwriting/coverage-selection.js';
import type { ControlAnswer, RiskProfile } from '../underwriting/risk-profile.js';
import type { SecurityControlId } from '../underwriting/security-controls.js';

/**
 * Risk profiles of the demo insureds (matched to DEMO_ORGANISATIONS by credit code), each taken to a
 * different point of the underwriting lifecycle so every screen and step has something to show. Profiles
 * are fictional but shaped like real SMEs of their industry.
 */
export interface DemoCompany {
  readonly creditCode: string;
  readonly profile: RiskProfile;
  readonly coverage: CoverageChoice;
  /** How far the demo takes this company: a draft, a quote, or an issued policy. */
  readonly stage: 'draft' | 'quoted' | 'policy_issued';
}

const yes: ControlAnswer = { adopted: true, evidenced: true };
const attested: ControlAnswer = { adopted: true, evidenced: false };

function controls(evidenced: readonly SecurityControlId[], attestedOnly: readonly SecurityControlId[] = []) {
  return Object.fromEntries([
    ...evidenced.map((control) => [control, yes] as const),
    ...attestedOnly.map((control) => [control, attested] as const),
  ]) as RiskProfile['controls'];
}

const CNY = (amount: string) => moneyFromDecimal(amount, 'CNY');

export const DEMO_COMPANIES: readonly DemoCompany[] = [
  {
    // A SaaS developer: strong identity controls, many customer records.
    creditCode: '91330106CRP000003K',
    profile: {
      industry: 'I',
      annualRevenue: CNY('86000000.00'),
      employees: 210,
      recordsHeld: { personal: 420_000, sensitive: 0, payment: 0 },
      country: 'CN',
      controls: controls(
        [
          'mfa_remote_access',
          'mfa_email',
          'mfa_privileged',
          'endpoint_detection_response',
          'offline_backups',
          'backup_restore_tested',
          'critical_patching_14_days',
          'email_filtering',
          'asset_inventory',
          'web_application_firewall',
        ],
        ['security_awareness_training', 'incident_response_plan_tested', 'encryption_at_rest'],
      ),
      priorClaims: 0,
      openFindings: { critical: 0, knownExploited: 0 },
    },
    coverage: {},
    stage: 'policy_issued',
  },
  {
    // A medical-device maker: health industry (referred), patient data, middling controls.
    creditCode: '91440300CRP0000045',
    profile: {
      industry: 'Q',
      annualRevenue: CNY('140000000.00'),
      employees: 380,
      recordsHeld: { personal: 60_000, sensitive: 35_000, payment: 0 },
      country: 'CN',
      controls: controls(
        ['mfa_remote_access', 'offline_backups', 'email_filtering', 'endpoint_detection_response'],
        ['critical_patching_14_days', 'security_awareness_training'],
      ),
      priorClaims: 1,
      openFindings: { critical: 1, knownExploited: 0 },
    },
    coverage: {
      sections: [{ section: 'privacy_liability', limit: CNY('2000000.00'), retention: CNY('50000.00') }],
    },
    stage: 'quoted',
  },
  {
    // A logistics firm: operations depend on systems, thin controls.
    creditCode: '91320500CRP000005K',
    profile: {
      industry: 'G',
      annualRevenue: CNY('52000000.00'),
      employees: 160,
      recordsHeld: { personal: 15_000, sensitive: 0, payment: 0 },
      country: 'CN',
      controls: controls(['offline_backups'], ['mfa_remote_access', 'email_filtering']),
      priorClaims: 0,
      openFindings: { critical: 0, knownExploited: 0 },
    },
    coverage: {
      sections: [{ section: 'business_interruption', limit: CNY('1000000.00'), waitingPeriodHours: 8 }],
    },
    stage: 'quoted',
  },
  {
    // An online shop: payment data and high email-fraud exposure.
    creditCode: '91330100CRP0000079',
    profile: {
      industry: 'F',
      annualRevenue: CNY('31000000.00'),
      employees: 45,
      recordsHeld: { personal: 250_000, sensitive: 0, payment: 80_000 },
      country: 'CN',
      controls: controls(
        ['mfa_remote_access', 'mfa_email', 'offline_backups', 'web_application_firewall'],
        ['payment_change_verification'],
      ),
      priorClaims: 0,
      openFindings: { critical: 0, knownExploited: 0 },
    },
    coverage: {},
    stage: 'quoted',
  },
  {
    // A precision manufacturer: few records, production stops when the network does.
    creditCode: '91440100CRP0000087',
    profile: {
      industry: 'C',
      annualRevenue: CNY('230000000.00'),
      employees: 640,
      recordsHeld: { personal: 3_000, sensitive: 0, payment: 0 },
      country: 'CN',
      controls: controls(
        ['mfa_remote_access', 'offline_backups', 'backup_restore_tested', 'network_segmentation'],
        ['endpoint_detection_response'],
      ),
      priorClaims: 0,
      openFindings: { critical: 0, knownExploited: 1 },
    },
    coverage: { policyAggregate: CNY('3000000.00') },
    stage: 'quoted',
  },
  {
    // A dental clinic still filling in its application.
    creditCode: '91510100CRP000009L',
    profile: {
      industry: 'Q',
      annualRevenue: CNY('12000000.00'),
      employees: 38,
      recordsHeld: { personal: 9_000, sensitive: 9_000, payment: 0 },
      country: 'CN',
      controls: controls([], ['offline_backups']),
      priorClaims: 0,
      openFindings: { critical: 0, knownExploited: 0 },
    },
    coverage: {},
    stage: 'draft',
  },
];
