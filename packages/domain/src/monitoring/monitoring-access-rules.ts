import type { AccessRules } from '../identity/access-rules.js';

/** Every action on monitoring: insureds under watch, inventories, findings, alerts, partner events, feeds. */
export const MONITORING_ACTIONS = [
  'monitoring.enrol',
  'monitoring.read',
  'monitoring.rescan',
  'inventory.upload',
  'finding.triage',
  'finding.accept_risk',
  'alert_rule.manage',
  'alert.acknowledge',
  'alert.close',
  'partner_event.submit',
  'feed.read',
  'feed.import',
] as const;
export type MonitoringAction = (typeof MONITORING_ACTIONS)[number];

/**
 * The insurer's underwriter enrols an insured and can do everything on it; the insured company's own people
 * upload its inventories, triage its findings and handle its alerts; its broker watches and acknowledges;
 * the security firm it named uploads scans, triages and posts events. Feeds are imported by the platform
 * (the operator's CLI, or the scheduler), never by a tenant: they are shared by all.
 */
export const MONITORING_ACCESS_RULES: AccessRules<MonitoringAction> = {
  'monitoring.enrol': ['underwriter'],
  'monitoring.read': [
    'underwriter',
    'claims_handler',
    'actuary',
    'auditor',
    'broker',
    'policyholder',
    'partner',
  ],
  'monitoring.rescan': ['underwriter'],
  'inventory.upload': ['underwriter', 'policyholder', 'partner'],
  'finding.triage': ['underwriter', 'policyholder', 'partner'],
  'finding.accept_risk': ['underwriter', 'policyholder'],
  'alert_rule.manage': ['underwriter', 'broker', 'policyholder'],
  'alert.acknowledge': ['underwriter', 'broker', 'policyholder'],
  'alert.close': ['underwriter', 'policyholder'],
  'partner_event.submit': ['partner'],
  'feed.read': [
    'underwriter',
    'claims_handler',
    'actuary',
    'compliance_officer',
    'security_admin',
    'auditor',
    'broker',
    'policyholder',
    'partner',
  ],
  'feed.import': [],
};
