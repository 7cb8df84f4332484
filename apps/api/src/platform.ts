import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SimulationWorkerPool } from '@carapace/engine';
import {
  createLossSimulator,
  seedDemoData,
  seedDemoAccounts,
  seedDemoMonitoring,
  seedDemoUnderwriting,
  type LifecycleServices,
  type MonitoringServices,
  type SeedDemoDataOutcome,
} from '@carapace/domain';
import { loadOrCreateKeyringFile, SessionTokenCodec, type Keyring } from '@carapace/security';
import {
  createUnitOfWork,
  createUnitOfWorkFactory,
  migrateToLatest,
  openDatabase,
  type DatabaseHandle,
} from '@carapace/store';
import { AuditLogService, AuditLogTamperedError } from './audit/audit-log-service.js';
import { buildApp } from './app.js';
import type { PlatformConfig } from './config.js';
import { ChromiumDocumentRenderer } from './documents/chromium-document-renderer.js';
import { listen } from './http-server.js';
import { startMonitoringBackground } from './monitoring/monitoring-background.js';
import type { Logger } from './logger.js';
import { InFlightRequests } from './http/in-flight-requests.js';
import { createMonitoringServices } from './monitoring/monitoring-services.js';
import { personalDataProtectionFor } from './privacy/vault-personal-data-protection.js';
import { loadProductCatalogue } from './underwriting/load-product-catalogue.js';
import { CARAPACE_VERSION } from './version.js';

/** Where `npm run build` puts the web UI, relative to this file in src/ or dist/. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** The product catalogue shipped in the repository, relative to this file in src/ or dist/. */
export const DEFAULT_CATALOGUE_DIR = fileURLToPath(new URL('../../../catalogue', import.meta.url));

export interface RunningPlatform {
  readonly url: string;
  readonly database: DatabaseHandle;
  /** Graceful stop: refuse new API work, finish in-flight requests, then close the database cleanly. */
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly loadDemoData: boolean;
}

/** Opens the database named by the configuration and reports what it is, without logging any password. */
export async function openConfiguredDatabase(
  config: PlatformConfig,
  logger: Logger,
): Promise<DatabaseHandle> {
  const database = await openDatabase(config.database, {
    onIdleConnectionError: (error) => {
      logger.warn({ err: error }, 'an idle database connection failed; it will be replaced');
    },
  });
  logger.info({ database: database.description }, 'database opened');
  return database;
}

/**
 * Loads each part of the demo data set once. Monitoring demo data (feeds, watched insureds, findings, alerts)
 * needs the monitoring services (the keyring encrypts alert targets); a caller without them gets the rest.
 */
export async function loadDemoData(
  database: DatabaseHandle,
  logger: Logger,
  underwriting: Pick<LifecycleServices, 'catalogue' | 'simulate'>,
  monitoring?: MonitoringServices,
): Promise<SeedDemoDataOutcome> {
  const unitOfWork = createUnitOfWork(database.db);
  const outcome = await seedDemoData(unitOfWork, new Date());
  if (outcome.kind === 'loaded') {
    logger.info({ organisations: outcome.organisationsAdded }, 'demo data loaded');
  } else {
    logger.info({ loadedAt: outcome.loadedAt }, 'demo data was already loaded');
  }
  const accounts = await seedDemoAccounts({ unitOfWork, now: () => new Date() });
  if (accounts.kind === 'loaded') logger.info({ accounts: accounts.accounts }, 'demo accounts loaded');
  const lifecycle = await seedDemoUnderwriting({ ...underwriting, unitOfWork, now: () => new Date() });
  if (lifecycle.kind === 'loaded') {
    logger.info(
      { submissions: lifecycle.submissions, quotes: lifecycle.quotes, policies: lifecycle.policies },
      'demo underwriting data loaded',
    );
  }
  if (monitoring !== undefined) {
    const watched = await seedDemoMonitoring({
      unitOfWorkFor: createUnitOfWorkFactory(database.db),
      monitoring,
    });
    if (watched.kind === 'loaded') {
      const { feedRuns, insureds, findings, alerts } = watched;
      logger.info({ feedRuns, insureds, findings, alerts }, 'demo monitoring data loaded');
    }
  }
  return outcome;
}

/** How often a running server signs a new audit tree head (REQ-AUD-3: every 5 minutes), if the log grew. */
const AUDIT_CHECKPOINT_INTERVAL_MS = 5 * 60_000;

/** The issuer named in session tokens. */
export const SESSION_TOKEN_ISSUER = 'carapace';

/** The keyring of the embedded profile: created with fresh random keys on first start (mode 0600). */
export async function loadKeyring(config: Pick<PlatformConfig, 'keyDir'>, logger: Logger): Promise<Keyring> {
  const path = join(config.keyDir, 'keyring.json');
  const { keyring, created } = await loadOrCreateKeyringFile(path);
  if (created) logger.warn({ path }, 'created a new keyring; back it up apart from the database');
  return keyring;
}

export function auditLogServiceFor(
  database: DatabaseHandle,
  config: Pick<PlatformConfig, 'auditDir'>,
  keyring: Keyring,
): AuditLogService {
  return new AuditLogService({
    database,
    treeHeadFile: join(config.auditDir, 'tree-heads.jsonl'),
    signingSeed: keyring.auditSigningKey,
  });
}

/** Signs a tree head if the log grew; a failure is logged loudly and never stops the server. */
async function checkpointAuditLog(auditLog: AuditLogService, logger: Logger): Promise<void> {
  try {
    const head = await auditLog.checkpoint();
    if (head !== null)
      logger.info({ treeSize: head.treeSize, rootHash: head.rootHash }, 'audit tree head signed');
  } catch (error) {
    if (error instanceof AuditLogTamperedError) {
      logger.fatal({ problems: error.verification.problems.slice(0, 20) }, 'AUDIT LOG FAILED VERIFICATION');
    } else {
      logger.error({ err: error }, 'audit checkpoint failed');
    }
  }
}

/** The composition root: configuration in, a running Carapace out. The CLI's `serve` is a thin shell around it. */
export async function startPlatform(
  config: PlatformConfig,
  logger: Logger,
  options: StartOptions,
): Promise<RunningPlatform> {
  // A broken product file stops start-up before anything is opened.
  const catalogue = await loadProductCatalogue(config.catalogueDir);
  const database = await openConfiguredDatabase(config, logger);
  const pool = new SimulationWorkerPool(config.simulationWorkers);
  // Chromium starts on the first document, not here: a missing browser costs only the document routes.
  const documents = new ChromiumDocumentRenderer(config.chromiumPath);
  let shuttingDown = false;
  try {
    const migrations = await migrateToLatest(database.db);
    if (migrations.executed.length > 0) {
      logger.info({ migrations: migrations.executed }, 'migrations applied');
    }
    const simulateLosses = createLossSimulator(pool);
    const keyring = await loadKeyring(config, logger);
    const privacy = personalDataProtectionFor(config.keyDir, keyring);
    const monitoringServices = createMonitoringServices({
      protection: privacy,
      underwriting: { catalogue, simulate: simulateLosses },
      clock: () => new Date(),
    });
    if (options.loadDemoData) {
      await loadDemoData(database, logger, { catalogue, simulate: simulateLosses }, monitoringServices);
    }
    const auditLog = auditLogServiceFor(database, config, keyring);
    await checkpointAuditLog(auditLog, logger);
    const checkpoints = setInterval(
      () => void checkpointAuditLog(auditLog, logger),
      AUDIT_CHECKPOINT_INTERVAL_MS,
    );
    checkpoints.unref();
    const inFlight = new InFlightRequests();
    const app = buildApp({
      database,
      unitOfWorkFor: createUnitOfWorkFactory(database.db),
      sessionTokens: new SessionTokenCodec(keyring.sessionSigningKey.reveal(), SESSION_TOKEN_ISSUER),
      auditLog,
      logger,
      version: CARAPACE_VERSION,
      startedAt: new Date(),
      webRoot: config.webRoot,
      isShuttingDown: () => shuttingDown,
      catalogue,
      simulate: simulateLosses,
      inFlight,
      documents,
      privacy,
      monitoring: monitoringServices,
    });
    const monitoring = await startMonitoringBackground(database, config, privacy, logger);
    let server: Awaited<ReturnType<typeof listen>>;
    try {
      server = await listen(app, config.host, config.port, (error) => {
        logger.error({ err: error }, 'HTTP server error');
      });
    } catch (error) {
      // The job queue and the relay's timer would keep the process alive after a failed start.
      await monitoring.stop();
      throw error;
    }
    return {
      url: server.url,
      database,
      stop: async () => {
        shuttingDown = true;
        const deadline = Date.now() + config.shutdownTimeoutMs;
        try {
          await server.close(config.shutdownTimeoutMs);
          // Handlers of clients that hung up are still running; let them finish inside the same grace period.
          await inFlight.drained(Math.max(0, deadline - Date.now()));
          clearInterval(checkpoints);
          await monitoring.stop();
          await checkpointAuditLog(auditLog, logger);
        } finally {
          await documents.close();
          await pool.close();
          await database.close();
        }
      },
    };
  } catch (error) {
    await documents.close();
    await pool.close();
    await database.close();
    throw error;
  }
}
