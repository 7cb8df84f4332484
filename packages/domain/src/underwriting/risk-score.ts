import type { LocalisedText } from '../shared/localised-text.js';
import type { RatePlan } from './rate-plan.js';
import type { LossModel, RiskFactorId, RiskFactorSource } from './risk-model.js';

/**
 * The risk score: 0 (least risk) to 100 (most), with every point traced to a fact about the company.
 *
 *   score = base + pointsPerDoubling × log2(EL / EL₀)
 *
 * where EL is the company's expected annual gross loss and EL₀ that of the reference company (reference
 * revenue and records, an industry of average risk, no controls, no findings, no claims): the rate plan's
 * base score. So the score goes up by `pointsPerDoubling` whenever the expected loss doubles, and a control
 * can only lower it.
 *
 * The points are split between the factors by the Sato–Vartia logarithmic mean Divisia index: with
 * s = EL_line / EL and s₀ = EL₀_line / EL₀ each line's share of the company's and of the reference company's
 * expected loss, and L(a, b) = (a − b) / (ln a − ln b) the logarithmic mean, line weights are
 * w_line = L(s, s₀) / Σ L(s, s₀) (they add up to 1), and factor f gets Σ_lines w_line × ln(multiplier of f
 * on the line). Because Σ w ln(s / s₀) = 0 for these weights, the factors' points add up exactly to
 * log(EL / EL₀); and because the weights add up to 1, a factor that scales every line by the same multiplier
 * gets exactly log2(multiplier) × pointsPerDoubling, whatever the other factors do.
 * Displayed points are whole numbers whose sum is the displayed score (largest-remainder rounding); when
 * the sum leaves the 0–100 scale, one more line says how much the scale's bound took off or added.
 */

function logarithmicMean(a: number, b: number): number {
  // Near a = b the quotient is 0/0 in floating point; L(a, b) → a, and its error there is O((a − b)²).
  if (Math.abs(a - b) <= 1e-9 * Math.max(a, b)) return (a + b) / 2;
  return (a - b) / (Math.log(a) - Math.log(b));
}

export interface ScoreContribution {
  readonly factor: RiskFactorId | 'base' | 'scale_bound';
  readonly source: RiskFactorSource | 'rate_plan';
  readonly label: LocalisedText;
  readonly value: string;
  /** Whole points this factor adds (positive: more risk) or takes off (negative). */
  readonly points: number;
  /** The same before rounding, for anyone re-deriving the score. */
  readonly exactPoints: number;
}

export interface RiskScore {
  readonly score: number;
  readonly band: 'low' | 'moderate' | 'elevated' | 'high';
  /** Base first, then factors by the size of their effect; factors with no effect are left out. */
  readonly contributions: readonly ScoreContribution[];
}

const BASE_LABEL: LocalisedText = {
  'zh-CN': '基准分（参考企业，未计任何安全措施）',
  en: 'Base (reference company, no controls credited)',
};
const BOUND_LABEL: LocalisedText = {
  'zh-CN': '分值上下限（0–100）调整',
  en: 'Kept within the 0–100 scale',
};

function band(score: number): RiskScore['band'] {
  if (score < 30) return 'low';
  if (score < 50) return 'moderate';
  if (score < 70) return 'elevated';
  return 'high';
}

/** Rounds values to integers whose sum is `total` (largest remainder; ties to the larger magnitude). */
function roundToTotal(values: readonly number[], total: number): number[] {
  const floors = values.map((value) => Math.floor(value));
  let remainder = total - floors.reduce((sum, value) => sum + value, 0);
  const order = values
    .map((value, index) => ({ index, fraction: value - Math.floor(value), magnitude: Math.abs(value) }))
    .sort((left, right) => right.fraction - left.fraction || right.magnitude - left.magnitude);
  const rounded = [...floors];
  for (let step = 0; remainder > 0 && order.length > 0; step++, remainder--) {
    const { index } = order[step % order.length] ?? { index: 0 };
    rounded[index] = (rounded[index] ?? 0) + 1;
  }
  for (let step = order.length - 1; remainder < 0 && order.length > 0; step--, remainder++) {
    const { index } = order[((step % order.length) + order.length) % order.length] ?? { index: 0 };
    rounded[index] = (rounded[index] ?? 0) - 1;
  }
  return rounded;
}

export function scoreRisk(model: LossModel, ratePlan: RatePlan): RiskScore {
  const { base, pointsPerDoubling } = ratePlan.score;
  const exactByFactor = new Map<RiskFactorId, number>();
  const lines = model.lines
    .filter((line) => line.expectedGrossLoss > 0)
    .map((line) => {
      let multiplier = 1;
      for (const value of line.factorMultipliers.values()) multiplier *= value;
      return { line, referenceLoss: line.expectedGrossLoss / multiplier };
    });
  const referenceTotal = lines.reduce((sum, entry) => sum + entry.referenceLoss, 0);
  if (model.expectedGrossLoss > 0 && referenceTotal > 0) {
    const logMeans = lines.map(({ line, referenceLoss }) =>
      logarithmicMean(line.expectedGrossLoss / model.expectedGrossLoss, referenceLoss / referenceTotal),
    );
    const weightTotal = logMeans.reduce((sum, value) => sum + value, 0);
    const pointsPerLog = pointsPerDoubling / Math.LN2;
    lines.forEach(({ line }, index) => {
      const weight = (logMeans[index] ?? 0) / weightTotal;
      for (const [factor, multiplier] of line.factorMultipliers) {
        const points = pointsPerLog * weight * Math.log(multiplier);
        exactByFactor.set(factor, (exactByFactor.get(factor) ?? 0) + points);
      }
    });
  }
  const factors = model.factors
    .map((factor) => ({ factor, exactPoints: exactByFactor.get(factor.id) ?? 0 }))
    .filter((entry) => Math.abs(entry.exactPoints) >= 1e-9);
  const unbounded = base + factors.reduce((sum, entry) => sum + entry.exactPoints, 0);
  const score = Math.min(100, Math.max(0, Math.round(unbounded)));
  const bound = score - Math.round(unbounded);
  const exact = [base, ...factors.map((entry) => entry.exactPoints)];
  const rounded = roundToTotal(exact, Math.round(unbounded));
  const contributions: ScoreContribution[] = [
    {
      factor: 'base',
      source: 'rate_plan',
      label: BASE_LABEL,
      value: `${ratePlan.id} ${ratePlan.version}`,
      points: rounded[0] ?? 0,
      exactPoints: base,
    },
    ...factors
      .map((entry, index) => ({
        factor: entry.factor.id,
        source: entry.factor.source,
        label: entry.factor.label,
        value: entry.factor.value,
        points: rounded[index + 1] ?? 0,
        exactPoints: entry.exactPoints,
      }))
      .sort((left, right) => Math.abs(right.exactPoints) - Math.abs(left.exactPoints)),
  ];
  if (bound !== 0) {
    contributions.push({
      factor: 'scale_bound',
      source: 'rate_plan',
      label: BOUND_LABEL,
      value: String(Math.round(unbounded)),
      points: bound,
      exactPoints: score - unbounded,
    });
  }
  return { score, band: band(score), contributions };
}
