export { describeEachDatabase, type TestDatabaseContext } from './describe-each-database.js';
export {
  openTestDatabase,
  createScratchPostgresDatabase,
  holdMigrationLock,
  type ScratchPostgresDatabase,
  type PostgresTestServer,
  databaseUrlWithName,
  DEFAULT_TEST_POSTGRES_URL,
  TEST_DATABASE_KINDS,
  type TestDatabaseKind,
  type TestDatabaseTemplates,
} from './test-databases.js';
export { runRawSql, runRawSqlAsTenant } from './raw-sql.js';
