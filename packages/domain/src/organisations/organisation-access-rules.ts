import type { AccessRules } from '../identity/access-rules.js';
import { ROLES } from '../identity/roles.js';

export const ORGANISATION_ACTIONS = ['organisation.register', 'organisation.read'] as const;
export type OrganisationAction = (typeof ORGANISATION_ACTIONS)[number];

/**
 * An insurer's underwriters and a broker register the companies they deal with; everyone signed in reads the
 * organisations their tenant may see (Row-Level Security decides which).
 */
export const ORGANISATION_ACCESS_RULES: AccessRules<OrganisationAction> = {
  'organisation.register': ['underwriter', 'broker', 'security_admin'],
  'organisation.read': [...ROLES],
};
