import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { Redacted } from '@carapace/security';
import { openDatabase } from '../connection.js';
import { migrateToLatest } from '../migrator.js';
import {
  DEFAULT_TEST_POSTGRES_URL,
  databaseUrlWithName,
  type PostgresTestServer,
  type TestDatabaseTemplates,
} from './test-databases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseTemplates: TestDatabaseTemplates;
  }
}

async function buildPgliteTemplate(directory: string): Promise<string> {
  const handle = await openDatabase({ kind: 'pglite-memory' });
  try {
    await migrateToLatest(handle.db);
    const dump = await handle.pglite?.dumpDataDir('none');
    if (dump === undefined) throw new Error('PGlite did not produce a data directory dump');
    const path = join(directory, 'pglite-template.tar');
    await writeFile(path, Buffer.from(await dump.arrayBuffer()));
    return path;
  } finally {
    await handle.close();
  }
}

async function buildPostgresTemplate(adminUrl: string): Promise<PostgresTestServer | null> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false') {
      throw new Error(`CI must test on PostgreSQL, but ${adminUrl} does not answer: ${reason}`);
    }
    console.warn(
      `\n[carapace] PostgreSQL at ${adminUrl} is not reachable (${reason}): PostgreSQL tests are skipped.\n`,
    );
    return null;
  }
  const runId = randomBytes(3).toString('hex');
  const templateDatabase = `carapace_tpl_${runId}`;
  try {
    await admin.query(`create database "${templateDatabase}"`);
  } finally {
    await admin.end();
  }
  const handle = await openDatabase({
    kind: 'postgres',
    url: Redacted.of(databaseUrlWithName(adminUrl, templateDatabase)),
  });
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  return { adminUrl, templateDatabase, runId };
}

async function dropRunDatabases(server: PostgresTestServer): Promise<void> {
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    const leftovers = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname = $1 or datname like $2`,
      [server.templateDatabase, `carapace\\_t\\_${server.runId}\\_%`],
    );
    for (const { datname } of leftovers.rows) {
      await admin.query(`drop database if exists "${datname}" with (force)`);
    }
  } finally {
    await admin.end();
  }
}

/** Vitest global setup: migrates one template per database engine for the whole run. */
export default async function setupTestDatabases(project: TestProject): Promise<() => Promise<void>> {
  const directory = await mkdtemp(join(tmpdir(), 'carapace-test-'));
  const adminUrl = process.env['DATABASE_URL'] ?? DEFAULT_TEST_POSTGRES_URL;
  const [pgliteTemplatePath, postgres] = await Promise.all([
    buildPgliteTemplate(directory),
    buildPostgresTemplate(adminUrl),
  ]);
  project.provide('testDatabaseTemplates', { pgliteTemplatePath, postgres });
  return async () => {
    if (postgres !== null) await dropRunDatabases(postgres);
    await rm(directory, { recursive: true, force: true });
  };
}
