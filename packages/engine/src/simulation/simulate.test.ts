import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineInputError } from '../engine-input-error.js';
import { normalCdf } from '../distributions/normal.js';
import { simulate, simulateEach } from './simulate.js';
import type { SimulationSpec } from './simulation-spec.js';
import { SimulationWorkerPool } from './worker-pool.js';

function lognormalMean(mu: number, sigma: number): number {
  return Math.exp(mu + (sigma * sigma) / 2);
}

/** E[min(X, u)] for a lognormal, in closed form (Klugman, Panjer & Willmot, Loss Models, App. A). */
function lognormalLev(u: number, mu: number, sigma: number): number {
  if (u <= 0) return 0;
  const lu = Math.log(u);
  return (
    lognormalMean(mu, sigma) * normalCdf((lu - mu - sigma * sigma) / sigma) +
    u * (1 - normalCdf((lu - mu) / sigma))
  );
}

function poissonLognormal(
  rate: number,
  mu: number,
  sigma: number,
  terms: { occurrenceRetention?: number; occurrenceLimit?: number } = {},
  extra: Partial<SimulationSpec> = {},
): SimulationSpec {
  return {
    sections: [
      {
        id: 'cyber',
        ...terms,
        processes: [
          { id: 'loss', frequency: { kind: 'poisson', rate }, severity: { kind: 'lognormal', mu, sigma } },
        ],
      },
    ],
    iterations: 200_000,
    seed: 7,
    ...extra,
  };
}

const MIXED_SPEC: SimulationSpec = {
  sections: [
    {
      id: 'extortion',
      occurrenceRetention: 50_000,
      occurrenceLimit: 2_000_000,
      aggregateLimit: 3_000_000,
      processes: [
        {
          id: 'ransomware',
          frequency: { kind: 'poisson', rate: 0.4 },
          severity: { kind: 'lognormal_interval', low: 80_000, high: 3_000_000 },
        },
      ],
    },
    {
      id: 'interruption',
      occurrenceLimit: 1_500_000,
      processes: [
        {
          id: 'outage',
          frequency: { kind: 'negative_binomial', rate: 0.6, dispersion: 2 },
          businessInterruption: {
            outageHours: { kind: 'pert', min: 2, mode: 12, max: 240 },
            lossPerHour: 6000,
            waitingPeriodHours: 8,
          },
        },
      ],
    },
    {
      id: 'privacy',
      occurrenceRetention: 100_000,
      processes: [
        {
          id: 'breach',
          frequency: { kind: 'bernoulli', probability: 0.1 },
          severity: { kind: 'empirical', values: [1e4, 5e4, 2e5, 1e6, 8e6] },
        },
      ],
    },
  ],
  policy: { aggregateDeductible: 10_000, aggregateLimit: 4_000_000, coinsurance: 0.1 },
  iterations: 150_000,
  seed: '18446744073709551615',
};

describe('simulate: means against closed forms', () => {
  const grid = [
    { rate: 0.1, mu: 10, sigma: 1 },
    { rate: 0.5, mu: 11, sigma: 1.5 },
    { rate: 2, mu: 9, sigma: 0.8 },
    { rate: 8, mu: 12, sigma: 1.2 },
    { rate: 15, mu: 10, sigma: 0.5 },
  ];

  it.each(grid)(
    'gross mean within 3 standard errors of λ·E[X] (λ=$rate, μ=$mu, σ=$sigma)',
    async ({ rate, mu, sigma }) => {
      const { summary } = await simulate(poissonLognormal(rate, mu, sigma));
      const gross = summary.quantities.gross;
      if (gross === undefined) throw new Error('no gross summary');
      const standardError = gross.standardDeviation / Math.sqrt(200_000);
      expect(Math.abs(gross.mean - rate * lognormalMean(mu, sigma))).toBeLessThan(3 * standardError);
    },
  );

  it.each(grid)(
    'ceded mean under per-occurrence terms within 3 SE of λ·(LEV(D+L) − LEV(D)) (λ=$rate)',
    async ({ rate, mu, sigma }) => {
      const retention = Math.exp(mu);
      const limit = 4 * Math.exp(mu);
      const { summary } = await simulate(
        poissonLognormal(rate, mu, sigma, { occurrenceRetention: retention, occurrenceLimit: limit }),
      );
      const ceded = summary.quantities.ceded;
      if (ceded === undefined) throw new Error('no ceded summary');
      const expected =
        rate * (lognormalLev(retention + limit, mu, sigma) - lognormalLev(retention, mu, sigma));
      expect(Math.abs(ceded.mean - expected)).toBeLessThan(
        3 * (ceded.standardDeviation / Math.sqrt(200_000)),
      );
    },
  );

  it('never cedes more on average than the uncapped bound once an aggregate cap is added', async () => {
    const mu = 11;
    const sigma = 1.5;
    const terms = { occurrenceRetention: 25_000, occurrenceLimit: 1_000_000 };
    const bound = 2 * (lognormalLev(1_025_000, mu, sigma) - lognormalLev(25_000, mu, sigma));
    const { summary } = await simulate(
      poissonLognormal(2, mu, sigma, terms, { policy: { aggregateLimit: 500_000 } }),
    );
    expect(summary.quantities.ceded?.mean).toBeLessThan(bound);
  });
});

describe('simulate: per-year invariants', () => {
  it('keeps retained + ceded = gross, every loss ≥ 0, and section shares adding up, every year', async () => {
    const { years } = await simulate(MIXED_SPEC);
    const { gross, ceded, retained, sectionCeded, sectionGross } = years;
    // Worst relative violation of each invariant over all years, checked once at the end (an expect per
    // year would dominate the test's run time).
    let smallestLoss = Number.POSITIVE_INFINITY;
    let worstBalance = 0;
    let worstSectionCeded = 0;
    let worstSectionGross = 0;
    for (let year = 0; year < gross.length; year++) {
      const g = gross[year] ?? Number.NaN;
      const c = ceded[year] ?? Number.NaN;
      const r = retained?.[year] ?? Number.NaN;
      smallestLoss = Math.min(smallestLoss, c, r);
      worstBalance = Math.max(worstBalance, Math.abs(r + c - g) / Math.max(1, g));
      const sectionCededSum = (sectionCeded ?? []).reduce((sum, array) => sum + (array[year] ?? 0), 0);
      const sectionGrossSum = (sectionGross ?? []).reduce((sum, array) => sum + (array[year] ?? 0), 0);
      worstSectionCeded = Math.max(worstSectionCeded, Math.abs(sectionCededSum - c) / Math.max(1, c));
      worstSectionGross = Math.max(worstSectionGross, Math.abs(sectionGrossSum - g) / Math.max(1, g));
    }
    expect(smallestLoss).toBeGreaterThanOrEqual(0);
    expect(worstBalance).toBeLessThanOrEqual(1e-12);
    expect(worstSectionCeded).toBeLessThanOrEqual(1e-12);
    expect(worstSectionGross).toBeLessThanOrEqual(1e-12);
    expect(Number.isFinite(smallestLoss)).toBe(true);
  });

  it('never cedes less in any year when a limit grows (same seed, same draws)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: 1e4, max: 1e6, noNaN: true }),
        fc.double({ min: 1.01, max: 10, noNaN: true }),
        async (limit, growth) => {
          const small = await simulate(
            poissonLognormal(1.5, 11, 1.2, { occurrenceLimit: limit }, { iterations: 2000 }),
          );
          const large = await simulate(
            poissonLognormal(1.5, 11, 1.2, { occurrenceLimit: limit * growth }, { iterations: 2000 }),
          );
          for (let year = 0; year < 2000; year++) {
            expect(large.years.ceded[year] ?? 0).toBeGreaterThanOrEqual(small.years.ceded[year] ?? 0);
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('simulate: reproducibility on any number of workers', () => {
  let onePool: SimulationWorkerPool;
  let twoPool: SimulationWorkerPool;
  beforeAll(() => {
    onePool = new SimulationWorkerPool(1);
    twoPool = new SimulationWorkerPool(2);
  });
  afterAll(async () => {
    await Promise.all([onePool.close(), twoPool.close()]);
  });

  it('gives identical years and summaries inline, on 1 worker and on 2 workers', async () => {
    const spec = { ...MIXED_SPEC, iterations: 200_000 };
    const [inline, one, two] = await Promise.all([
      simulate(spec),
      simulate(spec, { pool: onePool }),
      simulate(spec, { pool: twoPool }),
    ]);
    for (const other of [one, two]) {
      expect(
        Buffer.from(
          other.years.gross.buffer,
          other.years.gross.byteOffset,
          other.years.gross.byteLength,
        ).equals(
          Buffer.from(
            inline.years.gross.buffer,
            inline.years.gross.byteOffset,
            inline.years.gross.byteLength,
          ),
        ),
      ).toBe(true);
      expect(Array.from(other.years.ceded)).toEqual(Array.from(inline.years.ceded));
      expect(other.summary).toEqual(inline.summary);
    }
  });

  it('keeps a batch run independent of the other runs in the batch', async () => {
    const target = poissonLognormal(1, 10, 1, {}, { iterations: 50_000 });
    const [withA] = (await simulateEach([poissonLognormal(3, 9, 1), target], { pool: twoPool })).slice(1);
    const [withB] = (await simulateEach([poissonLognormal(0.2, 12, 2), target])).slice(1);
    expect(withA).toEqual(withB);
  });

  it('reports progress chunk by chunk up to the total', async () => {
    const seen: number[] = [];
    await simulate(
      { ...MIXED_SPEC, iterations: 150_000 },
      { pool: twoPool, onProgress: (done) => seen.push(done) },
    );
    expect(seen.at(-1)).toBe(150_000);
    expect(seen.length).toBe(3);
  });
});

/** A valid spec whose only process has the given frequency and severity (which may be invalid). */
function singleProcess(frequency: unknown, severity: unknown): unknown {
  return { ...MIXED_SPEC, sections: [{ id: 'x', processes: [{ id: 'p', frequency, severity }] }] };
}

describe('simulate: input errors name the field', () => {
  const cases: [string, unknown, string][] = [
    ['a negative rate', poissonLognormal(-1, 10, 1), 'sections[0].processes[0].frequency.rate'],
    ['σ of 0', poissonLognormal(1, 10, 0), 'sections[0].processes[0].severity.sigma'],
    ['NaN', poissonLognormal(Number.NaN, 10, 1), 'sections[0].processes[0].frequency.rate'],
    ['Infinity', poissonLognormal(1, Number.POSITIVE_INFINITY, 1), 'sections[0].processes[0].severity.mu'],
    [
      'low ≥ high',
      singleProcess({ kind: 'poisson', rate: 1 }, { kind: 'lognormal_interval', low: 5, high: 5 }),
      'sections[0].processes[0].severity',
    ],
    [
      'an unknown distribution',
      singleProcess({ kind: 'weibull', rate: 1 }, { kind: 'lognormal', mu: 1, sigma: 1 }),
      'sections[0].processes[0].frequency.kind',
    ],
    [
      'a probability above 1',
      singleProcess({ kind: 'bernoulli', probability: 1.5 }, { kind: 'lognormal', mu: 1, sigma: 1 }),
      'sections[0].processes[0].frequency.probability',
    ],
    ['0 iterations', { ...MIXED_SPEC, iterations: 0 }, 'iterations'],
    ['too many iterations', { ...MIXED_SPEC, iterations: 10_000_001 }, 'iterations'],
    [
      'a misspelt distribution parameter',
      singleProcess({ kind: 'poisson', rate: 1 }, { kind: 'pert', min: 1, mode: 2, max: 3, shap: 9 }),
      'sections[0].processes[0].severity.shap',
    ],
    [
      'a misspelt term',
      { ...MIXED_SPEC, sections: [{ id: 'x', occurenceLimit: 5, processes: [] }] },
      'sections[0].occurenceLimit',
    ],
    ['a negative seed', { ...MIXED_SPEC, seed: -1 }, 'seed'],
    ['a coinsurance share above 1', { ...MIXED_SPEC, policy: { coinsurance: 2 } }, 'policy.coinsurance'],
    [
      'a return period of 1 year',
      { ...MIXED_SPEC, outputs: { returnPeriods: [1] } },
      'outputs.returnPeriods[0]',
    ],
  ];

  it.each(cases)('rejects %s', async (_name, spec, field) => {
    const failure = await simulate(spec).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EngineInputError);
    expect((failure as EngineInputError).field.startsWith(field)).toBe(true);
  });
});
