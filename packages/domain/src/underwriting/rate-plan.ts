import { z } from 'zod';

import { moneyFromDecimal, moneyToMajorUnits } from '../shared/money.js';
import {
  CatalogueIdSchema,
  CurrencySchema,
  DecimalAmountSchema,
  LocalisedTextSchema,
  VersionSchema,
} from './catalogue-schema-parts.js';
import { INDUSTRY_SECTION_CODES, type IndustrySection } from './industry.js';
import {
  CatalogueFileError,
  COVERAGE_SECTION_IDS,
  describeZodIssues,
  type CoverageSectionId,
} from './product.js';
import { SECURITY_CONTROL_IDS, type SecurityControlId } from './security-controls.js';

/**
 * A rate-plan file (catalogue/rate-plans/…): the risk model's parameters. Every number that is not a pure
 * convention carries where it came from — `fitted` (by the committed calibration script, from data in the
 * repository's shared data pack), `published` (a cited figure) or `judgement` (an underwriting assumption,
 * to be replaced as the claims database grows) — and the date it was set. The loss model it feeds is
 * documented in docs/underwriting-model.md.
 */

export const PARAMETER_BASES = ['fitted', 'published', 'judgement'] as const;

function sourced<T extends z.ZodType>(value: T) {
  return z
    .object({
      value,
      basis: z.enum(PARAMETER_BASES),
      source: z.string().min(3),
      asOf: z.iso.date(),
    })
    .strict();
}

const PositiveFactor = sourced(z.number().positive().max(100));

const LognormalSeveritySchema = z
  .object({
    /** Median loss of one occurrence for the reference company, in major units of the plan currency. */
    median: sourced(z.number().positive()),
    sigma: sourced(z.number().positive().max(5)),
    /** What the median grows with: the company's revenue, its (weighted) records held, or nothing. */
    scaleWith: z.enum(['revenue', 'records', 'none']),
    /** median × (company / reference)^elasticity; ignored when scaleWith is "none". */
    elasticity: sourced(z.number().min(0).max(2)),
  })
  .strict();

const BusinessInterruptionSchema = z
  .object({
    /** Outage hours of one occurrence: lognormal median and sigma. */
    outageHoursMedian: sourced(z.number().positive().max(8760)),
    outageHoursSigma: sourced(z.number().positive().max(5)),
    /** Loss per outage hour as a multiple of the company's revenue per hour (annual revenue / 8760). */
    hourlyLossToHourlyRevenue: sourced(z.number().positive().max(50)),
  })
  .strict();

/**
 * Chance that an occurrence of the peril produces a loss in this section at all (a ransom is paid, a third
 * party claims, a regulator fines). The section then sees a thinned Poisson stream of rate λ × probability;
 * default 1.
 */
const OccurrenceProbability = sourced(z.number().positive().max(1)).optional();

const PerilLossSchema = z.union([
  z
    .object({
      section: z.enum(COVERAGE_SECTION_IDS),
      occurrenceProbability: OccurrenceProbability,
      severity: LognormalSeveritySchema,
    })
    .strict(),
  z
    .object({
      section: z.literal('business_interruption'),
      occurrenceProbability: OccurrenceProbability,
      businessInterruption: BusinessInterruptionSchema,
    })
    .strict(),
]);

const industryFactorsShape = Object.fromEntries(
  INDUSTRY_SECTION_CODES.map((code) => [code, PositiveFactor]),
) as Record<IndustrySection, typeof PositiveFactor>;

const PerilSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/),
    name: LocalisedTextSchema,
    /** Occurrences a year for the reference company in an average industry, before any control credit. */
    annualRate: sourced(z.number().nonnegative().max(10)),
    /** rate × (revenue / reference revenue)^elasticity. */
    revenueElasticity: sourced(z.number().min(0).max(2)),
    industryFactors: z.object(industryFactorsShape).strict(),
    losses: z.array(PerilLossSchema).min(1),
  })
  .strict();

const ControlEffectSchema = z
  .object({
    perils: z.array(z.string()).min(1),
    /** Sections whose losses it changes; all sections of the perils when left out. */
    sections: z.array(z.enum(COVERAGE_SECTION_IDS)).min(1).optional(),
    on: z.enum(['frequency', 'severity']),
    /** Multiplier when the control is in place and evidenced: below 1 lowers the risk. */
    factor: sourced(z.number().positive().max(1)),
  })
  .strict();

const controlsShape = Object.fromEntries(
  SECURITY_CONTROL_IDS.map((id) => [id, z.object({ effects: z.array(ControlEffectSchema).min(1) }).strict()]),
) as Record<SecurityControlId, z.ZodObject<{ effects: z.ZodArray<typeof ControlEffectSchema> }>>;

const UpliftSchema = z
  .object({
    perils: z.array(z.string()).min(1),
    /** Frequency multiplier for each one counted; the product of them is capped at maximumFactor. */
    factorEach: sourced(z.number().min(1).max(10)),
    maximumFactor: z.number().min(1).max(20),
  })
  .strict();

export const RatePlanFileSchema = z
  .object({
    $schema: z.string().optional(),
    id: CatalogueIdSchema,
    version: VersionSchema,
    currency: CurrencySchema,
    calibration: z
      .object({
        script: z.string().min(1),
        fittedOn: z.iso.date(),
        datasets: z
          .array(
            z
              .object({
                name: z.string().min(1),
                origin: z.string().min(1),
                licence: z.string().min(1),
                attribution: z.string().min(1),
              })
              .strict(),
          )
          .min(1),
        notes: z.array(z.string()).optional(),
      })
      .strict(),
    /** The company the base rates and medians describe. */
    reference: z
      .object({
        annualRevenue: DecimalAmountSchema,
        weightedRecordsHeld: z.number().int().positive(),
      })
      .strict(),
    /** Weights that turn records held by class into one count (a sensitive record costs more than a plain one). */
    recordWeights: z
      .object({ personal: PositiveFactor, sensitive: PositiveFactor, payment: PositiveFactor })
      .strict(),
    perils: z.array(PerilSchema).min(1),
    /** Each questionnaire control's effects. Unevidenced attestations earn `unevidencedCredit` of the effect. */
    controls: z.object(controlsShape).strict(),
    unevidencedCredit: sourced(z.number().min(0).max(1)),
    priorClaims: UpliftSchema,
    openCriticalFindings: UpliftSchema,
    openKnownExploitedFindings: UpliftSchema,
    /** Severity multipliers by country (ISO 3166-1 alpha-2) for the sections listed; others use 1. */
    regionSeverity: z
      .object({
        sections: z.array(z.enum(COVERAGE_SECTION_IDS)).min(1),
        factors: z.record(z.string().regex(/^[A-Z]{2}$/), PositiveFactor),
      })
      .strict(),
    score: z
      .object({
        /** Score of the reference company, average industry, with no controls credited. */
        base: z.number().min(0).max(100),
        /** Points added when the expected loss doubles (subtracted when it halves). */
        pointsPerDoubling: z.number().positive().max(50),
      })
      .strict(),
  })
  .strict();

export type RatePlanFile = z.infer<typeof RatePlanFileSchema>;
export type SourcedValue = RatePlanFile['unevidencedCredit'];
export type Peril = RatePlanFile['perils'][number];
export type PerilLoss = Peril['losses'][number];

export interface RatePlan extends Omit<RatePlanFile, '$schema'> {
  /** Reference revenue in major units (float: it only scales a simulation parameter). */
  readonly referenceRevenue: number;
}

function checkRatePlanConsistency(file: RatePlanFile): string[] {
  const problems: string[] = [];
  const perilIds = new Set<string>();
  file.perils.forEach((peril, index) => {
    if (perilIds.has(peril.id)) problems.push(`perils.${String(index)}.id: '${peril.id}' appears twice`);
    perilIds.add(peril.id);
    const sections = new Set<CoverageSectionId>();
    peril.losses.forEach((loss, lossIndex) => {
      const path = `perils.${String(index)}.losses.${String(lossIndex)}`;
      if (sections.has(loss.section)) problems.push(`${path}.section: '${loss.section}' appears twice`);
      sections.add(loss.section);
      if (loss.section === 'business_interruption' && !('businessInterruption' in loss)) {
        problems.push(`${path}: business interruption losses are outage hours × loss per hour`);
      }
    });
  });
  const requireKnownPerils = (path: string, perils: readonly string[]): void => {
    for (const peril of perils) {
      if (!perilIds.has(peril)) problems.push(`${path}: unknown peril '${peril}'`);
    }
  };
  for (const [control, { effects }] of Object.entries(file.controls)) {
    effects.forEach((effect, index) => {
      requireKnownPerils(`controls.${control}.effects.${String(index)}.perils`, effect.perils);
    });
  }
  requireKnownPerils('priorClaims.perils', file.priorClaims.perils);
  requireKnownPerils('openCriticalFindings.perils', file.openCriticalFindings.perils);
  requireKnownPerils('openKnownExploitedFindings.perils', file.openKnownExploitedFindings.perils);
  return problems;
}

/** Validates a parsed rate-plan file. `file` names it in errors. */
export function parseRatePlan(json: unknown, file: string): RatePlan {
  const parsed = RatePlanFileSchema.safeParse(json);
  if (!parsed.success) throw new CatalogueFileError(file, describeZodIssues(parsed.error));
  const problems = checkRatePlanConsistency(parsed.data);
  if (problems.length > 0) throw new CatalogueFileError(file, problems);
  const plan: RatePlanFile = { ...parsed.data };
  delete plan.$schema;
  return {
    ...plan,
    referenceRevenue: moneyToMajorUnits(moneyFromDecimal(plan.reference.annualRevenue, plan.currency)),
  };
}
