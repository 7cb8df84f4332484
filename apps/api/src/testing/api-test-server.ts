import { Writable } from 'node:stream';
import pino from 'pino';
import {
  createLossSimulator,
  type LossSimulator,
  type ProductCatalogue,
  type UnitOfWork,
} from '@carapace/domain';
import { createUnitOfWork, type DatabaseHandle } from '@carapace/store';
import { buildApp } from '../app.js';
import type { DocumentRenderer } from '../documents/document-renderer.js';
import type { InFlightRequests } from '../http/in-flight-requests.js';
import { listen, type ListeningServer } from '../http-server.js';
import { loggerOptions } from '../logger.js';
import { DEFAULT_CATALOGUE_DIR } from '../platform.js';
import { loadProductCatalogue } from '../underwriting/load-product-catalogue.js';

export interface ApiTestServer {
  readonly url: string;
  /** Every log line the server wrote, parsed. */
  readonly logLines: Record<string, unknown>[];
  readonly setShuttingDown: (value: boolean) => void;
  readonly close: () => Promise<void>;
}

export interface ApiTestServerOptions {
  readonly webRoot?: string | null;
  readonly unitOfWork?: UnitOfWork;
  readonly clock?: () => Date;
  readonly catalogue?: ProductCatalogue;
  /** Prints documents to PDF; without one the document routes answer 503. The caller closes it. */
  readonly documents?: DocumentRenderer;
  readonly inFlight?: InFlightRequests;
  /** The engine in this thread unless a test needs another (e.g. one that takes its time). */
  readonly simulate?: LossSimulator;
}

/** The real app on a real socket (port 0), logging into memory so tests can read what it logged. */
export async function startApiTestServer(
  database: DatabaseHandle,
  options: ApiTestServerOptions = {},
): Promise<ApiTestServer> {
  const logLines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() !== '') logLines.push(JSON.parse(line) as Record<string, unknown>);
      }
      callback();
    },
  });
  let shuttingDown = false;
  const app = buildApp({
    database,
    unitOfWork: options.unitOfWork ?? createUnitOfWork(database.db),
    logger: pino(loggerOptions('info'), sink),
    version: '0.0.0-test',
    startedAt: new Date(),
    webRoot: options.webRoot ?? null,
    isShuttingDown: () => shuttingDown,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    catalogue: options.catalogue ?? (await loadProductCatalogue(DEFAULT_CATALOGUE_DIR)),
    // In-thread simulation: API tests check behaviour, and a pool per test server would only add start-up time.
    simulate: options.simulate ?? createLossSimulator(),
    ...(options.documents === undefined ? {} : { documents: options.documents }),
    ...(options.inFlight === undefined ? {} : { inFlight: options.inFlight }),
  });
  const server: ListeningServer = await listen(app, '127.0.0.1', 0, (error) => {
    throw error;
  });
  return {
    url: server.url,
    logLines,
    setShuttingDown: (value) => {
      shuttingDown = value;
    },
    close: () => server.close(1000),
  };
}
