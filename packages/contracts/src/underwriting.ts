import { z } from 'zod';

/**
 * Underwriting over HTTP: products, the quick assessment (score, losses, premium, control what-if) and the
 * submission → quote → bind → policy lifecycle. Money travels as an exact decimal string in major units
 * with its ISO 4217 currency; simulated losses are plain numbers (floats, major units).
 */

export const MoneyAmount = z
  .object({
    amount: z
      .string()
      // 13 digits keep any amount in minor units below 2^53, where integers stay exact.
      .regex(/^-?\d{1,13}(\.\d{1,2})?$/, 'an amount is a decimal string such as "50000000.00"')
      .meta({ example: '50000000.00' }),
    currency: z.enum(['CNY', 'HKD', 'USD', 'EUR', 'GBP', 'JPY']).default('CNY'),
  })
  .strict()
  .meta({ id: 'MoneyAmount', description: 'Exact amount in major units (yuan for CNY) with its currency.' });

export const LocalisedText = z.object({ 'zh-CN': z.string(), en: z.string() }).meta({ id: 'LocalisedText' });

export const INDUSTRY_CODES = [
  'A',
  'B',
  'C',
  'D',
  'E',
  'F',
  'G',
  'H',
  'I',
  'J',
  'K',
  'L',
  'M',
  'N',
  'O',
  'P',
  'Q',
  'R',
  'S',
  'T',
] as const;

export const CONTROL_IDS = [
  'mfa_remote_access',
  'mfa_email',
  'mfa_privileged',
  'endpoint_detection_response',
  'offline_backups',
  'backup_restore_tested',
  'critical_patching_14_days',
  'end_of_life_software_removed',
  'email_filtering',
  'incident_response_plan_tested',
  'security_awareness_training',
  'privileged_access_management',
  'network_segmentation',
  'encryption_at_rest',
  'security_monitoring',
  'vendor_risk_management',
  'asset_inventory',
  'payment_change_verification',
  'data_minimisation',
  'web_application_firewall',
] as const;

export const SECTION_IDS = [
  'extortion',
  'business_interruption',
  'data_restoration',
  'incident_response',
  'privacy_liability',
  'regulatory',
] as const;

const Count = z.number().int().min(0).max(10_000_000_000);

export const ControlAnswer = z
  .object({ adopted: z.boolean(), evidenced: z.boolean().default(false) })
  .strict()
  .meta({ id: 'ControlAnswer' });

export const RiskProfile = z
  .object({
    industry: z.enum(INDUSTRY_CODES).meta({ description: 'GB/T 4754-2017 section letter.', example: 'I' }),
    annualRevenue: MoneyAmount,
    employees: z.number().int().min(1).max(10_000_000),
    recordsHeld: z
      .object({ personal: Count.default(0), sensitive: Count.default(0), payment: Count.default(0) })
      .strict()
      .default({ personal: 0, sensitive: 0, payment: 0 })
      .meta({ description: 'Records of personal information held, by class; none when left out.' }),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as CN')
      .default('CN'),
    controls: z
      .partialRecord(z.enum(CONTROL_IDS), ControlAnswer)
      .default({})
      .meta({ description: 'Questionnaire answers; a control not listed is not in place.' }),
    priorClaims: z.number().int().min(0).max(1000).default(0),
    openFindings: z
      .object({ critical: Count.default(0), knownExploited: Count.default(0) })
      .strict()
      .default({ critical: 0, knownExploited: 0 }),
  })
  .strict()
  .meta({ id: 'RiskProfile' });

export const SectionChoice = z
  .object({
    section: z.enum(SECTION_IDS),
    limit: MoneyAmount.optional(),
    retention: MoneyAmount.optional(),
    waitingPeriodHours: z.number().int().min(0).max(720).optional(),
  })
  .strict()
  .meta({ id: 'SectionChoice' });

export const CoverageChoice = z
  .object({
    sections: z.array(SectionChoice).max(SECTION_IDS.length).optional(),
    policyAggregate: MoneyAmount.optional(),
  })
  .strict()
  .meta({ id: 'CoverageChoice', description: 'Anything left out takes the product default.' });

const Seed = z
  .string()
  .regex(/^\d{1,20}$/, 'a seed is a whole number of up to 20 digits')
  .refine((seed) => BigInt(seed) <= 2n ** 64n - 1n, 'a seed is at most 2^64 − 1 (18446744073709551615)')
  .meta({ description: 'Optional; by default derived from the inputs, so equal inputs give equal results.' });

export const AssessmentRequest = z
  .object({
    productId: z.string().min(1).max(100).default('cyber-sme'),
    productVersion: z.string().max(100).optional(),
    profile: RiskProfile,
    coverage: CoverageChoice.optional(),
    seed: Seed.optional(),
  })
  .strict()
  .meta({ id: 'AssessmentRequest' });

export const WhatIfRequest = AssessmentRequest.extend({
  combination: z.array(z.enum(CONTROL_IDS)).max(CONTROL_IDS.length).optional(),
})
  .strict()
  .meta({ id: 'WhatIfRequest' });

const LevelValue = z.object({ level: z.number(), value: z.number() });

export const LossDistribution = z
  .object({
    mean: z.number(),
    standardDeviation: z.number(),
    valueAtRisk: z.array(LevelValue),
    tailValueAtRisk: z.array(LevelValue),
    returnPeriodLosses: z.array(z.object({ years: z.number(), loss: z.number() })),
    exceedance: z.array(z.object({ threshold: z.number(), probability: z.number() })),
  })
  .meta({ id: 'LossDistribution', description: 'Simulated annual losses, major units.' });

export const SectionSelection = z
  .object({
    section: z.enum(SECTION_IDS),
    limit: MoneyAmount,
    retention: MoneyAmount,
    waitingPeriodHours: z.number().int(),
  })
  .meta({ id: 'SectionSelection' });

export const CoverageSelection = z
  .object({ sections: z.array(SectionSelection), policyAggregate: MoneyAmount })
  .meta({ id: 'CoverageSelection' });

export const PremiumBreakdown = z
  .object({
    expectedInsuredLoss: MoneyAmount,
    riskLoad: MoneyAmount,
    expenses: MoneyAmount,
    profit: MoneyAmount,
    rounding: MoneyAmount,
    minimumPremiumTopUp: MoneyAmount,
    premium: MoneyAmount,
  })
  .meta({ id: 'PremiumBreakdown', description: 'The parts add up exactly to the premium.' });

export const ScoreContribution = z
  .object({
    factor: z.string(),
    source: z.enum(['firmographic', 'answer', 'finding', 'history', 'rate_plan']),
    label: LocalisedText,
    value: z.string(),
    points: z.number().int(),
    exactPoints: z.number(),
  })
  .meta({ id: 'ScoreContribution' });

export const RiskScore = z
  .object({
    score: z.number().int().min(0).max(100),
    band: z.enum(['low', 'moderate', 'elevated', 'high']),
    contributions: z.array(ScoreContribution),
  })
  .meta({
    id: 'RiskScore',
    description: '0 = least risk, 100 = most; the points of the contributions add up to it.',
  });

export const TriggeredRule = z
  .object({ code: z.string(), outcome: z.enum(['refer', 'decline']), reason: LocalisedText })
  .meta({ id: 'TriggeredRule' });

export const RuleDecision = z
  .object({ kind: z.enum(['quote', 'refer', 'decline']), rules: z.array(TriggeredRule) })
  .meta({ id: 'RuleDecision' });

export const Assessment = z
  .object({
    product: z.object({ id: z.string(), version: z.string() }),
    ratePlan: z.object({ id: z.string(), version: z.string() }),
    profile: RiskProfile,
    coverage: CoverageSelection,
    seed: z.string(),
    iterations: z.number().int(),
    score: RiskScore,
    perils: z.array(
      z.object({
        peril: z.string(),
        name: LocalisedText,
        section: z.enum(SECTION_IDS),
        frequency: z.number(),
        expectedGrossLoss: z.number(),
      }),
    ),
    losses: z.object({
      gross: LossDistribution,
      insured: LossDistribution,
      retained: LossDistribution,
      sections: z.array(
        z.object({ section: z.enum(SECTION_IDS), grossMean: z.number(), insuredMean: z.number() }),
      ),
    }),
    premium: PremiumBreakdown,
    decision: RuleDecision,
    warnings: z.array(z.string()),
  })
  .meta({ id: 'Assessment' });

const PricedVariant = z.object({
  premium: MoneyAmount,
  premiumSaved: MoneyAmount,
  expectedGrossLoss: z.number(),
  expectedGrossLossReduction: z.number(),
  score: z.number().int(),
});

export const ControlWhatIf = z
  .object({
    seed: z.string(),
    baseline: z.object({ premium: MoneyAmount, expectedGrossLoss: z.number(), score: z.number().int() }),
    options: z.array(
      PricedVariant.extend({
        control: z.enum(CONTROL_IDS),
        name: LocalisedText,
        change: z.enum(['adopt', 'evidence']),
      }),
    ),
    combination: PricedVariant.extend({ controls: z.array(z.enum(CONTROL_IDS)) }).optional(),
  })
  .meta({ id: 'ControlWhatIf', description: 'Ranked by premium saved; every variant uses the same seed.' });

export const ProductSummary = z
  .object({
    id: z.string(),
    version: z.string(),
    name: LocalisedText,
    currency: z.string(),
    termMonths: z.number().int(),
    quoteValidDays: z.number().int(),
    sections: z.array(
      z.object({
        id: z.enum(SECTION_IDS),
        party: z.enum(['first', 'third']),
        name: LocalisedText,
        description: LocalisedText,
        limitOptions: z.array(MoneyAmount),
        defaultLimit: MoneyAmount,
        retentionOptions: z.array(MoneyAmount),
        defaultRetention: MoneyAmount,
        waitingPeriodHoursOptions: z.array(z.number().int()),
        defaultWaitingPeriodHours: z.number().int(),
      }),
    ),
    policyAggregateOptions: z.array(MoneyAmount),
    defaultPolicyAggregate: MoneyAmount,
    controls: z.array(z.object({ id: z.enum(CONTROL_IDS), name: LocalisedText })),
    industries: z.array(z.object({ code: z.enum(INDUSTRY_CODES), name: LocalisedText })),
  })
  .meta({ id: 'Product' });

export const ProductList = z.object({ items: z.array(ProductSummary) }).meta({ id: 'ProductList' });

export const ProductParams = z.object({
  id: z
    .string()
    .max(100)
    .meta({ param: { name: 'id', in: 'path' }, example: 'cyber-sme' }),
});
export const ProductQuery = z.object({ version: z.string().max(100).optional() });

const IdParams = (example: string) =>
  z.object({
    id: z.uuid().meta({ param: { name: 'id', in: 'path' }, example }),
  });
export const SubmissionIdParams = IdParams('4f6f2c1e-8a0b-4d4e-9c55-0b7a3e6d1f20');
export const QuoteIdParams = IdParams('9d3b7a52-1c4e-4f0a-b8d2-6e5f4a3c2b10');
export const PolicyIdParams = IdParams('2a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d');
export const ContingencyParams = QuoteIdParams.extend({
  code: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,62}$/)
    .meta({ param: { name: 'code', in: 'path' } }),
});

export const CreateSubmissionRequest = z
  .object({
    organisationId: z.uuid(),
    insurerId: z.uuid().optional().meta({
      description: 'The insurer asked to underwrite. Omit when signed in as the insurer’s underwriter.',
    }),
    productId: z.string().min(1).max(100).default('cyber-sme'),
    productVersion: z.string().max(100).optional(),
    profile: RiskProfile,
  })
  .strict()
  .meta({ id: 'CreateSubmissionRequest' });

export const UpdateSubmissionProfileRequest = z.object({ profile: RiskProfile }).strict();

export const Submission = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    insurerId: z.uuid(),
    brokerId: z.uuid().nullable(),
    productId: z.string(),
    productVersion: z.string(),
    status: z.enum(['draft', 'submitted']),
    profile: RiskProfile,
    createdAt: z.iso.datetime(),
    submittedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Submission' });

export const SUBMISSION_STATUS_VALUES = ['draft', 'submitted'] as const;

export const SubmissionListQuery = z.object({
  status: z.enum(SUBMISSION_STATUS_VALUES).optional(),
  organisationId: z.uuid().optional(),
  order: z
    .enum(['newest_first', 'oldest_first'])
    .default('newest_first')
    .meta({ description: 'By creation.' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const SubmissionListItem = Submission.extend({
  organisation: z
    .object({ nameZh: z.string(), nameEn: z.string().nullable() })
    .meta({ description: 'The insured company’s registered names, so a list reads without a look-up.' }),
}).meta({ id: 'SubmissionListItem' });

export const SubmissionPage = z
  .object({
    items: z.array(SubmissionListItem),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({ id: 'SubmissionPage' });

export const InventoryScanResult = z
  .object({
    componentsCompared: z.number().int(),
    versionsUnreadable: z.number().int(),
    openFindings: z
      .object({ critical: z.number().int(), knownExploited: z.number().int() })
      .meta({ description: 'The counts a risk profile’s openFindings takes.' }),
    topFindings: z
      .array(
        z.object({
          title: z.string(),
          componentName: z.string(),
          componentVersion: z.string().nullable(),
          advisoryIds: z.array(z.string()),
          cveIds: z.array(z.string()),
          cvssScore: z.number().nullable(),
          epss: z.number().nullable(),
          kev: z.boolean(),
          priority: z.number().int(),
          severityBand: z.string(),
        }),
      )
      .meta({ description: 'The highest-priority findings (at most 10), highest first.' }),
  })
  .meta({ id: 'InventoryScanResult' });

export const QuoteRequest = z
  .object({ options: z.array(CoverageChoice).min(1).max(3).default([{}]), seed: Seed.optional() })
  .strict()
  .meta({ id: 'QuoteRequest', description: 'One to three cover options; each becomes a quote.' });

export const QUOTE_STATUS_VALUES = [
  'referred',
  'quoted',
  'declined',
  'expired',
  'bind_requested',
  'bound',
  'policy_issued',
] as const;

export const Quote = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    submissionId: z.uuid(),
    organisationId: z.uuid(),
    insurerId: z.uuid(),
    brokerId: z.uuid().nullable(),
    status: z.enum(QUOTE_STATUS_VALUES),
    coverage: CoverageSelection,
    premium: PremiumBreakdown,
    score: RiskScore,
    expectedGrossLoss: z.number().meta({
      description:
        'Simulated mean annual gross loss (major units). The what-if reports the model’s exact expected loss instead.',
    }),
    triggeredRules: z.array(TriggeredRule),
    preBindContingencies: z.array(
      z.object({ code: z.string(), text: LocalisedText, satisfiedAt: z.iso.datetime().nullable() }),
    ),
    validUntil: z.iso.datetime(),
    createdAt: z.iso.datetime(),
    allowedActions: z.array(z.string()).meta({ description: 'What may be done next from this status.' }),
  })
  .meta({ id: 'Quote' });

export const QuoteList = z.object({ items: z.array(Quote) }).meta({ id: 'QuoteList' });

export const QuoteEvent = z
  .object({
    sequence: z.number().int(),
    action: z.string(),
    fromStatus: z.enum(QUOTE_STATUS_VALUES).nullable(),
    toStatus: z.enum(QUOTE_STATUS_VALUES),
    note: z.string().nullable(),
    at: z.iso.datetime(),
  })
  .meta({ id: 'QuoteEvent' });

export const QuoteDetail = Quote.extend({ assessment: Assessment, events: z.array(QuoteEvent) }).meta({
  id: 'QuoteDetail',
});

export const ReferralDecisionRequest = z
  .object({ decision: z.enum(['approve', 'decline']), note: z.string().min(1).max(2000) })
  .strict();

export const ContingencyRequest = z.object({ note: z.string().max(2000).nullable().default(null) }).strict();

export const IssuePolicyRequest = z
  .object({ inceptionDate: z.iso.date().meta({ example: '2026-12-01' }) })
  .strict()
  .meta({ id: 'IssuePolicyRequest' });

export const Policy = z
  .object({
    id: z.uuid(),
    policyNumber: z.string(),
    quoteId: z.uuid(),
    organisationId: z.uuid(),
    insurerId: z.uuid(),
    brokerId: z.uuid().nullable(),
    productId: z.string(),
    productVersion: z.string(),
    inceptionDate: z.iso.date(),
    expiryDate: z.iso.date(),
    coverage: CoverageSelection,
    premium: MoneyAmount,
    postBindContingencies: z.array(
      z.object({ code: z.string(), text: LocalisedText, dueDate: z.iso.date() }),
    ),
    issuedAt: z.iso.datetime(),
    transactions: z.array(
      z.object({
        sequence: z.number().int(),
        kind: z.enum(['issue']),
        effectiveDate: z.iso.date(),
        premiumChange: MoneyAmount,
        createdAt: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: 'Policy' });

export const PolicyListQuery = z.object({
  organisationId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const PolicyPage = z
  .object({
    items: z.array(Policy.omit({ transactions: true })),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({ id: 'PolicyPage' });

export const DocumentQuery = z.object({
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
});
