import { resolve } from 'node:path';
import { Redacted } from '@carapace/security';
import type { DatabaseTarget } from '@carapace/store';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface PlatformConfig {
  readonly database: DatabaseTarget;
  readonly host: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  /** Pretty, human-readable logs instead of JSON lines. */
  readonly prettyLogs: boolean;
  /** Directory of the built web UI; the API serves it at `/`. */
  readonly webRoot: string;
  /** How long in-flight requests may take to finish after a shutdown signal. */
  readonly shutdownTimeoutMs: number;
  /** Directory of product and rate-plan files. */
  readonly catalogueDir: string;
  /** Worker threads for loss simulations. */
  readonly simulationWorkers: number;
  /** The Chromium executable that prints documents to PDF. */
  readonly chromiumPath: string;
  /** The key vault: keyring (root, blind-index, session and audit-signing keys), tenant and subject keys. */
  readonly keyDir: string;
  /** Where signed audit tree heads are exported, outside the database. */
  readonly auditDir: string;
  /** The SMTP server alerts are e-mailed through; undefined: e-mail alert rules fail with a clear reason. */
  readonly smtpUrl: Redacted<string> | undefined;
  /** The From address of alert e-mails. */
  readonly alertFrom: string;
}

/** A configuration value is missing or malformed; the message names the variable and what it expects. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Every environment variable Carapace reads, with its default and meaning, as the README's configuration
 * table shows them (Markdown). A test compares the two cell by cell, so they cannot drift apart.
 */
export const ENVIRONMENT_VARIABLES = [
  {
    name: 'DATABASE_URL',
    default: '(unset)',
    meaning:
      'PostgreSQL connection URL (`postgres://user:password@host:5432/db`). Unset: the embedded PGlite.',
  },
  {
    name: 'CARAPACE_DATA_DIR',
    default: '`./var/pglite`',
    meaning:
      'Data directory of the embedded PGlite database (ignored when `DATABASE_URL` is set). One process at a time: a lock file beside it refuses a second.',
  },
  {
    name: 'HOST',
    default: '`127.0.0.1`',
    meaning: 'Interface the HTTP server listens on (`0.0.0.0` for all).',
  },
  {
    name: 'PORT',
    default: '`3000`',
    meaning: 'TCP port of the HTTP server (API and web UI); `0` picks a free one.',
  },
  {
    name: 'LOG_LEVEL',
    default: '`info`',
    meaning: '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`.',
  },
  {
    name: 'LOG_FORMAT',
    default: '`pretty` on a TTY, else `json`',
    meaning: '`json` for JSON lines (one object per line), `pretty` for people.',
  },
  {
    name: 'CARAPACE_WEB_ROOT',
    default: '`apps/web/dist`',
    meaning: 'Directory of the built web UI served at `/`.',
  },
  {
    name: 'CARAPACE_SHUTDOWN_TIMEOUT_MS',
    default: '`10000`',
    meaning: 'Grace period for in-flight requests after SIGINT/SIGTERM before connections are closed.',
  },
  {
    name: 'CARAPACE_CATALOGUE_DIR',
    default: '`catalogue`',
    meaning:
      'Directory of product and rate-plan files (`products/<id>/<version>.json`, `rate-plans/<id>/<version>.json`), validated at start.',
  },
  {
    name: 'CARAPACE_SIMULATION_WORKERS',
    default: 'CPU count',
    meaning: 'Worker threads that run loss simulations (1–64); the default is `os.availableParallelism()`.',
  },
  {
    name: 'CARAPACE_CHROMIUM_PATH',
    default: '`/usr/bin/chromium`',
    meaning:
      'Chromium executable that prints quote and policy documents to PDF, started on the first document. Missing: document requests answer 503.',
  },
  {
    name: 'CARAPACE_KEY_DIR',
    default: '`./var/keys`',
    meaning:
      'Key vault directory: `keyring.json` (root, blind-index, session and audit-signing keys; created on first start, mode 0600), tenant keys and per-subject data keys. Keep it out of database backups: destroying a subject key must make every backup copy unreadable.',
  },
  {
    name: 'CARAPACE_AUDIT_DIR',
    default: '`./var/audit`',
    meaning:
      'Where signed audit tree heads are exported (`tree-heads.jsonl`), outside the database; `carapace audit verify` checks the log against them.',
  },
  {
    name: 'CARAPACE_SMTP_URL',
    default: '(unset)',
    meaning:
      'SMTP server for alert e-mails (`smtp://user:password@host:587`, STARTTLS required before login; `smtps://` for implicit TLS). Unset: e-mail alert rules are recorded as failed deliveries.',
  },
  {
    name: 'CARAPACE_ALERT_FROM',
    default: '`Carapace <alerts@carapace.invalid>`',
    meaning: 'The From address of alert e-mails.',
  },
] as const;

type Environment = Readonly<Record<string, string | undefined>>;

function readInteger(env: Environment, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max} (got '${raw}')`);
  }
  return value;
}

function readDatabaseTarget(env: Environment, workingDirectory: string): DatabaseTarget {
  const url = env['DATABASE_URL']?.trim();
  if (url !== undefined && url !== '') {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError(
        'DATABASE_URL is not a valid URL (expected postgres://user:password@host:5432/database)',
      );
    }
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
      throw new ConfigError(
        `DATABASE_URL must start with postgres:// or postgresql:// (got ${parsed.protocol}//)`,
      );
    }
    return { kind: 'postgres', url: Redacted.of(url) };
  }
  const dataDir = env['CARAPACE_DATA_DIR']?.trim();
  return {
    kind: 'pglite',
    dataDir: resolve(workingDirectory, dataDir === undefined || dataDir === '' ? 'var/pglite' : dataDir),
  };
}

function readPath(env: Environment, name: string, workingDirectory: string, fallback: string): string {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? fallback : resolve(workingDirectory, value);
}

function readSmtpUrl(env: Environment): Redacted<string> | undefined {
  const value = env['CARAPACE_SMTP_URL']?.trim();
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('CARAPACE_SMTP_URL must be a URL like smtp://user:password@host:587');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError(`CARAPACE_SMTP_URL must start with smtp:// or smtps:// (got ${url.protocol}//)`);
  }
  return Redacted.of(value);
}

/** Debian's Chromium (`apt-get install -y chromium`); `playwright install` is never run. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

export interface ConfigSources {
  readonly env: Environment;
  readonly workingDirectory: string;
  readonly isTty: boolean;
  /** Where the built web UI is when CARAPACE_WEB_ROOT is unset. */
  readonly defaultWebRoot: string;
  /** Where the product catalogue is when CARAPACE_CATALOGUE_DIR is unset. */
  readonly defaultCatalogueDir: string;
  /** Simulation workers when CARAPACE_SIMULATION_WORKERS is unset. */
  readonly defaultSimulationWorkers: number;
}

export function loadConfig(sources: ConfigSources): PlatformConfig {
  const { env } = sources;
  const logLevel = (env['LOG_LEVEL']?.trim() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got '${logLevel}')`);
  }
  const logFormat = env['LOG_FORMAT']?.trim() || (sources.isTty ? 'pretty' : 'json');
  if (logFormat !== 'json' && logFormat !== 'pretty') {
    throw new ConfigError(`LOG_FORMAT must be json or pretty (got '${logFormat}')`);
  }
  const host = env['HOST']?.trim() || '127.0.0.1';
  const webRoot = env['CARAPACE_WEB_ROOT']?.trim();
  return {
    database: readDatabaseTarget(env, sources.workingDirectory),
    host,
    port: readInteger(env, 'PORT', 3000, 0, 65535),
    logLevel,
    prettyLogs: logFormat === 'pretty',
    webRoot:
      webRoot === undefined || webRoot === ''
        ? sources.defaultWebRoot
        : resolve(sources.workingDirectory, webRoot),
    shutdownTimeoutMs: readInteger(env, 'CARAPACE_SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    catalogueDir: readPath(
      env,
      'CARAPACE_CATALOGUE_DIR',
      sources.workingDirectory,
      sources.defaultCatalogueDir,
    ),
    simulationWorkers: readInteger(
      env,
      'CARAPACE_SIMULATION_WORKERS',
      Math.min(64, Math.max(1, sources.defaultSimulationWorkers)),
      1,
      64,
    ),
    chromiumPath: readPath(env, 'CARAPACE_CHROMIUM_PATH', sources.workingDirectory, DEFAULT_CHROMIUM_PATH),
    keyDir: readPath(
      env,
      'CARAPACE_KEY_DIR',
      sources.workingDirectory,
      resolve(sources.workingDirectory, 'var/keys'),
    ),
    auditDir: readPath(
      env,
      'CARAPACE_AUDIT_DIR',
      sources.workingDirectory,
      resolve(sources.workingDirectory, 'var/audit'),
    ),
    smtpUrl: readSmtpUrl(env),
    alertFrom: env['CARAPACE_ALERT_FROM']?.trim() || 'Carapace <alerts@carapace.invalid>',
  };
}
