import type { OrganisationKind } from '../organisations/organisation.js';

/**
 * What a person does for their organisation. Access rules (next to each model) name roles, never users.
 * A role belongs to one kind of tenant: an insurer's staff hold the first six, a broker's staff `broker`,
 * an insured company's people `policyholder`, a security firm's people and machines `partner`.
 */
export const ROLES = [
  'underwriter',
  'claims_handler',
  'actuary',
  'compliance_officer',
  'security_admin',
  'auditor',
  'broker',
  'policyholder',
  'partner',
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_TENANT_KIND: Readonly<Record<Role, OrganisationKind>> = {
  underwriter: 'insurer',
  claims_handler: 'insurer',
  actuary: 'insurer',
  compliance_officer: 'insurer',
  security_admin: 'insurer',
  auditor: 'insurer',
  broker: 'broker',
  policyholder: 'insured',
  partner: 'security_partner',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The roles a user of a tenant of this kind may hold. */
export function rolesForTenantKind(kind: OrganisationKind): readonly Role[] {
  return ROLES.filter((role) => ROLE_TENANT_KIND[role] === kind);
}
