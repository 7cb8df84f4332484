import { parentPort } from 'node:worker_threads';
import { RunWorkArea, fillChunks, simulateRunSummary } from './run-simulation.js';
import { compileModel } from './simulation-spec.js';
import type { WorkerJob, WorkerReply } from './worker-protocol.js';
import { viewYearLosses } from './year-losses.js';

const workArea = new RunWorkArea();

/** A pool worker: runs one job at a time and answers with one reply per job. */
function handle(job: WorkerJob): WorkerReply {
  const model = compileModel(job.spec);
  switch (job.type) {
    case 'fill-chunks': {
      const years = viewYearLosses(job.buffer, job.iterations, model.sections.length, job.selection);
      return { type: 'filled', occurrences: fillChunks(model, job.seed, job.runIndex, job.chunks, years) };
    }
    case 'summarise-run':
      return {
        type: 'summarised',
        summary: simulateRunSummary(
          model,
          job.seed,
          job.runIndex,
          job.iterations,
          job.quantities,
          job.options,
          workArea,
        ),
      };
  }
}

parentPort?.on('message', (job: WorkerJob) => {
  let reply: WorkerReply;
  try {
    reply = handle(job);
  } catch (error) {
    reply = { type: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
