import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { WorkerJob, WorkerReply } from './worker-protocol.js';

interface QueuedJob {
  readonly job: WorkerJob;
  readonly resolve: (reply: WorkerReply) => void;
  readonly reject: (error: Error) => void;
}

interface PoolWorker {
  readonly worker: Worker;
  current: QueuedJob | undefined;
}

/** Running from the TypeScript sources, workers need a loader; the build runs plain JavaScript. */
function workerEntry(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('./simulation-worker-from-source.mjs', import.meta.url)
    : new URL('./simulation-worker.js', import.meta.url);
}

/**
 * A fixed set of worker threads, reused across runs (a worker costs ~100 ms to start). Jobs queue and go to
 * the next idle worker. Sized by `os.availableParallelism()` unless told otherwise.
 *
 * Every job settles: a worker that dies rejects its job and is replaced; `close()` rejects whatever is
 * still queued or running.
 */
export class SimulationWorkerPool {
  readonly size: number;
  #workers: PoolWorker[] = [];
  readonly #queue: QueuedJob[] = [];
  #closed = false;

  constructor(size: number = availableParallelism()) {
    if (!Number.isSafeInteger(size) || size < 1) {
      throw new RangeError(`a worker pool needs at least one worker (got ${String(size)})`);
    }
    this.size = size;
    for (let index = 0; index < size; index++) this.#workers.push(this.#startWorker());
  }

  #startWorker(): PoolWorker {
    const entry: PoolWorker = { worker: new Worker(workerEntry()), current: undefined };
    entry.worker.on('message', (reply: WorkerReply) => {
      const finished = entry.current;
      entry.current = undefined;
      entry.worker.unref();
      finished?.resolve(reply);
      this.#dispatch();
    });
    const fail = (error: Error): void => {
      const failed = entry.current;
      entry.current = undefined;
      failed?.reject(error);
      this.#replace(entry);
    };
    entry.worker.on('error', fail);
    entry.worker.on('messageerror', fail);
    entry.worker.on('exit', (code) => {
      // A worker only exits on its own when something went badly wrong (terminate() comes from close()).
      if (!this.#closed)
        fail(new Error(`a simulation worker stopped unexpectedly (exit code ${String(code)})`));
    });
    // An idle worker must not keep a process alive; a busy one must (see #dispatch).
    entry.worker.unref();
    return entry;
  }

  #replace(dead: PoolWorker): void {
    if (this.#closed || !this.#workers.includes(dead)) return;
    this.#workers = this.#workers.filter((entry) => entry !== dead);
    void dead.worker.terminate();
    this.#workers.push(this.#startWorker());
    this.#dispatch();
  }

  #dispatch(): void {
    if (this.#closed) return;
    for (const entry of this.#workers) {
      if (entry.current !== undefined) continue;
      const next = this.#queue.shift();
      if (next === undefined) return;
      entry.current = next;
      entry.worker.ref();
      entry.worker.postMessage(next.job);
    }
  }

  /** Runs one job on the next idle worker; rejects if the job failed, its worker died or the pool closed. */
  async run(job: WorkerJob): Promise<WorkerReply> {
    if (this.#closed) throw new Error('the simulation worker pool is closed');
    const reply = await new Promise<WorkerReply>((resolve, reject) => {
      this.#queue.push({ job, resolve, reject });
      this.#dispatch();
    });
    if (reply.type === 'failed') throw new Error(`simulation worker failed: ${reply.message}`);
    return reply;
  }

  /** Stops every worker. Jobs still queued or running are rejected. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const closedError = new Error('the simulation worker pool was closed before the job finished');
    for (const queued of this.#queue.splice(0)) queued.reject(closedError);
    for (const entry of this.#workers) {
      entry.current?.reject(closedError);
      entry.current = undefined;
    }
    await Promise.all(this.#workers.map((entry) => entry.worker.terminate()));
  }
}
