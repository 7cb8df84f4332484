import type { Command } from 'commander';
import { loadDemoData, loadProductCatalogue, openConfiguredDatabase } from '@carapace/api';
import { createLossSimulator } from '@carapace/domain';
import { migrateToLatest } from '@carapace/store';
import { commandLogger, configFrom, type CliIo } from '../cli-context.js';

export function registerSeedDemoCommand(program: Command, io: CliIo): void {
  program
    .command('seed-demo')
    .description('load the demo data set once (migrates first; never duplicates) / 载入演示数据')
    .action(async () => {
      const config = configFrom(io);
      const logger = commandLogger(config, io);
      const catalogue = await loadProductCatalogue(config.catalogueDir);
      const database = await openConfiguredDatabase(config, logger);
      try {
        await migrateToLatest(database.db);
        const outcome = await loadDemoData(database, logger, { catalogue, simulate: createLossSimulator() });
        io.stdout(
          outcome.kind === 'loaded'
            ? `demo data loaded: ${outcome.organisationsAdded} organisation(s) — ${database.description}`
            : `demo data was already loaded at ${outcome.loadedAt}; nothing changed`,
        );
      } finally {
        await database.close();
      }
    });
}
