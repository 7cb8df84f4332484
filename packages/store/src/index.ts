export {
  openDatabase,
  DatabaseUnavailableError,
  type DatabaseHandle,
  type DatabaseTarget,
  type OpenDatabaseOptions,
} from './connection.js';
export {
  migrateToLatest,
  migrateDown,
  migrationStatus,
  MigrationError,
  type MigrationStatus,
  type MigrationRun,
} from './migrator.js';
export { checkDatabaseHealth, type DatabaseHealth } from './database-health.js';
export { createUnitOfWork } from './unit-of-work.js';
export type { Database } from './schema.js';
