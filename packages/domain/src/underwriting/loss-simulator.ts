import {
  simulateEach,
  type RunSummary,
  type SimulationSpec,
  type SimulationWorkerPool,
} from '@carapace/engine';

/**
 * Port: runs one simulation and returns its summary (gross, insured and retained annual losses, per-section
 * means). The composition root gives a pool-backed one on servers; tests and the CLI may run in-thread.
 */
export type LossSimulator = (spec: SimulationSpec) => Promise<RunSummary>;

export function createLossSimulator(pool?: SimulationWorkerPool): LossSimulator {
  return async (spec) => {
    const [summary] = await simulateEach([spec], {
      quantities: ['gross', 'ceded', 'retained'],
      ...(pool === undefined ? {} : { pool }),
    });
    if (summary === undefined) throw new Error('the engine returned no summary');
    return summary;
  };
}
