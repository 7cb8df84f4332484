import { describe, expect, it } from 'vitest';
import type {
  FrequencyDistribution,
  SeverityDistribution,
  UniformSource,
} from '../distributions/distribution.js';
import { simulateYears } from './compound-loss-kernel.js';
import type { CompiledModel, CompiledProcess, CompiledSection } from './simulation-spec.js';
import { ALL_YEAR_LOSSES, bytesPerYear, viewYearLosses } from './year-losses.js';

/** Draws that replay a fixed script, so every term's effect can be checked to the cent. */
function scriptedFrequency(counts: number[]): FrequencyDistribution {
  let next = 0;
  return {
    sample: () => counts[next++ % counts.length] ?? 0,
    cdf: () => Number.NaN,
    quantile: () => Number.NaN,
    mean: () => Number.NaN,
    variance: () => Number.NaN,
  };
}

function scriptedSeverity(draws: number[]): SeverityDistribution {
  let next = 0;
  return {
    sample: () => draws[next++ % draws.length] ?? 0,
    cdf: () => Number.NaN,
    quantile: () => Number.NaN,
    mean: () => Number.NaN,
    limitedExpectedValue: () => Number.NaN,
  };
}

const unusedRandom: UniformSource = { nextFloat64: () => 0.5, nextUint32: () => 0 };

function lossProcess(
  id: string,
  counts: number[],
  draws: number[],
  interruption?: { lossPerHour: number; waitingPeriodHours: number },
): CompiledProcess {
  return {
    id,
    frequency: scriptedFrequency(counts),
    severity: scriptedSeverity(draws),
    lossPerHour: interruption?.lossPerHour ?? 0,
    waitingPeriodHours: interruption?.waitingPeriodHours ?? 0,
    isBusinessInterruption: interruption !== undefined,
  };
}

function section(
  id: string,
  terms: Partial<Omit<CompiledSection, 'id' | 'processes'>>,
  processes: CompiledProcess[],
): CompiledSection {
  return {
    id,
    occurrenceRetention: terms.occurrenceRetention ?? 0,
    occurrenceLimit: terms.occurrenceLimit ?? Number.POSITIVE_INFINITY,
    aggregateLimit: terms.aggregateLimit ?? Number.POSITIVE_INFINITY,
    processes,
  };
}

function runOneYear(model: CompiledModel) {
  const years = viewYearLosses(
    new ArrayBuffer(bytesPerYear(model.sections.length, ALL_YEAR_LOSSES)),
    1,
    model.sections.length,
    ALL_YEAR_LOSSES,
  );
  const occurrences = simulateYears(
    model,
    unusedRandom,
    years,
    0,
    1,
    new Float64Array(model.sections.length),
  );
  return { years, occurrences };
}

describe('compound loss kernel: insurance terms in contractual order', () => {
  it('applies retention and limit per occurrence, then the section sub-limit, then the policy terms', () => {
    const model: CompiledModel = {
      sections: [
        section('extortion', { occurrenceRetention: 50, occurrenceLimit: 200, aggregateLimit: 220 }, [
          lossProcess('ransomware', [2], [100, 300]),
        ]),
      ],
      aggregateDeductible: 20,
      aggregateLimit: 150,
      coinsurance: 0.2,
    };
    const { years, occurrences } = runOneYear(model);
    // occurrences insured: min(max(100−50,0),200) = 50 and min(max(300−50,0),200) = 200 → 250
    // sub-limit 220 → 220; aggregate deductible 20 → 200; aggregate limit 150 → 150; insurer's 80 % → 120
    expect(occurrences).toBe(2);
    expect(years.gross[0]).toBe(400);
    expect(years.ceded[0]).toBe(120);
    expect(years.retained?.[0]).toBe(280);
    expect(years.largestOccurrenceGross?.[0]).toBe(300);
    expect(years.largestOccurrenceInsured?.[0]).toBe(200);
  });

  it('covers only the business-interruption hours beyond the waiting period, before the retention', () => {
    const model: CompiledModel = {
      sections: [
        section('bi', { occurrenceRetention: 100 }, [
          lossProcess('outage', [1], [10], { lossPerHour: 100, waitingPeriodHours: 4 }),
        ]),
      ],
      aggregateDeductible: 0,
      aggregateLimit: Number.POSITIVE_INFINITY,
      coinsurance: 0,
    };
    const { years } = runOneYear(model);
    // 10 h × 100 = 1000 lost; 6 h beyond the waiting period = 600 coverable; retention 100 → 500 paid.
    expect(years.gross[0]).toBe(1000);
    expect(years.ceded[0]).toBe(500);
    expect(years.retained?.[0]).toBe(500);
  });

  it('pays nothing for an outage shorter than the waiting period', () => {
    const model: CompiledModel = {
      sections: [
        section('bi', {}, [lossProcess('outage', [1], [3], { lossPerHour: 100, waitingPeriodHours: 4 })]),
      ],
      aggregateDeductible: 0,
      aggregateLimit: Number.POSITIVE_INFINITY,
      coinsurance: 0,
    };
    const { years } = runOneYear(model);
    expect(years.gross[0]).toBe(300);
    expect(years.ceded[0]).toBe(0);
  });

  it('shares the ceded loss between sections pro rata after the policy terms', () => {
    const model: CompiledModel = {
      sections: [
        section('a', {}, [lossProcess('a1', [1], [300])]),
        section('b', {}, [lossProcess('b1', [1], [100])]),
      ],
      aggregateDeductible: 0,
      aggregateLimit: 200,
      coinsurance: 0,
    };
    const { years } = runOneYear(model);
    expect(years.ceded[0]).toBe(200);
    expect(years.sectionGross?.map((array) => array[0])).toEqual([300, 100]);
    expect(years.sectionCeded?.map((array) => array[0])).toEqual([150, 50]);
  });

  it('records a year without occurrences as zero everywhere', () => {
    const model: CompiledModel = {
      sections: [section('a', { occurrenceRetention: 10 }, [lossProcess('a1', [0], [999])])],
      aggregateDeductible: 5,
      aggregateLimit: 100,
      coinsurance: 0.5,
    };
    const { years, occurrences } = runOneYear(model);
    expect(occurrences).toBe(0);
    expect([years.gross[0], years.ceded[0], years.retained?.[0], years.largestOccurrenceGross?.[0]]).toEqual([
      0, 0, 0, 0,
    ]);
  });
});
