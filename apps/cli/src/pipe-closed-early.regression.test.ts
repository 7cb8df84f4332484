import { beforeAll, expect, it } from 'vitest';
import { EXAMPLE_SIMULATION, assertCliBuilt, spawnCarapace } from './testing/carapace-process.js';

// Bug: `carapace simulate … | head` died with an unhandled EPIPE and a stack trace once head exited.

beforeAll(() => {
  assertCliBuilt();
});

it('exits quietly when its reader closes the pipe early', async () => {
  const child = spawnCarapace(['simulate', EXAMPLE_SIMULATION, '-n', '20000'], {});
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  // The reader goes away before the summary is printed, so every line the CLI writes meets a closed pipe.
  child.stdout.destroy();
  expect(await exited, stderr).toBe(0);
  expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
});
