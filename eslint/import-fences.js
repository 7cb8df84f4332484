// @ts-check
/**
 * One import fence per unit: what it may not import, and why. The "why" is the message a developer sees,
 * so a blocked import explains the architecture instead of just refusing. Which units of ours each unit may
 * import comes from dependency-direction.json (also checked against package.json by
 * test/architecture.test.ts); the reasons and the non-workspace bans (Node I/O, database and HTTP packages)
 * are here.
 */
import direction from './dependency-direction.json' with { type: 'json' };

const NODE_IO_MODULES = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'http2',
  'child_process',
  'dgram',
  'dns',
  'tls',
  'cluster',
].flatMap((name) => [name, `node:${name}`]);

const SQL_PACKAGES = ['pg', 'kysely', '@electric-sql/*'];
const HTTP_PACKAGES = ['hono', 'hono/*', '@hono/*'];

/** Why each unit's list of our units is what it is: the message shown when another of ours is imported. */
const WORKSPACE_REASONS = {
  '@carapace/engine':
    'engine is the bottom layer: pure Monte Carlo numerics that import nothing of ours (ARCHITECTURE.md).',
  '@carapace/security':
    'security holds mechanisms only (ciphers, hashing, audit primitives) and imports nothing of ours.',
  '@carapace/contracts':
    'contracts are plain zod schemas shared with the browser: they import nothing of ours.',
  '@carapace/domain':
    'domain may import only engine and security: it defines ports that store implements, and knows nothing of HTTP contracts.',
  '@carapace/store': 'store implements domain ports with SQL; it may import domain and security only.',
  '@carapace/api':
    'api may import the packages below it; cli imports api (serve), never the other way round.',
  '@carapace/cli':
    'cli may import api, contracts, domain, engine and store; it reaches the web UI only through the server it starts.',
  '@carapace/web':
    'web runs in the browser and talks to the server over HTTP: it may import contracts (and engine) only.',
};

/** Bans of packages that are not ours, per unit. */
const EXTERNAL_BANS = {
  '@carapace/engine': [
    {
      group: [...SQL_PACKAGES, ...HTTP_PACKAGES, 'pino', 'commander', ...NODE_IO_MODULES],
      message:
        'engine does no I/O: callers pass data in and take typed arrays out, so it runs in workers and browsers.',
    },
  ],
  '@carapace/security': [
    {
      group: [...SQL_PACKAGES, ...HTTP_PACKAGES],
      message: 'security mechanisms do not reach the database or HTTP; store and api wire them in.',
    },
  ],
  '@carapace/contracts': [
    {
      group: [...SQL_PACKAGES, ...HTTP_PACKAGES, 'pino', 'commander', 'node:*'],
      message: 'contracts run in the browser too: zod only, no Node or server packages.',
    },
  ],
  '@carapace/domain': [
    {
      group: [...SQL_PACKAGES, ...HTTP_PACKAGES, 'pino', 'commander'],
      message:
        'domain holds insurance rules and use cases only: no SQL, no HTTP, no logging framework (use ports).',
    },
    {
      group: NODE_IO_MODULES,
      message:
        'domain does no I/O: reach files, network or processes through a port that an outer layer implements.',
    },
  ],
  '@carapace/store': [
    { group: [...HTTP_PACKAGES, 'commander'], message: 'store knows nothing of HTTP or the command line.' },
  ],
  '@carapace/api': [
    {
      group: SQL_PACKAGES,
      message: 'SQL lives in packages/store only: call a store function or a domain use case.',
    },
  ],
  '@carapace/cli': [
    {
      group: SQL_PACKAGES,
      message: 'SQL lives in packages/store only: call a store function or a domain use case.',
    },
  ],
  '@carapace/web': [
    {
      group: [...SQL_PACKAGES, ...HTTP_PACKAGES, 'pino', 'commander', 'node:*'],
      message: 'web runs in the browser: no Node built-ins or server packages.',
    },
  ],
};

/** @type {Record<string, { path: string, mayImport: string[] }>} */
const units = direction.units;
const allUnits = Object.keys(units);

/** @type {import('eslint').Linter.Config[]} */
export const IMPORT_FENCES = Object.entries(units).map(([unit, { path, mayImport }]) => {
  const forbiddenUnits = allUnits.filter((other) => other !== unit && !mayImport.includes(other));
  const patterns = [
    ...(forbiddenUnits.length === 0
      ? []
      : [
          {
            group: forbiddenUnits.flatMap((other) => [other, `${other}/*`]),
            message: WORKSPACE_REASONS[/** @type {keyof typeof WORKSPACE_REASONS} */ (unit)],
          },
        ]),
    ...EXTERNAL_BANS[/** @type {keyof typeof EXTERNAL_BANS} */ (unit)],
  ];
  return {
    name: `carapace/import-fence/${unit}`,
    files: [`${path}/src/**/*.{ts,tsx}`],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
});
