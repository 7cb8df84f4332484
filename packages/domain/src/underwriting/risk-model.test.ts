import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { money } from '../shared/money.js';
import { SECURITY_CONTROL_IDS } from './security-controls.js';
import {
  HOURS_PER_YEAR,
  buildLossModel,
  weightedRecordsHeld,
  type LossLine,
  type LossModel,
} from './risk-model.js';
import type { RiskProfile } from './risk-profile.js';
import { referenceProfile } from './testing/fixture-catalogue.js';
import { fixtureRatePlan } from './testing/fixture-rate-plan.js';
import { riskProfileArbitrary } from './testing/profile-arbitrary.js';

const plan = fixtureRatePlan();
const CNY = (major: number) => money(Math.round(major * 100), 'CNY');
/** Revenue per hour × 2 (the fixture's hourlyLossToHourlyRevenue) at the 10 000 000.00 reference revenue. */
const REFERENCE_LOSS_PER_HOUR = (2 * 10_000_000) / 8760;

type LineKey =
  | 'ransomware/extortion'
  | 'ransomware/business_interruption'
  | 'data_breach/privacy_liability'
  | 'data_breach/regulatory'
  | 'social_engineering/incident_response';

function lines(profile: RiskProfile): Record<LineKey, LossLine> {
  const model = buildLossModel(profile, plan);
  return Object.fromEntries(model.lines.map((line) => [`${line.peril}/${line.section}`, line])) as Record<
    LineKey,
    LossLine
  >;
}

function median(line: LossLine): number {
  if (line.severity.kind !== 'lognormal') throw new Error(`${line.peril} is not lognormal`);
  return line.severity.median;
}

function interruption(line: LossLine) {
  if (line.severity.kind !== 'business_interruption') throw new Error(`${line.peril} is not BI`);
  return line.severity;
}

describe('buildLossModel for the fixture reference company', () => {
  const reference = lines(referenceProfile());

  it('uses the base rates and medians unchanged and records no factor', () => {
    expect(Object.keys(reference)).toEqual([
      'ransomware/extortion',
      'ransomware/business_interruption',
      'data_breach/privacy_liability',
      'data_breach/regulatory',
      'social_engineering/incident_response',
    ]);
    expect(reference['ransomware/extortion'].frequency).toBe(0.1);
    expect(median(reference['ransomware/extortion'])).toBe(100_000);
    expect(interruption(reference['ransomware/business_interruption'])).toEqual({
      kind: 'business_interruption',
      outageHoursMedian: 48,
      outageHoursSigma: 0.5,
      lossPerHour: expect.closeTo(REFERENCE_LOSS_PER_HOUR, 9) as unknown,
    });
    expect(reference['data_breach/privacy_liability'].frequency).toBe(0.05);
    expect(median(reference['data_breach/privacy_liability'])).toBe(200_000);
    expect(median(reference['data_breach/regulatory'])).toBe(50_000);
    expect(reference['social_engineering/incident_response'].frequency).toBe(0.2);
    expect(median(reference['social_engineering/incident_response'])).toBe(20_000);
    for (const line of Object.values(reference)) expect(line.factorMultipliers.size).toBe(0);
  });

  it('gives expectedGrossLoss = λ · median · exp(σ²/2), and outage hours × loss per hour for BI', () => {
    expect(reference['ransomware/extortion'].expectedGrossLoss).toBeCloseTo(0.1 * 100_000 * Math.exp(0.5), 6);
    expect(reference['ransomware/business_interruption'].expectedGrossLoss).toBeCloseTo(
      0.1 * 48 * Math.exp(0.125) * REFERENCE_LOSS_PER_HOUR,
      6,
    );
    expect(reference['data_breach/privacy_liability'].expectedGrossLoss).toBeCloseTo(
      0.05 * 200_000 * Math.exp(0.5),
      6,
    );
    expect(reference['data_breach/regulatory'].expectedGrossLoss).toBeCloseTo(
      0.05 * 50_000 * Math.exp(0.125),
      6,
    );
    expect(reference['social_engineering/incident_response'].expectedGrossLoss).toBeCloseTo(
      0.2 * 20_000 * Math.exp(0.32),
      6,
    );
    const model = buildLossModel(referenceProfile(), plan);
    const sum = Object.values(reference).reduce((total, line) => total + line.expectedGrossLoss, 0);
    expect(model.expectedGrossLoss).toBeCloseTo(sum, 6);
    // 16 487.21 + 12 418.09 + 16 487.21 + 2 832.87 + 5 508.51, worked out by hand.
    expect(model.expectedGrossLoss).toBeCloseTo(53_733.87, 1);
  });

  it('lists every factor once, controls in questionnaire order', () => {
    const model = buildLossModel(referenceProfile(), plan);
    expect(model.factors.map((factor) => factor.id)).toEqual([
      'industry',
      'annualRevenue',
      'recordsHeld',
      'country',
      ...SECURITY_CONTROL_IDS.map((control) => `control:${control}`),
      'priorClaims',
      'openCriticalFindings',
      'openKnownExploitedFindings',
    ]);
    expect(model.factors.find((factor) => factor.id === 'annualRevenue')?.value).toMatch(/^10000000(\.00)?$/);
  });
});

describe('buildLossModel factors, by hand', () => {
  it('multiplies frequency by the industry factor of each peril', () => {
    const manufacturing = lines(referenceProfile({ industry: 'C' }));
    expect(manufacturing['ransomware/extortion'].frequency).toBeCloseTo(0.2, 12);
    expect(manufacturing['ransomware/business_interruption'].frequency).toBeCloseTo(0.2, 12);
    expect(manufacturing['data_breach/regulatory'].frequency).toBeCloseTo(0.025, 12);
    expect(manufacturing['social_engineering/incident_response'].frequency).toBe(0.2);
    expect(manufacturing['ransomware/extortion'].factorMultipliers.get('industry')).toBe(2);
    expect(manufacturing['data_breach/regulatory'].factorMultipliers.get('industry')).toBe(0.5);
    expect(manufacturing['social_engineering/incident_response'].factorMultipliers.has('industry')).toBe(
      false,
    );
    expect(median(manufacturing['ransomware/extortion'])).toBe(100_000);
  });

  it('scales frequency and revenue-driven medians with revenue elasticities', () => {
    const fourTimes = lines(referenceProfile({ annualRevenue: CNY(40_000_000) }));
    // ransomware: rate 0.1 × 4^0.5; extortion median 100 000 × 4^0.5.
    expect(fourTimes['ransomware/extortion'].frequency).toBeCloseTo(0.2, 12);
    expect(median(fourTimes['ransomware/extortion'])).toBeCloseTo(200_000, 6);
    expect(fourTimes['ransomware/extortion'].factorMultipliers.get('annualRevenue')).toBeCloseTo(4, 12);
    // data breach: elasticity 0, and its regulatory median scales with nothing.
    expect(fourTimes['data_breach/regulatory'].frequency).toBe(0.05);
    expect(median(fourTimes['data_breach/regulatory'])).toBe(50_000);
    expect(fourTimes['data_breach/regulatory'].factorMultipliers.has('annualRevenue')).toBe(false);
    // social engineering: rate 0.2 × 4^1; median 20 000 × 4^0.25.
    expect(fourTimes['social_engineering/incident_response'].frequency).toBeCloseTo(0.8, 12);
    expect(median(fourTimes['social_engineering/incident_response'])).toBeCloseTo(20_000 * Math.SQRT2, 6);
  });

  it('weights records by class and scales record-driven medians with the records elasticity', () => {
    const profile = referenceProfile({ recordsHeld: { personal: 20_000, sensitive: 3_000, payment: 4_000 } });
    expect(weightedRecordsHeld(profile, plan)).toBe(20_000 + 3_000 * 4 + 4_000 * 2);
    const fourTimes = lines(profile);
    expect(median(fourTimes['data_breach/privacy_liability'])).toBeCloseTo(400_000, 6);
    expect(fourTimes['data_breach/privacy_liability'].factorMultipliers.get('recordsHeld')).toBeCloseTo(
      2,
      12,
    );
    expect(median(fourTimes['data_breach/regulatory'])).toBe(50_000);
  });

  it('floors records at the headcount (staff data), so a company declaring none still has a record-driven loss', () => {
    const none = referenceProfile({ recordsHeld: { personal: 0, sensitive: 0, payment: 0 } });
    const noneLines = lines(none);
    // 200 000 × (employees / 10 000)^0.5
    expect(median(noneLines['data_breach/privacy_liability'])).toBeCloseTo(
      200_000 * Math.sqrt(none.employees / 10_000),
      6,
    );
    const fewerThanStaff = lines(
      referenceProfile({ recordsHeld: { personal: 1, sensitive: 0, payment: 0 } }),
    );
    expect(median(fewerThanStaff['data_breach/privacy_liability'])).toBe(
      median(noneLines['data_breach/privacy_liability']),
    );
    const moreThanStaff = lines(
      referenceProfile({ recordsHeld: { personal: none.employees * 4, sensitive: 0, payment: 0 } }),
    );
    expect(median(moreThanStaff['data_breach/privacy_liability'])).toBeCloseTo(
      2 * median(noneLines['data_breach/privacy_liability']),
      6,
    );
  });

  it('credits an evidenced control in full and an unevidenced one at 1 − (1 − f) · credit', () => {
    const evidenced = lines(
      referenceProfile({ controls: { mfa_remote_access: { adopted: true, evidenced: true } } }),
    );
    expect(evidenced['ransomware/extortion'].frequency).toBeCloseTo(0.05, 12);
    expect(evidenced['data_breach/privacy_liability'].frequency).toBeCloseTo(0.04, 12);
    expect(evidenced['ransomware/extortion'].factorMultipliers.get('control:mfa_remote_access')).toBe(0.5);

    const attested = lines(
      referenceProfile({ controls: { mfa_remote_access: { adopted: true, evidenced: false } } }),
    );
    // 1 − (1 − 0.5) × 0.5 = 0.75 and 1 − (1 − 0.8) × 0.5 = 0.9
    expect(attested['ransomware/extortion'].frequency).toBeCloseTo(0.075, 12);
    expect(attested['data_breach/privacy_liability'].frequency).toBeCloseTo(0.045, 12);
    expect(attested['social_engineering/incident_response'].frequency).toBe(0.2);

    const absent = lines(
      referenceProfile({ controls: { mfa_remote_access: { adopted: false, evidenced: false } } }),
    );
    expect(absent['ransomware/extortion'].frequency).toBe(0.1);
  });

  it('lets a severity control scale medians, not frequencies', () => {
    const encrypted = lines(
      referenceProfile({ controls: { encryption_at_rest: { adopted: true, evidenced: true } } }),
    );
    expect(encrypted['data_breach/privacy_liability'].frequency).toBe(0.05);
    expect(median(encrypted['data_breach/privacy_liability'])).toBeCloseTo(120_000, 6);
    expect(median(encrypted['data_breach/regulatory'])).toBeCloseTo(30_000, 6);
  });

  it('multiplies uplifts per count and caps them at maximumFactor', () => {
    const frequency = (profile: RiskProfile, key: LineKey) => lines(profile)[key].frequency;
    const claims = (priorClaims: number) => referenceProfile({ priorClaims });
    expect(frequency(claims(1), 'social_engineering/incident_response')).toBeCloseTo(0.3, 12);
    expect(frequency(claims(2), 'social_engineering/incident_response')).toBeCloseTo(0.45, 12);
    // 1.5³ = 3.375, capped at 3
    expect(frequency(claims(3), 'social_engineering/incident_response')).toBeCloseTo(0.6, 12);
    expect(frequency(claims(5), 'ransomware/extortion')).toBeCloseTo(0.3, 12);

    const findings = (critical: number, knownExploited: number) =>
      referenceProfile({ openFindings: { critical, knownExploited } });
    expect(frequency(findings(2, 0), 'data_breach/regulatory')).toBeCloseTo(0.2, 12);
    // 2³ = 8, capped at 4
    expect(frequency(findings(3, 0), 'data_breach/regulatory')).toBeCloseTo(0.2, 12);
    expect(frequency(findings(3, 0), 'social_engineering/incident_response')).toBe(0.2);
    // known exploited: 3 each, capped at 5, ransomware only; stacks with critical findings.
    expect(frequency(findings(0, 1), 'ransomware/extortion')).toBeCloseTo(0.3, 12);
    expect(frequency(findings(0, 2), 'ransomware/extortion')).toBeCloseTo(0.5, 12);
    expect(frequency(findings(1, 2), 'ransomware/extortion')).toBeCloseTo(1, 12);
    expect(frequency(findings(0, 2), 'data_breach/privacy_liability')).toBe(0.05);
  });

  it('applies the region factor only to the listed sections; unlisted countries use 1', () => {
    const us = lines(referenceProfile({ country: 'US' }));
    expect(median(us['data_breach/privacy_liability'])).toBeCloseTo(800_000, 6);
    expect(median(us['data_breach/regulatory'])).toBeCloseTo(200_000, 6);
    expect(median(us['ransomware/extortion'])).toBe(100_000);
    expect(interruption(us['ransomware/business_interruption']).outageHoursMedian).toBe(48);
    expect(us['data_breach/regulatory'].factorMultipliers.get('country')).toBe(4);
    expect(us['ransomware/extortion'].factorMultipliers.has('country')).toBe(false);
    const france = lines(referenceProfile({ country: 'FR' }));
    expect(median(france['data_breach/privacy_liability'])).toBe(200_000);
  });

  it('for BI, lets controls scale outage hours and revenue scale the loss per hour', () => {
    const profile = referenceProfile({
      annualRevenue: CNY(40_000_000),
      controls: { offline_backups: { adopted: true, evidenced: true } },
    });
    const line = lines(profile)['ransomware/business_interruption'];
    const severity = interruption(line);
    expect(severity.outageHoursMedian).toBeCloseTo(24, 12);
    expect(severity.outageHoursSigma).toBe(0.5);
    expect(severity.lossPerHour).toBeCloseTo((2 * 40_000_000) / HOURS_PER_YEAR, 6);
    // frequency: 0.1 × 4^0.5 (revenue) — the control acts on severity only.
    expect(line.frequency).toBeCloseTo(0.2, 12);
    expect(line.expectedGrossLoss).toBeCloseTo(0.2 * 24 * Math.exp(0.125) * ((2 * 40_000_000) / 8760), 6);
    // revenue: 2 (frequency) × 4 (loss per hour, elasticity 1); control: 0.5 on hours.
    expect(line.factorMultipliers.get('annualRevenue')).toBeCloseTo(8, 12);
    expect(line.factorMultipliers.get('control:offline_backups')).toBe(0.5);
  });
});

function productOfMultipliers(line: LossLine): number {
  let product = 1;
  for (const multiplier of line.factorMultipliers.values()) product *= multiplier;
  return product;
}

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('factorMultipliers', () => {
  const reference: LossModel = buildLossModel(referenceProfile(), plan);

  it("multiply back to each line's expected loss relative to the reference company (property)", () => {
    fc.assert(
      fc.property(riskProfileArbitrary, (profile) => {
        const model = buildLossModel(profile, plan);
        expect(model.lines).toHaveLength(reference.lines.length);
        model.lines.forEach((line, index) => {
          const ratio = line.expectedGrossLoss / reference.lines[index]!.expectedGrossLoss;
          expect(relativeError(productOfMultipliers(line), ratio)).toBeLessThan(1e-9);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('hold no entry equal to 1 and no factor the profile does not have', () => {
    fc.assert(
      fc.property(riskProfileArbitrary, (profile) => {
        const ids = new Set(buildLossModel(profile, plan).factors.map((factor) => factor.id));
        for (const line of buildLossModel(profile, plan).lines) {
          for (const [factor, multiplier] of line.factorMultipliers) {
            expect(ids.has(factor)).toBe(true);
            expect(multiplier).not.toBe(1);
            expect(multiplier).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
