import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { MIGRATIONS } from './migrations/index.js';
import {
  MIGRATION_TABLE,
  MigrationError,
  migrateDown,
  migrateToLatest,
  migrationStatus,
} from './migrator.js';
import { describeEachDatabase } from './testing/describe-each-database.js';

async function tableNames<DB>(db: Kysely<DB>): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_name not like 'schema_migration%'
    order by table_name`.execute(db);
  return result.rows.map((row) => row.name);
}

describeEachDatabase('migrations', ({ handle }) => {
  const allMigrations = Object.keys(MIGRATIONS);

  it('leaves the template fully migrated and current', async () => {
    const status = await migrationStatus(handle().db);
    expect(status).toEqual({ applied: allMigrations, pending: [], unknown: [], current: true });
  });

  it('runs down to an empty schema and up again, keeping the same tables', async () => {
    const { db } = handle();
    const tablesBefore = await tableNames(db);
    expect(tablesBefore).toEqual([
      'advisories',
      'alert_outbox',
      'alert_rules',
      'alerts',
      'api_tokens',
      'audit_log',
      'data_access_requests',
      'data_subjects',
      'destruction_orders',
      'destructions',
      'epss_scores',
      'feed_runs',
      'finding_events',
      'findings',
      'inventories',
      'inventory_components',
      'kev_entries',
      'legal_holds',
      'monitored_insureds',
      'organisations',
      'partner_events',
      'permission_grant_requests',
      'platform_settings',
      'policies',
      'policy_transactions',
      'quote_events',
      'quotes',
      'risk_score_snapshots',
      'sessions',
      'subject_requests',
      'submissions',
      'user_roles',
      'users',
    ]);

    const down = await migrateDown(db, allMigrations.length);
    expect(down.executed).toEqual([...allMigrations].reverse());
    expect(down.status.pending).toEqual(allMigrations);
    expect(await tableNames(db)).toEqual([]);

    const up = await migrateToLatest(db);
    expect(up.executed).toEqual(allMigrations);
    expect(up.status.current).toBe(true);
    expect(await tableNames(db)).toEqual(tablesBefore);
  });

  it('does nothing when already current', async () => {
    const run = await migrateToLatest(handle().db);
    expect(run.executed).toEqual([]);
  });

  it('stops at the bottom when asked to go further down than there is', async () => {
    const run = await migrateDown(handle().db, allMigrations.length + 3);
    expect(run.executed).toHaveLength(allMigrations.length);
  });

  it('refuses to touch a database migrated by a newer Carapace', async () => {
    const { db } = handle();
    await sql`insert into ${sql.table(MIGRATION_TABLE)} (name, timestamp) values ('9999-from-the-future', now()::text)`.execute(
      db,
    );
    const status = await migrationStatus(db);
    expect(status.unknown).toEqual(['9999-from-the-future']);
    expect(status.current).toBe(false);
    await expect(migrateToLatest(db)).rejects.toThrow(MigrationError);
    await expect(migrateToLatest(db)).rejects.toThrow(/9999-from-the-future/);
    await expect(migrateDown(db)).rejects.toThrow(/newer Carapace/);
  });

  it('rejects a non-positive step count', async () => {
    await expect(migrateDown(handle().db, 0)).rejects.toThrow(/positive integer/);
  });
});
