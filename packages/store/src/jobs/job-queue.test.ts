import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterEach, expect, inject, it } from 'vitest';
import type { DatabaseHandle } from '../connection.js';
import { migrationStatus } from '../migrator.js';
import { describeEachDatabase } from '../testing/describe-each-database.js';
import { runRawSqlAsTenant } from '../testing/raw-sql.js';
import { JOB_QUEUE_SCHEMA, openJobQueue, type JobQueue, type QueuedJob } from './job-queue.js';

const QUEUE = 'test-jobs';
const POLLING = { pollingIntervalSeconds: 0.2 } as const;

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(25);
  }
}

async function jobState(handle: DatabaseHandle, jobId: string): Promise<string | undefined> {
  const result = await handle.runPooledSql(`select state from ${JOB_QUEUE_SCHEMA}.job where id = $1`, [
    jobId,
  ]);
  return result.rows[0]?.['state'] as string | undefined;
}

const EXIT_CHECK = fileURLToPath(new URL('./testing/job-queue-exit-check.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));

describeEachDatabase('job queue', ({ handle }) => {
  const errors: Error[] = [];
  let queue: JobQueue | undefined;

  async function startedQueue(): Promise<JobQueue> {
    queue = openJobQueue(handle(), { onError: (error) => errors.push(error) });
    await queue.start();
    await queue.createQueue(QUEUE);
    return queue;
  }

  afterEach(async () => {
    await queue?.stop();
    queue = undefined;
    expect(errors).toEqual([]);
    errors.length = 0;
  });

  it('hands a sent job to the handler once, as attempt 1 of 3 by default, then completes it', async () => {
    const jobs = await startedQueue();
    const seen: QueuedJob<{ alertId: string }>[] = [];
    await jobs.work<{ alertId: string }>(
      QUEUE,
      async (job) => {
        seen.push(job);
        return Promise.resolve();
      },
      POLLING,
    );
    const sent = await jobs.send(QUEUE, { alertId: 'alert-1' });
    if (sent.kind !== 'queued') throw new Error('expected a queued job');
    await waitFor(async () => (await jobState(handle(), sent.jobId)) === 'completed');
    await sleep(600); // three more polls: nothing is handed out twice
    expect(seen).toEqual([
      { id: sent.jobId, queue: QUEUE, payload: { alertId: 'alert-1' }, attempt: 1, maxAttempts: 3 },
    ]);
  });

  it('shares jobs between two work loops without handing any job to both', async () => {
    const jobs = await startedQueue();
    const handled: number[] = [];
    const handler = async (job: QueuedJob<{ index: number }>): Promise<void> => {
      handled.push(job.payload.index);
      await sleep(5);
    };
    await jobs.work(QUEUE, handler, { ...POLLING, batchSize: 5 });
    await jobs.work(QUEUE, handler, { ...POLLING, batchSize: 5 });
    for (let index = 0; index < 40; index += 1) await jobs.send(QUEUE, { index });
    await waitFor(() => handled.length >= 40);
    await sleep(600);
    expect([...handled].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, index) => index));
  });

  it('retries a failing handler up to its retry limit, then leaves the job failed', async () => {
    const jobs = await startedQueue();
    const attempts: [number, number][] = [];
    await jobs.work(
      QUEUE,
      async (job) => {
        attempts.push([job.attempt, job.maxAttempts]);
        return Promise.reject(new Error(`receiver down on attempt ${job.attempt}`));
      },
      POLLING,
    );
    const sent = await jobs.send(QUEUE, { alertId: 'alert-2' }, { retryLimit: 2, retryDelaySeconds: 0 });
    await waitFor(async () => (await jobState(handle(), sent.jobId)) === 'failed');
    await sleep(600);
    expect(attempts).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    const output = await handle().runPooledSql(`select output from ${JOB_QUEUE_SCHEMA}.job where id = $1`, [
      sent.jobId,
    ]);
    expect(output.rows[0]?.['output']).toEqual({ message: 'receiver down on attempt 3' });
  });

  it('succeeds on a retry after failures, waiting the retry delay between attempts', async () => {
    const jobs = await startedQueue();
    const attemptTimes: number[] = [];
    await jobs.work(
      QUEUE,
      async (job) => {
        attemptTimes.push(Date.now());
        if (job.attempt < 3) throw new Error('not yet');
        return Promise.resolve();
      },
      POLLING,
    );
    const sent = await jobs.send(QUEUE, { alertId: 'alert-3' }, { retryLimit: 5, retryDelaySeconds: 1 });
    await waitFor(async () => (await jobState(handle(), sent.jobId)) === 'completed');
    expect(attemptTimes).toHaveLength(3);
    // Ordering only, not speed: each retry starts no earlier than the delay after the failure.
    expect((attemptTimes[1] ?? 0) - (attemptTimes[0] ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it('makes one job of sends with the same singleton key, and another of a different key', async () => {
    const jobs = await startedQueue();
    const handled: string[] = [];
    const first = await jobs.send(QUEUE, { alertId: 'a' }, { singletonKey: 'dedupe-1' });
    const second = await jobs.send(QUEUE, { alertId: 'a again' }, { singletonKey: 'dedupe-1' });
    const other = await jobs.send(QUEUE, { alertId: 'b' }, { singletonKey: 'dedupe-2' });
    expect(first.kind).toBe('queued');
    expect(second).toEqual({ kind: 'duplicate', jobId: first.jobId });
    expect(other.kind).toBe('queued');
    await jobs.work<{ alertId: string }>(
      QUEUE,
      async (job) => {
        handled.push(job.payload.alertId);
        return Promise.resolve();
      },
      POLLING,
    );
    await waitFor(async () => (await jobState(handle(), first.jobId)) === 'completed');
    // Still a duplicate once the first job has completed: the key is kept until the job is archived.
    expect(await jobs.send(QUEUE, { alertId: 'a later' }, { singletonKey: 'dedupe-1' })).toEqual(second);
    await waitFor(() => handled.length >= 2);
    await sleep(600);
    expect([...handled].sort()).toEqual(['a', 'b']);
  });

  it('waits in stop() for a handler that is running, and records its outcome before returning', async () => {
    const jobs = await startedQueue();
    let release = (): void => undefined;
    const running = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = false;
    await jobs.work(
      QUEUE,
      async () => {
        started = true;
        await running;
      },
      POLLING,
    );
    const sent = await jobs.send(QUEUE, { alertId: 'slow' });
    await waitFor(() => started);
    let stopped = false;
    const stopping = jobs.stop().then(() => {
      stopped = true;
    });
    await sleep(500);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await jobState(handle(), sent.jobId)).toBe('completed');
  });

  it('stops one worker while the queue keeps taking jobs', async () => {
    const jobs = await startedQueue();
    const handled: number[] = [];
    const worker = await jobs.work<{ n: number }>(
      QUEUE,
      async (job) => {
        handled.push(job.payload.n);
        return Promise.resolve();
      },
      POLLING,
    );
    await jobs.send(QUEUE, { n: 1 });
    await waitFor(() => handled.length === 1);
    await worker.stop();
    const later = await jobs.send(QUEUE, { n: 2 });
    await sleep(600);
    expect(handled).toEqual([1]);
    expect(await jobState(handle(), later.jobId)).toBe('created');
  });

  it('refuses to send to a queue that does not exist, and malformed options', async () => {
    const jobs = await startedQueue();
    await expect(jobs.send('no-such-queue', { a: 1 })).rejects.toThrow(/does not exist/);
    await expect(jobs.send('no-such-queue', { a: 1 }, { singletonKey: 'k' })).rejects.toThrow(
      /does not exist/,
    );
    await expect(jobs.send(QUEUE, { a: 1 }, { retryLimit: -1 })).rejects.toThrow(RangeError);
    await expect(jobs.send(QUEUE, { a: 1 }, { retryDelaySeconds: 1.5 })).rejects.toThrow(RangeError);
    await expect(jobs.send(QUEUE, { a: 1 }, { singletonKey: '' })).rejects.toThrow(RangeError);
    await expect(jobs.work(QUEUE, () => Promise.resolve(), { batchSize: 0 })).rejects.toThrow(RangeError);
  });

  it('gives the tenant role no rights in the job schema', async () => {
    await startedQueue();
    await expect(
      runRawSqlAsTenant(handle(), randomUUID(), `select count(*) from ${JOB_QUEUE_SCHEMA}.job`),
    ).rejects.toThrow(/permission denied for schema pgboss/);
    await expect(
      runRawSqlAsTenant(handle(), randomUUID(), `select ${JOB_QUEUE_SCHEMA}.create_queue('x', '{}')`),
    ).rejects.toThrow(/permission denied/);
    const rights = await sql<{ name: string }>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${JOB_QUEUE_SCHEMA} and c.relkind in ('r', 'p', 'v', 'S')
        and has_table_privilege('carapace_tenant', c.oid,
          'select, insert, update, delete, truncate, references, trigger')
      union all
      select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = ${JOB_QUEUE_SCHEMA} and has_function_privilege('carapace_tenant', p.oid, 'execute')
      union all
      select 'schema' where has_schema_privilege('carapace_tenant', ${JOB_QUEUE_SCHEMA}, 'usage, create')`.execute(
      handle().db,
    );
    expect(rights.rows).toEqual([]);
  });

  it('keeps its tables out of our schema and our migrations', async () => {
    const publicTables = async (): Promise<string[]> =>
      (
        await sql<{ name: string }>`
          select table_name as name from information_schema.tables
          where table_schema = 'public' order by table_name`.execute(handle().db)
      ).rows.map((row) => row.name);
    const before = await publicTables();
    await startedQueue();
    expect(await publicTables()).toEqual(before);
    expect(await migrationStatus(handle().db)).toMatchObject({ pending: [], unknown: [], current: true });
  });

  it('leaves the shared connection usable after SQL that fails inside its own BEGIN', async () => {
    await expect(handle().runPooledSql('begin; select 1; select 1 / 0; commit')).rejects.toThrow(
      /division by zero/,
    );
    const after = await sql<{ answer: number }>`select 42 as answer`.execute(handle().db);
    expect(after.rows).toEqual([{ answer: 42 }]);
    const inTransaction = await handle().runPooledSql('select now() = statement_timestamp() as outside');
    expect(inTransaction.rows).toEqual([{ outside: true }]);
  });

  it('lets the process end on its own after stop, with no error after close', async () => {
    const target = handle().target;
    const environment =
      target.kind === 'postgres'
        ? { CARAPACE_EXIT_CHECK_POSTGRES_URL: target.url.reveal() }
        : { CARAPACE_EXIT_CHECK_PGLITE_TEMPLATE: inject('testDatabaseTemplates').pgliteTemplatePath };
    // The child ends by itself or the timeout kills it, which rejects.
    const { stdout, stderr } = await promisify(execFile)(TSX, ['--conditions=@carapace/source', EXIT_CHECK], {
      env: { ...process.env, ...environment },
      timeout: 25_000,
    });
    expect(stdout.trim().split('\n')).toEqual(['stopped after 1 job(s)', 'pending timers: 0']);
    expect(stderr).toBe('');
  });
});
