import { RuleViolationError } from '../shared/domain-error.js';
import { formatMoneyDecimal, type Money } from '../shared/money.js';
import type { CoverageSectionId, Product } from './product.js';

/** The limits and retentions chosen for one quote option. Every product section is part of the cover. */
export interface SectionSelection {
  readonly section: CoverageSectionId;
  readonly limit: Money;
  readonly retention: Money;
  /** Business interruption only; 0 elsewhere. */
  readonly waitingPeriodHours: number;
}

export interface CoverageSelection {
  readonly sections: readonly SectionSelection[];
  readonly policyAggregate: Money;
}

/** What a caller may leave out: any section or the aggregate not named takes the product's default. */
export interface CoverageChoice {
  readonly sections?: readonly {
    readonly section: string;
    readonly limit?: Money;
    readonly retention?: Money;
    readonly waitingPeriodHours?: number;
  }[];
  readonly policyAggregate?: Money;
}

function sameAmount(left: Money, right: Money): boolean {
  return left.minor === right.minor && left.currency === right.currency;
}

function requireOffered(value: Money, options: readonly Money[], field: string): Money {
  if (!options.some((option) => sameAmount(option, value))) {
    throw new RuleViolationError(
      'coverage_option_invalid',
      `${field}: ${formatMoneyDecimal(value)} ${value.currency} is not offered (choose one of ${options
        .map(formatMoneyDecimal)
        .join(', ')})`,
      field,
    );
  }
  return value;
}

/** Resolves a caller's choice against the product's options, filling defaults; refuses anything not offered. */
export function resolveCoverage(product: Product, choice: CoverageChoice = {}): CoverageSelection {
  const chosen = new Map<string, NonNullable<CoverageChoice['sections']>[number]>();
  (choice.sections ?? []).forEach((entry, index) => {
    if (!product.sections.some((section) => section.id === entry.section)) {
      throw new RuleViolationError(
        'coverage_option_invalid',
        `sections[${String(index)}].section: the product has no section '${entry.section}'`,
        `sections[${String(index)}].section`,
      );
    }
    if (chosen.has(entry.section)) {
      throw new RuleViolationError(
        'coverage_option_invalid',
        `sections[${String(index)}].section: '${entry.section}' is chosen twice`,
        `sections[${String(index)}].section`,
      );
    }
    chosen.set(entry.section, entry);
  });
  const sections = product.sections.map((section) => {
    const entry = chosen.get(section.id);
    const field = `sections.${section.id}`;
    const limit = requireOffered(
      entry?.limit ?? section.defaultLimit,
      section.limitOptions,
      `${field}.limit`,
    );
    const retention = requireOffered(
      entry?.retention ?? section.defaultRetention,
      section.retentionOptions,
      `${field}.retention`,
    );
    const waitingPeriodHours = entry?.waitingPeriodHours ?? section.defaultWaitingPeriodHours;
    if (
      entry?.waitingPeriodHours !== undefined &&
      !section.waitingPeriodHoursOptions.includes(entry.waitingPeriodHours)
    ) {
      throw new RuleViolationError(
        'coverage_option_invalid',
        section.waitingPeriodHoursOptions.length === 0
          ? `${field}.waitingPeriodHours: this section has no waiting period`
          : `${field}.waitingPeriodHours: ${String(entry.waitingPeriodHours)} hours is not offered (choose one of ${section.waitingPeriodHoursOptions.join(', ')})`,
        `${field}.waitingPeriodHours`,
      );
    }
    return { section: section.id, limit, retention, waitingPeriodHours };
  });
  const policyAggregate = requireOffered(
    choice.policyAggregate ?? product.defaultPolicyAggregate,
    product.policyAggregateOptions,
    'policyAggregate',
  );
  return { sections, policyAggregate };
}

export function largestSectionLimit(selection: CoverageSelection): Money {
  return selection.sections.reduce(
    (largest, section) => (section.limit.minor > largest.minor ? section.limit : largest),
    selection.sections[0]?.limit ?? selection.policyAggregate,
  );
}
