import { describe } from 'vitest';
import { itMatchesTheAccessMatrix } from './testing/access-matrix.js';
import { IDENTITY_ACCESS_RULES } from './identity-access-rules.js';

// Columns: underwriter, claims_handler, actuary, compliance_officer, security_admin, auditor, broker,
// policyholder, partner.
describe('identity and approvals access matrix (every role × action)', () => {
  itMatchesTheAccessMatrix(IDENTITY_ACCESS_RULES, {
    'user.create': ['N', 'N', 'N', 'N', 'Y', 'N', 'N', 'N', 'N'],
    'user.list': ['N', 'N', 'N', 'Y', 'Y', 'Y', 'N', 'N', 'N'],
    'api_token.create': ['N', 'N', 'N', 'N', 'Y', 'N', 'N', 'N', 'Y'],
    'api_token.list': ['N', 'N', 'N', 'N', 'Y', 'Y', 'N', 'N', 'Y'],
    'api_token.revoke': ['N', 'N', 'N', 'N', 'Y', 'N', 'N', 'N', 'Y'],
    'permission_grant.request': ['Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'],
    'permission_grant.list': ['N', 'N', 'N', 'N', 'Y', 'Y', 'N', 'N', 'N'],
    'permission_grant.decide': ['N', 'N', 'N', 'N', 'Y', 'N', 'N', 'N', 'N'],
    'data_access.request': ['Y', 'Y', 'Y', 'Y', 'N', 'Y', 'N', 'N', 'N'],
    'data_access.list': ['Y', 'Y', 'Y', 'Y', 'N', 'Y', 'N', 'N', 'N'],
    'data_access.decide': ['N', 'N', 'N', 'Y', 'N', 'N', 'N', 'N', 'N'],
    'audit.read': ['N', 'N', 'N', 'Y', 'N', 'Y', 'N', 'N', 'N'],
    'audit.verify': ['N', 'N', 'N', 'Y', 'Y', 'Y', 'N', 'N', 'N'],
  });
});
