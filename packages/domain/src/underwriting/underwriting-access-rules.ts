import type { AccessRules } from '../identity/access-rules.js';

/** Every action on products, assessments, submissions, quotes, policies and their documents. */
export const UNDERWRITING_ACTIONS = [
  'product.read',
  'assessment.run',
  'submission.create',
  'submission.read',
  'submission.update',
  'submission.submit',
  'quote.create',
  'quote.read',
  'quote.decide_referral',
  'quote.request_bind',
  'quote.withdraw_bind_request',
  'quote.bind',
  'quote.satisfy_contingency',
  'policy.issue',
  'policy.read',
  'document.read',
] as const;

export type UnderwritingAction = (typeof UNDERWRITING_ACTIONS)[number];

const INSURER_READERS = ['underwriter', 'actuary', 'claims_handler', 'compliance_officer'] as const;
const APPLICANTS = ['underwriter', 'broker', 'policyholder'] as const;

/**
 * Who does what in underwriting. Which records a role sees is the tenant's business (Row-Level Security and
 * the repositories); this table says which roles may take an action at all. Pricing and binding are the
 * underwriter's; the company or its broker fills in, submits and asks to bind; the security admin and the
 * auditor see no underwriting data (the auditor reads the audit log instead).
 */
export const UNDERWRITING_ACCESS_RULES: AccessRules<UnderwritingAction> = {
  'product.read': [...INSURER_READERS, 'broker', 'policyholder'],
  'assessment.run': [...APPLICANTS, 'actuary'],
  'submission.create': [...APPLICANTS],
  'submission.read': [...INSURER_READERS, 'broker', 'policyholder'],
  'submission.update': [...APPLICANTS],
  'submission.submit': [...APPLICANTS],
  'quote.create': ['underwriter'],
  'quote.read': [...INSURER_READERS, 'broker', 'policyholder'],
  'quote.decide_referral': ['underwriter'],
  'quote.request_bind': [...APPLICANTS],
  'quote.withdraw_bind_request': [...APPLICANTS],
  'quote.bind': ['underwriter'],
  'quote.satisfy_contingency': ['underwriter'],
  'policy.issue': ['underwriter'],
  'policy.read': [...INSURER_READERS, 'broker', 'policyholder'],
  'document.read': [...INSURER_READERS, 'broker', 'policyholder'],
};
