/**
 * Quote latency under load: the real server (built CLI, `carapace serve`) answering quote requests from 20
 * concurrent clients (autocannon), on the embedded PGlite and on PostgreSQL. Each request prices a submitted
 * application with the product's 100,000-year simulation and stores the quote; a second run hits the
 * stateless assessment endpoint. Prints p50/p95/p99 latency and sustained requests/s against the bar
 * (p95 < 500 ms). Run: npm run bench:underwriting   (BENCH_SECONDS, BENCH_CONNECTIONS to change the load)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 20);
const P95_BAR_MS = 500;
const POSTGRES_ADMIN_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const CLI = fileURLToPath(new URL('../apps/cli/dist/main.js', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../docs/examples/companies/hangzhou-saas.json', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startServer(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  // Demo data brings the demo underwriter's account, which the benchmark signs in as.
  const keys = await mkdtemp(join(tmpdir(), 'carapace-bench-keys-'));
  const child = spawn(process.execPath, [CLI, 'serve', '--demo-data'], {
    env: {
      PATH: process.env['PATH'] ?? '',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      PORT: String(port),
      CARAPACE_KEY_DIR: join(keys, 'keys'),
      CARAPACE_AUDIT_DIR: join(keys, 'audit'),
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${String(port)}`;
  for (let attempt = 0; attempt < 600; attempt++) {
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return { url, child };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not become ready within 60 s');
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** The demo underwriter's bearer header, set once the server is up. */
let authorization = '';

async function signIn(url: string): Promise<void> {
  authorization = '';
  const session = await post(`${url}/api/v1/sessions`, {
    email: 'underwriter@demo.carapace.test',
    password: 'carapace-demo-2026',
  });
  authorization = `Bearer ${String(session['token'])}`;
}

async function post(url: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === '' ? {} : { authorization }) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${String(response.status)} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** One submitted application per client, each a slightly different company so no two price alike. */
async function submittedSubmissions(url: string, count: number): Promise<string[]> {
  const example = JSON.parse(await readFile(EXAMPLE, 'utf8')) as { profile: Record<string, unknown> };
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const organisation = await post(`${url}/api/v1/organisations`, {
      kind: 'insured',
      nameZh: `压测企业${String(index + 1)}`,
    });
    const profile = {
      ...example.profile,
      annualRevenue: { amount: `${String(40_000_000 + index * 3_000_000)}.00`, currency: 'CNY' },
    };
    const submission = await post(`${url}/api/v1/submissions`, {
      organisationId: organisation['id'],
      profile,
    });
    await post(`${url}/api/v1/submissions/${String(submission['id'])}/submit`, {});
    ids.push(String(submission['id']));
  }
  return ids;
}

interface LoadResult {
  readonly label: string;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly requestsPerSecond: number;
  readonly requests: number;
  readonly failures: number;
}

async function benchmarkEngine(name: string, env: Record<string, string>): Promise<LoadResult[]> {
  const { url, child } = await startServer(env);
  try {
    await signIn(url);
    const submissions = await submittedSubmissions(url, CONNECTIONS);
    let next = 0;
    const quoteRequest: autocannon.Request = {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      setupRequest: (request) => {
        const id = submissions[next++ % submissions.length] ?? '';
        return {
          ...request,
          path: `/api/v1/submissions/${id}/quotes`,
          body: JSON.stringify({ options: [{}] }),
        };
      },
    };
    const example = JSON.parse(await readFile(EXAMPLE, 'utf8')) as { profile: unknown };
    const assessRequest: autocannon.Request = {
      method: 'POST',
      path: '/api/v1/assessments',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ profile: example.profile }),
    };
    // Warm the JIT and the worker pool before measuring.
    await Promise.all(
      submissions.map((id) => post(`${url}/api/v1/submissions/${id}/quotes`, { options: [{}] })),
    );
    return [
      await loadAgainst(url, `${name}: quote (assess + price + store)`, [quoteRequest]),
      await loadAgainst(url, `${name}: assessment only`, [assessRequest]),
    ];
  } finally {
    await stopServer(child);
  }
}

function percentile(sorted: readonly number[], level: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(level * sorted.length) - 1)] ?? Number.NaN;
}

/** Runs one load and takes every response time, so percentiles are exact (autocannon's table has no p95). */
async function loadAgainst(url: string, label: string, requests: autocannon.Request[]): Promise<LoadResult> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections: CONNECTIONS, duration: SECONDS, requests },
      (error, done) => {
        if (error !== null && error !== undefined)
          reject(error instanceof Error ? error : new Error(String(error)));
        else resolve(done);
      },
    );
    instance.on('response', (_client, _statusCode, _bytes, responseTime: number) => {
      latencies.push(responseTime);
    });
  });
  latencies.sort((left, right) => left - right);
  return {
    label,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    requestsPerSecond: result.requests.total / SECONDS,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

function table(results: readonly LoadResult[]): string {
  const rows = results.map((result) => [
    result.label,
    result.p50.toFixed(0),
    result.p95.toFixed(0),
    result.p99.toFixed(0),
    result.requestsPerSecond.toFixed(1),
    String(result.requests),
    String(result.failures),
    result.p95 < P95_BAR_MS && result.failures === 0 ? 'met' : 'NOT met',
  ]);
  const header = [
    'run',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'req/s',
    'requests',
    'failed',
    `p95 < ${String(P95_BAR_MS)} ms`,
  ];
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)),
  );
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  '),
    )
    .join('\n');
}

async function main(): Promise<void> {
  process.stdout.write(
    `quote latency: ${String(CONNECTIONS)} concurrent clients, ${String(SECONDS)} s per run, 100,000-year simulations`,
  );
  const results: LoadResult[] = [];
  const dataDir = await mkdtemp(join(tmpdir(), 'carapace-bench-'));
  try {
    results.push(...(await benchmarkEngine('PGlite', { CARAPACE_DATA_DIR: join(dataDir, 'pglite') })));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  const name = `carapace_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`create database "${name}"`);
  try {
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    results.push(...(await benchmarkEngine('PostgreSQL', { DATABASE_URL: url.toString() })));
  } finally {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
  process.stdout.write(`${table(results)}\n`);
}

await main();
