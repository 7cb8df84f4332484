import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI_ENTRY = join(REPO_ROOT, 'apps/cli/dist/main.js');
const WEB_INDEX = join(REPO_ROOT, 'apps/web/dist/index.html');
const URL_LINE = /Carapace is running at (http:\/\/\S+)/;

/** These tests drive what `npm run build` produced; building here would hide a broken build script. */
export function assertBuilt(): void {
  const missing = [CLI_ENTRY, WEB_INDEX].filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw new Error(
      `Missing build output: ${missing.join(', ')}. Run \`npm run build\` at the repository root first ` +
        '(`npm test` does it for you).',
    );
  }
}

export interface CarapaceServer {
  readonly url: string;
  /** Sends SIGINT and resolves with the exit code once the process has exited. */
  stop(): Promise<number | null>;
  /** Everything the server printed, for failure messages. */
  output(): string;
}

/** Starts `carapace serve --demo-data` on a free port with a fresh embedded database. */
export async function startCarapaceServer(options: { startTimeoutMs: number }): Promise<CarapaceServer> {
  assertBuilt();
  const dataDir = await mkdtemp(join(tmpdir(), 'carapace-web-e2e-'));
  // Nothing from the developer's shell configures this server: it runs on its own embedded database,
  // never on a PostgreSQL or data directory someone pointed Carapace at.
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(DATABASE_URL|CARAPACE_|PORT$|HOST$|LOG_)/.test(name)),
  );
  // The keyring and the exported tree heads belong to this database too: shared ones (./var by default) would
  // hold the heads of earlier runs' databases, and the audit log would then fail verification.
  Object.assign(env, {
    PORT: '0',
    CARAPACE_DATA_DIR: join(dataDir, 'pglite'),
    CARAPACE_KEY_DIR: join(dataDir, 'keys'),
    CARAPACE_AUDIT_DIR: join(dataDir, 'audit'),
    LOG_FORMAT: 'json',
  });
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    process.execPath,
    [CLI_ENTRY, 'serve', '--demo-data'],
    {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );

  const lines: string[] = [];
  const output = (): string => lines.slice(-60).join('\n');
  createInterface({ input: child.stderr }).on('line', (line) => lines.push(line));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      resolve(code);
    }),
  );

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The server did not print its URL within ${options.startTimeoutMs} ms:\n${output()}`));
    }, options.startTimeoutMs);
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      const match = URL_LINE.exec(line);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with code ${String(code)} before it was ready:\n${output()}`));
    });
  });

  return {
    url,
    output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      const code = await exited;
      await rm(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
