import { afterEach, describe, expect, it } from 'vitest';
import { simulate } from './simulate.js';
import type { SimulationSpec } from './simulation-spec.js';
import { SimulationWorkerPool } from './worker-pool.js';

function spec(iterations: number): SimulationSpec {
  return {
    sections: [
      {
        id: 'cyber',
        processes: [
          {
            id: 'loss',
            frequency: { kind: 'poisson', rate: 1 },
            severity: { kind: 'empirical', values: [1000, 5000, 20000] },
          },
        ],
      },
    ],
    iterations,
    seed: 3,
  };
}

describe('SimulationWorkerPool: every job settles', () => {
  let pool: SimulationWorkerPool | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('rejects queued and running jobs when closed', async () => {
    pool = new SimulationWorkerPool(1);
    const outcome = simulate(spec(2_000_000), { pool }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await pool.close();
    expect(await outcome).toBeInstanceOf(Error);
    expect(String(await outcome)).toMatch(/closed/);
    await expect(simulate(spec(10), { pool })).rejects.toThrow(/closed/);
  });
});
