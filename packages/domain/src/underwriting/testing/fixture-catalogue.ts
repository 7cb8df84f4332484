import { money } from '../../shared/money.js';
import { parseProduct, type Product } from '../product.js';
import { createProductCatalogue, type ProductCatalogue } from '../product-catalogue.js';
import type { RiskProfile } from '../risk-profile.js';
import { realProductJson } from './catalogue-files.js';
import {
  FIXTURE_RATE_PLAN_ID,
  FIXTURE_RATE_PLAN_VERSION,
  FIXTURE_REFERENCE_RECORDS,
  FIXTURE_REFERENCE_REVENUE,
  fixtureRatePlan,
} from './fixture-rate-plan.js';

/** The real cyber-sme product, priced with the fixture rate plan and fewer simulated years. */
export const FIXTURE_PRODUCT_ID = 'cyber-sme';
export const FIXTURE_ITERATIONS = 20_000;

export function fixtureProductJson(
  overrides: Record<string, unknown> = {},
  pricingOverrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const json = realProductJson();
  const pricing = json['pricing'] as Record<string, unknown>;
  return {
    ...json,
    ratePlan: { id: FIXTURE_RATE_PLAN_ID, version: FIXTURE_RATE_PLAN_VERSION },
    pricing: { ...pricing, iterations: FIXTURE_ITERATIONS, ...pricingOverrides },
    ...overrides,
  };
}

export function fixtureProduct(overrides: Record<string, unknown> = {}): Product {
  return parseProduct(fixtureProductJson(overrides), 'fixture-product');
}

export function fixtureCatalogue(products: readonly Product[] = [fixtureProduct()]): ProductCatalogue {
  return createProductCatalogue(
    products.map((product) => ({ file: `fixture ${product.id} ${product.version}`, product })),
    [fixtureRatePlan()],
  );
}

/** The fixture plan's reference company: every multiplier is 1, so the score is the plan's base score. */
export function referenceProfile(overrides: Partial<RiskProfile> = {}): RiskProfile {
  return {
    industry: 'A',
    annualRevenue: money(FIXTURE_REFERENCE_REVENUE * 100, 'CNY'),
    employees: 50,
    recordsHeld: { personal: FIXTURE_REFERENCE_RECORDS, sensitive: 0, payment: 0 },
    country: 'CN',
    controls: {},
    priorClaims: 0,
    openFindings: { critical: 0, knownExploited: 0 },
    ...overrides,
  };
}

/** A company none of the real product's rules fire on: MFA and offline backups in place, nothing open. */
export function cleanProfile(overrides: Partial<RiskProfile> = {}): RiskProfile {
  return referenceProfile({
    industry: 'C',
    annualRevenue: money(20_000_000_00, 'CNY'),
    employees: 120,
    recordsHeld: { personal: 30_000, sensitive: 500, payment: 0 },
    controls: {
      mfa_remote_access: { adopted: true, evidenced: true },
      offline_backups: { adopted: true, evidenced: true },
      email_filtering: { adopted: true, evidenced: false },
    },
    ...overrides,
  });
}
