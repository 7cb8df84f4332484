import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createScratchPostgresDatabase } from '@carapace/store/testing';
import { assertCliBuilt, runCarapace, type CompletedRun } from '../testing/carapace-process.js';

/** Real public feeds shared by the project's machines (SOURCE.md beside each names its origin and licence). */
const DATA = fileURLToPath(new URL('../../../../../shared/data/', import.meta.url));
const NPM_ADVISORIES = join(DATA, 'osv', 'npm_nodejs_security_wg.jsonl');
const KEV_CATALOGUE = join(DATA, 'kev', 'known_exploited_vulnerabilities.json');
/** Lines in the npm file and entries in the KEV catalogue (its `count`). */
const NPM_RECORDS = 467;
const KEV_ENTRIES = 1404;

/** A failure must be exactly one line on stderr: no stack trace, no object dump. */
function expectOneLineFailure(run: CompletedRun, exitCode: number, message: RegExp): void {
  expect(run.code, run.stderr).toBe(exitCode);
  const lines = run.stderr.trim().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^carapace: /);
  expect(lines[0]).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

interface Counts {
  read: number;
  added: number;
  changed: number;
  unchanged: number;
  withdrawn: number;
  rejected: number;
  skipped: number;
}

/** The summary's counts line: `467 read: 450 added, 0 changed, …`. */
function countsOf(stdout: string): Counts {
  const match =
    /([\d,]+) read: ([\d,]+) added, ([\d,]+) changed, ([\d,]+) unchanged, ([\d,]+) withdrawn, ([\d,]+) rejected, ([\d,]+) skipped/.exec(
      stdout,
    );
  expect(match, stdout).not.toBeNull();
  const [read, added, changed, unchanged, withdrawn, rejected, skipped] = (match ?? [])
    .slice(1)
    .map((value) => Number(value.replaceAll(',', '')));
  return {
    read: read ?? -1,
    added: added ?? -1,
    changed: changed ?? -1,
    unchanged: unchanged ?? -1,
    withdrawn: withdrawn ?? -1,
    rejected: rejected ?? -1,
    skipped: skipped ?? -1,
  };
}

let workDirectory: string;
beforeAll(() => {
  assertCliBuilt();
});
beforeEach(async () => {
  workDirectory = await mkdtemp(join(tmpdir(), 'carapace-feeds-'));
});
afterEach(async () => {
  await rm(workDirectory, { recursive: true, force: true });
});

/** Runs the test against an embedded database and, when one answers, a scratch PostgreSQL database. */
const DATABASES = ['pglite', 'postgres'] as const;
async function onDatabase(
  kind: (typeof DATABASES)[number],
  test: (env: Record<string, string>) => Promise<void>,
): Promise<void> {
  if (kind === 'pglite') {
    await test({ CARAPACE_DATA_DIR: join(workDirectory, 'pglite') });
    return;
  }
  const server = inject('testDatabaseTemplates').postgres;
  if (server === null) {
    console.warn('PostgreSQL not reachable: skipping the PostgreSQL feeds test (never skipped in CI)');
    return;
  }
  const database = await createScratchPostgresDatabase(server);
  try {
    await test({ DATABASE_URL: database.url });
  } finally {
    await database.drop();
  }
}

describe('carapace feeds', () => {
  it.each(DATABASES)(
    'imports the npm advisories and KEV, counts them, and a re-import changes nothing [%s]',
    async (kind) => {
      await onDatabase(kind, async (env) => {
        const npm = await runCarapace(['feeds', 'import', 'nodejs-security-wg', NPM_ADVISORIES], env, 60_000);
        expect(npm.code, npm.stderr).toBe(0);
        expect(npm.stdout).toMatch(
          /^imported nodejs-security-wg from .*npm_nodejs_security_wg\.jsonl in [\d.]+ s$/m,
        );
        const first = countsOf(npm.stdout);
        expect(first).toEqual({
          read: NPM_RECORDS,
          added: NPM_RECORDS,
          changed: 0,
          unchanged: 0,
          withdrawn: 0,
          rejected: 0,
          skipped: 0,
        });
        expect(npm.stdout).not.toContain('first rejected records');
        // Not a terminal: a few plain progress lines, never a carriage return.
        expect(npm.stderr).not.toContain('\r');

        const kev = await runCarapace(['feeds', 'import', 'kev', KEV_CATALOGUE], env, 60_000);
        expect(kev.code, kev.stderr).toBe(0);
        expect(countsOf(kev.stdout)).toEqual({
          read: KEV_ENTRIES,
          added: KEV_ENTRIES,
          changed: 0,
          unchanged: 0,
          withdrawn: 0,
          rejected: 0,
          skipped: 0,
        });
        expect(kev.stdout).toContain('source version: 2025.08.25');

        const npmAgain = countsOf(
          (await runCarapace(['feeds', 'import', 'nodejs-security-wg', NPM_ADVISORIES], env, 60_000)).stdout,
        );
        expect(npmAgain).toEqual({ ...first, added: 0, unchanged: first.added });
        const kevAgain = countsOf(
          (await runCarapace(['feeds', 'import', 'kev', KEV_CATALOGUE], env, 60_000)).stdout,
        );
        expect(kevAgain).toMatchObject({ read: KEV_ENTRIES, added: 0, changed: 0, unchanged: KEV_ENTRIES });

        const status = await runCarapace(['feeds', 'status', '-n', '3'], env);
        expect(status.code, status.stderr).toBe(0);
        expect(status.stdout).toMatch(/^nodejs-security-wg +succeeded /m);
        expect(status.stdout).toMatch(/^kev +succeeded .*\(version 2025\.08\.25\)$/m);
        expect(status.stdout).toMatch(/^osv +never imported$/m);
        expect(status.stdout.match(/^ {2}\d{4}-\d{2}-\d{2}T/gm)).toHaveLength(3);
        const json = JSON.parse((await runCarapace(['feeds', 'status', '--json'], env)).stdout) as unknown[];
        expect(json).toHaveLength(4);
      });
    },
    240_000,
  );

  it.each(DATABASES)(
    'streams a feed from a URL, rescans, and fails in one line on a bad file or download [%s]',
    async (kind) => {
      const feedServer = await serveFile(KEV_CATALOGUE);
      try {
        await onDatabase(kind, async (env) => {
          const { port } = feedServer.address() as AddressInfo;
          const url = `http://feeds:secret@127.0.0.1:${String(port)}/kev.json`;
          const downloaded = await runCarapace(['feeds', 'import', 'kev', url, '--rescan'], env, 60_000);
          expect(downloaded.code, downloaded.stderr).toBe(0);
          expect(downloaded.stdout).toContain(`imported kev from http://127.0.0.1:${String(port)}/kev.json`);
          expect(downloaded.stdout + downloaded.stderr).not.toContain('secret');
          expect(countsOf(downloaded.stdout)).toMatchObject({ read: KEV_ENTRIES, added: KEV_ENTRIES });
          expect(downloaded.stdout).toMatch(/^rescanned 0 insured\(s\): 0 new finding\(s\)/m);

          expectOneLineFailure(
            await runCarapace(['feeds', 'import', 'kev', join(workDirectory, 'missing.json')], env),
            1,
            /cannot read .*missing\.json \(ENOENT\)/,
          );
          expectOneLineFailure(
            await runCarapace(['feeds', 'import', 'kev', `http://127.0.0.1:${String(port)}/nothing`], env),
            1,
            /cannot download http:\/\/127\.0\.0\.1:\d+\/nothing \(HTTP 404/,
          );
          const notJson = join(workDirectory, 'kev.json');
          await writeFile(notJson, '{"catalogVersion": "2025.08.25", "vulnerabilities": [');
          expectOneLineFailure(
            await runCarapace(['feeds', 'import', 'kev', notJson], env),
            1,
            /kev\.json: KEV catalogue: not JSON/,
          );
          const garbage = join(workDirectory, 'advisories.jsonl');
          await writeFile(garbage, 'this is not an advisory\n{"id": 7}\n');
          expectOneLineFailure(
            await runCarapace(['feeds', 'import', 'nodejs-security-wg', garbage], env),
            1,
            /advisories\.jsonl: nodejs-security-wg: every record was rejected; the first: not valid JSON/,
          );
          expectOneLineFailure(
            await runCarapace(['feeds', 'import', 'nvd', notJson], env),
            2,
            /expected one of osv, nodejs-security-wg, victims, kev, epss/,
          );

          const status = await runCarapace(['feeds', 'status'], env);
          expect(status.stdout).toMatch(/^kev +failed .*\n.*\n +error: KEV catalogue: not JSON/m);
          expect(status.stdout).toMatch(
            /^ +last success: \d{4}-.*\(http:\/\/127\.0\.0\.1:\d+\/kev\.json\)$/m,
          );
        });
      } finally {
        await new Promise((resolve) => feedServer.close(resolve));
      }
    },
    240_000,
  );
});

/** A local HTTP server standing in for a feed's website: `/kev.json` serves the file, anything else 404. */
async function serveFile(path: string): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url !== '/kev.json') {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    createReadStream(path).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
