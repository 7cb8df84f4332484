import { describe } from 'vitest';
import { itMatchesTheAccessMatrix } from '../identity/testing/access-matrix.js';
import { PRIVACY_ACCESS_RULES } from './privacy-access-rules.js';

// Columns: underwriter, claims_handler, actuary, compliance_officer, security_admin, auditor, broker,
// policyholder, partner.
describe('personal data access matrix (every role × action)', () => {
  itMatchesTheAccessMatrix(PRIVACY_ACCESS_RULES, {
    'data_subject.create': ['Y', 'Y', 'N', 'Y', 'N', 'N', 'N', 'N', 'N'],
    'data_subject.read': ['Y', 'Y', 'N', 'Y', 'N', 'N', 'N', 'Y', 'N'],
    'data_subject.unmask': ['Y', 'Y', 'N', 'Y', 'N', 'N', 'N', 'N', 'N'],
    'data_subject.search': ['Y', 'Y', 'N', 'Y', 'N', 'N', 'N', 'N', 'N'],
    'data_subject.list': ['Y', 'Y', 'N', 'Y', 'N', 'N', 'N', 'N', 'N'],
    'legal_hold.place': ['N', 'N', 'N', 'Y', 'N', 'N', 'N', 'N', 'N'],
    'legal_hold.release': ['N', 'N', 'N', 'Y', 'N', 'N', 'N', 'N', 'N'],
    'legal_hold.list': ['N', 'N', 'N', 'Y', 'N', 'Y', 'N', 'N', 'N'],
    'subject_request.create': ['Y', 'Y', 'N', 'Y', 'N', 'N', 'N', 'N', 'N'],
    'subject_request.list': ['N', 'N', 'N', 'Y', 'N', 'Y', 'N', 'N', 'N'],
    'subject_request.fulfil_access': ['N', 'N', 'N', 'Y', 'N', 'N', 'N', 'N', 'N'],
    'subject_request.correct': ['N', 'N', 'N', 'Y', 'N', 'N', 'N', 'N', 'N'],
    'subject_request.refuse': ['N', 'N', 'N', 'Y', 'N', 'N', 'N', 'N', 'N'],
    'destruction.order': ['N', 'N', 'N', 'Y', 'N', 'N', 'N', 'N', 'N'],
    'destruction.witness': ['N', 'N', 'N', 'Y', 'N', 'Y', 'N', 'N', 'N'],
  });
});
