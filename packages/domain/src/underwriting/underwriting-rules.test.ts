import { describe, expect, it } from 'vitest';

import { money } from '../shared/money.js';
import { resolveCoverage, type CoverageChoice } from './coverage-selection.js';
import { parseProduct, type Product, type RuleCondition } from './product.js';
import type { RiskProfile } from './risk-profile.js';
import { REAL_PRODUCT_PATH, realProductJson } from './testing/catalogue-files.js';
import { cleanProfile } from './testing/fixture-catalogue.js';
import { evaluateRules, type RuleDecision } from './underwriting-rules.js';

const product = parseProduct(realProductJson(), REAL_PRODUCT_PATH);
const CNY = (minor: number) => money(minor, 'CNY');

function decide(profile: RiskProfile, choice: CoverageChoice = {}, on: Product = product): RuleDecision {
  return evaluateRules(on, profile, resolveCoverage(on, choice));
}

function firedCodes(decision: RuleDecision): string[] {
  return decision.kind === 'quote' ? [] : decision.rules.map((rule) => rule.code);
}

const clean = cleanProfile();

/** For each rule of the real product: a company (and cover) built to trigger it, and the codes that fire. */
const TRIGGERS: Record<
  string,
  { profile: RiskProfile; choice?: CoverageChoice; kind: 'refer' | 'decline'; fired: string[] }
> = {
  revenue_outside_appetite: {
    profile: cleanProfile({ annualRevenue: CNY(200_000_000_001) }),
    kind: 'decline',
    fired: ['revenue_outside_appetite'],
  },
  revenue_above_authority: {
    profile: cleanProfile({ annualRevenue: CNY(50_000_000_001) }),
    kind: 'refer',
    fired: ['revenue_above_authority'],
  },
  aggregate_above_authority: {
    profile: clean,
    choice: { policyAggregate: CNY(500_000_000) },
    kind: 'refer',
    fired: ['aggregate_above_authority'],
  },
  sensitive_industry: {
    profile: cleanProfile({ industry: 'Q' }),
    kind: 'refer',
    fired: ['sensitive_industry'],
  },
  many_records: {
    profile: cleanProfile({ recordsHeld: { personal: 999_998, sensitive: 1, payment: 1 } }),
    kind: 'refer',
    fired: ['many_records'],
  },
  frequent_prior_claims: {
    profile: cleanProfile({ priorClaims: 4 }),
    kind: 'decline',
    fired: ['frequent_prior_claims'],
  },
  prior_claims: { profile: cleanProfile({ priorClaims: 2 }), kind: 'refer', fired: ['prior_claims'] },
  open_critical_finding: {
    profile: cleanProfile({ openFindings: { critical: 1, knownExploited: 0 } }),
    kind: 'refer',
    fired: ['open_critical_finding'],
  },
  known_exploited_findings: {
    profile: cleanProfile({ openFindings: { critical: 0, knownExploited: 3 } }),
    kind: 'decline',
    fired: ['known_exploited_findings'],
  },
  no_mfa_and_no_offline_backups: {
    profile: cleanProfile({
      controls: { mfa_remote_access: { adopted: false, evidenced: false } },
    }),
    kind: 'decline',
    fired: ['no_mfa_and_no_offline_backups'],
  },
  no_mfa_remote_access: {
    profile: cleanProfile({ controls: { offline_backups: { adopted: true, evidenced: false } } }),
    kind: 'refer',
    fired: ['no_mfa_remote_access'],
  },
  no_offline_backups: {
    profile: cleanProfile({ controls: { mfa_remote_access: { adopted: true, evidenced: false } } }),
    kind: 'refer',
    fired: ['no_offline_backups'],
  },
};

describe('evaluateRules on the real cyber-sme product', () => {
  it('quotes a clean company', () => {
    expect(decide(clean)).toEqual({ kind: 'quote' });
  });

  it('has a triggering case for every rule of the product', () => {
    expect(Object.keys(TRIGGERS).sort()).toEqual(product.rules.map((rule) => rule.code).sort());
  });

  it.each(Object.entries(TRIGGERS))('%s fires on a company built to trigger it', (code, trigger) => {
    const decision = decide(trigger.profile, trigger.choice);
    expect(decision.kind).toBe(trigger.kind);
    expect(firedCodes(decision)).toEqual(trigger.fired);
    const rule = product.rules.find((candidate) => candidate.code === code)!;
    expect(decision.kind !== 'quote' && decision.rules[0]).toEqual({
      code,
      outcome: rule.outcome,
      reason: rule.reason,
    });
  });

  it('compares amounts strictly above and counts at least, at the exact thresholds', () => {
    expect(decide(cleanProfile({ annualRevenue: CNY(50_000_000_000) }))).toEqual({ kind: 'quote' });
    expect(decide(clean, { policyAggregate: CNY(300_000_000) })).toEqual({ kind: 'quote' });
    expect(decide(cleanProfile({ recordsHeld: { personal: 999_999, sensitive: 0, payment: 0 } }))).toEqual({
      kind: 'quote',
    });
    expect(firedCodes(decide(cleanProfile({ priorClaims: 1 })))).toEqual([]);
    expect(firedCodes(decide(cleanProfile({ openFindings: { critical: 0, knownExploited: 2 } })))).toEqual(
      [],
    );
  });

  it('counts a control attested without evidence as in place', () => {
    const attested = cleanProfile({
      controls: {
        mfa_remote_access: { adopted: true, evidenced: false },
        offline_backups: { adopted: true, evidenced: false },
      },
    });
    expect(decide(attested)).toEqual({ kind: 'quote' });
  });

  it('lets decline beat refer, and returns only the declines', () => {
    const decision = decide(
      cleanProfile({ annualRevenue: CNY(300_000_000_000), industry: 'J', priorClaims: 5, controls: {} }),
      { policyAggregate: CNY(500_000_000) },
    );
    expect(decision.kind).toBe('decline');
    expect(firedCodes(decision)).toEqual([
      'revenue_outside_appetite',
      'frequent_prior_claims',
      'no_mfa_and_no_offline_backups',
    ]);
  });

  it('lists every referral that fires, in the product order', () => {
    const decision = decide(
      cleanProfile({ industry: 'D', priorClaims: 3, openFindings: { critical: 2, knownExploited: 1 } }),
      {
        policyAggregate: CNY(500_000_000),
      },
    );
    expect(decision.kind).toBe('refer');
    expect(firedCodes(decision)).toEqual([
      'aggregate_above_authority',
      'sensitive_industry',
      'prior_claims',
      'open_critical_finding',
    ]);
  });

  it('returns each reason in both languages, as written in the product', () => {
    for (const trigger of Object.values(TRIGGERS)) {
      const decision = decide(trigger.profile, trigger.choice);
      if (decision.kind === 'quote') throw new Error('expected a rule to fire');
      for (const rule of decision.rules) {
        expect(rule.reason['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
        expect(rule.reason.en).toMatch(/[A-Za-z]/);
        expect(rule.reason).toEqual(product.rules.find((candidate) => candidate.code === rule.code)?.reason);
      }
    }
  });
});

describe('evaluateRules with allOf and anyOf', () => {
  function productWith(when: RuleCondition): Product {
    return {
      ...product,
      rules: [{ code: 'combined', outcome: 'refer', when, reason: { 'zh-CN': '组合', en: 'combined' } }],
    };
  }
  const fires = (when: RuleCondition, profile: RiskProfile) =>
    decide(profile, {}, productWith(when)).kind === 'refer';
  const bigStaff = { fact: 'employees', atLeast: 500 } as const;
  const finance = { industryIn: ['J'] } as const;

  it('fires allOf only when every part holds', () => {
    const when = { allOf: [bigStaff, finance] };
    expect(fires(when, cleanProfile({ employees: 500, industry: 'J' }))).toBe(true);
    expect(fires(when, cleanProfile({ employees: 499, industry: 'J' }))).toBe(false);
    expect(fires(when, cleanProfile({ employees: 500, industry: 'C' }))).toBe(false);
  });

  it('fires anyOf when one part holds', () => {
    const when = { anyOf: [bigStaff, finance] };
    expect(fires(when, cleanProfile({ employees: 500 }))).toBe(true);
    expect(fires(when, cleanProfile({ industry: 'J' }))).toBe(true);
    expect(fires(when, cleanProfile())).toBe(false);
  });

  it('nests: anyOf of an allOf', () => {
    const when = {
      anyOf: [
        { allOf: [bigStaff, { controlMissing: 'mfa_email' }] },
        { fact: 'largestSectionLimit', above: '1000000.00' },
      ],
    } as const satisfies RuleCondition;
    expect(fires(when, cleanProfile({ employees: 600 }))).toBe(true);
    expect(
      fires(
        when,
        cleanProfile({
          employees: 600,
          controls: { ...clean.controls, mfa_email: { adopted: true, evidenced: false } },
        }),
      ),
    ).toBe(false);
    expect(fires(when, cleanProfile())).toBe(false);
    const decision = decide(
      cleanProfile(),
      { sections: [{ section: 'privacy_liability', limit: CNY(200_000_000) }] },
      productWith(when),
    );
    expect(decision.kind).toBe('refer');
  });
});
