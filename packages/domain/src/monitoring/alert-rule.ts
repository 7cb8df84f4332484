import { RuleViolationError } from '../shared/domain-error.js';
import { ECOSYSTEMS, type Ecosystem } from './advisory.js';
import { SEVERITY_BANDS, type FindingEvidence, type SeverityBand } from './finding.js';

/**
 * When a rule raises an alert. Presets cover what most insureds want (the anti-flood default is KEV only);
 * a custom condition combines bounded criteria with AND. It is data, not an expression language: nothing a
 * rule author writes is ever evaluated as code.
 */
export type AlertCondition =
  | { readonly preset: 'kev_only' }
  | { readonly preset: 'epss_at_least'; readonly threshold: number }
  | { readonly preset: 'priority_at_least'; readonly threshold: number }
  | {
      readonly preset: 'custom';
      readonly minPriority?: number;
      readonly minEpss?: number;
      readonly kevOnly?: boolean;
      readonly ransomwareOnly?: boolean;
      readonly severityBands?: readonly SeverityBand[];
      readonly ecosystems?: readonly Ecosystem[];
    };

export const ALERT_AUDIENCES = ['policyholder', 'broker', 'insurer'] as const;
export type AlertAudience = (typeof ALERT_AUDIENCES)[number];
export const ALERT_MODES = ['immediate', 'digest'] as const;
export type AlertMode = (typeof ALERT_MODES)[number];
export const ALERT_CHANNELS = ['webhook', 'email', 'inbox'] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];

export interface AlertRule {
  readonly id: string;
  readonly monitoredInsuredId: string;
  readonly name: string;
  readonly audience: AlertAudience;
  readonly condition: AlertCondition;
  readonly mode: AlertMode;
  readonly channel: AlertChannel;
  /** Encrypted under the rule's own data key; null for the in-app inbox. */
  readonly targetCiphertext: string | null;
  /** What screens show of the target (`a***@example.com`, `https://hooks.example.com/…`). */
  readonly targetHint: string | null;
  readonly secretCiphertext: string | null;
  readonly acknowledgeWithinHours: number;
  readonly enabled: boolean;
  readonly createdBy: string;
  readonly createdAt: Date;
}

/** What a rule looks at: the finding's evidence and its component's ecosystem. */
export interface AlertCandidate extends FindingEvidence {
  readonly ecosystem: Ecosystem | null;
}

function fraction(value: number | undefined, field: string): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= 0 && value <= 1)) {
    throw new RuleViolationError('alert_rule_invalid', `${field} must be a number from 0 to 1`, field);
  }
}

function score(value: number | undefined, field: string): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= 0 && value <= 100)) {
    throw new RuleViolationError(
      'alert_rule_invalid',
      `${field} must be a whole number from 0 to 100`,
      field,
    );
  }
}

/** @throws RuleViolationError `alert_rule_invalid` naming the field. */
export function assertAlertConditionValid(condition: AlertCondition): void {
  switch (condition.preset) {
    case 'kev_only':
      return;
    case 'epss_at_least':
      fraction(condition.threshold, 'condition.threshold');
      return;
    case 'priority_at_least':
      score(condition.threshold, 'condition.threshold');
      return;
    case 'custom': {
      score(condition.minPriority, 'condition.minPriority');
      fraction(condition.minEpss, 'condition.minEpss');
      for (const band of condition.severityBands ?? []) {
        if (!SEVERITY_BANDS.includes(band)) {
          throw new RuleViolationError(
            'alert_rule_invalid',
            `unknown severity band ${band}`,
            'condition.severityBands',
          );
        }
      }
      for (const ecosystem of condition.ecosystems ?? []) {
        if (!ECOSYSTEMS.includes(ecosystem)) {
          throw new RuleViolationError(
            'alert_rule_invalid',
            `unknown ecosystem ${ecosystem}`,
            'condition.ecosystems',
          );
        }
      }
      return;
    }
    default:
      throw new RuleViolationError('alert_rule_invalid', 'unknown condition preset', 'condition.preset');
  }
}

export function alertConditionMatches(condition: AlertCondition, candidate: AlertCandidate): boolean {
  switch (condition.preset) {
    case 'kev_only':
      return candidate.kev;
    case 'epss_at_least':
      return (candidate.epss ?? 0) >= condition.threshold;
    case 'priority_at_least':
      return candidate.priority >= condition.threshold;
    case 'custom':
      return (
        candidate.priority >= (condition.minPriority ?? 0) &&
        (candidate.epss ?? 0) >= (condition.minEpss ?? 0) &&
        (condition.kevOnly !== true || candidate.kev) &&
        (condition.ransomwareOnly !== true || candidate.knownRansomwareUse) &&
        (condition.severityBands === undefined ||
          condition.severityBands.length === 0 ||
          condition.severityBands.includes(candidate.severityBand)) &&
        (condition.ecosystems === undefined ||
          condition.ecosystems.length === 0 ||
          (candidate.ecosystem !== null && condition.ecosystems.includes(candidate.ecosystem)))
      );
  }
}
