import type { OrganisationRepository } from '../organisations/organisation-repository.js';
import type { UnderwritingRepository } from '../underwriting/underwriting-repository.js';
import type { PlatformSettingsRepository } from './platform-settings-repository.js';

/** Every repository, bound to one database transaction. */
export interface Repositories {
  readonly organisations: OrganisationRepository;
  readonly platformSettings: PlatformSettingsRepository;
  readonly underwriting: UnderwritingRepository;
}

/**
 * Port: runs a use case's work atomically. Everything done through the given repositories commits together
 * or not at all; a thrown error rolls back.
 */
export interface UnitOfWork {
  run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
}
