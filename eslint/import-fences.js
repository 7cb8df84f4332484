// @ts-check
/**
 * One import fence per unit: what it may not import, and why. The "why" is the message a developer sees,
 * so a blocked import explains the architecture instead of just refusing. ARCHITECTURE.md has the same
 * table; package.json dependencies are the first fence, these rules are the backstop for transitive and
 * Node built-in imports that package.json cannot express.
 */

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

const DATABASE_AND_HTTP_PACKAGES = [
  'pg',
  'kysely',
  '@electric-sql/*',
  'hono',
  'hono/*',
  '@hono/*',
  'pino',
  'commander',
];

/**
 * @param {string} unit
 * @param {string[]} files
 * @param {{ group: string[], message: string }[]} patterns
 * @param {{ name: string, message: string }[]} [paths]
 */
function fence(unit, files, patterns, paths = []) {
  return {
    name: `carapace/import-fence/${unit}`,
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        { paths, patterns: patterns.map((pattern) => ({ ...pattern, allowTypeImports: false })) },
      ],
    },
  };
}

const ioPaths = (/** @type {string} */ why) => NODE_IO_MODULES.map((name) => ({ name, message: why }));

export const IMPORT_FENCES = [
  fence(
    'engine',
    ['packages/engine/src/**/*.ts'],
    [
      {
        group: ['@carapace/*'],
        message:
          'engine is the bottom layer: pure Monte Carlo numerics that imports nothing of ours (ARCHITECTURE.md).',
      },
      {
        group: DATABASE_AND_HTTP_PACKAGES,
        message:
          'engine does no I/O: no database, HTTP or logging; callers pass data in and take results out.',
      },
    ],
    ioPaths(
      'engine does no I/O: callers pass data in and take typed arrays out, so it runs in workers and browsers.',
    ),
  ),
  fence(
    'security',
    ['packages/security/src/**/*.ts'],
    [
      {
        group: ['@carapace/*'],
        message:
          'security holds mechanisms only (ciphers, hashing, audit primitives) and imports nothing of ours.',
      },
      {
        group: ['pg', 'kysely', '@electric-sql/*', 'hono', 'hono/*', '@hono/*'],
        message: 'security mechanisms do not reach the database or HTTP; store and api wire them in.',
      },
    ],
  ),
  fence(
    'domain',
    ['packages/domain/src/**/*.ts'],
    [
      {
        group: [
          '@carapace/store',
          '@carapace/store/*',
          '@carapace/api',
          '@carapace/cli',
          '@carapace/contracts',
          '@carapace/web',
        ],
        message:
          'domain may import only engine and security: it defines ports that store implements, and knows nothing of HTTP contracts.',
      },
      {
        group: DATABASE_AND_HTTP_PACKAGES,
        message:
          'domain holds insurance rules and use cases only: no SQL, no HTTP, no logging framework (use ports).',
      },
    ],
    ioPaths(
      'domain does no I/O: reach files, network or processes through a port that an outer layer implements.',
    ),
  ),
  fence(
    'store',
    ['packages/store/src/**/*.ts'],
    [
      {
        group: ['@carapace/api', '@carapace/cli', '@carapace/contracts', '@carapace/web', '@carapace/engine'],
        message: 'store implements domain ports with SQL; it may import domain and security only.',
      },
      {
        group: ['hono', 'hono/*', '@hono/*', 'commander'],
        message: 'store knows nothing of HTTP or the command line.',
      },
    ],
  ),
  fence(
    'contracts',
    ['packages/contracts/src/**/*.ts'],
    [
      {
        group: ['@carapace/*'],
        message: 'contracts are plain zod schemas shared with the browser: they import nothing of ours.',
      },
      {
        group: [...DATABASE_AND_HTTP_PACKAGES, 'node:*'],
        message: 'contracts run in the browser too: zod only, no Node or server packages.',
      },
    ],
  ),
  fence(
    'api',
    ['apps/api/src/**/*.ts'],
    [
      {
        group: ['@carapace/cli', '@carapace/web'],
        message:
          'api is imported by cli (serve), never the other way round; web talks to api over HTTP only.',
      },
    ],
  ),
  fence(
    'cli',
    ['apps/cli/src/**/*.ts'],
    [
      {
        group: ['@carapace/web'],
        message: 'cli talks to the web UI only through the HTTP server it starts.',
      },
    ],
  ),
  fence(
    'web',
    ['apps/web/src/**/*.{ts,tsx}'],
    [
      {
        group: [
          '@carapace/domain',
          '@carapace/store',
          '@carapace/store/*',
          '@carapace/api',
          '@carapace/cli',
          '@carapace/security',
        ],
        message:
          'web runs in the browser and talks to the server over HTTP: it may import contracts (and engine) only.',
      },
      {
        group: [...DATABASE_AND_HTTP_PACKAGES, 'node:*'],
        message: 'web runs in the browser: no Node built-ins or server packages.',
      },
    ],
  ),
];
