import { sql, type Kysely } from 'kysely';
import { migrationStatus, type MigrationStatus } from './migrator.js';

export type DatabaseHealth =
  | {
      readonly reachable: true;
      readonly latencyMs: number;
      readonly serverVersion: string;
      readonly migrations: MigrationStatus;
    }
  | { readonly reachable: false; readonly error: string };

/** One round trip to the database plus a look at the migration table; never throws. */
export async function checkDatabaseHealth<DB>(db: Kysely<DB>): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    const version = await sql<{
      version: string;
    }>`select current_setting('server_version') as version`.execute(db);
    const latencyMs = performance.now() - started;
    const migrations = await migrationStatus(db);
    return { reachable: true, latencyMs, serverVersion: version.rows[0]?.version ?? 'unknown', migrations };
  } catch (error) {
    return { reachable: false, error: error instanceof Error ? error.message : String(error) };
  }
}
