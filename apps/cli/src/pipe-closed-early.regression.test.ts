import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { CLI_ENTRY, assertCliBuilt, cleanEnvironment } from './testing/carapace-process.js';

// Bug: `carapace simulate … | head` died with an unhandled EPIPE and a stack trace once head exited.

beforeAll(() => {
  assertCliBuilt();
});

it('exits quietly when its reader closes the pipe early', async () => {
  const example = join(
    import.meta.dirname,
    '..',
    '..',
    '..',
    'docs',
    'examples',
    'sme-cyber-simulation.json',
  );
  const child = spawn(process.execPath, [CLI_ENTRY, 'simulate', example, '-n', '20000'], {
    env: cleanEnvironment({}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  // The reader goes away before the summary is printed, so every line the CLI writes meets a closed pipe.
  child.stdout.destroy();
  expect(await exited, stderr).toBe(0);
  expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
});
