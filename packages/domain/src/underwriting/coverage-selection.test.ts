import { describe, expect, it } from 'vitest';

import { RuleViolationError } from '../shared/domain-error.js';
import { money } from '../shared/money.js';
import { largestSectionLimit, resolveCoverage, type CoverageChoice } from './coverage-selection.js';
import { parseProduct } from './product.js';
import { REAL_PRODUCT_PATH, realProductJson } from './testing/catalogue-files.js';

const product = parseProduct(realProductJson(), REAL_PRODUCT_PATH);
const CNY = (minor: number) => money(minor, 'CNY');

function refusal(choice: CoverageChoice): RuleViolationError {
  try {
    resolveCoverage(product, choice);
  } catch (error) {
    expect(error).toBeInstanceOf(RuleViolationError);
    expect((error as RuleViolationError).code).toBe('coverage_option_invalid');
    return error as RuleViolationError;
  }
  throw new Error('expected the choice to be refused');
}

describe('resolveCoverage', () => {
  it('takes every default when nothing is chosen, and covers every section in product order', () => {
    const selection = resolveCoverage(product);
    expect(selection).toEqual({
      sections: [
        { section: 'extortion', limit: CNY(50_000_000), retention: CNY(2_500_000), waitingPeriodHours: 0 },
        {
          section: 'business_interruption',
          limit: CNY(50_000_000),
          retention: CNY(1_000_000),
          waitingPeriodHours: 12,
        },
        {
          section: 'data_restoration',
          limit: CNY(50_000_000),
          retention: CNY(1_000_000),
          waitingPeriodHours: 0,
        },
        {
          section: 'incident_response',
          limit: CNY(50_000_000),
          retention: CNY(1_000_000),
          waitingPeriodHours: 0,
        },
        {
          section: 'privacy_liability',
          limit: CNY(100_000_000),
          retention: CNY(2_500_000),
          waitingPeriodHours: 0,
        },
        { section: 'regulatory', limit: CNY(50_000_000), retention: CNY(2_500_000), waitingPeriodHours: 0 },
      ],
      policyAggregate: CNY(200_000_000),
    });
    expect(resolveCoverage(product, { sections: [] })).toEqual(selection);
    expect(largestSectionLimit(selection)).toEqual(CNY(100_000_000));
  });

  it('keeps the chosen options and the defaults for the rest, whatever order sections are named in', () => {
    const selection = resolveCoverage(product, {
      sections: [
        { section: 'regulatory', retention: CNY(5_000_000) },
        { section: 'business_interruption', limit: CNY(200_000_000), waitingPeriodHours: 24 },
      ],
      policyAggregate: CNY(300_000_000),
    });
    expect(selection.sections[1]).toEqual({
      section: 'business_interruption',
      limit: CNY(200_000_000),
      retention: CNY(1_000_000),
      waitingPeriodHours: 24,
    });
    expect(selection.sections[5]).toEqual({
      section: 'regulatory',
      limit: CNY(50_000_000),
      retention: CNY(5_000_000),
      waitingPeriodHours: 0,
    });
    expect(selection.policyAggregate).toEqual(CNY(300_000_000));
  });

  it('refuses a limit not offered, naming the field and the options', () => {
    const error = refusal({ sections: [{ section: 'extortion', limit: CNY(75_000_000) }] });
    expect(error.field).toBe('sections.extortion.limit');
    expect(error.message).toBe(
      'sections.extortion.limit: 750000.00 CNY is not offered (choose one of 250000.00, 500000.00, 1000000.00, 2000000.00)',
    );
  });

  it('refuses a retention or aggregate not offered', () => {
    expect(refusal({ sections: [{ section: 'incident_response', retention: CNY(0) }] }).field).toBe(
      'sections.incident_response.retention',
    );
    const aggregate = refusal({ policyAggregate: CNY(400_000_000) });
    expect(aggregate.field).toBe('policyAggregate');
    expect(aggregate.message).toContain('1000000.00, 2000000.00, 3000000.00, 5000000.00');
  });

  it('refuses a section the product does not have', () => {
    const error = refusal({ sections: [{ section: 'extortion' }, { section: 'crime' }] });
    expect(error.field).toBe('sections[1].section');
    expect(error.message).toContain("no section 'crime'");
  });

  it('refuses a section chosen twice', () => {
    const error = refusal({
      sections: [{ section: 'extortion' }, { section: 'extortion', limit: CNY(25_000_000) }],
    });
    expect(error.field).toBe('sections[1].section');
    expect(error.message).toContain("'extortion' is chosen twice");
  });

  it('refuses a waiting period on a section that has none', () => {
    const error = refusal({ sections: [{ section: 'data_restoration', waitingPeriodHours: 12 }] });
    expect(error.field).toBe('sections.data_restoration.waitingPeriodHours');
    expect(error.message).toContain('this section has no waiting period');
    // Not even zero hours: the section has no waiting period to choose.
    expect(refusal({ sections: [{ section: 'data_restoration', waitingPeriodHours: 0 }] }).field).toBe(
      'sections.data_restoration.waitingPeriodHours',
    );
  });

  it('refuses a waiting period not offered for business interruption, listing the options', () => {
    const error = refusal({ sections: [{ section: 'business_interruption', waitingPeriodHours: 6 }] });
    expect(error.message).toContain('6 hours is not offered (choose one of 8, 12, 24)');
  });

  it('refuses an amount in another currency even when the number matches an option', () => {
    const error = refusal({ sections: [{ section: 'extortion', limit: money(50_000_000, 'USD') }] });
    expect(error.field).toBe('sections.extortion.limit');
    expect(error.message).toContain('500000.00 USD is not offered');
    expect(refusal({ policyAggregate: money(200_000_000, 'HKD') }).field).toBe('policyAggregate');
  });
});
