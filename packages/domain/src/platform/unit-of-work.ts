import type { AuditTrail } from '../audit/audit-trail.js';
import type { AccessContext } from '../identity/actor.js';
import type { IdentityRepository } from '../identity/identity-repository.js';
import type { FeedRepository } from '../monitoring/feed-repository.js';
import type { MonitoringRepository } from '../monitoring/monitoring-repository.js';
import type { OrganisationRepository } from '../organisations/organisation-repository.js';
import type { PrivacyRepository } from '../privacy/privacy-repository.js';
import type { UnderwritingRepository } from '../underwriting/underwriting-repository.js';
import type { PlatformSettingsRepository } from './platform-settings-repository.js';

/** Every repository, bound to one database transaction. */
export interface Repositories {
  readonly organisations: OrganisationRepository;
  readonly platformSettings: PlatformSettingsRepository;
  readonly underwriting: UnderwritingRepository;
  readonly identity: IdentityRepository;
  /** Data subjects (as ciphertexts), legal holds, subject requests and destructions. */
  readonly privacy: PrivacyRepository;
  /** Monitored insureds, their inventories, findings, alerts and partner events. */
  readonly monitoring: MonitoringRepository;
  /** The public vulnerability feeds: advisories, KEV, EPSS and import runs. */
  readonly feeds: FeedRepository;
  /** Audit records written here commit with the rest of the unit of work, or not at all. */
  readonly audit: AuditTrail;
}

/**
 * Port: runs a use case's work atomically. Everything done through the given repositories commits together
 * or not at all; a thrown error rolls back.
 */
export interface UnitOfWork {
  run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
}

/**
 * Port: a unit of work for one access context. A user's context limits every repository to what the user's
 * tenant may see (Row-Level Security on the database, the same filter in the repositories) and stamps every
 * audit record with the actor, purpose, request and approval.
 */
export type UnitOfWorkFactory = (context: AccessContext) => UnitOfWork;
