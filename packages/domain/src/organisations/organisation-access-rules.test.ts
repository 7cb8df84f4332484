import { describe } from 'vitest';
import { itMatchesTheAccessMatrix } from '../identity/testing/access-matrix.js';
import { ORGANISATION_ACCESS_RULES } from './organisation-access-rules.js';

// Columns: underwriter, claims_handler, actuary, compliance_officer, security_admin, auditor, broker,
// policyholder, partner.
describe('organisation access matrix (every role × action)', () => {
  itMatchesTheAccessMatrix(ORGANISATION_ACCESS_RULES, {
    'organisation.register': ['Y', 'N', 'N', 'N', 'Y', 'N', 'Y', 'N', 'N'],
    'organisation.read': ['Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'],
  });
});
