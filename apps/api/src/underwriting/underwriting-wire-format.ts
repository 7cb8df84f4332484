import type { z } from 'zod';
import type {
  Assessment as AssessmentSchema,
  AssessmentRequest as AssessmentRequestSchema,
  ControlWhatIf as ControlWhatIfSchema,
  CoverageChoice as CoverageChoiceSchema,
  CoverageSelection as CoverageSelectionSchema,
  MoneyAmount,
  Policy as PolicySchema,
  PremiumBreakdown as PremiumBreakdownSchema,
  ProductSummary,
  Quote as QuoteSchema,
  QuoteEvent as QuoteEventSchema,
  RiskProfile as RiskProfileSchema,
  Submission as SubmissionSchema,
} from '@carapace/contracts';
import {
  INDUSTRY_SECTIONS,
  INDUSTRY_SECTION_CODES,
  RuleViolationError,
  SECURITY_CONTROLS,
  SECURITY_CONTROL_IDS,
  formatMoneyDecimal,
  isQuoteTransitionAllowed,
  moneyFromDecimal,
  type Assessment,
  type AssessmentRequest,
  type ControlWhatIf,
  type CoverageChoice,
  type CoverageSelection,
  type IssuedPolicy,
  type Money,
  type Policy,
  type PremiumBreakdown,
  type Product,
  type Quote,
  type QuoteEvent,
  type RiskProfile,
  type Submission,
} from '@carapace/domain';

/**
 * Converts between the HTTP shapes (contracts: money as decimal strings) and the domain's (integer minor
 * units). One place, so the API, the CLI and the documents all write amounts the same way.
 */

type Wire<T extends z.ZodType> = z.output<T>;
type WireInput<T extends z.ZodType> = z.output<T>;

/**
 * An amount from a request. The contract checks its shape; the currency decides how many decimals it may
 * have (none for JPY), so a mismatch is a 422 naming the field rather than an internal error.
 */
export function moneyFromWire(amount: Wire<typeof MoneyAmount>, field = 'amount'): Money {
  try {
    return moneyFromDecimal(amount.amount, amount.currency);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new RuleViolationError('amount_invalid', `${field}: ${error.message}`, field);
  }
}

export function moneyToWire(amount: Money): Wire<typeof MoneyAmount> {
  return { amount: formatMoneyDecimal(amount), currency: amount.currency };
}

export function profileFromWire(profile: WireInput<typeof RiskProfileSchema>): RiskProfile {
  return { ...profile, annualRevenue: moneyFromWire(profile.annualRevenue, 'profile.annualRevenue') };
}

export function profileToWire(profile: RiskProfile): Wire<typeof RiskProfileSchema> {
  return {
    ...profile,
    controls: { ...profile.controls },
    recordsHeld: { ...profile.recordsHeld },
    openFindings: { ...profile.openFindings },
    annualRevenue: moneyToWire(profile.annualRevenue),
  };
}

export function coverageChoiceFromWire(
  choice: WireInput<typeof CoverageChoiceSchema> | undefined,
): CoverageChoice {
  if (choice === undefined) return {};
  return {
    ...(choice.sections === undefined
      ? {}
      : {
          sections: choice.sections.map((section, index) => ({
            section: section.section,
            ...(section.limit === undefined
              ? {}
              : { limit: moneyFromWire(section.limit, `coverage.sections.${String(index)}.limit`) }),
            ...(section.retention === undefined
              ? {}
              : {
                  retention: moneyFromWire(section.retention, `coverage.sections.${String(index)}.retention`),
                }),
            ...(section.waitingPeriodHours === undefined
              ? {}
              : { waitingPeriodHours: section.waitingPeriodHours }),
          })),
        }),
    ...(choice.policyAggregate === undefined
      ? {}
      : { policyAggregate: moneyFromWire(choice.policyAggregate, 'coverage.policyAggregate') }),
  };
}

/** An assessment request from the wire (the API body and the CLI's company file share the contract). */
export function assessmentRequestFromWire(
  request: WireInput<typeof AssessmentRequestSchema>,
): AssessmentRequest {
  return {
    productId: request.productId,
    ...(request.productVersion === undefined ? {} : { productVersion: request.productVersion }),
    profile: profileFromWire(request.profile),
    coverage: coverageChoiceFromWire(request.coverage),
    ...(request.seed === undefined ? {} : { seed: request.seed }),
  };
}

export function coverageToWire(coverage: CoverageSelection): Wire<typeof CoverageSelectionSchema> {
  return {
    sections: coverage.sections.map((section) => ({
      section: section.section,
      limit: moneyToWire(section.limit),
      retention: moneyToWire(section.retention),
      waitingPeriodHours: section.waitingPeriodHours,
    })),
    policyAggregate: moneyToWire(coverage.policyAggregate),
  };
}

export function premiumToWire(premium: PremiumBreakdown): Wire<typeof PremiumBreakdownSchema> {
  return {
    expectedInsuredLoss: moneyToWire(premium.expectedInsuredLoss),
    riskLoad: moneyToWire(premium.riskLoad),
    expenses: moneyToWire(premium.expenses),
    profit: moneyToWire(premium.profit),
    rounding: moneyToWire(premium.rounding),
    minimumPremiumTopUp: moneyToWire(premium.minimumPremiumTopUp),
    premium: moneyToWire(premium.premium),
  };
}

export function assessmentToWire(assessment: Assessment): Wire<typeof AssessmentSchema> {
  return {
    ...assessment,
    profile: profileToWire(assessment.profile),
    coverage: coverageToWire(assessment.coverage),
    score: { ...assessment.score, contributions: [...assessment.score.contributions] },
    perils: [...assessment.perils],
    losses: { ...assessment.losses, sections: [...assessment.losses.sections] } as Wire<
      typeof AssessmentSchema
    >['losses'],
    premium: premiumToWire(assessment.premium),
    decision: {
      kind: assessment.decision.kind,
      rules: assessment.decision.kind === 'quote' ? [] : [...assessment.decision.rules],
    },
    warnings: [...assessment.warnings],
  };
}

export function whatIfToWire(whatIf: ControlWhatIf): Wire<typeof ControlWhatIfSchema> {
  const variant = <T extends { premium: Money; premiumSaved: Money }>(priced: T) => ({
    ...priced,
    premium: moneyToWire(priced.premium),
    premiumSaved: moneyToWire(priced.premiumSaved),
  });
  return {
    seed: whatIf.seed,
    baseline: { ...whatIf.baseline, premium: moneyToWire(whatIf.baseline.premium) },
    options: whatIf.options.map(variant),
    ...(whatIf.combination === undefined
      ? {}
      : { combination: { ...variant(whatIf.combination), controls: [...whatIf.combination.controls] } }),
  };
}

export function productToWire(product: Product): Wire<typeof ProductSummary> {
  return {
    id: product.id,
    version: product.version,
    name: product.name,
    currency: product.currency,
    termMonths: product.termMonths,
    quoteValidDays: product.quoteValidDays,
    sections: product.sections.map((section) => ({
      ...section,
      limitOptions: section.limitOptions.map(moneyToWire),
      defaultLimit: moneyToWire(section.defaultLimit),
      retentionOptions: section.retentionOptions.map(moneyToWire),
      defaultRetention: moneyToWire(section.defaultRetention),
      waitingPeriodHoursOptions: [...section.waitingPeriodHoursOptions],
    })),
    policyAggregateOptions: product.policyAggregateOptions.map(moneyToWire),
    defaultPolicyAggregate: moneyToWire(product.defaultPolicyAggregate),
    controls: SECURITY_CONTROL_IDS.map((id) => ({ id, name: SECURITY_CONTROLS[id].name })),
    industries: INDUSTRY_SECTION_CODES.map((code) => ({ code, name: INDUSTRY_SECTIONS[code].name })),
  };
}

export function submissionToWire(submission: Submission): Wire<typeof SubmissionSchema> {
  return {
    ...submission,
    profile: profileToWire(submission.profile),
    createdAt: submission.createdAt.toISOString(),
    submittedAt: submission.submittedAt?.toISOString() ?? null,
  };
}

/** What a client may do next with a quote: steps it can ask for over HTTP (expiry is not one of them). */
const CLIENT_ACTIONS = [
  'approve_referral',
  'decline_referral',
  'request_bind',
  'withdraw_bind_request',
  'bind',
  'issue_policy',
] as const;

function allowedActionsOf(quote: Quote, now: Date): string[] {
  const pastValidity =
    (quote.status === 'quoted' || quote.status === 'referred') && now.getTime() > quote.validUntil.getTime();
  if (pastValidity) return [];
  const actions: string[] = CLIENT_ACTIONS.filter((action) => isQuoteTransitionAllowed(quote.status, action));
  const outstanding = quote.preBindContingencies.some((contingency) => contingency.satisfiedAt === null);
  if (quote.status === 'bind_requested' && outstanding) actions.push('satisfy_contingency');
  return actions;
}

/** A quote as the API shows it; `now` decides which steps are still open (a quote past its validity has none). */
export function quoteToWire(quote: Quote, now: Date): Wire<typeof QuoteSchema> {
  return {
    id: quote.id,
    reference: quote.reference,
    submissionId: quote.submissionId,
    organisationId: quote.organisationId,
    insurerId: quote.insurerId,
    brokerId: quote.brokerId,
    status: quote.status,
    coverage: coverageToWire(quote.coverage),
    premium: premiumToWire(quote.premium),
    score: assessmentToWire(quote.assessment).score,
    expectedGrossLoss: quote.assessment.losses.gross.mean,
    triggeredRules: [...quote.triggeredRules],
    preBindContingencies: quote.preBindContingencies.map((contingency) => ({
      ...contingency,
      satisfiedAt: contingency.satisfiedAt?.toISOString() ?? null,
    })),
    validUntil: quote.validUntil.toISOString(),
    createdAt: quote.createdAt.toISOString(),
    allowedActions: allowedActionsOf(quote, now),
  };
}

export function quoteEventToWire(event: QuoteEvent): Wire<typeof QuoteEventSchema> {
  return {
    sequence: event.sequence,
    action: event.action,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    note: event.note,
    at: event.at.toISOString(),
  };
}

export function policyToWire(policy: Policy): Omit<Wire<typeof PolicySchema>, 'transactions'> {
  return {
    ...policy,
    coverage: coverageToWire(policy.coverage),
    premium: moneyToWire(policy.premium),
    postBindContingencies: [...policy.postBindContingencies],
    issuedAt: policy.issuedAt.toISOString(),
  };
}

export function issuedPolicyToWire(issued: IssuedPolicy): Wire<typeof PolicySchema> {
  return {
    ...policyToWire(issued.policy),
    transactions: issued.transactions.map((transaction) => ({
      sequence: transaction.sequence,
      kind: transaction.kind,
      effectiveDate: transaction.effectiveDate,
      premiumChange: moneyToWire(transaction.premiumChange),
      createdAt: transaction.createdAt.toISOString(),
    })),
  };
}
