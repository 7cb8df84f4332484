/**
 * crq-bench-v1: our engine against the plain numpy reference (../shared/bench/numpy_fair_baseline.py) on
 * the identical workload, in the same run. Prints both wall times (median of 3), both peak RSS, the ratio
 * numpy/ours and an agreement table. Run: npm run bench:engine  (BENCH_SCENARIOS / BENCH_ITERATIONS /
 * BENCH_ROUNDS shrink it for a quick look; the bar applies to the full workload only). It runs the built
 * engine (dist/, as users run it): the npm script builds it first.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulationWorkerPool, simulateEach, type RunSummary, type SimulationSpec } from '@carapace/engine';

const NUMPY_SCRIPT = join(import.meta.dirname, '..', '..', 'shared', 'bench', 'numpy_fair_baseline.py');
const SCENARIOS = Number(process.env['BENCH_SCENARIOS'] ?? 100);
const ITERATIONS = Number(process.env['BENCH_ITERATIONS'] ?? 1_000_000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const SEED = 20240601;
const Z95 = 1.6448536269514722;
const DEDUCTIBLE = 25_000;
const OCCURRENCE_LIMIT = 1_000_000;
const AGGREGATE_LIMIT = 2_000_000;
const RETURN_PERIODS = [2, 5, 10, 20, 50, 100, 250, 500, 1000];
const LEC_THRESHOLDS = Array.from({ length: 61 }, (_, k) => 10 ** (3 + k / 10));
/**
 * How far either side of P99 (in probability) the two runs' Monte Carlo errors can move it apart: 5 binomial
 * standard errors of one run, i.e. 3.5 of the difference of two independent runs.
 */
const P99_BAND = 5 * Math.sqrt((0.99 * 0.01) / ITERATIONS);

interface Scenario {
  readonly lambda: number;
  readonly low: number;
  readonly high: number;
  readonly mu: number;
  readonly sigma: number;
}

/** The crq-bench-v1 scenario table, exactly as the numpy script's header defines it. */
function scenarioTable(count: number): Scenario[] {
  return Array.from({ length: count }, (_, i) => {
    const lambda = count > 1 ? 0.1 + (1.9 * i) / (count - 1) : 0.1;
    const low = 10_000 * (1 + (i % 10));
    const high = low * 5 * (1 + (Math.floor(i / 10) % 10));
    return {
      lambda,
      low,
      high,
      mu: (Math.log(low) + Math.log(high)) / 2,
      sigma: (Math.log(high) - Math.log(low)) / (2 * Z95),
    };
  });
}

function specFor(scenario: Scenario): SimulationSpec {
  return {
    sections: [
      {
        id: 'crq',
        occurrenceRetention: DEDUCTIBLE,
        occurrenceLimit: OCCURRENCE_LIMIT,
        processes: [
          {
            id: 'loss',
            frequency: { kind: 'poisson', rate: scenario.lambda },
            severity: { kind: 'lognormal_interval', low: scenario.low, high: scenario.high },
          },
        ],
      },
    ],
    policy: { aggregateLimit: AGGREGATE_LIMIT },
    iterations: ITERATIONS,
    seed: SEED,
    outputs: {
      varLevels: [0.9, 0.99 - P99_BAND, 0.99, 0.99 + P99_BAND],
      returnPeriods: RETURN_PERIODS,
      exceedanceThresholds: LEC_THRESHOLDS,
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function normalCdf(z: number): number {
  // Abramowitz–Stegun 7.1.26 is plenty for an analytic check printed to 4 digits.
  const t = 1 / (1 + (0.3275911 * Math.abs(z)) / Math.SQRT2);
  const erf =
    1 -
    t *
      (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
      Math.exp(-(z * z) / 2);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

function lognormalLev(u: number, mu: number, sigma: number): number {
  const lu = Math.log(u);
  return (
    Math.exp(mu + (sigma * sigma) / 2) * normalCdf((lu - mu - sigma * sigma) / sigma) +
    u * (1 - normalCdf((lu - mu) / sigma))
  );
}

interface NumpyResult {
  gross: { mean: number; p99: number };
  ceded: { mean: number; p99: number };
}

function runNumpy(outPath: string): { seconds: number; peakRssMb: number } {
  const run = spawnSync(
    '/usr/bin/time',
    [
      '-v',
      'python3',
      NUMPY_SCRIPT,
      '--scenarios',
      String(SCENARIOS),
      '--iterations',
      String(ITERATIONS),
      '--seed',
      String(SEED),
      '--out',
      outPath,
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (run.status !== 0) throw new Error(`numpy baseline failed: ${run.stderr}`);
  const { seconds } = JSON.parse(run.stdout) as { seconds: number };
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1]);
  return { seconds, peakRssMb: rssKb / 1024 };
}

function quantileOf(summary: RunSummary, quantity: 'gross' | 'ceded', level: number): number {
  const found = summary.quantities[quantity]?.valueAtRisk.find(
    (entry) => Math.abs(entry.level - level) < 1e-15,
  );
  if (found === undefined) throw new Error(`no VaR at ${String(level)}`);
  return found.value;
}

const table = scenarioTable(SCENARIOS);
const specs = table.map(specFor);

const poolStarted = performance.now();
const pool = new SimulationWorkerPool();
// The first job also pays the workers' start-up; it is timed separately.
await simulateEach([{ ...specs[0], iterations: 1000 }], { pool, quantities: ['gross', 'ceded'] });
const poolStartMs = performance.now() - poolStarted;

const ourSeconds: number[] = [];
let ours: RunSummary[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const started = performance.now();
  ours = await simulateEach(specs, { pool, quantities: ['gross', 'ceded'] });
  ourSeconds.push((performance.now() - started) / 1000);
}
await pool.close();
const ourPeakRssMb = process.resourceUsage().maxRSS / 1024;

const directory = await mkdtemp(join(tmpdir(), 'carapace-crq-bench-'));
const numpySeconds: number[] = [];
let numpyPeakRssMb = 0;
try {
  for (let round = 0; round < ROUNDS; round++) {
    const run = runNumpy(join(directory, 'numpy.json'));
    numpySeconds.push(run.seconds);
    numpyPeakRssMb = Math.max(numpyPeakRssMb, run.peakRssMb);
  }
  const numpy = (
    JSON.parse(await readFile(join(directory, 'numpy.json'), 'utf8')) as { results: NumpyResult[] }
  ).results;

  const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);
  const analyticGross = sum(table.map((s) => s.lambda * Math.exp(s.mu + (s.sigma * s.sigma) / 2)));
  const analyticCededBound = sum(
    table.map(
      (s) =>
        s.lambda *
        (lognormalLev(DEDUCTIBLE + OCCURRENCE_LIMIT, s.mu, s.sigma) -
          lognormalLev(DEDUCTIBLE, s.mu, s.sigma)),
    ),
  );
  const ourGross = sum(ours.map((run) => run.quantities.gross?.mean ?? Number.NaN));
  const ourCeded = sum(ours.map((run) => run.quantities.ceded?.mean ?? Number.NaN));
  const numpyGross = sum(numpy.map((run) => run.gross.mean));
  const numpyCeded = sum(numpy.map((run) => run.ceded.mean));
  const grossStandardError = Math.sqrt(
    sum(ours.map((run) => (run.quantities.gross?.standardDeviation ?? 0) ** 2 / ITERATIONS)),
  );
  let p99Agreeing = 0;
  const p99Outliers: string[] = [];
  numpy.forEach((reference, index) => {
    const run = ours[index];
    if (run === undefined) return;
    for (const quantity of ['gross', 'ceded'] as const) {
      const lowest = quantileOf(run, quantity, 0.99 - P99_BAND);
      const highest = quantileOf(run, quantity, 0.99 + P99_BAND);
      const theirs = reference[quantity].p99;
      if (theirs >= lowest && theirs <= highest) p99Agreeing += 1;
      else
        p99Outliers.push(
          `scenario ${String(index)} ${quantity}: numpy ${theirs.toFixed(0)} outside [${lowest.toFixed(0)}, ${highest.toFixed(0)}]`,
        );
    }
  });

  const ourMedian = median(ourSeconds);
  const numpyMedian = median(numpySeconds);
  const fmt = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  const lines = [
    `crq-bench-v1: ${String(SCENARIOS)} scenarios × ${String(ITERATIONS)} years, seed ${String(SEED)}, median of ${String(ROUNDS)}`,
    '',
    '| | wall (s) | peak RSS (MB) |',
    '| --- | --- | --- |',
    `| Carapace engine (${String(pool.size)} workers) | ${ourMedian.toFixed(2)} (runs: ${ourSeconds.map((s) => s.toFixed(2)).join(', ')}) | ${ourPeakRssMb.toFixed(0)} |`,
    `| numpy baseline | ${numpyMedian.toFixed(2)} (runs: ${numpySeconds.map((s) => s.toFixed(2)).join(', ')}) | ${numpyPeakRssMb.toFixed(0)} |`,
    '',
    `ratio numpy/ours: ${(numpyMedian / ourMedian).toFixed(2)}×   (worker start-up, not in the runs: ${poolStartMs.toFixed(0)} ms)`,
    '',
    '| agreement | ours | numpy | analytic |',
    '| --- | --- | --- | --- |',
    `| Σ gross ALE | ${fmt(ourGross)} | ${fmt(numpyGross)} | ${fmt(analyticGross)} (ours off by ${((ourGross - analyticGross) / grossStandardError).toFixed(2)} SE) |`,
    `| Σ ceded ALE | ${fmt(ourCeded)} | ${fmt(numpyCeded)} | ≤ ${fmt(analyticCededBound)} without the aggregate cap |`,
    `| per-scenario P99 (gross and ceded) inside our ±5-SE order-statistic band | ${String(p99Agreeing)} of ${String(2 * numpy.length)} | | |`,
    ...p99Outliers.map((line) => `  ${line}`),
    '',
    `bar: ≥ 2× faster than numpy — ${numpyMedian / ourMedian >= 2 ? 'met' : 'NOT met'}; peak RSS ≤ 256 MB — ${ourPeakRssMb <= 256 ? 'met' : 'NOT met'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await rm(directory, { recursive: true, force: true });
}
