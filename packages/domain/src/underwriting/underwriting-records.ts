import type { LocalisedText } from '../shared/localised-text.js';
import type { Money } from '../shared/money.js';
import type { Assessment } from './assess-risk.js';
import type { CoverageSelection } from './coverage-selection.js';
import type { PremiumBreakdown } from './premium.js';
import type { QuoteAction, QuoteStatus, SubmissionStatus } from './quote-lifecycle.js';
import type { RiskProfile } from './risk-profile.js';
import type { TriggeredRule } from './underwriting-rules.js';

/** A company's application for a product: its profile, editable while a draft, frozen once submitted. */
export interface Submission {
  readonly id: string;
  readonly organisationId: string;
  /** The insurer whose book this belongs to (the tenant that underwrites it). */
  readonly insurerId: string;
  /** The broker who placed it, if any; the broker's tenant sees it too. */
  readonly brokerId: string | null;
  readonly productId: string;
  readonly productVersion: string;
  readonly status: SubmissionStatus;
  readonly profile: RiskProfile;
  readonly createdAt: Date;
  readonly submittedAt: Date | null;
}

/** A submission as a list shows it: with the insured company's names, so a row reads without another look-up. */
export interface SubmissionListing {
  readonly submission: Submission;
  readonly organisationNameZh: string;
  readonly organisationNameEn: string | null;
}

/** Which submissions a list shows, in creation order (newest first unless asked), one page at a time. */
export interface SubmissionListFilter {
  readonly status?: SubmissionStatus;
  readonly organisationId?: string;
  readonly order?: 'newest_first' | 'oldest_first';
  readonly limit: number;
  readonly offset: number;
}

export interface QuoteContingency {
  readonly code: string;
  readonly text: LocalisedText;
  readonly satisfiedAt: Date | null;
}

/** One priced option for a submission. Its numbers never change; only its status moves. */
export interface Quote {
  readonly id: string;
  /** Human-readable, e.g. Q-2026-000012. */
  readonly reference: string;
  readonly submissionId: string;
  readonly organisationId: string;
  /** The insurer whose book this belongs to (the tenant that underwrites it). */
  readonly insurerId: string;
  /** The broker who placed it, if any; the broker's tenant sees it too. */
  readonly brokerId: string | null;
  readonly status: QuoteStatus;
  readonly coverage: CoverageSelection;
  readonly premium: PremiumBreakdown;
  /** The full assessment the quote was priced from (score, losses, rules), as it was at quoting time. */
  readonly assessment: Assessment;
  readonly triggeredRules: readonly TriggeredRule[];
  readonly preBindContingencies: readonly QuoteContingency[];
  readonly validUntil: Date;
  readonly createdAt: Date;
}

/** An entry of a quote's history: every status change, who asked for it and why. */
export interface QuoteEvent {
  readonly quoteId: string;
  readonly sequence: number;
  readonly action: QuoteAction | 'create' | 'satisfy_contingency';
  readonly fromStatus: QuoteStatus | null;
  readonly toStatus: QuoteStatus;
  readonly note: string | null;
  readonly at: Date;
}

export interface PolicyContingency {
  readonly code: string;
  readonly text: LocalisedText;
  /** Calendar date (YYYY-MM-DD) by which it must be met. */
  readonly dueDate: string;
}

/** An issued policy. Immutable: a later change is a new transaction, never an edit. */
export interface Policy {
  readonly id: string;
  /** e.g. CRP-CYB-2026-000001. */
  readonly policyNumber: string;
  readonly quoteId: string;
  readonly organisationId: string;
  /** The insurer whose book this belongs to (the tenant that underwrites it). */
  readonly insurerId: string;
  /** The broker who placed it, if any; the broker's tenant sees it too. */
  readonly brokerId: string | null;
  readonly productId: string;
  readonly productVersion: string;
  /** Calendar dates, YYYY-MM-DD; cover runs from the start of inception to the end of the day before expiry. */
  readonly inceptionDate: string;
  readonly expiryDate: string;
  readonly coverage: CoverageSelection;
  readonly premium: Money;
  readonly postBindContingencies: readonly PolicyContingency[];
  readonly issuedAt: Date;
}

export const POLICY_TRANSACTION_KINDS = ['issue'] as const;
export type PolicyTransactionKind = (typeof POLICY_TRANSACTION_KINDS)[number];

export interface PolicyTransaction {
  readonly policyId: string;
  readonly sequence: number;
  readonly kind: PolicyTransactionKind;
  readonly effectiveDate: string;
  readonly premiumChange: Money;
  readonly createdAt: Date;
}
