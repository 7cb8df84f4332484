import { RuleViolationError } from '../shared/domain-error.js';

/**
 * The quote's state machine, as one table. A quote is born `quoted`, `referred` or `declined` (the product's
 * rules decide); everything after that is an action from this table, and any action not allowed from the
 * current status is refused with `transition_not_allowed`. `declined`, `expired` and `policy_issued` are final.
 *
 *   referred ──approve_referral──▶ quoted ──request_bind──▶ bind_requested ──bind──▶ bound ──issue_policy──▶ policy_issued
 *      │                             │  ▲                       │
 *      └──decline_referral──▶ declined   └─withdraw_bind_request─┘
 *   quoted / referred ──expire──▶ expired   (when the quote's validity has passed)
 */
export const QUOTE_STATUSES = [
  'referred',
  'quoted',
  'declined',
  'expired',
  'bind_requested',
  'bound',
  'policy_issued',
] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export const QUOTE_TRANSITIONS = {
  approve_referral: { from: ['referred'], to: 'quoted' },
  decline_referral: { from: ['referred'], to: 'declined' },
  expire: { from: ['referred', 'quoted'], to: 'expired' },
  request_bind: { from: ['quoted'], to: 'bind_requested' },
  withdraw_bind_request: { from: ['bind_requested'], to: 'quoted' },
  bind: { from: ['bind_requested'], to: 'bound' },
  issue_policy: { from: ['bound'], to: 'policy_issued' },
} as const satisfies Record<string, { from: readonly QuoteStatus[]; to: QuoteStatus }>;

export type QuoteAction = keyof typeof QUOTE_TRANSITIONS;
export const QUOTE_ACTIONS = Object.keys(QUOTE_TRANSITIONS) as QuoteAction[];

export function isQuoteTransitionAllowed(status: QuoteStatus, action: QuoteAction): boolean {
  return (QUOTE_TRANSITIONS[action].from as readonly QuoteStatus[]).includes(status);
}

/** The status after `action`, or `transition_not_allowed` naming what would have been needed. */
export function nextQuoteStatus(status: QuoteStatus, action: QuoteAction): QuoteStatus {
  const transition = QUOTE_TRANSITIONS[action];
  if (!isQuoteTransitionAllowed(status, action)) {
    throw new RuleViolationError(
      'transition_not_allowed',
      `cannot ${action.replaceAll('_', ' ')} a quote that is ${status.replaceAll('_', ' ')} (only from: ${transition.from.join(', ')})`,
      'status',
    );
  }
  return transition.to;
}

/** Statuses a quote can still leave. */
export function isQuoteFinal(status: QuoteStatus): boolean {
  return QUOTE_ACTIONS.every((action) => !isQuoteTransitionAllowed(status, action));
}

export const SUBMISSION_STATUSES = ['draft', 'submitted'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
