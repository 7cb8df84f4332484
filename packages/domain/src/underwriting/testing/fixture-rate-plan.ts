import { INDUSTRY_SECTION_CODES, type IndustrySection } from '../industry.js';
import { parseRatePlan, type RatePlan, type RatePlanFile } from '../rate-plan.js';
import { SECURITY_CONTROL_IDS, type SecurityControlId } from '../security-controls.js';

/**
 * A small rate plan whose numbers are chosen so results can be worked out by hand. Three perils:
 *
 * - ransomware: 0.1 a year, revenue elasticity 0.5; extortion (median 100 000, σ 1, revenue^0.5) and
 *   business interruption (48 h median outage, σ 0.5, an hour costs 2 × revenue/8760);
 * - data_breach: 0.05 a year, no revenue effect; privacy liability (median 200 000, σ 1, records^0.5) and
 *   regulatory (median 50 000, σ 0.5, scales with nothing);
 * - social_engineering: 0.2 a year, revenue elasticity 1; incident response (median 20 000, σ 0.8,
 *   revenue^0.25).
 *
 * No peril reaches data_restoration, so that section is simulated as a process that never occurs.
 * Reference company: revenue 10 000 000.00, 10 000 weighted records. Industry A (and every industry not
 * listed in FIXTURE_INDUSTRY_FACTORS) has factor 1 on every peril, so it is the "average industry".
 */

export const FIXTURE_RATE_PLAN_ID = 'fixture-rates';
export const FIXTURE_RATE_PLAN_VERSION = '2026.1';
export const FIXTURE_REFERENCE_REVENUE = 10_000_000;
export const FIXTURE_REFERENCE_RECORDS = 10_000;

const AS_OF = '2026-01-01';

function judged<T>(value: T): { value: T; basis: 'judgement'; source: string; asOf: string } {
  return { value, basis: 'judgement', source: 'test fixture', asOf: AS_OF };
}

export const FIXTURE_PERILS = ['ransomware', 'data_breach', 'social_engineering'] as const;
export type FixturePeril = (typeof FIXTURE_PERILS)[number];

/**
 * Industry factors that differ from 1, by peril. E doubles every peril (a factor that doubles every line's
 * expected loss); T and S are extreme, to push the score beyond either end of the 0–100 scale.
 */
export const FIXTURE_INDUSTRY_FACTORS: Record<FixturePeril, Partial<Record<IndustrySection, number>>> = {
  ransomware: { C: 2, J: 0.5, E: 2, T: 100, S: 0.01 },
  data_breach: { C: 0.5, Q: 3, E: 2, T: 100, S: 0.01 },
  social_engineering: { F: 1.5, E: 2, T: 100, S: 0.01 },
};

function industryFactors(peril: FixturePeril): RatePlanFile['perils'][number]['industryFactors'] {
  return Object.fromEntries(
    INDUSTRY_SECTION_CODES.map((code) => [code, judged(FIXTURE_INDUSTRY_FACTORS[peril][code] ?? 1)]),
  ) as RatePlanFile['perils'][number]['industryFactors'];
}

type ControlEffects = RatePlanFile['controls'][SecurityControlId]['effects'];

/** The controls the tests reason about; every other control gets a mild 0.95 on social-engineering frequency. */
export const FIXTURE_CONTROL_EFFECTS: Partial<
  Record<
    SecurityControlId,
    readonly { perils: FixturePeril[]; on: 'frequency' | 'severity'; factor: number }[]
  >
> = {
  mfa_remote_access: [
    { perils: ['ransomware'], on: 'frequency', factor: 0.5 },
    { perils: ['data_breach'], on: 'frequency', factor: 0.8 },
  ],
  offline_backups: [{ perils: ['ransomware'], on: 'severity', factor: 0.5 }],
  encryption_at_rest: [{ perils: ['data_breach'], on: 'severity', factor: 0.6 }],
  email_filtering: [{ perils: ['social_engineering'], on: 'frequency', factor: 0.7 }],
  endpoint_detection_response: [{ perils: ['ransomware', 'data_breach'], on: 'frequency', factor: 0.8 }],
  incident_response_plan_tested: [
    { perils: ['ransomware', 'data_breach', 'social_engineering'], on: 'severity', factor: 0.9 },
  ],
};
const DEFAULT_CONTROL_EFFECT = { perils: ['social_engineering'], on: 'frequency', factor: 0.95 } as const;

function controls(): RatePlanFile['controls'] {
  return Object.fromEntries(
    SECURITY_CONTROL_IDS.map((control) => {
      const effects: ControlEffects = (FIXTURE_CONTROL_EFFECTS[control] ?? [DEFAULT_CONTROL_EFFECT]).map(
        (effect) => ({ perils: [...effect.perils], on: effect.on, factor: judged(effect.factor) }),
      );
      return [control, { effects }];
    }),
  ) as RatePlanFile['controls'];
}

/** A fresh copy each call, so a test may mutate it to build an invalid variant. */
export function fixtureRatePlanFile(): RatePlanFile {
  return {
    id: FIXTURE_RATE_PLAN_ID,
    version: FIXTURE_RATE_PLAN_VERSION,
    currency: 'CNY',
    calibration: {
      script: 'none: hand-chosen test numbers',
      fittedOn: AS_OF,
      datasets: [
        { name: 'none', origin: 'test fixture', licence: 'Apache-2.0', attribution: 'Carapace tests' },
      ],
    },
    reference: { annualRevenue: '10000000.00', weightedRecordsHeld: FIXTURE_REFERENCE_RECORDS },
    recordWeights: { personal: judged(1), sensitive: judged(4), payment: judged(2) },
    perils: [
      {
        id: 'ransomware',
        name: { 'zh-CN': '勒索软件', en: 'Ransomware' },
        annualRate: judged(0.1),
        revenueElasticity: judged(0.5),
        industryFactors: industryFactors('ransomware'),
        losses: [
          {
            section: 'extortion',
            severity: {
              median: judged(100_000),
              sigma: judged(1),
              scaleWith: 'revenue',
              elasticity: judged(0.5),
            },
          },
          {
            section: 'business_interruption',
            businessInterruption: {
              outageHoursMedian: judged(48),
              outageHoursSigma: judged(0.5),
              hourlyLossToHourlyRevenue: judged(2),
            },
          },
        ],
      },
      {
        id: 'data_breach',
        name: { 'zh-CN': '数据泄露', en: 'Data breach' },
        annualRate: judged(0.05),
        revenueElasticity: judged(0),
        industryFactors: industryFactors('data_breach'),
        losses: [
          {
            section: 'privacy_liability',
            severity: {
              median: judged(200_000),
              sigma: judged(1),
              scaleWith: 'records',
              elasticity: judged(0.5),
            },
          },
          {
            section: 'regulatory',
            severity: {
              median: judged(50_000),
              sigma: judged(0.5),
              scaleWith: 'none',
              elasticity: judged(0.5),
            },
          },
        ],
      },
      {
        id: 'social_engineering',
        name: { 'zh-CN': '社会工程', en: 'Social engineering' },
        annualRate: judged(0.2),
        revenueElasticity: judged(1),
        industryFactors: industryFactors('social_engineering'),
        losses: [
          {
            section: 'incident_response',
            severity: {
              median: judged(20_000),
              sigma: judged(0.8),
              scaleWith: 'revenue',
              elasticity: judged(0.25),
            },
          },
        ],
      },
    ],
    controls: controls(),
    unevidencedCredit: judged(0.5),
    priorClaims: { perils: [...FIXTURE_PERILS], factorEach: judged(1.5), maximumFactor: 3 },
    openCriticalFindings: { perils: ['ransomware', 'data_breach'], factorEach: judged(2), maximumFactor: 4 },
    openKnownExploitedFindings: { perils: ['ransomware'], factorEach: judged(3), maximumFactor: 5 },
    regionSeverity: {
      sections: ['privacy_liability', 'regulatory'],
      factors: { CN: judged(1), HK: judged(1.5), US: judged(4) },
    },
    score: { base: 50, pointsPerDoubling: 10 },
  };
}

export function fixtureRatePlan(): RatePlan {
  return parseRatePlan(fixtureRatePlanFile(), 'fixture-rate-plan.ts');
}
