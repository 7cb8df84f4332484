import { sql, type Kysely, type Transaction } from 'kysely';
import {
  systemContext,
  type AccessContext,
  type Repositories,
  type UnitOfWork,
  type UnitOfWorkFactory,
} from '@carapace/domain';
import {
  ORGANISATION_ACCESS_RECORDING,
  UNDERWRITING_ACCESS_RECORDING,
  recordingAccess,
} from './audit/access-recording-repository.js';
import { KyselyAuditTrail } from './audit/kysely-audit-trail.js';
import { PLATFORM_SCOPE, type DataScope } from './data-scope.js';
import { TENANT_ROLE } from './migrations/0003-identity-tenancy-audit.js';
import { KyselyFeedRepository } from './repositories/feed-repository.js';
import { KyselyIdentityRepository } from './repositories/identity-repository.js';
import {
  KyselyMonitoringRepository,
  MONITORING_ACCESS_RECORDING,
} from './repositories/monitoring-repository.js';
import { KyselyOrganisationRepository } from './repositories/organisation-repository.js';
import { KyselyPlatformSettingsRepository } from './repositories/platform-settings-repository.js';
import { KyselyPrivacyRepository, PRIVACY_ACCESS_RECORDING } from './repositories/privacy-repository.js';
import { KyselyUnderwritingRepository } from './repositories/underwriting-repository.js';
import type { Database } from './schema.js';

function scopeOf(context: AccessContext): DataScope {
  return context.actor.kind === 'user'
    ? { kind: 'tenant', tenantId: context.actor.tenantId }
    : PLATFORM_SCOPE;
}

/**
 * Enters the tenant's scope for the rest of the transaction: the database role that Row-Level Security
 * applies to, and the tenant id its rules read. Both are transaction-local, so a pooled connection goes back
 * to the pool as it came.
 */
export async function enterScope(transaction: Transaction<Database>, scope: DataScope): Promise<void> {
  if (scope.kind === 'platform') return;
  // One round trip for both (`set_config('role', …)` is `set local role`): every request pays it.
  await sql`select set_config('role', ${TENANT_ROLE}, true), set_config('carapace.tenant_id', ${scope.tenantId}, true)`.execute(
    transaction,
  );
}

/**
 * Units of work for access contexts. Each runs in one transaction, limited to the context's tenant, with
 * every read and write of customer data recorded in the audit log in that same transaction.
 */
export function createUnitOfWorkFactory(
  db: Kysely<Database>,
  clock: () => Date = () => new Date(),
): UnitOfWorkFactory {
  return (context) => ({
    run: (work) =>
      db.transaction().execute(async (transaction) => {
        const scope = scopeOf(context);
        await enterScope(transaction, scope);
        const audit = new KyselyAuditTrail(transaction, scope, context, clock);
        const record = audit.record.bind(audit);
        const repositories: Repositories = {
          organisations: recordingAccess(
            new KyselyOrganisationRepository(transaction, scope),
            ORGANISATION_ACCESS_RECORDING,
            record,
          ),
          platformSettings: new KyselyPlatformSettingsRepository(transaction),
          underwriting: recordingAccess(
            new KyselyUnderwritingRepository(transaction, scope),
            UNDERWRITING_ACCESS_RECORDING,
            record,
          ),
          identity: new KyselyIdentityRepository(transaction, scope),
          privacy: recordingAccess(
            new KyselyPrivacyRepository(transaction, scope),
            PRIVACY_ACCESS_RECORDING,
            record,
          ),
          monitoring: recordingAccess(
            new KyselyMonitoringRepository(transaction, scope),
            MONITORING_ACCESS_RECORDING,
            record,
          ),
          feeds: new KyselyFeedRepository(transaction),
          audit,
        };
        const result = await work(repositories);
        await audit.flush();
        return result;
      }),
  });
}

/** A unit of work for the platform's own jobs (migrations, demo data, CLI): no tenant limit, still audited. */
export function createUnitOfWork(db: Kysely<Database>, component = 'platform'): UnitOfWork {
  return createUnitOfWorkFactory(db)(systemContext(component));
}
