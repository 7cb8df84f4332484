import { describe, expect, it } from 'vitest';

import { CatalogueFileError, parseProduct, type Product } from './product.js';
import { REAL_PRODUCT_PATH, realProductJson } from './testing/catalogue-files.js';

type Json = Record<string, unknown>;

/** The real product file with `edit` applied to a fresh copy. */
function edited(edit: (json: Json) => void): Json {
  const json = realProductJson();
  edit(json);
  return json;
}

function sections(json: Json): Json[] {
  return json['sections'] as Json[];
}

function rules(json: Json): Json[] {
  return json['rules'] as Json[];
}

/** The problems parseProduct reports for `json`; fails the test if it parses. */
function problemsOf(json: unknown): readonly string[] {
  try {
    parseProduct(json, 'products/test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogueFileError);
    const fileError = error as CatalogueFileError;
    expect(fileError.file).toBe('products/test.json');
    expect(fileError.message.startsWith('products/test.json: ')).toBe(true);
    return fileError.problems;
  }
  throw new Error('expected the product to be refused');
}

describe('parseProduct on the real cyber-sme product file', () => {
  const product: Product = parseProduct(realProductJson(), REAL_PRODUCT_PATH);

  it('parses the shipped product and converts amounts to CNY minor units', () => {
    expect(product.id).toBe('cyber-sme');
    expect(product.version).toBe('2026.1');
    expect(product.currency).toBe('CNY');
    expect(product.ratePlan).toEqual({ id: 'cyber-sme-rates', version: '2026.11' });
    expect(product.sections.map((section) => section.id)).toEqual([
      'extortion',
      'business_interruption',
      'data_restoration',
      'incident_response',
      'privacy_liability',
      'regulatory',
    ]);
    const extortion = product.sections[0]!;
    expect(extortion.defaultLimit).toEqual({ minor: 50_000_000, currency: 'CNY' });
    expect(extortion.limitOptions.map((option) => option.minor)).toEqual([
      25_000_000, 50_000_000, 100_000_000, 200_000_000,
    ]);
    expect(product.defaultPolicyAggregate).toEqual({ minor: 200_000_000, currency: 'CNY' });
    expect(product.pricing).toEqual({
      iterations: 100_000,
      riskLoadFactor: 0.05,
      expenseRatio: 0.25,
      profitRatio: 0.05,
      minimumPremium: { minor: 150_000, currency: 'CNY' },
      roundTo: { minor: 100, currency: 'CNY' },
    });
  });

  it('gives business interruption its waiting periods and every other section none', () => {
    for (const section of product.sections) {
      if (section.id === 'business_interruption') {
        expect(section.waitingPeriodHoursOptions).toEqual([8, 12, 24]);
        expect(section.defaultWaitingPeriodHours).toBe(12);
      } else {
        expect(section.waitingPeriodHoursOptions).toEqual([]);
        expect(section.defaultWaitingPeriodHours).toBe(0);
      }
    }
  });

  it('keeps every default among its options', () => {
    const has = (options: readonly { minor: number }[], value: { minor: number }) =>
      options.some((option) => option.minor === value.minor);
    for (const section of product.sections) {
      expect(has(section.limitOptions, section.defaultLimit)).toBe(true);
      expect(has(section.retentionOptions, section.defaultRetention)).toBe(true);
    }
    expect(has(product.policyAggregateOptions, product.defaultPolicyAggregate)).toBe(true);
  });

  it('keeps rules and contingencies as written, with unique rule codes', () => {
    expect(product.rules).toHaveLength(12);
    expect(new Set(product.rules.map((rule) => rule.code)).size).toBe(product.rules.length);
    expect(product.contingencies.preBind.map((contingency) => contingency.code)).toEqual([
      'signed_application',
      'mfa_remote_access_evidence',
      'offline_backup_evidence',
    ]);
    expect(product.contingencies.postBind.every((contingency) => contingency.dueDays !== undefined)).toBe(
      true,
    );
  });
});

describe('parseProduct refuses invalid files, naming the JSON path', () => {
  it('refuses an unknown top-level key', () => {
    const problems = problemsOf(edited((json) => (json['colour'] = 'blue')));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^\(file\): .*colour/);
  });

  it('refuses an unknown key inside a section', () => {
    const problems = problemsOf(edited((json) => (sections(json)[2]!['sublimit'] = '1.00')));
    expect(problems.join('\n')).toMatch(/^sections\.2: .*sublimit/m);
  });

  it.each([
    ['a float instead of a string', 250000],
    ['three decimals', '250000.000'],
    ['a thousands separator', '250,000.00'],
    ['a negative amount', '-1.00'],
  ])('refuses a limit option written as %s', (_label, amount) => {
    const problems = problemsOf(
      edited((json) => {
        (sections(json)[0]!['limitOptions'] as unknown[])[1] = amount;
      }),
    );
    expect(problems.some((problem) => problem.startsWith('sections.0.limitOptions.1: '))).toBe(true);
  });

  it('explains what an amount must look like', () => {
    const problems = problemsOf(edited((json) => (json['defaultPolicyAggregate'] = '2 000 000')));
    expect(problems).toEqual(['defaultPolicyAggregate: an amount is a decimal string such as "250000.00"']);
  });

  it('refuses a default limit that is not among the limit options, listing them', () => {
    const problems = problemsOf(edited((json) => (sections(json)[0]!['defaultLimit'] = '750000.00')));
    expect(problems).toEqual([
      'sections.0.defaultLimit: 750000.00 is not one of the options (250000.00, 500000.00, 1000000.00, 2000000.00)',
    ]);
  });

  it('refuses a default retention, waiting period or aggregate not among its options', () => {
    const problems = problemsOf(
      edited((json) => {
        sections(json)[3]!['defaultRetention'] = '7500.00';
        sections(json)[1]!['defaultWaitingPeriodHours'] = 6;
        json['defaultPolicyAggregate'] = '4000000.00';
      }),
    );
    expect(problems).toEqual([
      'sections.1.defaultWaitingPeriodHours: 6 is not one of the options (8, 12, 24)',
      'sections.3.defaultRetention: 7500.00 is not one of the options (5000.00, 10000.00, 25000.00)',
      'defaultPolicyAggregate: 4000000.00 is not one of the options (1000000.00, 2000000.00, 3000000.00, 5000000.00)',
    ]);
  });

  it('refuses a section that appears twice', () => {
    const problems = problemsOf(
      edited((json) => {
        sections(json).push(structuredClone(sections(json)[4]!));
      }),
    );
    expect(problems).toEqual(["sections.6.id: section 'privacy_liability' appears twice"]);
  });

  it('refuses business interruption without waiting-period options', () => {
    const problems = problemsOf(
      edited((json) => {
        delete sections(json)[1]!['waitingPeriodHoursOptions'];
        delete sections(json)[1]!['defaultWaitingPeriodHours'];
      }),
    );
    expect(problems).toEqual([
      'sections.1.waitingPeriodHoursOptions: business interruption needs waiting-period options',
      'sections.1.defaultWaitingPeriodHours: business interruption needs a default waiting period',
    ]);
  });

  it('refuses waiting-period options on a section other than business interruption', () => {
    const problems = problemsOf(
      edited((json) => {
        sections(json)[0]!['waitingPeriodHoursOptions'] = [12];
        sections(json)[0]!['defaultWaitingPeriodHours'] = 12;
      }),
    );
    expect(problems).toEqual([
      'sections.0.waitingPeriodHoursOptions: only business interruption has a waiting period',
      'sections.0.defaultWaitingPeriodHours: only business interruption has a waiting period',
    ]);
  });

  // A default waiting period alone, without options, slips past both checks: the parsed extortion section
  // then carries a 24-hour default waiting period, which coverage selection copies into every quote.
  it('refuses a default waiting period on a section other than business interruption', () => {
    const problems = problemsOf(edited((json) => (sections(json)[0]!['defaultWaitingPeriodHours'] = 24)));
    expect(problems.join('\n')).toMatch(/^sections\.0\.defaultWaitingPeriodHours: /m);
  });

  // Without a default, parseProduct falls back to 0 hours — not one of the offered options — and every quote
  // that does not name a waiting period gets cover from the first hour.
  it('refuses business interruption whose default waiting period is missing', () => {
    const problems = problemsOf(edited((json) => delete sections(json)[1]!['defaultWaitingPeriodHours']));
    expect(problems.join('\n')).toMatch(/^sections\.1\.defaultWaitingPeriodHours: /m);
  });

  it('refuses a rule code that appears twice', () => {
    const problems = problemsOf(
      edited((json) => {
        rules(json)[7]!['code'] = 'prior_claims';
      }),
    );
    expect(problems).toEqual(["rules.7.code: 'prior_claims' appears twice"]);
  });

  it('refuses a post-bind contingency without dueDays', () => {
    const problems = problemsOf(
      edited((json) => {
        const postBind = (json['contingencies'] as Json)['postBind'] as Json[];
        delete postBind[1]!['dueDays'];
      }),
    );
    expect(problems).toEqual(['contingencies.postBind.1.dueDays: a post-bind contingency needs a due date']);
  });

  it.each([
    [0.6, 0.3],
    [0.85, 0.05],
  ])('refuses expenseRatio %d + profitRatio %d reaching 0.9', (expenseRatio, profitRatio) => {
    const problems = problemsOf(
      edited((json) => {
        const pricing = json['pricing'] as Json;
        pricing['expenseRatio'] = expenseRatio;
        pricing['profitRatio'] = profitRatio;
      }),
    );
    expect(problems).toEqual(['pricing: expenseRatio + profitRatio must stay below 0.9']);
  });

  it('accepts expenseRatio + profitRatio just below 0.9', () => {
    const json = edited((json) => {
      const pricing = json['pricing'] as Json;
      pricing['expenseRatio'] = 0.6;
      pricing['profitRatio'] = 0.29;
    });
    expect(parseProduct(json, 'products/test.json').pricing.profitRatio).toBe(0.29);
  });

  it('refuses too few simulated years', () => {
    const problems = problemsOf(edited((json) => ((json['pricing'] as Json)['iterations'] = 999)));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^pricing\.iterations: /);
  });

  it('refuses an unknown control in a rule condition, at the rule', () => {
    const problems = problemsOf(
      edited((json) => {
        rules(json)[10]!['when'] = { controlMissing: 'firewall_of_doom' };
      }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^rules\.10\.when/);
  });

  // The union's own message ("Invalid input") does not tell the author what is wrong; the nested issue
  // (an invalid option, listing the controls) is what makes the error clear.
  it('says which control name is wrong in a rule condition', () => {
    const problems = problemsOf(
      edited((json) => {
        rules(json)[10]!['when'] = { controlMissing: 'firewall_of_doom' };
      }),
    );
    expect(problems.join('\n')).toMatch(/controlMissing|mfa_remote_access|firewall_of_doom/);
  });

  it('accepts nested allOf and anyOf conditions', () => {
    const when = {
      anyOf: [
        { allOf: [{ controlMissing: 'mfa_email' }, { fact: 'employees', atLeast: 500 }] },
        { allOf: [{ industryIn: ['J'] }, { anyOf: [{ fact: 'annualRevenue', above: '100000000.00' }] }] },
      ],
    };
    const json = edited((json) => rules(json).push({ ...rules(json)[0]!, code: 'nested', when }));
    expect(parseProduct(json, 'products/test.json').rules.at(-1)?.when).toEqual(when);
  });

  it('refuses an invalid condition deep inside allOf/anyOf', () => {
    const problems = problemsOf(
      edited((json) => {
        rules(json)[9]!['when'] = {
          allOf: [
            { controlMissing: 'mfa_remote_access' },
            { anyOf: [{ fact: 'priorClaims', atLeast: 1.5 }] },
          ],
        };
      }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^rules\.9\.when/);
  });

  it('refuses empty allOf, and a counted fact compared as an amount', () => {
    expect(problemsOf(edited((json) => (rules(json)[0]!['when'] = { allOf: [] })))[0]).toMatch(
      /^rules\.0\.when/,
    );
    expect(
      problemsOf(edited((json) => (rules(json)[0]!['when'] = { fact: 'employees', above: '10.00' })))[0],
    ).toMatch(/^rules\.0\.when/);
  });

  it('refuses an unsupported currency', () => {
    expect(problemsOf(edited((json) => (json['currency'] = 'XAU')))).toEqual([
      'currency: must be an ISO 4217 code Carapace supports (CNY, HKD, USD, EUR, GBP, JPY)',
    ]);
  });

  // JPY has no minor unit, so "250000.00" cannot be a JPY amount. The schema's amount pattern allows two
  // decimals for every currency; the conversion afterwards throws a bare RangeError that names neither the
  // file nor the field.
  it('refuses decimals in a JPY product as a catalogue error naming the field', () => {
    const problems = problemsOf(edited((json) => (json['currency'] = 'JPY')));
    expect(problems.join('\n')).toMatch(/^sections\.0\.limitOptions\.0: /m);
  });

  it('lists every consistency problem at once rather than only the first', () => {
    const problems = problemsOf(
      edited((json) => {
        sections(json)[0]!['defaultLimit'] = '1.00';
        rules(json)[1]!['code'] = 'revenue_outside_appetite';
      }),
    );
    expect(problems).toHaveLength(2);
  });
});
