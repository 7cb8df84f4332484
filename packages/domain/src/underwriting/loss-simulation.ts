import type { LossProcessSpec, SectionSpec, SimulationSpec } from '@carapace/engine';

import { moneyToMajorUnits } from '../shared/money.js';
import type { CoverageSelection } from './coverage-selection.js';
import type { LossModel } from './risk-model.js';

/**
 * Writes a company's loss model and its chosen cover as the engine's input. Amounts go to the engine in
 * major units (floats); every product section is simulated, including one no peril reaches (it then has a
 * single process that never occurs, so it shows as zero rather than disappearing from the results). Losses
 * the rate plan puts in a section the product does not sell are simulated too, in an uncovered section
 * (`uncovered:<section>`) whose retention no loss can exceed: they belong in the company's gross and
 * retained losses, never in the insured one.
 */

/** A retention no simulated loss reaches: the largest finite double. */
const NOTHING_COVERED = Number.MAX_VALUE;

function processOf(line: LossModel['lines'][number], waitingPeriodHours: number): LossProcessSpec {
  const id = line.peril;
  const frequency = { kind: 'poisson', rate: line.frequency } as const;
  if (line.severity.kind === 'business_interruption') {
    return {
      id,
      frequency,
      businessInterruption: {
        outageHours: {
          kind: 'lognormal',
          mu: Math.log(line.severity.outageHoursMedian),
          sigma: line.severity.outageHoursSigma,
        },
        lossPerHour: line.severity.lossPerHour,
        waitingPeriodHours,
      },
    };
  }
  return {
    id,
    frequency,
    severity: { kind: 'lognormal', mu: Math.log(line.severity.median), sigma: line.severity.sigma },
  };
}
export function toSimulationSpec(
  model: LossModel,
  selection: CoverageSelection,
  iterations: number,
  seed: string,
): SimulationSpec {
  const sections: SectionSpec[] = selection.sections.map((chosen) => {
    const processes: LossProcessSpec[] = model.lines
      .filter((line) => line.section === chosen.section)
      .map((line) => processOf(line, chosen.waitingPeriodHours));
    if (processes.length === 0) {
      processes.push({
        id: 'none',
        frequency: { kind: 'poisson', rate: 0 },
        severity: { kind: 'lognormal', mu: 0, sigma: 1 },
      });
    }
    return {
      id: chosen.section,
      occurrenceRetention: moneyToMajorUnits(chosen.retention),
      // The section limit is both the most paid for one occurrence and the section's annual sub-limit.
      occurrenceLimit: moneyToMajorUnits(chosen.limit),
      aggregateLimit: moneyToMajorUnits(chosen.limit),
      processes,
    };
  });
  const sold = new Set(selection.sections.map((chosen) => chosen.section));
  const unsold = [...new Set(model.lines.map((line) => line.section))].filter(
    (section) => !sold.has(section),
  );
  for (const section of unsold) {
    sections.push({
      id: `uncovered:${section}`,
      occurrenceRetention: NOTHING_COVERED,
      occurrenceLimit: 1,
      aggregateLimit: 1,
      processes: model.lines.filter((line) => line.section === section).map((line) => processOf(line, 0)),
    });
  }
  return {
    sections,
    policy: { aggregateLimit: moneyToMajorUnits(selection.policyAggregate) },
    iterations,
    seed,
  };
}
