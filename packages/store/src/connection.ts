import { accessSync, constants, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Redacted } from '@carapace/security';
import { DataDirectoryLockedError, acquireDataDirectoryLock } from './data-directory-lock.js';
import type { Database } from './schema.js';

/** Where the data lives. The embedded PGlite is the default; PostgreSQL is chosen by a DATABASE_URL. */
export type DatabaseTarget =
  | { readonly kind: 'postgres'; readonly url: Redacted<string> }
  | { readonly kind: 'pglite'; readonly dataDir: string }
  | { readonly kind: 'pglite-memory'; readonly loadDataDir?: Blob };

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly target: DatabaseTarget;
  /** A description safe to log and show: never contains a password. */
  readonly description: string;
  /** The embedded engine, when there is one (for template dumps in tests). */
  readonly pglite: PGlite | undefined;
  /**
   * Runs raw SQL text (one statement with parameters, or several without) on a connection of this pool,
   * waiting for a free one, so it never runs inside another transaction. It exists for the job queue on
   * PGlite, whose library brings its own SQL and must share the one embedded connection; everything else
   * goes through `db`. On PGlite, calling it from inside a transaction waits forever: the transaction holds
   * the only connection.
   */
  readonly runPooledSql: (text: string, values?: readonly unknown[]) => Promise<PooledSqlResult>;
  close(): Promise<void>;
}

/** The rows of the last statement that `runPooledSql` ran. */
export interface PooledSqlResult {
  readonly rows: Record<string, unknown>[];
  readonly rowCount: number | null;
}

export interface OpenDatabaseOptions {
  /** Called when an idle pooled connection fails (e.g. the PostgreSQL server restarted). */
  readonly onIdleConnectionError?: (error: Error) => void;
}

/** The database cannot be reached or opened; the message says which and why, in one line. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

export function describeTarget(target: DatabaseTarget): string {
  switch (target.kind) {
    case 'postgres': {
      const url = new URL(target.url.reveal());
      return `PostgreSQL at ${url.hostname}:${url.port || '5432'}${url.pathname}`;
    }
    case 'pglite':
      return `embedded PGlite at ${target.dataDir}`;
    case 'pglite-memory':
      return 'embedded PGlite in memory';
  }
}

function createKysely(pool: pg.Pool): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    // Column names are translated; the keys inside a jsonb value are data and come back as they were stored
    // (a risk profile's controls are keyed mfa_remote_access, not mfaRemoteAccess).
    plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
  });
}

/**
 * An ErrorResponse from the server: a severity and a five-character SQLSTATE. Not `instanceof
 * pg.DatabaseError`, because the PGlite bridge raises its own bundled copy of that class.
 */
function isServerReportedError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { severity, code } = error as { severity?: unknown; code?: unknown };
  return typeof severity === 'string' && typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

/**
 * Checks out a client rather than calling `pool.query`, which discards the client after any error: over
 * the PGlite bridge the next client then fails ("Connection terminated unexpectedly"). An error the server
 * reported leaves the connection usable, but possibly inside a failed BEGIN of the text itself (pg-boss
 * sends BEGIN…COMMIT blocks), so it is rolled back before the connection goes back to the pool; any other
 * error, or a failed rollback, discards the connection.
 */
function pooledSqlRunner(pool: pg.Pool): DatabaseHandle['runPooledSql'] {
  return async (text, values) => {
    const client = await pool.connect();
    let unusable: Error | undefined;
    try {
      const outcome: unknown =
        values === undefined ? await client.query(text) : await client.query(text, [...values]);
      // Several statements in one text answer with one result each.
      const last = (Array.isArray(outcome) ? outcome.at(-1) : outcome) as pg.QueryResult | undefined;
      return { rows: (last?.rows ?? []) as Record<string, unknown>[], rowCount: last?.rowCount ?? null };
    } catch (error) {
      if (isServerReportedError(error)) {
        await client.query('rollback').catch((rollbackError: unknown) => {
          unusable = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
      } else {
        unusable = error instanceof Error ? error : new Error(String(error));
      }
      throw error;
    } finally {
      client.release(unusable);
    }
  };
}

/**
 * Kysely ends the pool only if it ran a query through it; a handle used only through `runPooledSql` (or
 * not at all) would otherwise keep an idle connection, and the process, alive for the pool's idle timeout.
 */
async function closePool(db: Kysely<Database>, pool: pg.Pool): Promise<void> {
  await db.destroy();
  if (!pool.ending) await pool.end();
}

function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return reasonOf(error.errors[0]);
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code)
      ? `${error.message} (${code})`
      : error.message;
  }
  return String(error);
}

async function openPostgres(
  target: Extract<DatabaseTarget, { kind: 'postgres' }>,
  options: OpenDatabaseOptions,
): Promise<DatabaseHandle> {
  const description = describeTarget(target);
  const pool = new pg.Pool({
    connectionString: target.url.reveal(),
    max: 10,
    connectionTimeoutMillis: 5000,
  });
  pool.on('error', (error) => {
    options.onIdleConnectionError?.(error);
  });
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseUnavailableError(`cannot connect to ${description}: ${reasonOf(error)}`, {
      cause: error,
    });
  }
  const db = createKysely(pool);
  return {
    db,
    target,
    description,
    pglite: undefined,
    runPooledSql: pooledSqlRunner(pool),
    close: () => closePool(db, pool),
  };
}

/**
 * Creates the directory if needed and checks it is writable. A non-empty directory without a database in
 * it is refused: PGlite would otherwise scatter PostgreSQL's files among someone's own (CARAPACE_DATA_DIR=.).
 */
function prepareDataDirectory(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.R_OK | constants.W_OK);
  } catch (error) {
    throw new DatabaseUnavailableError(
      `data directory ${dataDir} cannot be created or written (${(error as NodeJS.ErrnoException).code ?? reasonOf(error)}); ` +
        'set CARAPACE_DATA_DIR to a writable directory',
      { cause: error },
    );
  }
  if (!existsSync(join(dataDir, 'PG_VERSION')) && readdirSync(dataDir).length > 0) {
    throw new DatabaseUnavailableError(
      `data directory ${dataDir} is not empty and holds no database; set CARAPACE_DATA_DIR to a new or empty directory`,
    );
  }
}

async function openPglite(
  target: Extract<DatabaseTarget, { kind: 'pglite' | 'pglite-memory' }>,
  options: OpenDatabaseOptions,
): Promise<DatabaseHandle> {
  const description = describeTarget(target);
  let releaseLock = (): void => undefined;
  let lite: PGlite;
  try {
    if (target.kind === 'pglite') {
      const dataDir = resolve(target.dataDir);
      prepareDataDirectory(dataDir);
      releaseLock = acquireDataDirectoryLock(dataDir);
      lite = await PGlite.create(dataDir);
    } else {
      lite = await PGlite.create(target.loadDataDir === undefined ? {} : { loadDataDir: target.loadDataDir });
    }
  } catch (error) {
    releaseLock();
    if (error instanceof DatabaseUnavailableError) throw error;
    if (error instanceof DataDirectoryLockedError)
      throw new DatabaseUnavailableError(error.message, { cause: error });
    throw new DatabaseUnavailableError(`cannot open ${description}: ${reasonOf(error)}`, { cause: error });
  }
  // The PGlite bridge speaks the wire protocol of a single backend: more than one client corrupts it.
  const pool = new pg.Pool(Object.assign(createPgConfig(lite), { max: 1 }));
  pool.on('error', (error) => {
    options.onIdleConnectionError?.(error);
  });
  const db = createKysely(pool);
  return {
    db,
    target,
    description,
    pglite: lite,
    runPooledSql: pooledSqlRunner(pool),
    close: async () => {
      try {
        await closePool(db, pool);
        await lite.close();
      } finally {
        releaseLock();
      }
    },
  };
}

export async function openDatabase(
  target: DatabaseTarget,
  options: OpenDatabaseOptions = {},
): Promise<DatabaseHandle> {
  switch (target.kind) {
    case 'postgres':
      return openPostgres(target, options);
    case 'pglite':
    case 'pglite-memory':
      return openPglite(target, options);
  }
}
