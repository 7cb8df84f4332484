import type { LossSummary, RunSummary } from '@carapace/engine';

import { RuleViolationError, withFieldPrefix } from '../shared/domain-error.js';
import type { LocalisedText } from '../shared/localised-text.js';
import { seedFromInput } from './assessment-seed.js';
import { resolveCoverage, type CoverageChoice, type CoverageSelection } from './coverage-selection.js';
import type { LossSimulator } from './loss-simulator.js';
import { toSimulationSpec } from './loss-simulation.js';
import { priceCover, type PremiumBreakdown } from './premium.js';
import type { Product, CoverageSectionId } from './product.js';
import type { ProductCatalogue } from './product-catalogue.js';
import type { RatePlan } from './rate-plan.js';
import { buildLossModel, type LossModel } from './risk-model.js';
import { assertRiskProfileValid, type RiskProfile } from './risk-profile.js';
import { scoreRisk, type RiskScore } from './risk-score.js';
import { evaluateRules, type RuleDecision } from './underwriting-rules.js';

/** A distribution of simulated annual losses, in major units of the product currency. */
export type LossDistribution = Omit<LossSummary, 'count' | 'min' | 'max'>;

export interface PerilLine {
  readonly peril: string;
  readonly name: LocalisedText;
  readonly section: CoverageSectionId;
  /** Occurrences a year. */
  readonly frequency: number;
  /** Analytic expected gross loss a year (major units). */
  readonly expectedGrossLoss: number;
}

/** Everything an assessment found: the inputs it used, the score, the losses, the premium and the rules' verdict. */
export interface Assessment {
  readonly product: { readonly id: string; readonly version: string };
  readonly ratePlan: { readonly id: string; readonly version: string };
  readonly profile: RiskProfile;
  readonly coverage: CoverageSelection;
  readonly seed: string;
  readonly iterations: number;
  readonly score: RiskScore;
  readonly perils: readonly PerilLine[];
  readonly losses: {
    /** All the company's losses, insured or not (AEP view). */
    readonly gross: LossDistribution;
    /** What the policy pays. */
    readonly insured: LossDistribution;
    /** What stays with the company: retentions, waiting periods, amounts above limits. */
    readonly retained: LossDistribution;
    readonly sections: readonly {
      readonly section: CoverageSectionId;
      readonly grossMean: number;
      readonly insuredMean: number;
    }[];
  };
  readonly premium: PremiumBreakdown;
  readonly decision: RuleDecision;
  readonly warnings: readonly string[];
}

export interface AssessmentRequest {
  readonly productId: string;
  readonly productVersion?: string;
  readonly profile: RiskProfile;
  readonly coverage?: CoverageChoice;
  /** A decimal integer seed; by default one derived from the inputs, so equal inputs give equal results. */
  readonly seed?: string;
}

export interface UnderwritingServices {
  readonly catalogue: ProductCatalogue;
  readonly simulate: LossSimulator;
}

function distribution(summary: LossSummary | undefined, name: string): LossDistribution {
  if (summary === undefined) throw new Error(`the engine did not summarise the ${name} loss`);
  return {
    mean: summary.mean,
    standardDeviation: summary.standardDeviation,
    valueAtRisk: summary.valueAtRisk,
    tailValueAtRisk: summary.tailValueAtRisk,
    returnPeriodLosses: summary.returnPeriodLosses,
    exceedance: summary.exceedance,
  };
}

/** The pieces one simulation of a company's cover needs, reused by the control what-if. */
export interface PricingContext {
  readonly product: Product;
  readonly ratePlan: RatePlan;
  readonly coverage: CoverageSelection;
  readonly seed: string;
}

export interface PricedCover {
  readonly model: LossModel;
  readonly score: RiskScore;
  readonly summary: RunSummary;
  readonly premium: PremiumBreakdown;
}

/** Scores, simulates and prices one profile under one cover. */
export async function priceProfile(
  context: PricingContext,
  profile: RiskProfile,
  simulate: LossSimulator,
): Promise<PricedCover> {
  const model = buildLossModel(profile, context.ratePlan);
  const spec = toSimulationSpec(model, context.coverage, context.product.pricing.iterations, context.seed);
  const summary = await simulate(spec);
  const insured = summary.quantities.ceded;
  if (insured === undefined) throw new Error('the engine did not summarise the insured loss');
  const premium = priceCover(context.product, insured);
  return { model, score: scoreRisk(model, context.ratePlan), summary, premium };
}

export function resolvePricingContext(
  catalogue: ProductCatalogue,
  request: Pick<AssessmentRequest, 'productId' | 'productVersion' | 'profile' | 'coverage' | 'seed'>,
): PricingContext {
  const product = catalogue.product(request.productId, request.productVersion);
  const ratePlan = catalogue.ratePlanFor(product);
  withFieldPrefix('profile', () => {
    assertRiskProfileValid(request.profile);
  });
  if (request.profile.annualRevenue.currency !== product.currency) {
    throw new RuleViolationError(
      'risk_profile_invalid',
      `annualRevenue must be in ${product.currency}, the product's currency (got ${request.profile.annualRevenue.currency})`,
      'profile.annualRevenue',
    );
  }
  if (request.seed !== undefined && !(/^\d{1,20}$/.test(request.seed) && BigInt(request.seed) < 2n ** 64n)) {
    throw new RuleViolationError('seed_invalid', 'seed must be a whole number from 0 to 2^64 − 1', 'seed');
  }
  const coverage = withFieldPrefix('coverage', () => resolveCoverage(product, request.coverage));
  const seed =
    request.seed ??
    seedFromInput({
      product: [product.id, product.version],
      ratePlan: [ratePlan.id, ratePlan.version],
      // A control answered "not in place" is the same risk as one not answered: same seed, same numbers.
      profile: {
        ...request.profile,
        controls: Object.fromEntries(
          Object.entries(request.profile.controls).filter(([, answer]) => answer.adopted),
        ),
      },
      coverage,
    });
  return { product, ratePlan, coverage, seed };
}

/**
 * Assesses a company for a product: validates its profile and chosen cover, builds its loss model, scores
 * it, simulates its losses under the cover, prices the cover and applies the product's referral and
 * decline rules. Pure computation: nothing is stored.
 */
export async function assessRisk(
  services: UnderwritingServices,
  request: AssessmentRequest,
): Promise<Assessment> {
  const context = resolvePricingContext(services.catalogue, request);
  const priced = await priceProfile(context, request.profile, services.simulate);
  const { product, ratePlan, coverage, seed } = context;
  const sectionMeans = new Map(priced.summary.sections.map((section) => [section.id, section]));
  return {
    product: { id: product.id, version: product.version },
    ratePlan: { id: ratePlan.id, version: ratePlan.version },
    profile: request.profile,
    coverage,
    seed,
    iterations: priced.summary.iterations,
    score: priced.score,
    perils: priced.model.lines.map((line) => ({
      peril: line.peril,
      name: line.perilName,
      section: line.section,
      frequency: line.frequency,
      expectedGrossLoss: line.expectedGrossLoss,
    })),
    losses: {
      gross: distribution(priced.summary.quantities.gross, 'gross'),
      insured: distribution(priced.summary.quantities.ceded, 'insured'),
      retained: distribution(priced.summary.quantities.retained, 'retained'),
      sections: coverage.sections.map(({ section }) => ({
        section,
        grossMean: sectionMeans.get(section)?.grossMean ?? 0,
        insuredMean: sectionMeans.get(section)?.cededMean ?? 0,
      })),
    },
    premium: priced.premium,
    decision: evaluateRules(product, request.profile, coverage),
    warnings: [],
  };
}
