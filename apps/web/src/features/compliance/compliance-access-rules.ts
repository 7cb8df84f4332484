import type { RoleCode } from '../../app/page-routes';
import type { Session } from '../../api/session-store';

/**
 * Which roles may use each part of the compliance screens: a copy of the server's identity access rules
 * (packages/domain/src/identity/identity-access-rules.ts), which the web app may not import. The server
 * decides; this only keeps the UI from offering what would be refused.
 */
export const COMPLIANCE_ACCESS_RULES = {
  userCreate: ['security_admin'],
  userList: ['security_admin', 'auditor', 'compliance_officer'],
  grantList: ['security_admin', 'auditor'],
  grantDecide: ['security_admin'],
  dataAccessRequest: ['underwriter', 'claims_handler', 'actuary', 'compliance_officer', 'auditor'],
  dataAccessList: ['compliance_officer', 'auditor', 'underwriter', 'claims_handler', 'actuary'],
  dataAccessDecide: ['compliance_officer'],
  auditRead: ['auditor', 'compliance_officer'],
  auditVerify: ['auditor', 'compliance_officer', 'security_admin'],
} as const satisfies Record<string, readonly RoleCode[]>;

export type ComplianceAction = keyof typeof COMPLIANCE_ACCESS_RULES;

/** The roles the compliance section is for: those who decide, audit or administer access. */
export const COMPLIANCE_ROLES: readonly RoleCode[] = ['compliance_officer', 'auditor', 'security_admin'];

export function may(session: Session, action: ComplianceAction): boolean {
  const allowed: readonly RoleCode[] = COMPLIANCE_ACCESS_RULES[action];
  return session.roles.some((role) => allowed.includes(role));
}

/** The roles of each kind of organisation (the server's ROLE_TENANT_KIND, turned around). */
const ROLES_OF_TENANT: Readonly<Record<Session['tenant']['kind'], readonly RoleCode[]>> = {
  insurer: ['underwriter', 'claims_handler', 'actuary', 'compliance_officer', 'security_admin', 'auditor'],
  broker: ['broker'],
  insured: ['policyholder'],
  security_partner: ['partner'],
};

/** Roles that approve, audit or administer access: never given at account creation (PRIVILEGED_ROLES). */
const PRIVILEGED_ROLES: readonly RoleCode[] = ['security_admin', 'compliance_officer', 'auditor'];

export function rolesOfTenant(kind: Session['tenant']['kind']): readonly RoleCode[] {
  return ROLES_OF_TENANT[kind];
}

export function everydayRolesOfTenant(kind: Session['tenant']['kind']): readonly RoleCode[] {
  return ROLES_OF_TENANT[kind].filter((role) => !PRIVILEGED_ROLES.includes(role));
}
