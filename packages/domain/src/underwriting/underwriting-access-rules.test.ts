import { describe, expect, it } from 'vitest';
import { isPermitted } from '../identity/access-rules.js';
import { actorWithRole, itMatchesTheAccessMatrix } from '../identity/testing/access-matrix.js';
import { UNDERWRITING_ACCESS_RULES } from './underwriting-access-rules.js';

// Columns: underwriter, claims_handler, actuary, compliance_officer, security_admin, auditor, broker,
// policyholder, partner.
describe('underwriting access matrix (every role × action)', () => {
  itMatchesTheAccessMatrix(UNDERWRITING_ACCESS_RULES, {
    'product.read': ['Y', 'Y', 'Y', 'Y', 'N', 'N', 'Y', 'Y', 'N'],
    'assessment.run': ['Y', 'N', 'Y', 'N', 'N', 'N', 'Y', 'Y', 'N'],
    'submission.create': ['Y', 'N', 'N', 'N', 'N', 'N', 'Y', 'Y', 'N'],
    'submission.read': ['Y', 'Y', 'Y', 'Y', 'N', 'N', 'Y', 'Y', 'N'],
    'submission.update': ['Y', 'N', 'N', 'N', 'N', 'N', 'Y', 'Y', 'N'],
    'submission.submit': ['Y', 'N', 'N', 'N', 'N', 'N', 'Y', 'Y', 'N'],
    'quote.create': ['Y', 'N', 'N', 'N', 'N', 'N', 'N', 'N', 'N'],
    'quote.read': ['Y', 'Y', 'Y', 'Y', 'N', 'N', 'Y', 'Y', 'N'],
    'quote.decide_referral': ['Y', 'N', 'N', 'N', 'N', 'N', 'N', 'N', 'N'],
    'quote.request_bind': ['Y', 'N', 'N', 'N', 'N', 'N', 'Y', 'Y', 'N'],
    'quote.withdraw_bind_request': ['Y', 'N', 'N', 'N', 'N', 'N', 'Y', 'Y', 'N'],
    'quote.bind': ['Y', 'N', 'N', 'N', 'N', 'N', 'N', 'N', 'N'],
    'quote.satisfy_contingency': ['Y', 'N', 'N', 'N', 'N', 'N', 'N', 'N', 'N'],
    'policy.issue': ['Y', 'N', 'N', 'N', 'N', 'N', 'N', 'N', 'N'],
    'policy.read': ['Y', 'Y', 'Y', 'Y', 'N', 'N', 'Y', 'Y', 'N'],
    'document.read': ['Y', 'Y', 'Y', 'Y', 'N', 'N', 'Y', 'Y', 'N'],
  });

  it('an API token narrowed to some actions allows only those, whatever its roles', () => {
    const token = actorWithRole('underwriter', ['quote.read']);
    expect(isPermitted(token, UNDERWRITING_ACCESS_RULES, 'quote.read')).toBe(true);
    expect(isPermitted(token, UNDERWRITING_ACCESS_RULES, 'quote.bind')).toBe(false);
  });

  it('a scope the roles do not allow grants nothing', () => {
    const token = actorWithRole('partner', ['quote.bind']);
    expect(isPermitted(token, UNDERWRITING_ACCESS_RULES, 'quote.bind')).toBe(false);
  });
});
