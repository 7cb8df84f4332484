import type { AccessRules } from './access-rules.js';
import { ROLES } from './roles.js';

/** Actions on accounts, roles, tokens and approvals. */
export const IDENTITY_ACTIONS = [
  'user.create',
  'user.list',
  'api_token.create',
  'api_token.list',
  'api_token.revoke',
  'permission_grant.request',
  'permission_grant.list',
  'permission_grant.decide',
  'data_access.request',
  'data_access.list',
  'data_access.decide',
  'audit.read',
  'audit.verify',
] as const;

export type IdentityAction = (typeof IDENTITY_ACTIONS)[number];

/**
 * Separation of duties (GB/T 35273 §7.1 c): the security admin manages accounts and decides role grants but
 * cannot approve access to customer data; the compliance officer decides data access but manages no
 * accounts; the auditor only reads the log. Anyone may ask for something; asking is audited.
 */
export const IDENTITY_ACCESS_RULES: AccessRules<IdentityAction> = {
  'user.create': ['security_admin'],
  'user.list': ['security_admin', 'auditor', 'compliance_officer'],
  'api_token.create': ['security_admin', 'partner'],
  'api_token.list': ['security_admin', 'partner', 'auditor'],
  'api_token.revoke': ['security_admin', 'partner'],
  // Anyone may ask; asking grants nothing.
  'permission_grant.request': [...ROLES],
  'permission_grant.list': ['security_admin', 'auditor'],
  'permission_grant.decide': ['security_admin'],
  'data_access.request': ['underwriter', 'claims_handler', 'actuary', 'compliance_officer', 'auditor'],
  'data_access.list': ['compliance_officer', 'auditor', 'underwriter', 'claims_handler', 'actuary'],
  'data_access.decide': ['compliance_officer'],
  'audit.read': ['auditor', 'compliance_officer'],
  'audit.verify': ['auditor', 'compliance_officer', 'security_admin'],
};
