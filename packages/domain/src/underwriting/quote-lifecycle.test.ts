import { describe, expect, it } from 'vitest';

import { RuleViolationError } from '../shared/domain-error.js';
import {
  QUOTE_ACTIONS,
  QUOTE_STATUSES,
  QUOTE_TRANSITIONS,
  isQuoteFinal,
  isQuoteTransitionAllowed,
  nextQuoteStatus,
  type QuoteAction,
  type QuoteStatus,
} from './quote-lifecycle.js';

/** The lifecycle as the issue specifies it, written out independently of the module's table. */
const EXPECTED: Record<QuoteAction, { from: QuoteStatus[]; to: QuoteStatus }> = {
  approve_referral: { from: ['referred'], to: 'quoted' },
  decline_referral: { from: ['referred'], to: 'declined' },
  expire: { from: ['referred', 'quoted'], to: 'expired' },
  request_bind: { from: ['quoted'], to: 'bind_requested' },
  withdraw_bind_request: { from: ['bind_requested'], to: 'quoted' },
  bind: { from: ['bind_requested'], to: 'bound' },
  issue_policy: { from: ['bound'], to: 'policy_issued' },
};

const cells = QUOTE_STATUSES.flatMap((status) => QUOTE_ACTIONS.map((action) => [status, action] as const));

describe('the quote lifecycle table', () => {
  it('has exactly the specified actions and statuses', () => {
    expect([...QUOTE_ACTIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect([...QUOTE_STATUSES].sort()).toEqual(
      ['bind_requested', 'bound', 'declined', 'expired', 'policy_issued', 'quoted', 'referred'].sort(),
    );
  });

  it.each(cells)('from %s, %s follows the table', (status, action) => {
    const expected = EXPECTED[action];
    if (expected.from.includes(status)) {
      expect(isQuoteTransitionAllowed(status, action)).toBe(true);
      expect(nextQuoteStatus(status, action)).toBe(expected.to);
    } else {
      expect(isQuoteTransitionAllowed(status, action)).toBe(false);
      let thrown: unknown;
      try {
        nextQuoteStatus(status, action);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(RuleViolationError);
      expect(thrown).toMatchObject({ code: 'transition_not_allowed', field: 'status' });
      expect((thrown as Error).message).toContain(status.replaceAll('_', ' '));
      expect((thrown as Error).message).toContain(`only from: ${expected.from.join(', ')}`);
    }
  });

  it('makes declined, expired and policy_issued final, and nothing else', () => {
    const finals = QUOTE_STATUSES.filter((status) => isQuoteFinal(status));
    expect(finals.sort()).toEqual(['declined', 'expired', 'policy_issued']);
  });

  it('is the only source: changing the table changes what nextQuoteStatus allows', () => {
    const transition = QUOTE_TRANSITIONS.bind as { from: readonly QuoteStatus[] };
    const original = transition.from;
    try {
      transition.from = ['quoted'];
      expect(nextQuoteStatus('quoted', 'bind')).toBe('bound');
      expect(() => nextQuoteStatus('bind_requested', 'bind')).toThrow(RuleViolationError);
      expect(isQuoteFinal('bind_requested')).toBe(false);
    } finally {
      transition.from = original;
    }
    expect(nextQuoteStatus('bind_requested', 'bind')).toBe('bound');
  });

  it('reaches every status from a newly created quote', () => {
    const reachable = new Set<QuoteStatus>(['quoted', 'referred', 'declined']);
    for (let changed = true; changed;) {
      changed = false;
      for (const [status, action] of cells) {
        if (reachable.has(status) && isQuoteTransitionAllowed(status, action)) {
          const next = nextQuoteStatus(status, action);
          if (!reachable.has(next)) {
            reachable.add(next);
            changed = true;
          }
        }
      }
    }
    expect([...reachable].sort()).toEqual([...QUOTE_STATUSES].sort());
  });
});
