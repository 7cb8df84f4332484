import { describe, expect, it } from 'vitest';

import { assessRisk, type UnderwritingServices } from './assess-risk.js';
import { controlWhatIf } from './control-what-if.js';
import { createLossSimulator } from './loss-simulator.js';
import { buildLossModel } from './risk-model.js';
import type { RiskProfile } from './risk-profile.js';
import { SECURITY_CONTROL_IDS, type SecurityControlId } from './security-controls.js';
import { cleanProfile, fixtureCatalogue } from './testing/fixture-catalogue.js';
import { fixtureRatePlan } from './testing/fixture-rate-plan.js';

const services: UnderwritingServices = { catalogue: fixtureCatalogue(), simulate: createLossSimulator() };
const plan = fixtureRatePlan();
// Evidenced MFA and offline backups; email filtering attested without evidence.
const profile = cleanProfile({ country: 'US' });

function withEvidenced(base: RiskProfile, controls: readonly SecurityControlId[]): RiskProfile {
  const updated = { ...base.controls };
  for (const control of controls) updated[control] = { adopted: true, evidenced: true };
  return { ...base, controls: updated };
}

const analyticLoss = (candidate: RiskProfile) => buildLossModel(candidate, plan).expectedGrossLoss;

describe('controlWhatIf', () => {
  it('offers every control not yet evidenced, adopting or evidencing it', async () => {
    const whatIf = await controlWhatIf(services, { productId: 'cyber-sme', profile });
    const offered = whatIf.options.map((option) => option.control);
    expect(offered).not.toContain('mfa_remote_access');
    expect(offered).not.toContain('offline_backups');
    expect([...offered].sort()).toEqual(
      SECURITY_CONTROL_IDS.filter(
        (control) => control !== 'mfa_remote_access' && control !== 'offline_backups',
      ).sort(),
    );
    for (const option of whatIf.options) {
      expect(option.change).toBe(option.control === 'email_filtering' ? 'evidence' : 'adopt');
      expect(option.name.en.length).toBeGreaterThan(0);
    }
  });

  it('prices the baseline exactly as the assessment does (same seed, same draws)', async () => {
    const whatIf = await controlWhatIf(services, { productId: 'cyber-sme', profile });
    const assessment = await assessRisk(services, { productId: 'cyber-sme', profile });
    expect(whatIf.seed).toBe(assessment.seed);
    expect(whatIf.baseline).toEqual({
      premium: assessment.premium.premium,
      // The what-if reports the model's exact expected loss, not the simulated mean.
      expectedGrossLoss: analyticLoss(profile),
      score: assessment.score.score,
    });
    expect(Number.isFinite(whatIf.baseline.score)).toBe(true);
  });

  it('ranks options by premium saved, then by expected loss reduction', async () => {
    const whatIf = await controlWhatIf(services, { productId: 'cyber-sme', profile, seed: '99' });
    whatIf.options.slice(1).forEach((option, index) => {
      const previous = whatIf.options[index]!;
      expect(previous.premiumSaved.minor).toBeGreaterThanOrEqual(option.premiumSaved.minor);
      if (previous.premiumSaved.minor === option.premiumSaved.minor) {
        expect(previous.expectedGrossLossReduction).toBeGreaterThanOrEqual(option.expectedGrossLossReduction);
      }
    });
    for (const option of whatIf.options) {
      expect(option.expectedGrossLoss).toBeCloseTo(analyticLoss(withEvidenced(profile, [option.control])), 6);
      expect(option.premiumSaved.minor).toBe(whatIf.baseline.premium.minor - option.premium.minor);
      expect(option.expectedGrossLossReduction).toBeCloseTo(
        whatIf.baseline.expectedGrossLoss - option.expectedGrossLoss,
        6,
      );
    }
    // Halving ransomware frequency (EDR 0.8 on both big perils) beats a 0.95 on social engineering.
    const rank = (control: SecurityControlId) =>
      whatIf.options.findIndex((option) => option.control === control);
    expect(rank('endpoint_detection_response')).toBeLessThan(rank('asset_inventory'));
  });

  // Every variant reuses the baseline's seed, so each control's effect is not buried in Monte Carlo noise.
  // (Not a pathwise guarantee: when a control changes a frequency, the draws after it shift. With the
  // fixture's effects and 20 000 years the reduction dominates.)
  it('never prices an option above the baseline', async () => {
    const whatIf = await controlWhatIf(services, { productId: 'cyber-sme', profile, seed: '4242' });
    for (const option of whatIf.options) {
      expect(option.premium.minor, option.control).toBeLessThanOrEqual(whatIf.baseline.premium.minor);
    }
  });

  it('never scores an option above the baseline', async () => {
    const whatIf = await controlWhatIf(services, { productId: 'cyber-sme', profile, seed: '4242' });
    expect(Number.isFinite(whatIf.baseline.score)).toBe(true);
    for (const option of whatIf.options) {
      expect(option.score, option.control).toBeLessThanOrEqual(whatIf.baseline.score);
    }
  });

  it('prices a one-control combination exactly like that option', async () => {
    const whatIf = await controlWhatIf(services, {
      productId: 'cyber-sme',
      profile,
      combination: ['encryption_at_rest', 'encryption_at_rest'],
    });
    const single = whatIf.options.find((option) => option.control === 'encryption_at_rest')!;
    const { controls, ...combination } = whatIf.combination!;
    expect(controls).toEqual(['encryption_at_rest']);
    expect(combination).toEqual({
      premium: single.premium,
      premiumSaved: single.premiumSaved,
      expectedGrossLoss: single.expectedGrossLoss,
      expectedGrossLossReduction: single.expectedGrossLossReduction,
      score: single.score,
    });
  });

  it('leaves the combination out when none is asked for', async () => {
    const whatIf = await controlWhatIf(services, { productId: 'cyber-sme', profile, combination: [] });
    expect(whatIf.combination).toBeUndefined();
  });

  // What the mathematics guarantees is about the model's expected loss: each control multiplies some lines
  // by m ∈ (0, 1], so a combination multiplies each line by Π m_i. Per line, 1 − Π m_i ≥ 1 − m_j for every j
  // (at least the best single control) and 1 − Π m_i ≤ Σ (1 − m_i) (at most the sum, the union bound);
  // summing over lines keeps both. The premium is a non-linear function of the simulated insured loss
  // (retentions, limits, the SD load, rounding, the minimum premium), and with frequency changes the draws
  // of common random numbers shift between variants, so these bounds do not carry over to premiums exactly.
  it('saves, in expected loss, at least its best single control and at most the sum of them', async () => {
    const combination: SecurityControlId[] = [
      'endpoint_detection_response',
      'encryption_at_rest',
      'incident_response_plan_tested',
    ];
    const baseline = analyticLoss(profile);
    const singles = combination.map((control) => baseline - analyticLoss(withEvidenced(profile, [control])));
    const together = baseline - analyticLoss(withEvidenced(profile, combination));
    expect(together).toBeGreaterThanOrEqual(Math.max(...singles) - 1e-9);
    expect(together).toBeLessThanOrEqual(singles.reduce((sum, saved) => sum + saved, 0) + 1e-9);
    // Overlapping effects (EDR and the IR plan both act on ransomware and data breach) make it strictly less.
    expect(together).toBeLessThan(singles.reduce((sum, saved) => sum + saved, 0));

    const whatIf = await controlWhatIf(services, { productId: 'cyber-sme', profile, combination });
    expect(whatIf.combination?.controls).toEqual(combination);
    const best = Math.max(
      ...whatIf.options
        .filter((option) => combination.includes(option.control))
        .map((option) => option.premiumSaved.minor),
    );
    // The what-if's expected losses are the model's, so the guarantees above hold for them exactly.
    expect(whatIf.combination!.expectedGrossLossReduction).toBeCloseTo(together, 6);
    // Large effects: the premium of the combination is clearly below that of its best single control.
    expect(whatIf.combination!.premiumSaved.minor).toBeGreaterThan(best);
    expect(whatIf.combination!.expectedGrossLossReduction).toBeGreaterThan(0);
  });
});
