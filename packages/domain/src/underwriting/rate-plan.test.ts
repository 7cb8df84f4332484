import { describe, expect, it } from 'vitest';

import { CatalogueFileError, parseProduct } from './product.js';
import { createProductCatalogue } from './product-catalogue.js';
import { parseRatePlan, type RatePlanFile } from './rate-plan.js';
import { SECURITY_CONTROL_IDS } from './security-controls.js';
import {
  REAL_PRODUCT_PATH,
  REAL_RATE_PLAN_PATH,
  readRepositoryJson,
  realProductJson,
  repositoryFileExists,
} from './testing/catalogue-files.js';
import { fixtureProduct } from './testing/fixture-catalogue.js';
import { FIXTURE_PERILS, fixtureRatePlan, fixtureRatePlanFile } from './testing/fixture-rate-plan.js';

function edited(edit: (file: RatePlanFile) => void): RatePlanFile {
  const file = fixtureRatePlanFile();
  edit(file);
  return file;
}

function problemsOf(json: unknown): readonly string[] {
  try {
    parseRatePlan(json, 'rate-plans/test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogueFileError);
    expect((error as CatalogueFileError).file).toBe('rate-plans/test.json');
    return (error as CatalogueFileError).problems;
  }
  throw new Error('expected the rate plan to be refused');
}

describe('parseRatePlan on the fixture plan', () => {
  it('accepts it and gives the reference revenue in major units', () => {
    const plan = fixtureRatePlan();
    expect(plan.currency).toBe('CNY');
    expect(plan.referenceRevenue).toBe(10_000_000);
    expect(plan.perils.map((peril) => peril.id)).toEqual([...FIXTURE_PERILS]);
    expect(Object.keys(plan.controls)).toEqual(SECURITY_CONTROL_IDS);
    expect('$schema' in plan).toBe(false);
  });

  it('drops $schema but keeps everything else', () => {
    const plan = parseRatePlan({ $schema: '../x.json', ...fixtureRatePlanFile() }, 'x');
    expect('$schema' in plan).toBe(false);
    expect(plan.unevidencedCredit.value).toBe(0.5);
  });
});

describe('parseRatePlan refuses invalid plans, naming the JSON path', () => {
  it('refuses an unknown peril in a control effect', () => {
    const problems = problemsOf(
      edited((file) => {
        file.controls.mfa_email.effects[0]!.perils = ['social_engineering', 'phishing'];
      }),
    );
    expect(problems).toEqual(["controls.mfa_email.effects.0.perils: unknown peril 'phishing'"]);
  });

  it.each(['priorClaims', 'openCriticalFindings', 'openKnownExploitedFindings'] as const)(
    'refuses an unknown peril in the %s uplift',
    (uplift) => {
      const problems = problemsOf(edited((file) => file[uplift].perils.push('wiper')));
      expect(problems).toEqual([`${uplift}.perils: unknown peril 'wiper'`]);
    },
  );

  it('refuses a peril that appears twice', () => {
    const problems = problemsOf(edited((file) => file.perils.push(structuredClone(file.perils[1]!))));
    expect(problems).toEqual(["perils.3.id: 'data_breach' appears twice"]);
  });

  it('refuses a section that appears twice within one peril', () => {
    const problems = problemsOf(
      edited((file) => file.perils[1]!.losses.push(structuredClone(file.perils[1]!.losses[0]!))),
    );
    expect(problems).toEqual(["perils.1.losses.2.section: 'privacy_liability' appears twice"]);
  });

  it('refuses business interruption given as a lognormal loss', () => {
    const problems = problemsOf(
      edited((file) => {
        file.perils[0]!.losses[1] = {
          section: 'business_interruption',
          severity: structuredClone((file.perils[1]!.losses[0] as unknown as { severity: never }).severity),
        };
      }),
    );
    expect(problems).toEqual([
      'perils.0.losses.1: business interruption losses are outage hours × loss per hour',
    ]);
  });

  it('refuses business-interruption parameters on another section', () => {
    const problems = problemsOf(
      edited((file) => {
        const interruption = (file.perils[0]!.losses[1] as { businessInterruption: unknown })
          .businessInterruption;
        (file.perils[0]!.losses as unknown[])[0] = {
          section: 'extortion',
          businessInterruption: interruption,
        };
      }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^perils\.0\.losses\.0/);
  });

  it('refuses a peril without a factor for every industry', () => {
    const problems = problemsOf(
      edited((file) => {
        delete (file.perils[2]!.industryFactors as Partial<Record<string, unknown>>)['Q'];
      }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^perils\.2\.industryFactors\.Q: /);
  });

  it('refuses a missing control', () => {
    const problems = problemsOf(
      edited((file) => {
        delete (file.controls as Partial<RatePlanFile['controls']>).web_application_firewall;
      }),
    );
    expect(problems).toEqual([expect.stringMatching(/^controls\.web_application_firewall: /) as unknown]);
  });

  it('refuses a control nobody has heard of', () => {
    const problems = problemsOf(
      edited((file) => {
        (file.controls as Record<string, unknown>)['quantum_firewall'] = structuredClone(
          file.controls.mfa_email,
        );
      }),
    );
    expect(problems).toEqual([expect.stringMatching(/^controls: .*quantum_firewall/) as unknown]);
  });

  it('refuses a control that makes things worse (factor above 1) or does nothing (no effects)', () => {
    expect(problemsOf(edited((file) => (file.controls.mfa_email.effects[0]!.factor.value = 1.2)))).toEqual([
      expect.stringMatching(/^controls\.mfa_email\.effects\.0\.factor\.value: /) as unknown,
    ]);
    expect(problemsOf(edited((file) => (file.controls.mfa_email.effects = [])))).toEqual([
      expect.stringMatching(/^controls\.mfa_email\.effects: /) as unknown,
    ]);
  });

  it('refuses a parameter without its source', () => {
    const problems = problemsOf(
      edited((file) => {
        delete (file.perils[0]!.annualRate as Partial<RatePlanFile['perils'][number]['annualRate']>).source;
      }),
    );
    expect(problems).toEqual([expect.stringMatching(/^perils\.0\.annualRate\.source: /) as unknown]);
  });

  it('refuses an unknown basis, a bad date and a bad reference revenue', () => {
    const problems = problemsOf(
      edited((file) => {
        (file.unevidencedCredit as { basis: string }).basis = 'guess';
        file.unevidencedCredit.asOf = '2026-13-01';
        file.reference.annualRevenue = '10,000,000';
      }),
    );
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'reference.annualRevenue',
      'unevidencedCredit.basis',
      'unevidencedCredit.asOf',
    ]);
  });

  it('refuses a region factor for a code that is not ISO alpha-2', () => {
    const problems = problemsOf(
      edited((file) => (file.regionSeverity.factors['usa'] = file.regionSeverity.factors['US']!)),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^regionSeverity\.factors/);
  });

  it('refuses an uplift whose cap is below 1', () => {
    const problems = problemsOf(edited((file) => (file.priorClaims.maximumFactor = 0.5)));
    expect(problems).toEqual([expect.stringMatching(/^priorClaims\.maximumFactor: /) as unknown]);
  });
});

describe('createProductCatalogue with the fixture plan', () => {
  it('refuses a product whose rate plan is missing', () => {
    const product = parseProduct(realProductJson(), REAL_PRODUCT_PATH);
    expect(() => createProductCatalogue([{ file: REAL_PRODUCT_PATH, product }], [fixtureRatePlan()])).toThrow(
      `${REAL_PRODUCT_PATH}: ratePlan: no rate plan cyber-sme-rates version 2026.11 in the catalogue`,
    );
  });

  it('refuses a product whose rate plan is in another currency', () => {
    const usdPlan = parseRatePlan(
      edited((file) => (file.currency = 'USD')),
      'usd',
    );
    expect(() => createProductCatalogue([{ file: 'p.json', product: fixtureProduct() }], [usdPlan])).toThrow(
      'p.json: currency: the product is in CNY but its rate plan is in USD',
    );
  });

  it('refuses the same product version twice, and picks the latest version by number, not text', () => {
    const product = fixtureProduct();
    expect(() =>
      createProductCatalogue(
        [
          { file: 'a.json', product },
          { file: 'b.json', product },
        ],
        [fixtureRatePlan()],
      ),
    ).toThrow('b.json: version: cyber-sme 2026.1 is defined twice');
    const catalogue = createProductCatalogue(
      [
        { file: 'a.json', product: { ...product, version: '2026.10' } },
        { file: 'b.json', product: { ...product, version: '2026.9' } },
        { file: 'c.json', product },
      ],
      [fixtureRatePlan()],
    );
    expect(catalogue.product('cyber-sme').version).toBe('2026.10');
    expect(catalogue.product('cyber-sme', '2026.9').version).toBe('2026.9');
    expect(catalogue.latestProducts().map((latest) => latest.version)).toEqual(['2026.10']);
    expect(() => catalogue.product('cyber-sme', '2025.1')).toThrow(
      expect.objectContaining({ code: 'product_not_found' }) as Error,
    );
    expect(() => catalogue.product('cyber-large')).toThrow(
      expect.objectContaining({ code: 'product_not_found' }) as Error,
    );
  });
});

const realPlanReason = `${REAL_RATE_PLAN_PATH} is not in the repository yet`;
describe.skipIf(!repositoryFileExists(REAL_RATE_PLAN_PATH))(
  `the real rate plan (${realPlanReason} if skipped)`,
  () => {
    it('parses and prices every peril for every industry', () => {
      const plan = parseRatePlan(readRepositoryJson(REAL_RATE_PLAN_PATH), REAL_RATE_PLAN_PATH);
      expect(plan.id).toBe('cyber-sme-rates');
      expect(plan.version).toBe('2026.11');
      expect(plan.currency).toBe('CNY');
      expect(plan.perils.length).toBeGreaterThan(0);
      for (const peril of plan.perils) {
        expect(peril.annualRate.value).toBeGreaterThan(0);
        expect(peril.annualRate.source.length).toBeGreaterThan(2);
      }
    });

    it('is accepted by the catalogue together with the real product', () => {
      const plan = parseRatePlan(readRepositoryJson(REAL_RATE_PLAN_PATH), REAL_RATE_PLAN_PATH);
      const product = parseProduct(realProductJson(), REAL_PRODUCT_PATH);
      const catalogue = createProductCatalogue([{ file: REAL_PRODUCT_PATH, product }], [plan]);
      expect(catalogue.ratePlanFor(catalogue.product('cyber-sme'))).toBe(plan);
    });

    it('puts losses only in sections the product sells', () => {
      const plan = parseRatePlan(readRepositoryJson(REAL_RATE_PLAN_PATH), REAL_RATE_PLAN_PATH);
      const product = parseProduct(realProductJson(), REAL_PRODUCT_PATH);
      const sold = new Set(product.sections.map((section) => section.id));
      for (const peril of plan.perils) {
        for (const loss of peril.losses) expect(sold.has(loss.section)).toBe(true);
      }
    });
  },
);
