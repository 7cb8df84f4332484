import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { Redacted } from '@carapace/security';
import { openDatabase, type DatabaseHandle } from '../connection.js';

/**
 * Test databases start from templates that the global setup migrated once per run, so a test gets a
 * fresh, fully migrated database in well under a second on either engine.
 */
export const TEST_DATABASE_KINDS = ['pglite', 'postgres'] as const;
export type TestDatabaseKind = (typeof TEST_DATABASE_KINDS)[number];

export interface PostgresTestServer {
  /** Connection to the server's maintenance database, used to create and drop test databases. */
  readonly adminUrl: string;
  readonly templateDatabase: string;
  readonly runId: string;
}

export interface TestDatabaseTemplates {
  readonly pgliteTemplatePath: string;
  /** Null when no PostgreSQL answered outside CI; CI always has one (the global setup fails otherwise). */
  readonly postgres: PostgresTestServer | null;
}

export const DEFAULT_TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

export function databaseUrlWithName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

let pgliteTemplate: Promise<Blob> | undefined;

async function loadPgliteTemplate(path: string): Promise<Blob> {
  pgliteTemplate ??= readFile(path).then((bytes) => new Blob([bytes]));
  return pgliteTemplate;
}

/** SQLSTATE 55006: the template is being copied by a concurrent CREATE DATABASE. */
async function createDatabaseFromTemplate(admin: pg.Client, name: string, template: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await admin.query(`create database "${name}" template "${template}"`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
    }
  }
}

export interface ScratchPostgresDatabase {
  readonly url: string;
  readonly drop: () => Promise<void>;
}

/** A new, empty PostgreSQL database (no migrations), for tests of what a fresh install does. */
export async function createScratchPostgresDatabase(
  server: PostgresTestServer,
): Promise<ScratchPostgresDatabase> {
  const name = `carapace_t_${server.runId}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(server, (admin) => admin.query(`create database "${name}"`));
  return {
    url: databaseUrlWithName(server.adminUrl, name),
    drop: async () => {
      await withAdminClient(server, (admin) => admin.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

/** The session advisory lock Kysely's PostgreSQL migrator takes (kysely/dist/esm/dialect/postgres). */
const KYSELY_MIGRATION_LOCK_ID = '3853314791062309107';

/**
 * Holds the migration lock of a PostgreSQL database from another session, so a test can park a starting
 * Carapace inside its migrations for as long as it needs.
 */
export async function holdMigrationLock(url: string): Promise<{ readonly release: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`select pg_advisory_lock(${KYSELY_MIGRATION_LOCK_ID})`);
  return {
    release: async () => {
      try {
        await client.query(`select pg_advisory_unlock(${KYSELY_MIGRATION_LOCK_ID})`);
      } finally {
        await client.end();
      }
    },
  };
}

async function withAdminClient<T>(
  server: PostgresTestServer,
  work: (admin: pg.Client) => Promise<T>,
): Promise<T> {
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

export async function openTestDatabase(
  kind: TestDatabaseKind,
  templates: TestDatabaseTemplates,
): Promise<DatabaseHandle> {
  if (kind === 'pglite') {
    return openDatabase({
      kind: 'pglite-memory',
      loadDataDir: await loadPgliteTemplate(templates.pgliteTemplatePath),
    });
  }
  const server = templates.postgres;
  if (server === null) {
    throw new Error('no PostgreSQL test server is available');
  }
  const name = `carapace_t_${server.runId}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(server, (admin) => createDatabaseFromTemplate(admin, name, server.templateDatabase));
  const handle = await openDatabase({
    kind: 'postgres',
    url: Redacted.of(databaseUrlWithName(server.adminUrl, name)),
  });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await withAdminClient(server, (admin) => admin.query(`drop database if exists "${name}" with (force)`));
    },
  };
}
