import type { LocalisedText } from '../shared/localised-text.js';
import { formatMoneyDecimal, moneyToMajorUnits } from '../shared/money.js';
import { INDUSTRY_SECTIONS } from './industry.js';
import type { CoverageSectionId } from './product.js';
import type { Peril, PerilLoss, RatePlan } from './rate-plan.js';
import type { RiskProfile } from './risk-profile.js';
import { SECURITY_CONTROLS, SECURITY_CONTROL_IDS, type SecurityControlId } from './security-controls.js';

/**
 * The risk model: turns a company's profile into loss processes the engine can simulate, and keeps, for
 * every process, which fact about the company moved its frequency or severity and by how much — the trace
 * the score and the underwriter's explanation are built from. The model is described in
 * docs/underwriting-model.md; its parameters come from the rate plan.
 */

export const HOURS_PER_YEAR = 8760;

/** Where a factor comes from: the company's firmographics, a questionnaire answer, a finding, or its history. */
export type RiskFactorSource = 'firmographic' | 'answer' | 'finding' | 'history';

export type RiskFactorId =
  | 'industry'
  | 'annualRevenue'
  | 'recordsHeld'
  | 'country'
  | 'priorClaims'
  | 'openCriticalFindings'
  | 'openKnownExploitedFindings'
  | `control:${SecurityControlId}`;

export interface RiskFactor {
  readonly id: RiskFactorId;
  readonly source: RiskFactorSource;
  readonly label: LocalisedText;
  /**
   * The company's value as shown next to the factor: an industry letter, an amount, a count, a country code,
   * or for a control its answer code (`evidenced`, `attested`, `absent`).
   */
  readonly value: string;
}

export type LineSeverity =
  | { readonly kind: 'lognormal'; readonly median: number; readonly sigma: number }
  | {
      readonly kind: 'business_interruption';
      readonly outageHoursMedian: number;
      readonly outageHoursSigma: number;
      readonly lossPerHour: number;
    };

/** One peril's losses in one coverage section, for this company. */
export interface LossLine {
  readonly peril: string;
  readonly perilName: LocalisedText;
  readonly section: CoverageSectionId;
  /** Occurrences a year (Poisson rate). */
  readonly frequency: number;
  readonly severity: LineSeverity;
  /** λ × E[one loss], before any insurance term (for BI: all outage hours, waiting period included). */
  readonly expectedGrossLoss: number;
  /** Each factor's multiplier on this line's expected loss (frequency effect × severity effect). */
  readonly factorMultipliers: ReadonlyMap<RiskFactorId, number>;
}

export interface LossModel {
  readonly lines: readonly LossLine[];
  readonly factors: readonly RiskFactor[];
  /** Σ expected gross loss of the lines. */
  readonly expectedGrossLoss: number;
}

function lognormalMean(median: number, sigma: number): number {
  return median * Math.exp((sigma * sigma) / 2);
}

export function weightedRecordsHeld(profile: RiskProfile, ratePlan: RatePlan): number {
  const weights = ratePlan.recordWeights;
  return (
    profile.recordsHeld.personal * weights.personal.value +
    profile.recordsHeld.sensitive * weights.sensitive.value +
    profile.recordsHeld.payment * weights.payment.value
  );
}

/** Multipliers collected for one line, kept per factor so each can be explained. */
class LineMultipliers {
  readonly frequency = new Map<RiskFactorId, number>();
  readonly severity = new Map<RiskFactorId, number>();

  multiply(target: 'frequency' | 'severity', factor: RiskFactorId, multiplier: number): void {
    if (multiplier === 1) return;
    const map = this[target];
    map.set(factor, (map.get(factor) ?? 1) * multiplier);
  }

  product(target: 'frequency' | 'severity'): number {
    let product = 1;
    for (const multiplier of this[target].values()) product *= multiplier;
    return product;
  }

  combined(): Map<RiskFactorId, number> {
    const combined = new Map(this.frequency);
    for (const [factor, multiplier] of this.severity) {
      combined.set(factor, (combined.get(factor) ?? 1) * multiplier);
    }
    return combined;
  }
}

/** A control's answer as a stable code; presenters put it into words in the reader's language. */
export type ControlAnswerCode = 'evidenced' | 'attested' | 'absent';

export function controlAnswerCode(profile: RiskProfile, control: SecurityControlId): ControlAnswerCode {
  const answer = profile.controls[control];
  if (answer?.adopted !== true) return 'absent';
  return answer.evidenced ? 'evidenced' : 'attested';
}

function listFactors(profile: RiskProfile, ratePlan: RatePlan, records: number): RiskFactor[] {
  const factors: RiskFactor[] = [
    {
      id: 'industry',
      source: 'firmographic',
      label: {
        'zh-CN': `行业：${INDUSTRY_SECTIONS[profile.industry].name['zh-CN']}`,
        en: `Industry: ${INDUSTRY_SECTIONS[profile.industry].name.en}`,
      },
      value: profile.industry,
    },
    {
      id: 'annualRevenue',
      source: 'firmographic',
      label: { 'zh-CN': '年营业收入', en: 'Annual revenue' },
      value: formatMoneyDecimal(profile.annualRevenue),
    },
    {
      id: 'recordsHeld',
      source: 'firmographic',
      label: { 'zh-CN': '持有的个人信息记录', en: 'Personal-information records held' },
      value: String(Math.round(records)),
    },
    {
      id: 'country',
      source: 'firmographic',
      label: { 'zh-CN': '主要经营地', en: 'Main country of operation' },
      value: profile.country,
    },
  ];
  for (const control of SECURITY_CONTROL_IDS) {
    factors.push({
      id: `control:${control}`,
      source: 'answer',
      label: SECURITY_CONTROLS[control].name,
      value: controlAnswerCode(profile, control),
    });
  }
  factors.push(
    {
      id: 'priorClaims',
      source: 'history',
      label: { 'zh-CN': '近三年网络安全理赔或事件', en: 'Cyber claims or incidents in the last three years' },
      value: String(profile.priorClaims),
    },
    {
      id: 'openCriticalFindings',
      source: 'finding',
      label: { 'zh-CN': '未修复的严重漏洞', en: 'Open critical findings' },
      value: String(profile.openFindings.critical),
    },
    {
      id: 'openKnownExploitedFindings',
      source: 'finding',
      label: { 'zh-CN': '未修复的已被利用漏洞（CISA KEV）', en: 'Open known-exploited findings (CISA KEV)' },
      value: String(profile.openFindings.knownExploited),
    },
  );
  return factors;
}

/** The multiplier a control earns: its full effect with evidence, `unevidencedCredit` of it without. */
function controlMultiplier(factor: number, evidenced: boolean, unevidencedCredit: number): number {
  return evidenced ? factor : 1 - (1 - factor) * unevidencedCredit;
}

function upliftMultiplier(count: number, factorEach: number, maximumFactor: number): number {
  return count === 0 ? 1 : Math.min(maximumFactor, factorEach ** count);
}

function scaleRatio(company: number, reference: number): number {
  return Math.max(company, 1) / reference;
}

/**
 * Records a breach can expose. Every employer holds its staff's personal data, so a company that declares
 * no customer records still has at least one record per employee at stake.
 */
function recordsAtStake(profile: RiskProfile, ratePlan: RatePlan): number {
  return Math.max(weightedRecordsHeld(profile, ratePlan), profile.employees);
}

function buildLine(
  peril: Peril,
  loss: PerilLoss,
  multipliers: LineMultipliers,
  profile: RiskProfile,
  ratePlan: RatePlan,
  records: number,
): LossLine {
  const revenue = moneyToMajorUnits(profile.annualRevenue);
  const frequency =
    peril.annualRate.value * (loss.occurrenceProbability?.value ?? 1) * multipliers.product('frequency');
  let severity: LineSeverity;
  let expectedOneLoss: number;
  if ('businessInterruption' in loss) {
    const interruption = loss.businessInterruption;
    // Controls and region shorten (or lengthen) outages; revenue sets what an hour costs. Keeping them apart
    // matters because the waiting period is counted in hours.
    const outageHoursMedian = interruption.outageHoursMedian.value * multipliers.product('severity');
    const revenueRatio = revenue / ratePlan.referenceRevenue;
    multipliers.multiply('severity', 'annualRevenue', revenueRatio);
    const lossPerHour =
      (interruption.hourlyLossToHourlyRevenue.value * ratePlan.referenceRevenue * revenueRatio) /
      HOURS_PER_YEAR;
    severity = {
      kind: 'business_interruption',
      outageHoursMedian,
      outageHoursSigma: interruption.outageHoursSigma.value,
      lossPerHour,
    };
    expectedOneLoss = lognormalMean(outageHoursMedian, interruption.outageHoursSigma.value) * lossPerHour;
  } else {
    const { severity: spec } = loss;
    if (spec.scaleWith === 'revenue') {
      multipliers.multiply(
        'severity',
        'annualRevenue',
        (revenue / ratePlan.referenceRevenue) ** spec.elasticity.value,
      );
    } else if (spec.scaleWith === 'records') {
      multipliers.multiply(
        'severity',
        'recordsHeld',
        scaleRatio(records, ratePlan.reference.weightedRecordsHeld) ** spec.elasticity.value,
      );
    }
    const median = spec.median.value * multipliers.product('severity');
    severity = { kind: 'lognormal', median, sigma: spec.sigma.value };
    expectedOneLoss = lognormalMean(median, spec.sigma.value);
  }
  return {
    peril: peril.id,
    perilName: peril.name,
    section: loss.section,
    frequency,
    severity,
    expectedGrossLoss: frequency * expectedOneLoss,
    factorMultipliers: multipliers.combined(),
  };
}

/** Builds the company's loss lines from the rate plan, with every factor's effect on each line. */
export function buildLossModel(profile: RiskProfile, ratePlan: RatePlan): LossModel {
  const records = recordsAtStake(profile, ratePlan);
  const revenue = moneyToMajorUnits(profile.annualRevenue);
  const regionFactor = ratePlan.regionSeverity.factors[profile.country]?.value ?? 1;
  const credit = ratePlan.unevidencedCredit.value;
  const lines: LossLine[] = [];
  for (const peril of ratePlan.perils) {
    for (const loss of peril.losses) {
      const multipliers = new LineMultipliers();
      multipliers.multiply('frequency', 'industry', peril.industryFactors[profile.industry].value);
      multipliers.multiply(
        'frequency',
        'annualRevenue',
        (revenue / ratePlan.referenceRevenue) ** peril.revenueElasticity.value,
      );
      for (const control of SECURITY_CONTROL_IDS) {
        const answer = profile.controls[control];
        if (answer?.adopted !== true) continue;
        for (const effect of ratePlan.controls[control].effects) {
          if (!effect.perils.includes(peril.id)) continue;
          if (effect.sections !== undefined && !effect.sections.includes(loss.section)) continue;
          multipliers.multiply(
            effect.on,
            `control:${control}`,
            controlMultiplier(effect.factor.value, answer.evidenced, credit),
          );
        }
      }
      const uplifts = [
        ['priorClaims', ratePlan.priorClaims, profile.priorClaims],
        ['openCriticalFindings', ratePlan.openCriticalFindings, profile.openFindings.critical],
        [
          'openKnownExploitedFindings',
          ratePlan.openKnownExploitedFindings,
          profile.openFindings.knownExploited,
        ],
      ] as const;
      for (const [factor, uplift, count] of uplifts) {
        if (!uplift.perils.includes(peril.id)) continue;
        multipliers.multiply(
          'frequency',
          factor,
          upliftMultiplier(count, uplift.factorEach.value, uplift.maximumFactor),
        );
      }
      if (ratePlan.regionSeverity.sections.includes(loss.section)) {
        multipliers.multiply('severity', 'country', regionFactor);
      }
      lines.push(buildLine(peril, loss, multipliers, profile, ratePlan, records));
    }
  }
  return {
    lines,
    factors: listFactors(profile, ratePlan, records),
    expectedGrossLoss: lines.reduce((sum, line) => sum + line.expectedGrossLoss, 0),
  };
}
