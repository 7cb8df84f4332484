import type { RoleCode } from '../../app/page-routes';

/**
 * Who may do what on these screens, mirroring MONITORING_ACCESS_RULES in the domain: the server decides,
 * these only keep buttons away from people whose click would be refused.
 */
export const MONITORING_READERS: readonly RoleCode[] = [
  'underwriter',
  'claims_handler',
  'actuary',
  'auditor',
  'broker',
  'policyholder',
  'partner',
];
export const TRIAGERS: readonly RoleCode[] = ['underwriter', 'policyholder', 'partner'];
export const RISK_ACCEPTERS: readonly RoleCode[] = ['underwriter', 'policyholder'];
export const ALERT_ACKNOWLEDGERS: readonly RoleCode[] = ['underwriter', 'broker', 'policyholder'];
export const ALERT_CLOSERS: readonly RoleCode[] = ['underwriter', 'policyholder'];

export function holdsAny(roles: readonly string[], allowed: readonly RoleCode[]): boolean {
  return allowed.some((role) => roles.includes(role));
}
