import {
  assessRisk,
  createLossSimulator,
  moneyFromDecimal,
  type Assessment,
  type Organisation,
  type Policy,
  type Quote,
  type RiskProfile,
} from '@carapace/domain';
import { DEFAULT_CATALOGUE_DIR } from '../../platform.js';
import { loadProductCatalogue } from '../../underwriting/load-product-catalogue.js';
import type { PolicyDocumentData } from '../policy-schedule.js';
import type { QuoteDocumentData } from '../quote-document.js';

/** A software company like the first demo insured, with some controls only attested. */
export const SAMPLE_PROFILE: RiskProfile = {
  industry: 'I',
  annualRevenue: moneyFromDecimal('86000000.00', 'CNY'),
  employees: 210,
  recordsHeld: { personal: 420_000, sensitive: 1_200, payment: 0 },
  country: 'CN',
  controls: {
    mfa_remote_access: { adopted: true, evidenced: false },
    mfa_email: { adopted: true, evidenced: true },
    mfa_privileged: { adopted: true, evidenced: true },
    offline_backups: { adopted: true, evidenced: true },
    backup_restore_tested: { adopted: true, evidenced: true },
    endpoint_detection_response: { adopted: true, evidenced: true },
    email_filtering: { adopted: true, evidenced: true },
    critical_patching_14_days: { adopted: true, evidenced: false },
    security_awareness_training: { adopted: true, evidenced: false },
  },
  priorClaims: 1,
  openFindings: { critical: 1, knownExploited: 0 },
};

export const SAMPLE_ORGANISATION: Organisation = {
  id: '0b6f2f8e-8a47-4d84-9d0e-4f0d7a1c2b3a',
  kind: 'insured',
  nameZh: '杭州云栈软件有限公司',
  nameEn: 'Hangzhou Cloudstack Software Co., Ltd.',
  creditCode: '91330106CRP000003K',
  createdAt: new Date('2026-11-01T01:00:00Z'),
};

export interface SampleDocuments {
  readonly quote: QuoteDocumentData;
  readonly policy: PolicyDocumentData;
}

let assessmentOnce:
  | Promise<{ assessment: Assessment; catalogue: Awaited<ReturnType<typeof loadProductCatalogue>> }>
  | undefined;

/** A real assessment of SAMPLE_PROFILE (seeded, so always the same numbers), priced once per test file. */
async function sampleAssessment() {
  assessmentOnce ??= (async () => {
    const catalogue = await loadProductCatalogue(DEFAULT_CATALOGUE_DIR);
    const assessment = await assessRisk(
      { catalogue, simulate: createLossSimulator() },
      { productId: 'cyber-sme', profile: SAMPLE_PROFILE, seed: '20261120' },
    );
    return { assessment, catalogue };
  })();
  return assessmentOnce;
}

/** Quote and policy document data around a real assessment; `organisation` replaces the insured. */
export async function sampleDocuments(
  organisation: Organisation = SAMPLE_ORGANISATION,
): Promise<SampleDocuments> {
  const { assessment, catalogue } = await sampleAssessment();
  const product = catalogue.product(assessment.product.id, assessment.product.version);
  const quote: Quote = {
    id: '9d3b7a52-1c4e-4f0a-b8d2-6e5f4a3c2b10',
    reference: 'Q-2026-000042',
    submissionId: '5a0c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d',
    organisationId: organisation.id,
    insurerId: '00000000-0000-4000-8000-00000000000a',
    brokerId: null,
    status: 'referred',
    coverage: assessment.coverage,
    premium: assessment.premium,
    assessment,
    triggeredRules: [
      {
        code: 'prior_claims',
        outcome: 'refer',
        reason: {
          'zh-CN': '近三年发生网络安全理赔或事件',
          en: 'A cyber claim or incident in the last three years',
        },
      },
    ],
    preBindContingencies: [
      {
        code: 'signed_application',
        text: { 'zh-CN': '投保单经投保人签章确认', en: 'Application signed and stamped by the applicant' },
        satisfiedAt: new Date('2026-11-21T03:00:00Z'),
      },
      {
        code: 'mfa_remote_access_evidence',
        text: {
          'zh-CN': '提供远程访问多因素认证的配置截图或审计证明',
          en: "Evidence of MFA on remote access (configuration screenshot or auditor's letter)",
        },
        satisfiedAt: null,
      },
    ],
    validUntil: new Date('2026-12-20T02:00:00Z'),
    createdAt: new Date('2026-11-20T02:00:00Z'),
  };
  const policy: Policy = {
    id: '2a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    policyNumber: 'CRP-CYB-2026-000007',
    quoteId: quote.id,
    organisationId: organisation.id,
    insurerId: '00000000-0000-4000-8000-00000000000a',
    brokerId: null,
    productId: product.id,
    productVersion: product.version,
    inceptionDate: '2026-12-01',
    expiryDate: '2027-12-01',
    coverage: assessment.coverage,
    premium: assessment.premium.premium,
    postBindContingencies: product.contingencies.postBind.map((contingency) => ({
      code: contingency.code,
      text: contingency.text,
      dueDate: '2026-12-16',
    })),
    issuedAt: new Date('2026-11-25T06:30:00Z'),
  };
  const generatedAt = new Date('2026-11-25T07:00:00Z');
  return {
    quote: { quote, organisation, product, generatedAt },
    policy: { policy, quote: { ...quote, status: 'policy_issued' }, organisation, product, generatedAt },
  };
}
