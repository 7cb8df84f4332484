import type { LocalisedText } from '../shared/localised-text.js';
import { money, type Money } from '../shared/money.js';
import {
  priceProfile,
  resolvePricingContext,
  type AssessmentRequest,
  type UnderwritingServices,
} from './assess-risk.js';
import type { ControlAnswer, RiskProfile } from './risk-profile.js';
import { SECURITY_CONTROLS, SECURITY_CONTROL_IDS, type SecurityControlId } from './security-controls.js';

/**
 * Control what-if: what the premium and the expected loss would be if the company put one more control in
 * place (or evidenced one it only attests), each priced alone and ranked by premium saved; and a chosen
 * combination priced together (effects multiply, so a combination saves less than the sum of its parts).
 *
 * Every variant is simulated with the same seed as the baseline (common random numbers), which removes
 * most, not all, of the Monte Carlo noise from the premium differences: a control that changes a frequency
 * changes how many random numbers that process draws, so later draws of the year shift. The expected gross
 * loss of each variant is therefore the model's exact value (λ × E[loss] summed over lines), not a
 * simulated mean — a control never appears to raise it.
 */

export interface PricedVariant {
  readonly premium: Money;
  readonly premiumSaved: Money;
  /** Expected annual gross loss from the model (exact, not simulated), major units. */
  readonly expectedGrossLoss: number;
  readonly expectedGrossLossReduction: number;
  readonly score: number;
}

export interface ControlOption extends PricedVariant {
  readonly control: SecurityControlId;
  readonly name: LocalisedText;
  /** `adopt`: not in place today; `evidence`: in place but not evidenced. */
  readonly change: 'adopt' | 'evidence';
}

export interface ControlWhatIf {
  readonly seed: string;
  readonly baseline: Omit<PricedVariant, 'premiumSaved' | 'expectedGrossLossReduction'>;
  /** Ranked: most premium saved first; ties by expected loss reduction. */
  readonly options: readonly ControlOption[];
  readonly combination?: PricedVariant & { readonly controls: readonly SecurityControlId[] };
}

const EVIDENCED: ControlAnswer = { adopted: true, evidenced: true };

function withControls(profile: RiskProfile, controls: readonly SecurityControlId[]): RiskProfile {
  const updated = { ...profile.controls };
  for (const control of controls) updated[control] = EVIDENCED;
  return { ...profile, controls: updated };
}

export async function controlWhatIf(
  services: UnderwritingServices,
  request: AssessmentRequest & { readonly combination?: readonly SecurityControlId[] },
): Promise<ControlWhatIf> {
  const context = resolvePricingContext(services.catalogue, request);
  const candidates = SECURITY_CONTROL_IDS.filter(
    (control) => request.profile.controls[control]?.evidenced !== true,
  );
  const price = (profile: RiskProfile) => priceProfile(context, profile, services.simulate);
  const [baseline, ...variants] = await Promise.all([
    price(request.profile),
    ...candidates.map((control) => price(withControls(request.profile, [control]))),
  ]);
  const baseGross = baseline.model.expectedGrossLoss;
  const currency = baseline.premium.premium.currency;
  const describe = (priced: typeof baseline): PricedVariant => {
    const gross = priced.model.expectedGrossLoss;
    return {
      premium: priced.premium.premium,
      premiumSaved: money(baseline.premium.premium.minor - priced.premium.premium.minor, currency),
      expectedGrossLoss: gross,
      expectedGrossLossReduction: baseGross - gross,
      score: priced.score.score,
    };
  };
  const options: ControlOption[] = candidates.map((control, index) => {
    const priced = variants[index];
    if (priced === undefined) throw new Error(`variant ${control} missing`);
    return {
      control,
      name: SECURITY_CONTROLS[control].name,
      change: request.profile.controls[control]?.adopted === true ? 'evidence' : 'adopt',
      ...describe(priced),
    };
  });
  options.sort(
    (left, right) =>
      right.premiumSaved.minor - left.premiumSaved.minor ||
      right.expectedGrossLossReduction - left.expectedGrossLossReduction,
  );
  const result: ControlWhatIf = {
    seed: context.seed,
    baseline: {
      premium: baseline.premium.premium,
      expectedGrossLoss: baseGross,
      score: baseline.score.score,
    },
    options,
  };
  if (request.combination === undefined || request.combination.length === 0) return result;
  const combined = await price(withControls(request.profile, request.combination));
  return { ...result, combination: { controls: [...new Set(request.combination)], ...describe(combined) } };
}
