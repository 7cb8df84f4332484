/**
 * How long until a test has a fresh, fully migrated database — from the template (what the suite does) versus
 * building one from nothing (the peer: PGlite initdb + migrations; PostgreSQL CREATE DATABASE + migrations).
 * Prints medians and the ratio. Run: npm run bench:test-db
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Redacted } from '@carapace/security';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '@carapace/store';
import { DEFAULT_TEST_POSTGRES_URL, databaseUrlWithName } from '@carapace/store/testing/test-databases';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 7);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function timed(
  open: () => Promise<DatabaseHandle>,
  after: (handle: DatabaseHandle) => Promise<void>,
): Promise<number> {
  const started = performance.now();
  const handle = await open();
  const elapsed = performance.now() - started;
  await after(handle);
  return elapsed;
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function pgliteFigures(directory: string): Promise<[number, number]> {
  const builder = await openDatabase({ kind: 'pglite-memory' });
  await migrateToLatest(builder.db);
  const dump = await builder.pglite?.dumpDataDir('none');
  await builder.close();
  if (dump === undefined) throw new Error('no PGlite dump');
  const path = join(directory, 'template.tar');
  await writeFile(path, Buffer.from(await dump.arrayBuffer()));

  const fromTemplate: number[] = [];
  const fromScratch: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    fromTemplate.push(
      await timed(
        async () => openDatabase({ kind: 'pglite-memory', loadDataDir: new Blob([await readFile(path)]) }),
        (handle) => handle.close(),
      ),
    );
    fromScratch.push(
      await timed(
        async () => {
          const handle = await openDatabase({ kind: 'pglite-memory' });
          await migrateToLatest(handle.db);
          return handle;
        },
        (handle) => handle.close(),
      ),
    );
  }
  return [median(fromTemplate), median(fromScratch)];
}

async function postgresFigures(adminUrl: string): Promise<[number, number] | null> {
  try {
    await adminQuery(adminUrl, 'select 1');
  } catch {
    return null;
  }
  const runId = randomBytes(3).toString('hex');
  const template = `carapace_bench_tpl_${runId}`;
  await adminQuery(adminUrl, `create database "${template}"`);
  const templateHandle = await openDatabase({
    kind: 'postgres',
    url: Redacted.of(databaseUrlWithName(adminUrl, template)),
  });
  await migrateToLatest(templateHandle.db);
  await templateHandle.close();

  const fromTemplate: number[] = [];
  const fromScratch: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [useTemplate, sink] of [
        [true, fromTemplate],
        [false, fromScratch],
      ] as const) {
        const name = `carapace_bench_${runId}_${round}_${useTemplate ? 't' : 's'}`;
        sink.push(
          await timed(
            async () => {
              await adminQuery(
                adminUrl,
                `create database "${name}"${useTemplate ? ` template "${template}"` : ''}`,
              );
              const handle = await openDatabase({
                kind: 'postgres',
                url: Redacted.of(databaseUrlWithName(adminUrl, name)),
              });
              if (!useTemplate) await migrateToLatest(handle.db);
              return handle;
            },
            async (handle) => {
              await handle.close();
              await adminQuery(adminUrl, `drop database "${name}" with (force)`);
            },
          ),
        );
      }
    }
  } finally {
    await adminQuery(adminUrl, `drop database if exists "${template}" with (force)`);
  }
  return [median(fromTemplate), median(fromScratch)];
}

const directory = await mkdtemp(join(tmpdir(), 'carapace-bench-'));
try {
  const rows: string[] = [];
  const [pgliteTemplate, pgliteScratch] = await pgliteFigures(directory);
  rows.push(
    `| PGlite (in memory) | ${pgliteTemplate.toFixed(0)} | ${pgliteScratch.toFixed(0)} | ${(pgliteScratch / pgliteTemplate).toFixed(1)}× |`,
  );
  const postgres = await postgresFigures(process.env['DATABASE_URL'] ?? DEFAULT_TEST_POSTGRES_URL);
  if (postgres === null) {
    rows.push('| PostgreSQL | not reachable | | |');
  } else {
    rows.push(
      `| PostgreSQL | ${postgres[0].toFixed(0)} | ${postgres[1].toFixed(0)} | ${(postgres[1] / postgres[0]).toFixed(1)}× |`,
    );
  }
  process.stdout.write(
    `test-database-ready: median of ${ROUNDS} rounds, milliseconds until a fresh migrated database answers\n\n` +
      '| Engine | from template (ours) | built from nothing (peer) | speed-up |\n| --- | --- | --- | --- |\n' +
      `${rows.join('\n')}\n`,
  );
} finally {
  await rm(directory, { recursive: true, force: true });
}
