import { z } from 'zod';

import { money, moneyFromDecimal, type CurrencyCode, type Money } from '../shared/money.js';
import type { LocalisedText } from '../shared/localised-text.js';
import {
  CatalogueIdSchema,
  CurrencySchema,
  DecimalAmountSchema,
  LocalisedTextSchema,
  VersionSchema,
} from './catalogue-schema-parts.js';
import { INDUSTRY_SECTION_CODES, type IndustrySection } from './industry.js';
import { SECURITY_CONTROL_IDS, type SecurityControlId } from './security-controls.js';

/**
 * A product file (catalogue/products/…): what an insurer sells — its coverage sections with their limit and
 * retention options, how premium is loaded, and when a quote is referred to an underwriter or declined.
 * Products are data: a new product or a new version is a new file, never a code change.
 */

export const COVERAGE_SECTION_IDS = [
  'extortion',
  'business_interruption',
  'data_restoration',
  'incident_response',
  'privacy_liability',
  'regulatory',
] as const;
export type CoverageSectionId = (typeof COVERAGE_SECTION_IDS)[number];

const IndustrySectionSchema = z.enum(INDUSTRY_SECTION_CODES as [IndustrySection, ...IndustrySection[]]);
const SecurityControlSchema = z.enum(SECURITY_CONTROL_IDS as [SecurityControlId, ...SecurityControlId[]]);

/** Facts a rule can count; each is a whole number. */
export const COUNTED_FACTS = [
  'employees',
  'recordsHeld',
  'priorClaims',
  'openCriticalFindings',
  'openKnownExploitedFindings',
] as const;
export type CountedFact = (typeof COUNTED_FACTS)[number];

/** Facts a rule can compare as money. */
export const AMOUNT_FACTS = ['annualRevenue', 'policyAggregateLimit', 'largestSectionLimit'] as const;
export type AmountFact = (typeof AMOUNT_FACTS)[number];

export type RuleCondition =
  | { readonly fact: AmountFact; readonly above: string }
  | { readonly fact: CountedFact; readonly atLeast: number }
  | { readonly industryIn: readonly IndustrySection[] }
  | { readonly controlMissing: SecurityControlId }
  | { readonly controlUnevidenced: SecurityControlId }
  | { readonly allOf: readonly RuleCondition[] }
  | { readonly anyOf: readonly RuleCondition[] };

const RuleConditionSchema: z.ZodType<RuleCondition> = z.lazy(() =>
  z.union([
    z.object({ fact: z.enum(AMOUNT_FACTS), above: DecimalAmountSchema }).strict(),
    z.object({ fact: z.enum(COUNTED_FACTS), atLeast: z.number().int().nonnegative() }).strict(),
    z.object({ industryIn: z.array(IndustrySectionSchema).min(1) }).strict(),
    z.object({ controlMissing: SecurityControlSchema }).strict(),
    z.object({ controlUnevidenced: SecurityControlSchema }).strict(),
    z.object({ allOf: z.array(RuleConditionSchema).min(1) }).strict(),
    z.object({ anyOf: z.array(RuleConditionSchema).min(1) }).strict(),
  ]),
);

const SectionSchema = z
  .object({
    id: z.enum(COVERAGE_SECTION_IDS),
    party: z.enum(['first', 'third']),
    name: LocalisedTextSchema,
    description: LocalisedTextSchema,
    limitOptions: z.array(DecimalAmountSchema).min(1),
    defaultLimit: DecimalAmountSchema,
    retentionOptions: z.array(DecimalAmountSchema).min(1),
    defaultRetention: DecimalAmountSchema,
    waitingPeriodHoursOptions: z.array(z.number().int().nonnegative().max(720)).min(1).optional(),
    defaultWaitingPeriodHours: z.number().int().nonnegative().max(720).optional(),
  })
  .strict();

const ContingencySchema = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{1,62}$/),
    text: LocalisedTextSchema,
    /** Only required of a company for which this condition holds (always, when left out). */
    when: RuleConditionSchema.optional(),
    /** Post-bind only: days after inception by which it must be met. */
    dueDays: z.number().int().positive().max(365).optional(),
  })
  .strict();

export const ProductFileSchema = z
  .object({
    $schema: z.string().optional(),
    id: CatalogueIdSchema,
    version: VersionSchema,
    name: LocalisedTextSchema,
    currency: CurrencySchema,
    ratePlan: z.object({ id: CatalogueIdSchema, version: VersionSchema }).strict(),
    termMonths: z.number().int().min(1).max(36),
    quoteValidDays: z.number().int().min(1).max(180),
    sections: z.array(SectionSchema).min(1),
    policyAggregateOptions: z.array(DecimalAmountSchema).min(1),
    defaultPolicyAggregate: DecimalAmountSchema,
    pricing: z
      .object({
        iterations: z.number().int().min(1000).max(1_000_000),
        riskLoad: z
          .object({
            method: z.literal('standard_deviation'),
            factor: z.number().min(0).max(2),
          })
          .strict(),
        expenseRatio: z.number().min(0).lt(1),
        profitRatio: z.number().min(0).lt(1),
        minimumPremium: DecimalAmountSchema,
        roundTo: DecimalAmountSchema,
      })
      .strict()
      // In basis points: 0.6 + 0.3 is 0.8999999999999999 in floating point.
      .refine((pricing) => Math.round((pricing.expenseRatio + pricing.profitRatio) * 10_000) < 9_000, {
        message: 'expenseRatio + profitRatio must stay below 0.9',
      }),
    contingencies: z
      .object({ preBind: z.array(ContingencySchema), postBind: z.array(ContingencySchema) })
      .strict(),
    rules: z.array(
      z
        .object({
          code: z.string().regex(/^[a-z][a-z0-9_]{1,62}$/),
          outcome: z.enum(['refer', 'decline']),
          when: RuleConditionSchema,
          reason: LocalisedTextSchema,
        })
        .strict(),
    ),
  })
  .strict();

export type ProductFile = z.infer<typeof ProductFileSchema>;

export interface CoverageSection {
  readonly id: CoverageSectionId;
  readonly party: 'first' | 'third';
  readonly name: LocalisedText;
  readonly description: LocalisedText;
  readonly limitOptions: readonly Money[];
  readonly defaultLimit: Money;
  readonly retentionOptions: readonly Money[];
  readonly defaultRetention: Money;
  /** Only business interruption has a waiting period (a time retention). */
  readonly waitingPeriodHoursOptions: readonly number[];
  readonly defaultWaitingPeriodHours: number;
}

export interface Contingency {
  readonly code: string;
  readonly text: LocalisedText;
  readonly when?: RuleCondition | undefined;
  readonly dueDays?: number | undefined;
}

export interface UnderwritingRule {
  readonly code: string;
  readonly outcome: 'refer' | 'decline';
  readonly when: RuleCondition;
  readonly reason: LocalisedText;
}

export interface Product {
  readonly id: string;
  readonly version: string;
  readonly name: LocalisedText;
  readonly currency: CurrencyCode;
  readonly ratePlan: { readonly id: string; readonly version: string };
  readonly termMonths: number;
  readonly quoteValidDays: number;
  readonly sections: readonly CoverageSection[];
  readonly policyAggregateOptions: readonly Money[];
  readonly defaultPolicyAggregate: Money;
  readonly pricing: {
    readonly iterations: number;
    readonly riskLoadFactor: number;
    readonly expenseRatio: number;
    readonly profitRatio: number;
    readonly minimumPremium: Money;
    readonly roundTo: Money;
  };
  readonly contingencies: {
    readonly preBind: readonly Contingency[];
    readonly postBind: readonly Contingency[];
  };
  readonly rules: readonly UnderwritingRule[];
}

/** A product or rate-plan file that does not validate; `problems` lists every issue with its JSON path. */
export class CatalogueFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'CatalogueFileError';
  }
}

type Issue = z.core.$ZodIssue;

function joinPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(file)' : path.map(String).join('.');
}

/**
 * One line per issue, with its JSON path. A value that fits none of a union's forms (a rule condition)
 * is explained by the form it came closest to: the one with the fewest problems that at least had the
 * right keys — otherwise "Invalid input" would be all the author learns.
 */
function describeIssue(issue: Issue, prefix: readonly PropertyKey[]): string {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const ranked = issue.errors
      .filter((branch) => branch.length > 0)
      .map((branch) => ({
        branch,
        score: branch.length + (branch.some((inner) => inner.code === 'unrecognized_keys') ? 100 : 0),
      }))
      .sort((left, right) => left.score - right.score);
    const closest = ranked[0]?.branch[0];
    if (closest !== undefined) {
      return `${joinPath(path)}: none of the allowed forms fits; closest: ${describeIssue(closest, path).replace(/^[^:]*: /, (head) => (closest.path.length === 0 ? '' : head))}`;
    }
  }
  return `${joinPath(path)}: ${issue.message}`;
}

export function describeZodIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => describeIssue(issue, []));
}

function requireAmongOptions(
  problems: string[],
  path: string,
  value: string | number | undefined,
  options: readonly (string | number)[] | undefined,
): void {
  if (value !== undefined && options !== undefined && !options.includes(value)) {
    problems.push(`${path}: ${String(value)} is not one of the options (${options.join(', ')})`);
  }
}

function checkProductConsistency(file: ProductFile): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  file.sections.forEach((section, index) => {
    const path = `sections.${String(index)}`;
    if (seen.has(section.id)) problems.push(`${path}.id: section '${section.id}' appears twice`);
    seen.add(section.id);
    requireAmongOptions(problems, `${path}.defaultLimit`, section.defaultLimit, section.limitOptions);
    requireAmongOptions(
      problems,
      `${path}.defaultRetention`,
      section.defaultRetention,
      section.retentionOptions,
    );
    const isInterruption = section.id === 'business_interruption';
    if (isInterruption && section.waitingPeriodHoursOptions === undefined) {
      problems.push(`${path}.waitingPeriodHoursOptions: business interruption needs waiting-period options`);
    }
    if (!isInterruption && section.waitingPeriodHoursOptions !== undefined) {
      problems.push(`${path}.waitingPeriodHoursOptions: only business interruption has a waiting period`);
    }
    if (!isInterruption && section.defaultWaitingPeriodHours !== undefined) {
      problems.push(`${path}.defaultWaitingPeriodHours: only business interruption has a waiting period`);
    }
    if (isInterruption && section.defaultWaitingPeriodHours === undefined) {
      problems.push(
        `${path}.defaultWaitingPeriodHours: business interruption needs a default waiting period`,
      );
    }
    requireAmongOptions(
      problems,
      `${path}.defaultWaitingPeriodHours`,
      section.defaultWaitingPeriodHours,
      section.waitingPeriodHoursOptions,
    );
  });
  requireAmongOptions(
    problems,
    'defaultPolicyAggregate',
    file.defaultPolicyAggregate,
    file.policyAggregateOptions,
  );
  const ruleCodes = new Set<string>();
  file.rules.forEach((rule, index) => {
    if (ruleCodes.has(rule.code)) problems.push(`rules.${String(index)}.code: '${rule.code}' appears twice`);
    ruleCodes.add(rule.code);
  });
  const contingencyCodes = new Set<string>();
  for (const [stage, list] of Object.entries(file.contingencies)) {
    list.forEach((contingency, index) => {
      if (contingencyCodes.has(contingency.code)) {
        problems.push(`contingencies.${stage}.${String(index)}.code: '${contingency.code}' appears twice`);
      }
      contingencyCodes.add(contingency.code);
    });
  }
  file.contingencies.postBind.forEach((contingency, index) => {
    if (contingency.dueDays === undefined) {
      problems.push(
        `contingencies.postBind.${String(index)}.dueDays: a post-bind contingency needs a due date`,
      );
    }
  });
  return problems;
}

/** Validates a parsed product file and converts its amounts to Money. `file` names it in errors. */
export function parseProduct(json: unknown, file: string): Product {
  const parsed = ProductFileSchema.safeParse(json);
  if (!parsed.success) throw new CatalogueFileError(file, describeZodIssues(parsed.error));
  const data = parsed.data;
  const problems = checkProductConsistency(data);
  if (problems.length > 0) throw new CatalogueFileError(file, problems);
  const currency = data.currency;
  const amountProblems: string[] = [];
  // The schema checks the shape of an amount; the currency decides how many decimals it may have.
  const amountAt =
    (path: string) =>
    (decimal: string, index?: number): Money => {
      try {
        return moneyFromDecimal(decimal, currency);
      } catch (error) {
        amountProblems.push(
          `${index === undefined ? path : `${path}.${String(index)}`}: ${(error as Error).message}`,
        );
        return money(0, currency);
      }
    };
  const product = buildProduct(data, currency, amountAt);
  data.rules.forEach((rule, index) => {
    checkRuleAmounts(rule.when, `rules.${String(index)}.when`, amountAt);
  });
  if (amountProblems.length > 0) throw new CatalogueFileError(file, amountProblems);
  return product;
}

function checkRuleAmounts(
  condition: RuleCondition,
  path: string,
  amountAt: (path: string) => (decimal: string) => Money,
): void {
  const inner =
    'allOf' in condition
      ? { list: condition.allOf, key: 'allOf' }
      : 'anyOf' in condition
        ? { list: condition.anyOf, key: 'anyOf' }
        : null;
  if (inner !== null) {
    inner.list.forEach((child, index) => {
      checkRuleAmounts(child, `${path}.${inner.key}.${String(index)}`, amountAt);
    });
  } else if ('above' in condition) {
    amountAt(`${path}.above`)(condition.above);
  }
}

function buildProduct(
  data: ProductFile,
  currency: CurrencyCode,
  amountAt: (path: string) => (decimal: string, index?: number) => Money,
): Product {
  return {
    id: data.id,
    version: data.version,
    name: data.name,
    currency,
    ratePlan: data.ratePlan,
    termMonths: data.termMonths,
    quoteValidDays: data.quoteValidDays,
    sections: data.sections.map((section, sectionIndex) => ({
      id: section.id,
      party: section.party,
      name: section.name,
      description: section.description,
      limitOptions: section.limitOptions.map(amountAt(`sections.${String(sectionIndex)}.limitOptions`)),
      defaultLimit: amountAt(`sections.${String(sectionIndex)}.defaultLimit`)(section.defaultLimit),
      retentionOptions: section.retentionOptions.map(
        amountAt(`sections.${String(sectionIndex)}.retentionOptions`),
      ),
      defaultRetention: amountAt(`sections.${String(sectionIndex)}.defaultRetention`)(
        section.defaultRetention,
      ),
      waitingPeriodHoursOptions: section.waitingPeriodHoursOptions ?? [],
      defaultWaitingPeriodHours: section.defaultWaitingPeriodHours ?? 0,
    })),
    policyAggregateOptions: data.policyAggregateOptions.map(amountAt('policyAggregateOptions')),
    defaultPolicyAggregate: amountAt('defaultPolicyAggregate')(data.defaultPolicyAggregate),
    pricing: {
      iterations: data.pricing.iterations,
      riskLoadFactor: data.pricing.riskLoad.factor,
      expenseRatio: data.pricing.expenseRatio,
      profitRatio: data.pricing.profitRatio,
      minimumPremium: amountAt('pricing.minimumPremium')(data.pricing.minimumPremium),
      roundTo: amountAt('pricing.roundTo')(data.pricing.roundTo),
    },
    contingencies: data.contingencies,
    rules: data.rules,
  };
}
