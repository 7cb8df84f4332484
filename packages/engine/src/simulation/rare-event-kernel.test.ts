import { describe, expect, it } from 'vitest';
import { Xoshiro128StarStar } from '../random/xoshiro128-star-star.js';
import { simulateYearsInGeneral } from './compound-loss-kernel.js';
import { RARE_EVENT_MAX_RATE, rareEventProcessesOf, simulateRareEventYears } from './rare-event-kernel.js';
import { simulate } from './simulate.js';
import { validateSimulation, type SimulationSpec } from './simulation-spec.js';
import { SimulationWorkerPool } from './worker-pool.js';
import { ALL_YEAR_LOSSES, bytesPerYear, viewYearLosses, type YearLosses } from './year-losses.js';

const YEARS = 400_000;

function yearsOf(spec: SimulationSpec, kernel: 'rare' | 'general', seed: number): YearLosses {
  const { model } = validateSimulation(spec);
  const out = viewYearLosses(
    new ArrayBuffer(YEARS * bytesPerYear(model.sections.length, ALL_YEAR_LOSSES)),
    YEARS,
    model.sections.length,
    ALL_YEAR_LOSSES,
  );
  const random = Xoshiro128StarStar.fromSeed(seed);
  if (kernel === 'general') {
    simulateYearsInGeneral(model, random, out, 0, YEARS, new Float64Array(model.sections.length));
  } else {
    const processes = rareEventProcessesOf(model);
    if (processes === null) throw new Error('expected a rare-event model');
    simulateRareEventYears(model, processes, random, out, 0, YEARS);
  }
  return out;
}

function meanAndStandardError(values: Float64Array): { mean: number; standardError: number } {
  let sum = 0;
  let squares = 0;
  for (const value of values) {
    sum += value;
    squares += value * value;
  }
  const mean = sum / values.length;
  const variance = (squares - values.length * mean * mean) / (values.length - 1);
  return { mean, standardError: Math.sqrt(variance / values.length) };
}

function fraction(values: Float64Array, predicate: (value: number) => boolean): number {
  let count = 0;
  for (const value of values) if (predicate(value)) count += 1;
  return count / values.length;
}

/** Two sections, three rare processes, every kind of term: what an insured's cyber model looks like. */
const INSURED_MODEL: SimulationSpec = {
  iterations: YEARS,
  seed: 1,
  sections: [
    {
      id: 'extortion',
      occurrenceRetention: 25_000,
      occurrenceLimit: 500_000,
      aggregateLimit: 600_000,
      processes: [
        {
          id: 'ransomware',
          frequency: { kind: 'poisson', rate: 0.2 },
          severity: { kind: 'lognormal', mu: 11, sigma: 1.5 },
        },
      ],
    },
    {
      id: 'business_interruption',
      occurrenceRetention: 10_000,
      occurrenceLimit: 1_000_000,
      processes: [
        {
          id: 'outage',
          frequency: { kind: 'poisson', rate: 0.05 },
          businessInterruption: {
            outageHours: { kind: 'lognormal', mu: 3, sigma: 1 },
            lossPerHour: 5_000,
            waitingPeriodHours: 12,
          },
        },
        {
          id: 'ransomware',
          frequency: { kind: 'poisson', rate: 0.01 },
          severity: { kind: 'lognormal', mu: 12, sigma: 1 },
        },
      ],
    },
  ],
  policy: { aggregateDeductible: 5_000, aggregateLimit: 1_000_000, coinsurance: 0.1 },
};

describe('rare-event kernel', () => {
  it('takes only models whose every process is Poisson at a rate up to the threshold', () => {
    expect(rareEventProcessesOf(validateSimulation(INSURED_MODEL).model)).not.toBeNull();
    const frequent: SimulationSpec = {
      ...INSURED_MODEL,
      sections: [
        {
          id: 's',
          processes: [
            {
              id: 'p',
              frequency: { kind: 'poisson', rate: RARE_EVENT_MAX_RATE * 1.01 },
              severity: { kind: 'lognormal', mu: 1, sigma: 1 },
            },
          ],
        },
      ],
    };
    expect(rareEventProcessesOf(validateSimulation(frequent).model)).toBeNull();
    const overdispersed: SimulationSpec = {
      ...INSURED_MODEL,
      sections: [
        {
          id: 's',
          processes: [
            {
              id: 'p',
              frequency: { kind: 'negative_binomial', rate: 0.01, dispersion: 2 },
              severity: { kind: 'lognormal', mu: 1, sigma: 1 },
            },
          ],
        },
      ],
    };
    expect(rareEventProcessesOf(validateSimulation(overdispersed).model)).toBeNull();
  });

  it('draws Poisson counts: the share of years with 0, 1, 2 and 3 occurrences matches the Poisson law', () => {
    const rate = 0.25;
    const spec: SimulationSpec = {
      iterations: YEARS,
      seed: 7,
      sections: [
        {
          id: 's',
          processes: [
            {
              id: 'p',
              frequency: { kind: 'poisson', rate },
              severity: { kind: 'empirical', values: [1000] },
            },
          ],
        },
      ],
    };
    const { gross } = yearsOf(spec, 'rare', 7);
    for (let count = 0; count <= 3; count++) {
      const expected = (Math.exp(-rate) * rate ** count) / [1, 1, 2, 6][count]!;
      const observed = fraction(gross, (value) => Math.round(value / 1000) === count);
      const standardError = Math.sqrt((expected * (1 - expected)) / YEARS);
      expect(Math.abs(observed - expected), `P(N = ${String(count)})`).toBeLessThan(4 * standardError);
    }
  });

  it('agrees with the per-year kernel in distribution: means of every quantity and the share of loss-free years', () => {
    const rare = yearsOf(INSURED_MODEL, 'rare', 11);
    const general = yearsOf(INSURED_MODEL, 'general', 12);
    for (const quantity of ['gross', 'ceded', 'retained', 'largestOccurrenceGross'] as const) {
      const left = meanAndStandardError(rare[quantity] ?? new Float64Array(1));
      const right = meanAndStandardError(general[quantity] ?? new Float64Array(1));
      const tolerance = 4 * Math.hypot(left.standardError, right.standardError);
      expect(Math.abs(left.mean - right.mean), quantity).toBeLessThan(tolerance);
    }
    const zeroRare = fraction(rare.gross, (value) => value === 0);
    const zeroGeneral = fraction(general.gross, (value) => value === 0);
    expect(Math.abs(zeroRare - zeroGeneral)).toBeLessThan(
      4 * Math.sqrt((2 * zeroRare * (1 - zeroRare)) / YEARS),
    );
    expect(zeroRare).toBeCloseTo(Math.exp(-(0.2 + 0.05 + 0.01)), 2);
  });

  it('applies every term in every year: retained + ceded = gross, caps hold, sections add up', () => {
    const years = yearsOf(INSURED_MODEL, 'rare', 3);
    const sectionGross = years.sectionGross ?? [];
    const sectionCeded = years.sectionCeded ?? [];
    // One expect per year would take longer than the simulation: collect the years that break a rule.
    const broken: string[] = [];
    let eventfulYears = 0;
    for (let year = 0; year < YEARS && broken.length < 5; year++) {
      const gross = years.gross[year] ?? 0;
      const ceded = years.ceded[year] ?? 0;
      const slack = 1e-6 * Math.max(1, gross);
      if (gross > 0) eventfulYears += 1;
      const sectionSum = (sectionGross[0]?.[year] ?? 0) + (sectionGross[1]?.[year] ?? 0);
      const cededSum = (sectionCeded[0]?.[year] ?? 0) + (sectionCeded[1]?.[year] ?? 0);
      if (Math.abs((years.retained?.[year] ?? 0) + ceded - gross) > slack)
        broken.push(`${String(year)}: retained + ceded ≠ gross`);
      if (ceded > 0.9 * 1_000_000 + 1e-6)
        broken.push(`${String(year)}: ceded above the aggregate limit after coinsurance`);
      if (Math.abs(sectionSum - gross) > slack)
        broken.push(`${String(year)}: sections do not add up to gross`);
      if (Math.abs(cededSum - ceded) > slack)
        broken.push(`${String(year)}: section shares do not add up to ceded`);
      if ((years.largestOccurrenceGross?.[year] ?? 0) > gross)
        broken.push(`${String(year)}: an occurrence above its year`);
    }
    expect(broken).toEqual([]);
    expect(eventfulYears).toBeGreaterThan(0.2 * YEARS);
  });

  it('gives identical years with or without a worker pool (chunks keep their own streams)', async () => {
    const spec = { ...INSURED_MODEL, iterations: 150_000 };
    const alone = await simulate(spec);
    const pool = new SimulationWorkerPool(2);
    try {
      const pooled = await simulate(spec, { pool });
      expect(pooled.years.gross).toEqual(alone.years.gross);
      expect(pooled.years.ceded).toEqual(alone.years.ceded);
      expect(pooled.summary).toEqual(alone.summary);
    } finally {
      await pool.close();
    }
  });
});
