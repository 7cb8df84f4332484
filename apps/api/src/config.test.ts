import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, ENVIRONMENT_VARIABLES, loadConfig, type ConfigSources } from './config.js';

function sources(env: Record<string, string>): ConfigSources {
  return {
    env,
    workingDirectory: '/srv/carapace',
    isTty: false,
    defaultWebRoot: '/opt/carapace/web',
    defaultCatalogueDir: '/opt/carapace/catalogue',
    defaultSimulationWorkers: 2,
  };
}

describe('configuration', () => {
  it('defaults to the embedded PGlite under ./var and port 3000 on loopback', () => {
    const config = loadConfig(sources({}));
    expect(config).toEqual({
      database: { kind: 'pglite', dataDir: '/srv/carapace/var/pglite' },
      host: '127.0.0.1',
      port: 3000,
      logLevel: 'info',
      prettyLogs: false,
      webRoot: '/opt/carapace/web',
      shutdownTimeoutMs: 10_000,
      catalogueDir: '/opt/carapace/catalogue',
      simulationWorkers: 2,
      chromiumPath: '/usr/bin/chromium',
      keyDir: '/srv/carapace/var/keys',
      auditDir: '/srv/carapace/var/audit',
      smtpUrl: undefined,
      alertFrom: 'Carapace <alerts@carapace.invalid>',
    });
  });

  it('reads the alert SMTP server from CARAPACE_SMTP_URL, keeps its password out of sight, and refuses other schemes', () => {
    const config = loadConfig(sources({ CARAPACE_SMTP_URL: 'smtp://alerts:s3cret@mail.example:587' }));
    expect(config.smtpUrl?.reveal()).toBe('smtp://alerts:s3cret@mail.example:587');
    expect(JSON.stringify(config)).not.toContain('s3cret');
    expect(() => loadConfig(sources({ CARAPACE_SMTP_URL: 'https://mail.example' }))).toThrow(
      'CARAPACE_SMTP_URL must start with smtp:// or smtps://',
    );
    expect(() => loadConfig(sources({ CARAPACE_SMTP_URL: 'not a url' }))).toThrow(
      'CARAPACE_SMTP_URL must be a URL',
    );
  });

  it('takes the Chromium that prints documents from CARAPACE_CHROMIUM_PATH, relative to the working directory', () => {
    expect(loadConfig(sources({ CARAPACE_CHROMIUM_PATH: '/opt/chromium/chrome' })).chromiumPath).toBe(
      '/opt/chromium/chrome',
    );
    expect(loadConfig(sources({ CARAPACE_CHROMIUM_PATH: 'tools/chromium' })).chromiumPath).toBe(
      '/srv/carapace/tools/chromium',
    );
  });

  it('switches to PostgreSQL by DATABASE_URL alone and keeps the password out of sight', () => {
    const config = loadConfig(sources({ DATABASE_URL: 'postgres://app:s3cret@db:5432/carapace' }));
    expect(config.database.kind).toBe('postgres');
    expect(JSON.stringify(config)).not.toContain('s3cret');
  });

  it('resolves a relative data directory against the working directory', () => {
    expect(loadConfig(sources({ CARAPACE_DATA_DIR: 'data/db' })).database).toEqual({
      kind: 'pglite',
      dataDir: '/srv/carapace/data/db',
    });
  });

  it.each([
    [{ PORT: 'http' }, "PORT must be an integer from 0 to 65535 (got 'http')"],
    [{ PORT: '70000' }, 'PORT must be an integer from 0 to 65535'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
    [{ LOG_FORMAT: 'xml' }, 'LOG_FORMAT must be json or pretty'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL is not a valid URL'],
    [{ DATABASE_URL: 'mysql://db/x' }, 'DATABASE_URL must start with postgres://'],
    [{ CARAPACE_SHUTDOWN_TIMEOUT_MS: '-1' }, 'CARAPACE_SHUTDOWN_TIMEOUT_MS must be an integer'],
  ])('rejects %o with a message naming the variable', (env, message) => {
    expect(() => loadConfig(sources(env))).toThrow(ConfigError);
    expect(() => loadConfig(sources(env))).toThrow(message);
  });

  it('is documented variable by variable in the README configuration table, word for word', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');
    const documented = readme
      .split('\n')
      .filter((line) => /^\|\s*`[A-Z_]+`\s*\|/.test(line))
      .map((line) =>
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
    expect(documented).toEqual(
      ENVIRONMENT_VARIABLES.map((variable) => [`\`${variable.name}\``, variable.default, variable.meaning]),
    );
  });
});
