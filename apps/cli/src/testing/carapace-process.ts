import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI, exactly as a user runs it. `npm test` builds before testing. */
export const CLI_ENTRY = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** The documented example input of `carapace simulate`. */
export const EXAMPLE_SIMULATION = fileURLToPath(
  new URL('../../../../docs/examples/sme-cyber-simulation.json', import.meta.url),
);

/** A documented example input of `carapace assess`. */
export const EXAMPLE_COMPANY = fileURLToPath(
  new URL('../../../../docs/examples/companies/hangzhou-saas.json', import.meta.url),
);

export function assertCliBuilt(): void {
  if (!existsSync(CLI_ENTRY)) {
    throw new Error(`${CLI_ENTRY} is missing: run \`npm run build\` (npm test does it for you)`);
  }
}

/** The caller's environment without any Carapace settings, so a developer's shell cannot leak into a test. */
export function cleanEnvironment(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(DATABASE_URL|CARAPACE_|PORT$|HOST$|LOG_)/.test(name)) continue;
    env[name] = value;
  }
  // Keys and exported audit heads belong to one database: they go beside its data directory (or to a folder
  // named for its URL) in this test run, never into the repository's var/, and never shared by two databases.
  const database = overrides['CARAPACE_DATA_DIR'] ?? overrides['DATABASE_URL'] ?? 'default';
  const companion = join(
    TEST_RUN_DIRECTORY,
    createHash('sha256').update(database).digest('hex').slice(0, 16),
  );
  return {
    ...env,
    LOG_FORMAT: 'json',
    CARAPACE_KEY_DIR: join(companion, 'keys'),
    CARAPACE_AUDIT_DIR: join(companion, 'audit'),
    ...overrides,
  };
}

const TEST_RUN_DIRECTORY = mkdtempSync(join(tmpdir(), 'carapace-cli-test-'));

export interface CompletedRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts the built CLI with a clean environment plus `env`, stdout and stderr piped. */
export function spawnCarapace(
  args: readonly string[],
  env: Record<string, string>,
): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(process.execPath, [CLI_ENTRY, ...args], {
    env: cleanEnvironment(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function runCarapace(
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<CompletedRun> {
  return completion(spawnCarapace(args, env), timeoutMs);
}

function completion(child: ChildProcess, timeoutMs: number): Promise<CompletedRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`carapace did not finish within ${timeoutMs} ms; stdout: ${stdout} stderr: ${stderr}`),
      );
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export interface ServingCarapace {
  readonly url: string;
  /** Sends the signal and waits for the process to exit. */
  readonly stop: (signal?: NodeJS.Signals) => Promise<CompletedRun>;
}

/** Starts `carapace serve` and resolves once it prints its URL. */
export function serveCarapace(
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<ServingCarapace> {
  const child = spawnCarapace(['serve', ...args], { PORT: '0', ...env });
  const finished = completion(child, timeoutMs * 4);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`carapace serve printed no URL within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    const onData = (): void => {
      const match = /Carapace is running at (http:\/\/\S+)/.exec(stdout);
      if (match?.[1] === undefined) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve({
        url: match[1],
        stop: async (signal = 'SIGINT') => {
          child.kill(signal);
          return finished;
        },
      });
    };
    child.stdout.on('data', onData);
    void finished.then((run) => {
      clearTimeout(timer);
      reject(
        new Error(
          `carapace serve exited early (code ${String(run.code)}, signal ${String(run.signal)}): ${run.stderr}`,
        ),
      );
    });
  });
}
