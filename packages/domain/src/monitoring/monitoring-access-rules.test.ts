import { describe } from 'vitest';
import { itMatchesTheAccessMatrix } from '../identity/testing/access-matrix.js';
import { MONITORING_ACCESS_RULES } from './monitoring-access-rules.js';

// Columns: underwriter, claims_handler, actuary, compliance_officer, security_admin, auditor, broker,
// policyholder, partner.
describe('monitoring access matrix (every role × action)', () => {
  itMatchesTheAccessMatrix(MONITORING_ACCESS_RULES, {
    'monitoring.enrol': ['Y', 'N', 'N', 'N', 'N', 'N', 'N', 'N', 'N'],
    'monitoring.read': ['Y', 'Y', 'Y', 'N', 'N', 'Y', 'Y', 'Y', 'Y'],
    'monitoring.rescan': ['Y', 'N', 'N', 'N', 'N', 'N', 'N', 'N', 'N'],
    'inventory.upload': ['Y', 'N', 'N', 'N', 'N', 'N', 'N', 'Y', 'Y'],
    'finding.triage': ['Y', 'N', 'N', 'N', 'N', 'N', 'N', 'Y', 'Y'],
    'finding.accept_risk': ['Y', 'N', 'N', 'N', 'N', 'N', 'N', 'Y', 'N'],
    'alert_rule.manage': ['Y', 'N', 'N', 'N', 'N', 'N', 'Y', 'Y', 'N'],
    'alert.acknowledge': ['Y', 'N', 'N', 'N', 'N', 'N', 'Y', 'Y', 'N'],
    'alert.close': ['Y', 'N', 'N', 'N', 'N', 'N', 'N', 'Y', 'N'],
    'partner_event.submit': ['N', 'N', 'N', 'N', 'N', 'N', 'N', 'N', 'Y'],
    'feed.read': ['Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'],
    'feed.import': ['N', 'N', 'N', 'N', 'N', 'N', 'N', 'N', 'N'],
  });
});
