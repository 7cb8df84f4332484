import type { Command } from 'commander';
import {
  createMonitoringServices,
  loadDemoData,
  loadKeyring,
  loadProductCatalogue,
  openConfiguredDatabase,
  personalDataProtectionFor,
} from '@carapace/api';
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
        const underwriting = { catalogue, simulate: createLossSimulator() };
        // The keyring encrypts alert targets of the demo rules, as it does for the server's.
        const protection = personalDataProtectionFor(config.keyDir, await loadKeyring(config, logger));
        const monitoring = createMonitoringServices({ protection, underwriting, clock: () => new Date() });
        const outcome = await loadDemoData(database, logger, underwriting, monitoring);
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
