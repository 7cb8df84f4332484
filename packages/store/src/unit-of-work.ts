import type { Kysely, Transaction } from 'kysely';
import type { Repositories, UnitOfWork } from '@carapace/domain';
import { KyselyOrganisationRepository } from './repositories/organisation-repository.js';
import { KyselyPlatformSettingsRepository } from './repositories/platform-settings-repository.js';
import { KyselyUnderwritingRepository } from './repositories/underwriting-repository.js';
import type { Database } from './schema.js';

function repositoriesFor(db: Kysely<Database>): Repositories {
  return {
    organisations: new KyselyOrganisationRepository(db),
    platformSettings: new KyselyPlatformSettingsRepository(db),
    underwriting: new KyselyUnderwritingRepository(db),
  };
}

/** Runs `work` in one transaction: it commits when `work` resolves and rolls back when it throws. */
async function inTransaction<T>(
  db: Kysely<Database>,
  work: (transaction: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(work);
}

export function createUnitOfWork(db: Kysely<Database>): UnitOfWork {
  return {
    run: (work) => inTransaction(db, (transaction) => work(repositoriesFor(transaction))),
  };
}
