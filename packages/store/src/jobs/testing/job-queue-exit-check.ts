/**
 * Run as a child process by job-queue.test.ts: opens a database, runs a job through a queue with frequent
 * maintenance, stops the queue, closes the database and then does nothing. The process must end on its
 * own and without an error: nothing of the queue may keep it alive or fail after close. It prints how many
 * jobs it handled and the timers still pending right after close (there must be none: a leaked idle or
 * maintenance timer would hold the process for seconds to minutes).
 *
 * Environment: CARAPACE_EXIT_CHECK_POSTGRES_URL, or CARAPACE_EXIT_CHECK_PGLITE_TEMPLATE (a data-directory dump).
 */
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redacted } from '@carapace/security';
import { openDatabase } from '../../connection.js';
import { openJobQueue } from '../job-queue.js';

const postgresUrl = process.env['CARAPACE_EXIT_CHECK_POSTGRES_URL'];
const pgliteTemplate = process.env['CARAPACE_EXIT_CHECK_PGLITE_TEMPLATE'];

const handle =
  postgresUrl === undefined
    ? await openDatabase({
        kind: 'pglite-memory',
        loadDataDir: new Blob([await readFile(pgliteTemplate ?? '')]),
      })
    : await openDatabase({ kind: 'postgres', url: Redacted.of(postgresUrl) });
const queue = openJobQueue(handle, {
  maintenanceIntervalSeconds: 1,
  onError: (error) => {
    console.error(`job queue error: ${error.message}`);
    process.exitCode = 1;
  },
});
await queue.start();
await queue.createQueue('exit-check');
let handled = 0;
await queue.work(
  'exit-check',
  async () => {
    handled += 1;
    await sleep(10);
  },
  { pollingIntervalSeconds: 0.5 },
);
await queue.send('exit-check', { n: 1 });
while (handled === 0) await sleep(20);
await sleep(1500); // at least one maintenance run
await queue.stop();
await handle.close();
console.log(`stopped after ${handled} job(s)`);
setImmediate(() => {
  const timers = process
    .getActiveResourcesInfo()
    .filter((kind) => kind === 'Timeout' || kind === 'Immediate');
  console.log(`pending timers: ${timers.length}`);
});
