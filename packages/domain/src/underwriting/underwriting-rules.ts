import type { LocalisedText } from '../shared/localised-text.js';
import { moneyFromDecimal } from '../shared/money.js';
import { largestSectionLimit, type CoverageSelection } from './coverage-selection.js';
import type { AmountFact, CountedFact, Product, RuleCondition } from './product.js';
import { totalRecordsHeld, type RiskProfile } from './risk-profile.js';

/** A rule that fired, with the reason shown to the applicant and the underwriter. */
export interface TriggeredRule {
  readonly code: string;
  readonly outcome: 'refer' | 'decline';
  readonly reason: LocalisedText;
}

/** Declined if any decline rule fires; referred if any referral rule fires; otherwise quoted. */
export type RuleDecision =
  | { readonly kind: 'quote' }
  | { readonly kind: 'refer'; readonly rules: readonly TriggeredRule[] }
  | { readonly kind: 'decline'; readonly rules: readonly TriggeredRule[] };

interface RuleFacts {
  readonly amounts: Record<AmountFact, number>;
  readonly counts: Record<CountedFact, number>;
  readonly profile: RiskProfile;
}

function holds(condition: RuleCondition, facts: RuleFacts, currency: Product['currency']): boolean {
  if ('allOf' in condition) return condition.allOf.every((inner) => holds(inner, facts, currency));
  if ('anyOf' in condition) return condition.anyOf.some((inner) => holds(inner, facts, currency));
  if ('industryIn' in condition) return condition.industryIn.includes(facts.profile.industry);
  if ('controlMissing' in condition)
    return facts.profile.controls[condition.controlMissing]?.adopted !== true;
  if ('controlUnevidenced' in condition) {
    // Attested but not evidenced: asking a company without the control for its evidence would be a
    // contingency it can never meet.
    const answer = facts.profile.controls[condition.controlUnevidenced];
    return answer?.adopted === true && !answer.evidenced;
  }
  if ('above' in condition)
    return facts.amounts[condition.fact] > moneyFromDecimal(condition.above, currency).minor;
  return facts.counts[condition.fact] >= condition.atLeast;
}

function factsOf(profile: RiskProfile, selection: CoverageSelection): RuleFacts {
  return {
    amounts: {
      annualRevenue: profile.annualRevenue.minor,
      policyAggregateLimit: selection.policyAggregate.minor,
      largestSectionLimit: largestSectionLimit(selection).minor,
    },
    counts: {
      employees: profile.employees,
      recordsHeld: totalRecordsHeld(profile.recordsHeld),
      priorClaims: profile.priorClaims,
      openCriticalFindings: profile.openFindings.critical,
      openKnownExploitedFindings: profile.openFindings.knownExploited,
    },
    profile,
  };
}

/** Whether a product-file condition holds for this company and cover (rules and contingencies share them). */
export function conditionHolds(
  condition: RuleCondition,
  product: Product,
  profile: RiskProfile,
  selection: CoverageSelection,
): boolean {
  return holds(condition, factsOf(profile, selection), product.currency);
}

export function evaluateRules(
  product: Product,
  profile: RiskProfile,
  selection: CoverageSelection,
): RuleDecision {
  const facts = factsOf(profile, selection);
  const fired = product.rules
    .filter((rule) => holds(rule.when, facts, product.currency))
    .map(({ code, outcome, reason }) => ({ code, outcome, reason }));
  const declines = fired.filter((rule) => rule.outcome === 'decline');
  if (declines.length > 0) return { kind: 'decline', rules: declines };
  if (fired.length > 0) return { kind: 'refer', rules: fired };
  return { kind: 'quote' };
}
