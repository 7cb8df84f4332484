export {
  openDatabase,
  DatabaseUnavailableError,
  type DatabaseHandle,
  type DatabaseTarget,
  type OpenDatabaseOptions,
  type PooledSqlResult,
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
export { createUnitOfWorkFactory } from './unit-of-work.js';
export { PLATFORM_SCOPE, TenantIsolationError, type DataScope } from './data-scope.js';
export { TENANT_ROLE } from './migrations/0003-identity-tenancy-audit.js';
export { readAuditLeaves, type StoredAuditLeaf } from './audit/audit-log-reader.js';
export { auditLeafHash, type CanonicalAuditRecord } from './audit/audit-record-canonical-form.js';
export {
  KyselyAlertOutbox,
  type DueOutboxMessage,
  type OutboxAttemptResult,
} from './repositories/alert-outbox-store.js';
export {
  JOB_QUEUE_SCHEMA,
  openJobQueue,
  type JobHandler,
  type JobQueue,
  type JobQueueOptions,
  type JobWorker,
  type QueuedJob,
  type SendJobOptions,
  type SendJobOutcome,
  type StopJobQueueOptions,
  type WorkOptions,
} from './jobs/job-queue.js';
