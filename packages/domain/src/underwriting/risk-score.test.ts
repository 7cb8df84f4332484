import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { money } from '../shared/money.js';
import { parseRatePlan, type RatePlan } from './rate-plan.js';
import { buildLossModel } from './risk-model.js';
import type { RiskProfile } from './risk-profile.js';
import { scoreRisk, type RiskScore } from './risk-score.js';
import { SECURITY_CONTROL_IDS } from './security-controls.js';
import { REAL_RATE_PLAN_PATH, readRepositoryJson, repositoryFileExists } from './testing/catalogue-files.js';
import { cleanProfile, referenceProfile } from './testing/fixture-catalogue.js';
import { fixtureRatePlan } from './testing/fixture-rate-plan.js';
import { riskProfileArbitrary } from './testing/profile-arbitrary.js';

const fixturePlan = fixtureRatePlan();
const plans: [string, RatePlan][] = [['fixture plan', fixturePlan]];
if (repositoryFileExists(REAL_RATE_PLAN_PATH)) {
  plans.push(['real plan', parseRatePlan(readRepositoryJson(REAL_RATE_PLAN_PATH), REAL_RATE_PLAN_PATH)]);
}

function score(profile: RiskProfile, plan: RatePlan = fixturePlan): RiskScore {
  return scoreRisk(buildLossModel(profile, plan), plan);
}

const sumOfPoints = (result: RiskScore) => result.contributions.reduce((sum, line) => sum + line.points, 0);
const sumOfExact = (result: RiskScore) =>
  result.contributions.reduce((sum, line) => sum + line.exactPoints, 0);
/** The score before clamping: every exact contribution but the scale bound's. */
const unboundedScore = (result: RiskScore) =>
  result.contributions
    .filter((line) => line.factor !== 'scale_bound')
    .reduce((sum, line) => sum + line.exactPoints, 0);
const pointsOf = (result: RiskScore, factor: string) =>
  result.contributions.find((line) => line.factor === factor);

describe('scoreRisk on the fixture plan (base 50, 10 points per doubling)', () => {
  it('gives the reference company the base score and nothing else', () => {
    const result = score(referenceProfile());
    expect(result.score).toBe(50);
    expect(result.band).toBe('elevated');
    expect(result.contributions).toEqual([
      {
        factor: 'base',
        source: 'rate_plan',
        label: expect.objectContaining({ en: expect.stringContaining('Base') as unknown }) as unknown,
        value: 'fixture-rates 2026.1',
        points: 50,
        exactPoints: 50,
      },
    ]);
  });

  it('adds exactly pointsPerDoubling for a factor that doubles every line', () => {
    // Industry E has factor 2 on every peril of the fixture plan.
    const result = score(referenceProfile({ industry: 'E' }));
    expect(result.score).toBe(60);
    expect(pointsOf(result, 'industry')).toMatchObject({
      points: 10,
      exactPoints: expect.closeTo(10, 9) as unknown,
    });
    expect(result.contributions).toHaveLength(2);
  });

  it('scores base + pointsPerDoubling × log2(EL / EL₀) when a factor halves some lines', () => {
    // Evidenced offline backups halve both ransomware lines (16 487.21 + 12 418.07 of the reference
    // company's 53 733.87): EL / EL₀ = (53 733.87 − 14 452.64) / 53 733.87 = 0.731.
    const reference = buildLossModel(referenceProfile(), fixturePlan);
    const ransomware = reference.lines
      .filter((line) => line.peril === 'ransomware')
      .reduce((sum, line) => sum + line.expectedGrossLoss, 0);
    const ratio = (reference.expectedGrossLoss - ransomware / 2) / reference.expectedGrossLoss;
    expect(ratio).toBeCloseTo(0.731, 3);
    const result = score(
      referenceProfile({ controls: { offline_backups: { adopted: true, evidenced: true } } }),
    );
    expect(pointsOf(result, 'control:offline_backups')?.exactPoints).toBeCloseTo(10 * Math.log2(ratio), 9);
    expect(result.score).toBe(Math.round(50 + 10 * Math.log2(ratio)));
    expect(result.score).toBe(45);
  });

  it('scores base + pointsPerDoubling × log2(EL / EL₀) for any company, before clamping (property)', () => {
    const referenceLoss = buildLossModel(referenceProfile(), fixturePlan).expectedGrossLoss;
    fc.assert(
      fc.property(riskProfileArbitrary, (profile) => {
        const result = score(profile);
        const expected =
          50 + 10 * Math.log2(buildLossModel(profile, fixturePlan).expectedGrossLoss / referenceLoss);
        expect(unboundedScore(result)).toBeCloseTo(expected, 6);
      }),
      { numRuns: 300 },
    );
  });

  it("stays finite when a line's factors cancel out up to rounding", () => {
    // A clean manufacturer: ransomware × 2 (industry C) × √2 × √2 (revenue twice the reference, elasticity
    // 0.5 on frequency and severity) × 0.5 (MFA) × 0.5 (backups). The line's expected loss is the reference
    // company's but for the last bit of a float: a logarithmic mean L(a, b) = (a − b)/(ln a − ln b) must not
    // divide 0 by 0 there.
    for (const profile of [
      cleanProfile(),
      referenceProfile({
        industry: 'C',
        controls: { mfa_remote_access: { adopted: true, evidenced: true } },
      }),
    ]) {
      const result = score(profile);
      expect(Number.isFinite(result.score)).toBe(true);
      for (const line of result.contributions) expect(Number.isFinite(line.exactPoints)).toBe(true);
      expect(sumOfPoints(result)).toBe(result.score);
    }
  });

  it('keeps the base first and orders factors by the size of their effect', () => {
    const result = score(
      referenceProfile({
        industry: 'C',
        country: 'US',
        priorClaims: 1,
        controls: {
          mfa_remote_access: { adopted: true, evidenced: false },
          mfa_email: { adopted: true, evidenced: true },
        },
      }),
    );
    expect(result.contributions[0]?.factor).toBe('base');
    const sizes = result.contributions.slice(1).map((line) => Math.abs(line.exactPoints));
    expect(sizes).toEqual([...sizes].sort((left, right) => right - left));
    expect(result.contributions.map((line) => line.factor)).toEqual(
      expect.arrayContaining([
        'country',
        'industry',
        'priorClaims',
        'control:mfa_remote_access',
        'control:mfa_email',
      ]),
    );
  });

  it('clamps at 100 with a scale_bound line, and the points still add up to the score', () => {
    // Industry T multiplies every peril by 100: 50 + 10 × log2(100) = 116.44 → 116, shown as 100.
    const result = score(referenceProfile({ industry: 'T' }));
    expect(result.score).toBe(100);
    expect(result.band).toBe('high');
    expect(result.contributions.at(-1)).toMatchObject({
      factor: 'scale_bound',
      source: 'rate_plan',
      value: '116',
      points: -16,
      exactPoints: expect.closeTo(100 - (50 + 10 * Math.log2(100)), 9) as unknown,
    });
    expect(sumOfPoints(result)).toBe(100);
    expect(sumOfExact(result)).toBeCloseTo(100, 9);
  });

  it('clamps at 0 with a scale_bound line', () => {
    const result = score(referenceProfile({ industry: 'S' }));
    expect(result.score).toBe(0);
    expect(result.band).toBe('low');
    expect(pointsOf(result, 'scale_bound')).toMatchObject({ points: 16 });
    expect(sumOfPoints(result)).toBe(0);
  });
});

describe.each(plans)('scoreRisk properties on the %s', (_name, plan) => {
  it('whole points add up exactly to the score, and exact points to the score before rounding', () => {
    fc.assert(
      fc.property(riskProfileArbitrary, (profile) => {
        const result = score(profile, plan);
        expect(Number.isInteger(result.score)).toBe(true);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        expect(sumOfPoints(result)).toBe(result.score);
        for (const line of result.contributions) expect(Number.isInteger(line.points)).toBe(true);
        expect(Math.abs(sumOfExact(result) - result.score)).toBeLessThan(0.5 + 1e-9);
        // Every whole point is within one of its exact value (largest-remainder rounding).
        for (const line of result.contributions) {
          if (line.factor !== 'scale_bound') expect(Math.abs(line.points - line.exactPoints)).toBeLessThan(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  // Adopting a control only ever lowers some lines' expected loss, so a risk score must not go up. (A
  // share-weighted sum Σ share × log2(multiplier) is not monotone: it equals log2(EL / EL₀) plus the
  // Kullback–Leibler divergence of the company's loss mix from the reference mix, and shrinking an
  // already-small line moves the mix further away, which can outweigh the lower total.)
  it('never raises the score when a control is adopted', () => {
    fc.assert(
      fc.property(
        riskProfileArbitrary,
        fc.constantFrom(...SECURITY_CONTROL_IDS),
        fc.boolean(),
        (profile, control, evidenced) => {
          const without = {
            ...profile,
            controls: { ...profile.controls, [control]: { adopted: false, evidenced: false } },
          };
          const withControl = {
            ...profile,
            controls: { ...profile.controls, [control]: { adopted: true, evidenced } },
          };
          expect(score(withControl, plan).score).toBeLessThanOrEqual(score(without, plan).score);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never raises the score before rounding when a control is adopted or evidenced', () => {
    fc.assert(
      fc.property(riskProfileArbitrary, fc.constantFrom(...SECURITY_CONTROL_IDS), (profile, control) => {
        const answers = [
          { adopted: false, evidenced: false },
          { adopted: true, evidenced: false },
          { adopted: true, evidenced: true },
        ];
        const exact = answers.map((answer) =>
          unboundedScore(score({ ...profile, controls: { ...profile.controls, [control]: answer } }, plan)),
        );
        expect(exact[1]!).toBeLessThanOrEqual(exact[0]! + 1e-7);
        expect(exact[2]!).toBeLessThanOrEqual(exact[1]! + 1e-7);
      }),
      { numRuns: 500 },
    );
  });

  it('never raises the score when an attested control is evidenced', () => {
    fc.assert(
      fc.property(riskProfileArbitrary, fc.constantFrom(...SECURITY_CONTROL_IDS), (profile, control) => {
        const attested = {
          ...profile,
          controls: { ...profile.controls, [control]: { adopted: true, evidenced: false } },
        };
        const evidenced = {
          ...profile,
          controls: { ...profile.controls, [control]: { adopted: true, evidenced: true } },
        };
        expect(score(evidenced, plan).score).toBeLessThanOrEqual(score(attested, plan).score);
      }),
      { numRuns: 500 },
    );
  });
});

describe('scoreRisk monotonicity, concrete cases', () => {
  it('does not raise the fixture score of a small company with no records when it adds offline backups', () => {
    const small = referenceProfile({
      annualRevenue: money(1_000_000_00, 'CNY'),
      recordsHeld: { personal: 0, sensitive: 0, payment: 0 },
    });
    const before = score(small);
    const after = score({ ...small, controls: { offline_backups: { adopted: true, evidenced: true } } });
    // The model's expected loss falls…
    expect(
      buildLossModel(
        { ...small, controls: { offline_backups: { adopted: true, evidenced: true } } },
        fixturePlan,
      ).expectedGrossLoss,
    ).toBeLessThan(buildLossModel(small, fixturePlan).expectedGrossLoss);
    // …so the score must not rise (a share-weighted score went from 32 to 34 here).
    expect(after.score).toBeLessThanOrEqual(before.score);
  });
});
