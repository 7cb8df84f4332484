import { RuleViolationError } from '../shared/domain-error.js';
import type { Money } from '../shared/money.js';
import type { IndustrySection } from './industry.js';
import { isIndustrySection } from './industry.js';
import { isSecurityControlId, type SecurityControlId } from './security-controls.js';

/** One questionnaire answer: is the control in place, and has the company shown evidence of it? */
export interface ControlAnswer {
  readonly adopted: boolean;
  /** Evidence seen (a screenshot, a configuration export, an auditor's letter). Unevidenced answers earn partial credit. */
  readonly evidenced: boolean;
}

export interface RecordsHeld {
  /** Ordinary personal information (names, phone numbers, addresses). */
  readonly personal: number;
  /** Sensitive personal information (PIPL art. 28: health, biometrics, financial accounts, minors, …). */
  readonly sensitive: number;
  /** Payment-card or bank-account records. */
  readonly payment: number;
}

/**
 * What the risk model knows about a company: firmographics, questionnaire answers and open findings.
 * Controls not listed count as not in place.
 */
export interface RiskProfile {
  readonly industry: IndustrySection;
  readonly annualRevenue: Money;
  readonly employees: number;
  readonly recordsHeld: RecordsHeld;
  /** ISO 3166-1 alpha-2 country of the company's main operations, e.g. "CN". */
  readonly country: string;
  readonly controls: Partial<Record<SecurityControlId, ControlAnswer>>;
  /** Cyber claims or incidents with a loss in the last three years. */
  readonly priorClaims: number;
  /** Unresolved findings from monitoring: critical ones, and those on CISA's known-exploited list. */
  readonly openFindings: { readonly critical: number; readonly knownExploited: number };
}

const MAX_COUNT = 10_000_000_000;

function requireCount(value: number, field: string, maximum = MAX_COUNT): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > maximum) {
    throw new RuleViolationError(
      'risk_profile_invalid',
      `${field} must be a whole number from 0 to ${String(maximum)} (got ${String(value)})`,
      field,
    );
  }
}

/** Checks the rules a profile must meet beyond its shape; throws naming the field. */
export function assertRiskProfileValid(profile: RiskProfile): void {
  if (!isIndustrySection(profile.industry)) {
    throw new RuleViolationError(
      'risk_profile_invalid',
      `industry must be a GB/T 4754-2017 section letter A–T (got '${String(profile.industry)}')`,
      'industry',
    );
  }
  if (profile.annualRevenue.minor <= 0) {
    throw new RuleViolationError('risk_profile_invalid', 'annualRevenue must be above zero', 'annualRevenue');
  }
  requireCount(profile.employees, 'employees', 10_000_000);
  if (profile.employees < 1) {
    throw new RuleViolationError('risk_profile_invalid', 'employees must be at least 1', 'employees');
  }
  requireCount(profile.recordsHeld.personal, 'recordsHeld.personal');
  requireCount(profile.recordsHeld.sensitive, 'recordsHeld.sensitive');
  requireCount(profile.recordsHeld.payment, 'recordsHeld.payment');
  requireCount(profile.priorClaims, 'priorClaims', 1000);
  requireCount(profile.openFindings.critical, 'openFindings.critical', 100_000);
  requireCount(profile.openFindings.knownExploited, 'openFindings.knownExploited', 100_000);
  if (!/^[A-Z]{2}$/.test(profile.country)) {
    throw new RuleViolationError(
      'risk_profile_invalid',
      `country must be an ISO 3166-1 alpha-2 code such as CN (got '${profile.country}')`,
      'country',
    );
  }
  for (const [control, answer] of Object.entries(profile.controls)) {
    if (!isSecurityControlId(control)) {
      throw new RuleViolationError(
        'risk_profile_invalid',
        `unknown control '${control}'`,
        `controls.${control}`,
      );
    }
    if (answer.evidenced && !answer.adopted) {
      throw new RuleViolationError(
        'risk_profile_invalid',
        `${control}: evidence was given for a control that is not in place`,
        `controls.${control}.evidenced`,
      );
    }
  }
}

/** Total records held by class (used by rules and shown to underwriters). */
export function totalRecordsHeld(records: RecordsHeld): number {
  return records.personal + records.sensitive + records.payment;
}
