import fc from 'fast-check';

import { money } from '../../shared/money.js';
import { INDUSTRY_SECTION_CODES } from '../industry.js';
import type { ControlAnswer, RiskProfile } from '../risk-profile.js';
import { SECURITY_CONTROL_IDS, type SecurityControlId } from '../security-controls.js';

/** A control answer that is valid: evidence only for a control in place. */
export const controlAnswerArbitrary: fc.Arbitrary<ControlAnswer> = fc.oneof(
  fc.constant({ adopted: false, evidenced: false }),
  fc.constant({ adopted: true, evidenced: false }),
  fc.constant({ adopted: true, evidenced: true }),
);

export const controlsArbitrary: fc.Arbitrary<Partial<Record<SecurityControlId, ControlAnswer>>> =
  fc.dictionary(fc.constantFrom(...SECURITY_CONTROL_IDS), controlAnswerArbitrary);

/** Valid CNY profiles over the ranges an SME product meets (revenue 100 000 to 5 000 000 000). */
export const riskProfileArbitrary: fc.Arbitrary<RiskProfile> = fc.record({
  industry: fc.constantFrom(...INDUSTRY_SECTION_CODES),
  annualRevenue: fc.integer({ min: 10_000_000, max: 500_000_000_000 }).map((minor) => money(minor, 'CNY')),
  employees: fc.integer({ min: 1, max: 5000 }),
  recordsHeld: fc.record({
    personal: fc.integer({ min: 0, max: 5_000_000 }),
    sensitive: fc.integer({ min: 0, max: 500_000 }),
    payment: fc.integer({ min: 0, max: 500_000 }),
  }),
  country: fc.constantFrom('CN', 'HK', 'US', 'FR', 'SG'),
  controls: controlsArbitrary,
  priorClaims: fc.integer({ min: 0, max: 5 }),
  openFindings: fc.record({
    critical: fc.integer({ min: 0, max: 4 }),
    knownExploited: fc.integer({ min: 0, max: 3 }),
  }),
});
