import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import {
  EngineInputError,
  SimulationWorkerPool,
  simulate,
  validateSimulation,
  type LossSummary,
  type SimulationResult,
} from '@carapace/engine';
import type { CliIo } from '../cli-context.js';
import { CliInputError, readJsonObject } from '../json-input-file.js';
import { renderProgressLine } from '../progress-line.js';

/** The simulation input cannot be read or is not valid; the message names the file and the field. */
export class SimulationInputError extends CliInputError {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationInputError';
  }
}

function parseWholeNumber(value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 1)
    throw new InvalidArgumentError('expected a whole number ≥ 1');
  return number;
}

function parseSeed(value: string): string {
  if (!/^\d{1,20}$/.test(value)) throw new InvalidArgumentError('expected a non-negative whole number');
  return value;
}

async function readSpec(path: string): Promise<Record<string, unknown>> {
  try {
    return await readJsonObject(path, 'docs/simulation-input.md');
  } catch (error) {
    throw error instanceof CliInputError ? new SimulationInputError(error.message) : error;
  }
}

const QUANTITY_LABELS = {
  gross: 'gross (AEP)',
  ceded: 'ceded (AEP)',
  retained: 'retained (AEP)',
  largestOccurrenceGross: 'gross occurrence (OEP)',
  largestOccurrenceInsured: 'insured occurrence (OEP)',
} as const;

function money(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 0 });
}

function summaryTable(result: SimulationResult): string[] {
  const entries = Object.entries(result.summary.quantities) as [keyof typeof QUANTITY_LABELS, LossSummary][];
  const returnPeriods = entries[0]?.[1].returnPeriodLosses.map((entry) => entry.years) ?? [];
  const header = ['', 'mean', 'sd', ...returnPeriods.map((years) => `1-in-${String(years)}`)];
  const rows = entries.map(([quantity, summary]) => [
    QUANTITY_LABELS[quantity],
    money(summary.mean),
    money(summary.standardDeviation),
    ...summary.returnPeriodLosses.map((entry) => money(entry.loss)),
  ]);
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)),
  );
  const format = (row: string[]): string =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  const sections = result.summary.sections.map(
    (section) =>
      `  section ${section.id}: mean gross ${money(section.grossMean)}, mean ceded ${money(section.cededMean)}`,
  );
  return [
    `${String(result.iterations)} years simulated, ${String(result.summary.occurrences)} occurrences, seed ${result.seed}`,
    format(header),
    ...rows.map(format),
    ...sections,
  ];
}

/** Long format, one metric per line, so a spreadsheet or pandas can pivot it any way. */
export function summaryCsv(result: SimulationResult): string {
  const lines = ['quantity,metric,parameter,value'];
  for (const [quantity, summary] of Object.entries<LossSummary>(result.summary.quantities)) {
    lines.push(
      `${quantity},mean,,${String(summary.mean)}`,
      `${quantity},standard_deviation,,${String(summary.standardDeviation)}`,
    );
    for (const entry of summary.valueAtRisk)
      lines.push(`${quantity},var,${String(entry.level)},${String(entry.value)}`);
    for (const entry of summary.tailValueAtRisk)
      lines.push(`${quantity},tvar,${String(entry.level)},${String(entry.value)}`);
    for (const entry of summary.returnPeriodLosses)
      lines.push(`${quantity},return_period_loss,${String(entry.years)},${String(entry.loss)}`);
    for (const entry of summary.exceedance)
      lines.push(
        `${quantity},exceedance_probability,${String(entry.threshold)},${String(entry.probability)}`,
      );
  }
  for (const section of result.summary.sections) {
    lines.push(
      `section:${section.id},gross_mean,,${String(section.grossMean)}`,
      `section:${section.id},ceded_mean,,${String(section.cededMean)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function registerSimulateCommand(program: Command, io: CliIo): void {
  program
    .command('simulate')
    .description('run a loss simulation from a JSON file and report its metrics / 损失模拟')
    .argument('<scenarios.json>', 'simulation input (format: docs/simulation-input.md)')
    .option('-n, --iterations <years>', 'simulated years (overrides the file)', parseWholeNumber)
    .option('-s, --seed <seed>', 'random seed (overrides the file)', parseSeed)
    .option(
      '-o, --out <file>',
      'write the metrics and loss-exceedance curves to this file (JSON, or CSV with --csv)',
    )
    .option('--csv', 'CSV instead of JSON (to stdout when there is no --out)')
    .action(
      async (file: string, options: { iterations?: number; seed?: string; out?: string; csv?: boolean }) => {
        const path = resolve(io.workingDirectory, file);
        const spec = await readSpec(path);
        if (options.iterations !== undefined) spec['iterations'] = options.iterations;
        if (options.seed !== undefined) spec['seed'] = options.seed;
        try {
          // Refuse bad input before paying for worker threads.
          validateSimulation(spec);
        } catch (error) {
          if (error instanceof EngineInputError) throw new SimulationInputError(`${file}: ${error.message}`);
          throw error;
        }
        const pool = new SimulationWorkerPool();
        let result: SimulationResult;
        let lastPrinted = -1;
        try {
          result = await simulate(spec, {
            pool,
            onProgress: (done, total) => {
              const percent = Math.floor((100 * done) / total);
              if (io.stderrIsTty) {
                io.stderrRaw(`\r${renderProgressLine(done, total)}`);
              } else if (percent >= lastPrinted + 25 || done === total) {
                lastPrinted = percent;
                io.stderr(`simulated ${String(done)} of ${String(total)} years (${String(percent)}%)`);
              }
            },
          });
        } catch (error) {
          if (error instanceof EngineInputError) throw new SimulationInputError(`${file}: ${error.message}`);
          throw error;
        } finally {
          if (io.stderrIsTty) io.stderrRaw('\n');
          await pool.close();
        }
        for (const warning of result.warnings) io.stderr(`warning: ${warning}`);
        const report =
          options.csv === true
            ? summaryCsv(result)
            : `${JSON.stringify({ seed: result.seed, iterations: result.iterations, warnings: result.warnings, summary: result.summary }, null, 2)}\n`;
        if (options.out !== undefined) {
          try {
            await writeFile(resolve(io.workingDirectory, options.out), report);
          } catch (error) {
            throw new SimulationInputError(
              `cannot write ${options.out} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
            );
          }
          for (const line of summaryTable(result)) io.stdout(line);
          io.stdout(`wrote ${options.out}`);
        } else if (options.csv === true) {
          io.stdoutRaw(report);
        } else {
          for (const line of summaryTable(result)) io.stdout(line);
        }
      },
    );
}
