import type { Migration } from 'kysely';
import * as organisationsAndPlatformSettings from './0001-organisations-and-platform-settings.js';
import * as underwriting from './0002-underwriting.js';
import * as identityTenancyAudit from './0003-identity-tenancy-audit.js';
import * as privacy from './0004-privacy.js';
import * as monitoring from './0005-monitoring.js';

/**
 * Every migration, in order. Names are numbered and never renamed or edited once released: the database
 * records applied names, and a changed migration would silently diverge between installations.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-organisations-and-platform-settings': organisationsAndPlatformSettings,
  '0002-underwriting': underwriting,
  '0003-identity-tenancy-audit': identityTenancyAudit,
  '0004-privacy': privacy,
  '0005-monitoring': monitoring,
};
