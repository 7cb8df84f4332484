import { fileURLToPath } from 'node:url';
import { SimulationWorkerPool } from '@carapace/engine';
import {
  createLossSimulator,
  seedDemoData,
  seedDemoUnderwriting,
  type LifecycleServices,
  type SeedDemoDataOutcome,
} from '@carapace/domain';
import { createUnitOfWork, migrateToLatest, openDatabase, type DatabaseHandle } from '@carapace/store';
import { buildApp } from './app.js';
import type { PlatformConfig } from './config.js';
import { ChromiumDocumentRenderer } from './documents/chromium-document-renderer.js';
import { listen } from './http-server.js';
import type { Logger } from './logger.js';
import { InFlightRequests } from './http/in-flight-requests.js';
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

export async function loadDemoData(
  database: DatabaseHandle,
  logger: Logger,
  underwriting: Pick<LifecycleServices, 'catalogue' | 'simulate'>,
): Promise<SeedDemoDataOutcome> {
  const unitOfWork = createUnitOfWork(database.db);
  const outcome = await seedDemoData(unitOfWork, new Date());
  if (outcome.kind === 'loaded') {
    logger.info({ organisations: outcome.organisationsAdded }, 'demo data loaded');
  } else {
    logger.info({ loadedAt: outcome.loadedAt }, 'demo data was already loaded');
  }
  const lifecycle = await seedDemoUnderwriting({ ...underwriting, unitOfWork, now: () => new Date() });
  if (lifecycle.kind === 'loaded') {
    logger.info(
      { submissions: lifecycle.submissions, quotes: lifecycle.quotes, policies: lifecycle.policies },
      'demo underwriting data loaded',
    );
  }
  return outcome;
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
    if (options.loadDemoData) {
      await loadDemoData(database, logger, { catalogue, simulate: simulateLosses });
    }
    const inFlight = new InFlightRequests();
    const app = buildApp({
      database,
      unitOfWork: createUnitOfWork(database.db),
      logger,
      version: CARAPACE_VERSION,
      startedAt: new Date(),
      webRoot: config.webRoot,
      isShuttingDown: () => shuttingDown,
      catalogue,
      simulate: simulateLosses,
      inFlight,
      documents,
    });
    const server = await listen(app, config.host, config.port, (error) => {
      logger.error({ err: error }, 'HTTP server error');
    });
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
