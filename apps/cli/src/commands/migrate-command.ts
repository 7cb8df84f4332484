import { InvalidArgumentError, type Command } from 'commander';
import { openConfiguredDatabase } from '@carapace/api';
import { migrateDown, migrateToLatest, migrationStatus } from '@carapace/store';
import { commandLogger, configFrom, type CliIo } from '../cli-context.js';

function parseSteps(value: string): number {
  const steps = Number(value);
  if (!Number.isSafeInteger(steps) || steps < 1) {
    throw new InvalidArgumentError('steps must be a positive integer');
  }
  return steps;
}

export function registerMigrateCommand(program: Command, io: CliIo): void {
  program
    .command('migrate')
    .description('bring the database schema up to date (or revert, or show status) / 数据库迁移')
    .option('--down [steps]', 'revert the newest migration(s) instead (default 1)', parseSteps)
    .option('--status', 'list applied and pending migrations without changing anything')
    .action(async (options: { down?: number | true; status?: boolean }) => {
      const config = configFrom(io);
      const database = await openConfiguredDatabase(config, commandLogger(config, io));
      try {
        if (options.status === true) {
          const status = await migrationStatus(database.db);
          io.stdout(`database: ${database.description}`);
          for (const name of status.applied) io.stdout(`  applied  ${name}`);
          for (const name of status.pending) io.stdout(`  pending  ${name}`);
          for (const name of status.unknown) io.stdout(`  unknown  ${name} (applied by a newer Carapace)`);
          io.stdout(status.current ? 'schema is current' : 'schema is NOT current');
          return;
        }
        if (options.down !== undefined) {
          const steps = options.down === true ? 1 : options.down;
          const run = await migrateDown(database.db, steps);
          for (const name of run.executed) io.stdout(`reverted ${name}`);
          io.stdout(
            run.executed.length === 0
              ? 'nothing to revert'
              : `${run.status.pending.length} migration(s) now pending`,
          );
          return;
        }
        const run = await migrateToLatest(database.db);
        for (const name of run.executed) io.stdout(`applied ${name}`);
        io.stdout(
          `schema is current (${run.status.applied.length} migration(s) applied) — ${database.description}`,
        );
      } finally {
        await database.close();
      }
    });
}
