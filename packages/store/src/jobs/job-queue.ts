import { setTimeout as sleep } from 'node:timers/promises';
import PgBoss from 'pg-boss';
import type { DatabaseHandle } from '../connection.js';
import { singletonJobId } from './singleton-job-id.js';

/** pg-boss keeps its tables here, apart from ours: our migrations neither create nor see them. */
export const JOB_QUEUE_SCHEMA = 'pgboss';

export interface SendJobOptions {
  /**
   * Sends with the same key make one job: later sends answer `duplicate` while the first job is still kept
   * by pg-boss (until it is archived, 12 hours after it completes or fails for good).
   */
  readonly singletonKey?: string;
  /** Retries after the first attempt fails; 2 unless set (pg-boss's default). */
  readonly retryLimit?: number;
  /** Wait before a retry; with `retryBackoff` the base of an exponential wait with jitter. 0 unless set. */
  readonly retryDelaySeconds?: number;
  /** Doubles the wait before each retry, with random jitter (pg-boss: delay × 2^(n−1) × (1 + random)). */
  readonly retryBackoff?: boolean;
}

export type SendJobOutcome =
  | { readonly kind: 'queued'; readonly jobId: string }
  /** A job with this singleton key is already queued, running or recently finished. */
  | { readonly kind: 'duplicate'; readonly jobId: string };

export interface WorkOptions {
  /** Jobs fetched at once and handled concurrently; 1 unless set. */
  readonly batchSize?: number;
  /** Wait between fetches while the queue is empty; 2 s unless set. A send from this process wakes it. */
  readonly pollingIntervalSeconds?: number;
}

export interface QueuedJob<Payload> {
  readonly id: string;
  readonly queue: string;
  readonly payload: Payload;
  /** 1 for the first attempt, 2 for the first retry, … */
  readonly attempt: number;
  /** `retryLimit + 1`: when `attempt` reaches it, a failure is final. */
  readonly maxAttempts: number;
}

/** Resolving completes the job; throwing fails this attempt, and pg-boss retries it while attempts remain. */
export type JobHandler<Payload> = (job: QueuedJob<Payload>) => Promise<void>;

/** One fetch loop started by `work()`. */
export interface JobWorker {
  /** Stops fetching and waits until the jobs already fetched are handled and recorded. Idempotent. */
  stop(): Promise<void>;
}

export interface StopJobQueueOptions {
  /** How long to wait for handlers already running; 30 s unless set. Jobs still running then expire and are retried. */
  readonly timeoutMs?: number;
}

/** A durable job queue in the database (pg-boss), with its own small interface so callers never see pg-boss. */
export interface JobQueue {
  /** Installs or migrates pg-boss's schema, then starts its maintenance. Idempotent; a failed start is final. */
  start(): Promise<void>;
  /**
   * Stops fetching, waits for running handlers to finish and record their outcome, then stops pg-boss and
   * closes its connections. The database handle stays open; close it after this. Idempotent.
   */
  stop(options?: StopJobQueueOptions): Promise<void>;
  /** Creates a queue if it does not exist; a queue must exist before jobs are sent to it. */
  createQueue(name: string): Promise<void>;
  /**
   * Queues a job. The payload is stored as JSON in pg-boss's job table (and for a week more in its archive):
   * keep it to ids, never secrets or personal data. On PGlite, never call this inside a transaction: it
   * needs the one connection the transaction holds.
   *
   * @throws RangeError for malformed options; Error if the queue does not exist.
   */
  send(queue: string, payload: object, options?: SendJobOptions): Promise<SendJobOutcome>;
  /**
   * Handles jobs of a queue until `stop()`. Each call adds one fetch loop; several loops (here or in other
   * processes on PostgreSQL) never get the same job at once.
   *
   * @throws RangeError for malformed options; Error after `stop()`.
   */
  work<Payload>(queue: string, handler: JobHandler<Payload>, options?: WorkOptions): Promise<JobWorker>;
}

export interface JobQueueOptions {
  /** Told about errors met in the background (maintenance, a lost connection, recording an outcome). */
  readonly onError: (error: Error) => void;
  /** Connections pg-boss opens to PostgreSQL, in its own pool; 4 unless set. Unused on PGlite. */
  readonly maxConnections?: number;
  /** How often pg-boss fails expired jobs and archives finished ones; 120 s unless set. */
  readonly maintenanceIntervalSeconds?: number;
}

const DEFAULT_POLLING_INTERVAL_SECONDS = 2;
const DEFAULT_STOP_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_CONNECTIONS = 4;

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

function requireWholeNumber(name: string, value: number | undefined, minimum: number): void {
  if (value !== undefined && (!Number.isInteger(value) || value < minimum)) {
    throw new RangeError(`${name} must be a whole number of at least ${minimum}`);
  }
}

function connectionFor(handle: DatabaseHandle, options: JobQueueOptions): PgBoss.ConstructorOptions {
  if (handle.target.kind === 'postgres') {
    return {
      connectionString: handle.target.url.reveal(),
      max: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
      application_name: 'carapace-jobs',
    };
  }
  // PGlite has one connection, so pg-boss shares ours; its statements queue behind our transactions.
  return { db: { executeSql: (text, values) => handle.runPooledSql(text, values) } };
}

/** Undoes PostgreSQL's default EXECUTE-for-PUBLIC on pg-boss's functions: tenants get nothing in its schema. */
const REVOKE_PUBLIC_RIGHTS = `
  revoke all on schema ${JOB_QUEUE_SCHEMA} from public;
  revoke all on all functions in schema ${JOB_QUEUE_SCHEMA} from public`;

async function closeOwnPool(boss: PgBoss): Promise<void> {
  const db = boss.getDb() as { opened?: boolean; close?: () => Promise<void> };
  if (db.opened === true) await db.close?.().catch(() => undefined);
}

/**
 * A job queue over pg-boss 10 in the database of `handle`: on PostgreSQL with its own small pool, on
 * PGlite through the handle's one pooled connection. Call `start()` before use and `stop()` before closing
 * the handle. pg-boss's cron scheduler is off (we do not use it, and it would poll the clock).
 *
 * Jobs are fetched by our own loop (pg-boss `fetch`, `complete`, `fail`) rather than pg-boss `work`: its
 * worker can still be inside a fetch when `stop()` returns and then run the fetched jobs after the
 * connection is closed; our loop is awaited, so `stop()` returns only when every fetched job is recorded.
 */
export function openJobQueue(handle: DatabaseHandle, options: JobQueueOptions): JobQueue {
  requireWholeNumber('maxConnections', options.maxConnections, 1);
  requireWholeNumber('maintenanceIntervalSeconds', options.maintenanceIntervalSeconds, 1);
  const boss = new PgBoss({
    ...connectionFor(handle, options),
    schema: JOB_QUEUE_SCHEMA,
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 120,
  });
  let state: 'new' | 'starting' | 'started' | 'stopping' | 'stopped' = 'new';
  // An EventEmitter's 'error' without a listener would crash the process, so the listener stays. After
  // stop() it stays quiet: pg's pool.end() resolves before the server has seen each connection close, and a
  // server that ends such a connection first (a dropped database) makes its client emit an error we no
  // longer care about.
  boss.on('error', (error) => {
    if (state !== 'stopped') options.onError(asError(error));
  });

  let starting: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;
  const loops = new Set<Promise<void>>();
  const wakers = new Map<string, Set<() => void>>();

  function wake(queue: string): void {
    for (const waker of wakers.get(queue) ?? []) waker();
  }

  async function runLoop<Payload>(
    queue: string,
    handler: JobHandler<Payload>,
    batchSize: number,
    pollingMs: number,
    worker: { active: boolean; waker: () => void },
  ): Promise<void> {
    let pause = new AbortController();
    worker.waker = (): void => {
      pause.abort();
    };
    const queueWakers = wakers.get(queue) ?? new Set();
    wakers.set(queue, queueWakers.add(worker.waker));
    try {
      while (state === 'started' && worker.active) {
        const jobs = await boss.fetch<Payload>(queue, { batchSize, includeMetadata: true });
        if (jobs.length === 0) {
          await sleep(pollingMs, undefined, { signal: pause.signal }).catch(() => undefined);
          pause = new AbortController();
          continue;
        }
        const outcomes = await Promise.allSettled(
          // Through a promise, so a handler that throws before its first await fails only its own job.
          jobs.map(async (job) =>
            handler({
              id: job.id,
              queue,
              payload: job.data,
              attempt: job.retryCount + 1,
              maxAttempts: job.retryLimit + 1,
            }),
          ),
        );
        await recordOutcomes(queue, jobs, outcomes);
      }
    } finally {
      queueWakers.delete(worker.waker);
    }
  }

  async function recordOutcomes(
    queue: string,
    jobs: readonly PgBoss.JobWithMetadata<unknown>[],
    outcomes: readonly PromiseSettledResult<void>[],
  ): Promise<void> {
    const completed = jobs
      .filter((_job, index) => outcomes[index]?.status === 'fulfilled')
      .map((job) => job.id);
    try {
      if (completed.length > 0) await boss.complete(queue, completed);
    } catch (error) {
      options.onError(asError(error));
    }
    for (const [index, outcome] of outcomes.entries()) {
      const job = jobs[index];
      if (outcome.status !== 'rejected' || job === undefined) continue;
      try {
        // Only the message is kept: pg-boss stores it in the job row, and a stack adds nothing there.
        await boss.fail(queue, job.id, { message: asError(outcome.reason).message });
      } catch (error) {
        options.onError(asError(error));
      }
    }
  }

  function trackLoop(loop: Promise<void>): Promise<void> {
    const tracked = loop.catch((error: unknown) => {
      options.onError(asError(error));
    });
    loops.add(tracked);
    void tracked.finally(() => loops.delete(tracked));
    return tracked;
  }

  return {
    start: () => {
      if (state === 'started') return Promise.resolve();
      if (state !== 'new') return starting ?? Promise.reject(new Error('the job queue was stopped'));
      state = 'starting';
      starting = (async () => {
        try {
          await boss.start();
          await boss.getDb().executeSql(REVOKE_PUBLIC_RIGHTS, []);
        } catch (error) {
          // pg-boss cannot be started twice, and its stop() ignores a failed start: close its pool here.
          state = 'stopped';
          await closeOwnPool(boss);
          throw error;
        }
        state = 'started';
      })();
      return starting;
    },

    stop: (stopOptions = {}) => {
      stopping ??= (async () => {
        await starting?.catch(() => undefined);
        state = 'stopping';
        for (const queueWakers of wakers.values()) for (const waker of queueWakers) waker();
        const timeoutMs = stopOptions.timeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
        const giveUp = new AbortController();
        await Promise.race([
          Promise.all(loops),
          sleep(timeoutMs, undefined, { signal: giveUp.signal }).catch(() => undefined),
        ]);
        giveUp.abort();
        // No pg-boss workers run (we fetch ourselves), so its graceful wait ends at once.
        await boss.stop({ graceful: true, close: true, wait: true });
        state = 'stopped';
      })();
      return stopping;
    },

    createQueue: async (name) => {
      await boss.createQueue(name);
    },

    send: async (queue, payload, sendOptions = {}) => {
      const { singletonKey, retryLimit, retryDelaySeconds, retryBackoff } = sendOptions;
      requireWholeNumber('retryLimit', retryLimit, 0);
      requireWholeNumber('retryDelaySeconds', retryDelaySeconds, 0);
      if (singletonKey !== undefined && (typeof singletonKey !== 'string' || singletonKey === '')) {
        throw new RangeError('singletonKey must be a non-empty string');
      }
      const jobId = singletonKey === undefined ? undefined : singletonJobId(queue, singletonKey);
      const created = await boss.send(queue, payload, {
        ...(jobId === undefined ? {} : { id: jobId, singletonKey }),
        ...(retryLimit === undefined ? {} : { retryLimit }),
        ...(retryDelaySeconds === undefined ? {} : { retryDelay: retryDelaySeconds }),
        ...(retryBackoff === undefined ? {} : { retryBackoff }),
      });
      if (created !== null) {
        wake(queue);
        return { kind: 'queued', jobId: created };
      }
      // pg-boss answers null both for a conflicting id and for a queue that does not exist.
      if (jobId === undefined || (await boss.getQueue(queue)) === null) {
        throw new Error(`job queue ${queue} does not exist: create it before sending to it`);
      }
      return { kind: 'duplicate', jobId };
    },

    work: async (queue, handler, workOptions = {}) => {
      const { batchSize = 1, pollingIntervalSeconds = DEFAULT_POLLING_INTERVAL_SECONDS } = workOptions;
      requireWholeNumber('batchSize', batchSize, 1);
      if (!Number.isFinite(pollingIntervalSeconds) || pollingIntervalSeconds <= 0) {
        throw new RangeError('pollingIntervalSeconds must be a positive number');
      }
      if (state === 'starting') await starting;
      if (state !== 'started') throw new Error('the job queue is not running: start it first');
      const worker = { active: true, waker: (): void => undefined };
      const done = trackLoop(runLoop(queue, handler, batchSize, pollingIntervalSeconds * 1000, worker));
      return {
        stop: async () => {
          worker.active = false;
          worker.waker();
          await done;
        },
      };
    },
  };
}
