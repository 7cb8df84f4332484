import { RuleViolationError } from '../shared/domain-error.js';

/**
 * A finding's triage states. A decision (NOT_AFFECTED, FALSE_POSITIVE, RISK_ACCEPTED) survives rescans
 * because the finding is keyed by (insured, component, vulnerability alias group), not by SBOM version.
 */
export const FINDING_STATES = [
  'NEW',
  'IN_TRIAGE',
  'EXPLOITABLE',
  'NOT_AFFECTED',
  'FALSE_POSITIVE',
  'RISK_ACCEPTED',
  'RESOLVED',
] as const;
export type FindingState = (typeof FINDING_STATES)[number];

export function isFindingState(value: string): value is FindingState {
  return (FINDING_STATES as readonly string[]).includes(value);
}

/**
 * States that still expose the insured: they count towards its risk score. An accepted risk is still a risk;
 * only a decision that the vulnerability does not apply, or its removal, takes a finding out.
 */
export const EXPOSED_FINDING_STATES: readonly FindingState[] = [
  'NEW',
  'IN_TRIAGE',
  'EXPLOITABLE',
  'RISK_ACCEPTED',
];

/**
 * Why a component is not affected: CycloneDX VEX `analysis.justification` values, so a decision can be
 * exchanged with other tools as it is.
 */
export const NOT_AFFECTED_JUSTIFICATIONS = [
  'code_not_present',
  'code_not_reachable',
  'requires_configuration',
  'requires_dependency',
  'requires_environment',
  'protected_by_compiler',
  'protected_at_runtime',
  'protected_at_perimeter',
  'protected_by_mitigating_control',
] as const;
export type NotAffectedJustification = (typeof NOT_AFFECTED_JUSTIFICATIONS)[number];

export const SEVERITY_BANDS = ['critical', 'high', 'medium', 'low'] as const;
export type SeverityBand = (typeof SEVERITY_BANDS)[number];

/** What the feeds say about one finding's vulnerability, as of the last rescan. */
export interface FindingEvidence {
  readonly title: string;
  readonly componentName: string;
  readonly componentVersion: string | null;
  readonly purl: string | null;
  readonly advisoryIds: readonly string[];
  readonly cveIds: readonly string[];
  readonly cvssScore: number | null;
  readonly cvssVector: string | null;
  readonly epss: number | null;
  readonly kev: boolean;
  readonly knownRansomwareUse: boolean;
  readonly priority: number;
  readonly severityBand: SeverityBand;
}

export interface Finding extends FindingEvidence {
  readonly id: string;
  readonly monitoredInsuredId: string;
  /** The component's identity across inventory versions (purl without version, or `asset:vendor/product`). */
  readonly componentKey: string;
  /** The vulnerability's alias group key (the lowest CVE id of the group, else its lowest id). */
  readonly aliasGroup: string;
  readonly state: FindingState;
  readonly source: 'feed' | 'partner';
  readonly firstSeenAt: Date;
  readonly lastSeenAt: Date;
  readonly stateChangedAt: Date;
  readonly justification: string | null;
  readonly decidedBy: string | null;
  readonly riskAcceptedBy: string | null;
  readonly riskAcceptedUntil: Date | null;
  readonly resolvedAt: Date | null;
  readonly resolutionConfirmedAt: Date | null;
}

export const FINDING_EVENT_KINDS = [
  'detected',
  'triaged',
  'reopened',
  'resolved',
  'resolution_confirmed',
  'acceptance_expired',
  'rescored',
  're_keyed',
] as const;
export type FindingEventKind = (typeof FINDING_EVENT_KINDS)[number];

export interface FindingEvent {
  readonly findingId: string;
  readonly at: Date;
  readonly kind: FindingEventKind;
  readonly fromState: FindingState | null;
  readonly toState: FindingState;
  readonly actor: string;
  readonly justification: string | null;
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}

/** A person's triage decision on one finding. */
export type TriageDecision =
  | { readonly state: 'IN_TRIAGE' | 'EXPLOITABLE'; readonly note?: string }
  | {
      readonly state: 'NOT_AFFECTED';
      readonly justification: NotAffectedJustification;
      readonly note: string;
    }
  | { readonly state: 'FALSE_POSITIVE'; readonly note: string }
  | { readonly state: 'RISK_ACCEPTED'; readonly note: string; readonly until: Date }
  /** The insured says it is fixed; the next inventory without the component confirms it. */
  | { readonly state: 'RESOLVED'; readonly note?: string };

/** The longest a risk may be accepted before it must be looked at again. */
export const MAX_RISK_ACCEPTANCE_DAYS = 365;
const DAY_MS = 86_400_000;

/** The changes a triage decision makes to a finding, after checking it is allowed. */
export interface FindingChange {
  readonly state: FindingState;
  readonly justification: string | null;
  readonly decidedBy: string | null;
  readonly riskAcceptedBy: string | null;
  readonly riskAcceptedUntil: Date | null;
  readonly resolvedAt: Date | null;
  readonly resolutionConfirmedAt: Date | null;
  readonly stateChangedAt: Date;
}

function requireNote(note: string | undefined, state: FindingState): string {
  const trimmed = note?.trim() ?? '';
  if (trimmed.length < 10 || trimmed.length > 2000) {
    throw new RuleViolationError(
      'triage_invalid',
      `a ${state} decision needs a justification of 10 to 2000 characters`,
      'note',
    );
  }
  return trimmed;
}

/**
 * Applies a person's decision. Any state may be re-decided (people change their minds on new evidence); a
 * decision that takes the finding out of the insured's exposure must say why.
 */
export function decideTriage(
  finding: Finding,
  decision: TriageDecision,
  actor: string,
  now: Date,
): FindingChange {
  const base = {
    decidedBy: actor,
    riskAcceptedBy: null,
    riskAcceptedUntil: null,
    resolvedAt: null,
    resolutionConfirmedAt: null,
    stateChangedAt: now,
  };
  switch (decision.state) {
    case 'IN_TRIAGE':
    case 'EXPLOITABLE':
      return { ...base, state: decision.state, justification: decision.note?.trim() || null };
    case 'NOT_AFFECTED':
      return {
        ...base,
        state: 'NOT_AFFECTED',
        justification: `${decision.justification}: ${requireNote(decision.note, 'NOT_AFFECTED')}`,
      };
    case 'FALSE_POSITIVE':
      return {
        ...base,
        state: 'FALSE_POSITIVE',
        justification: requireNote(decision.note, 'FALSE_POSITIVE'),
      };
    case 'RISK_ACCEPTED': {
      const days = (decision.until.getTime() - now.getTime()) / DAY_MS;
      if (!(days > 0) || days > MAX_RISK_ACCEPTANCE_DAYS) {
        throw new RuleViolationError(
          'triage_invalid',
          `a risk can be accepted until a date in the next ${MAX_RISK_ACCEPTANCE_DAYS} days`,
          'until',
        );
      }
      return {
        ...base,
        state: 'RISK_ACCEPTED',
        justification: requireNote(decision.note, 'RISK_ACCEPTED'),
        riskAcceptedBy: actor,
        riskAcceptedUntil: decision.until,
      };
    }
    case 'RESOLVED':
      return {
        ...base,
        state: 'RESOLVED',
        justification: decision.note?.trim() || null,
        resolvedAt: now,
        resolutionConfirmedAt: finding.resolutionConfirmedAt,
      };
  }
}
