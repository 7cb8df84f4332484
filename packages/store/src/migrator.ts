import { Migrator, sql, type Kysely, type MigrationResult } from 'kysely';
import { MIGRATIONS } from './migrations/index.js';

export const MIGRATION_TABLE = 'schema_migration';
const MIGRATION_LOCK_TABLE = 'schema_migration_lock';

export class MigrationError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

export interface MigrationStatus {
  readonly applied: readonly string[];
  readonly pending: readonly string[];
  /** Applied in the database but unknown to this build: the database was migrated by a newer Carapace. */
  readonly unknown: readonly string[];
  readonly current: boolean;
}

export interface MigrationRun {
  readonly executed: readonly string[];
  readonly status: MigrationStatus;
}

function createMigrator<DB>(db: Kysely<DB>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
}

export async function migrationStatus<DB>(db: Kysely<DB>): Promise<MigrationStatus> {
  const known = Object.keys(MIGRATIONS).sort();
  const tableExists = await sql<{
    exists: boolean;
  }>`select to_regclass(${MIGRATION_TABLE}) is not null as exists`.execute(db);
  const applied = tableExists.rows[0]?.exists
    ? (
        await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(db)
      ).rows.map((row) => row.name)
    : [];
  const appliedSet = new Set(applied);
  const pending = known.filter((name) => !appliedSet.has(name));
  const unknown = applied.filter((name) => !Object.hasOwn(MIGRATIONS, name));
  return { applied, pending, unknown, current: pending.length === 0 && unknown.length === 0 };
}

function assertNotAhead(status: MigrationStatus): void {
  if (status.unknown.length > 0) {
    throw new MigrationError(
      `the database has migrations this version of Carapace does not know (${status.unknown.join(', ')}); ` +
        'run a newer Carapace or restore a matching backup',
    );
  }
}

function executedNames(results: readonly MigrationResult[] | undefined): string[] {
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
}

function failureOf(
  results: readonly MigrationResult[] | undefined,
  error: unknown,
  direction: string,
): MigrationError {
  const failed = results?.find((result) => result.status === 'Error')?.migrationName;
  const reason = error instanceof Error ? error.message : String(error);
  return new MigrationError(
    failed === undefined
      ? `migrating ${direction} failed: ${reason}`
      : `migration ${failed} (${direction}) failed; the batch was rolled back: ${reason}`,
    { cause: error },
  );
}

/**
 * Applies every pending migration under the migration lock. Kysely runs all pending migrations in one
 * transaction on PostgreSQL, so a failure rolls back the whole batch, not just the failing step.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<MigrationRun> {
  assertNotAhead(await migrationStatus(db));
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error !== undefined) {
    throw failureOf(results, error, 'up');
  }
  return { executed: executedNames(results), status: await migrationStatus(db) };
}

/** Reverts the most recent `steps` migrations, newest first. */
export async function migrateDown<DB>(db: Kysely<DB>, steps = 1): Promise<MigrationRun> {
  if (!Number.isSafeInteger(steps) || steps < 1) {
    throw new MigrationError(`steps must be a positive integer (got ${String(steps)})`);
  }
  assertNotAhead(await migrationStatus(db));
  const migrator = createMigrator(db);
  const executed: string[] = [];
  for (let step = 0; step < steps; step += 1) {
    const { error, results } = await migrator.migrateDown();
    if (error !== undefined) {
      throw failureOf(results, error, 'down');
    }
    const reverted = executedNames(results);
    if (reverted.length === 0) break;
    executed.push(...reverted);
  }
  return { executed, status: await migrationStatus(db) };
}
