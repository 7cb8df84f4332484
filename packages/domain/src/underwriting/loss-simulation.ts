import type { LossProcessSpec, SectionSpec, SimulationSpec } from '@carapace/engine';

import { moneyToMajorUnits } from '../shared/money.js';
import type { CoverageSelection } from './coverage-selection.js';
import type { LossModel } from './risk-model.js';

/**
 * Writes a company's loss model and its chosen cover as the engine's input. Amounts go to the engine in
 * major units (floats); every product section is simulated, including one no peril reaches (it then has a
 * single process that never occurs, so it shows as zero rather than disappearing from the results).
 */
export function toSimulationSpec(
  model: LossModel,
  selection: CoverageSelection,
  iterations: number,
  seed: string,
): SimulationSpec {
  const sections: SectionSpec[] = selection.sections.map((chosen) => {
    const processes: LossProcessSpec[] = model.lines
      .filter((line) => line.section === chosen.section)
      .map((line) => {
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
              waitingPeriodHours: chosen.waitingPeriodHours,
            },
          };
        }
        return {
          id,
          frequency,
          severity: { kind: 'lognormal', mu: Math.log(line.severity.median), sigma: line.severity.sigma },
        };
      });
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
  return {
    sections,
    policy: { aggregateLimit: moneyToMajorUnits(selection.policyAggregate) },
    iterations,
    seed,
  };
}
