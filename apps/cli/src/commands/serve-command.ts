import type { Command } from 'commander';
import { createLogger, startPlatform } from '@carapace/api';
import { configFrom, type CliIo } from '../cli-context.js';

export interface ServeSignals {
  /** Resolves when the operator asks the server to stop (Ctrl-C, SIGTERM). */
  waitForStop(): Promise<string>;
  /** Called when a second stop request arrives while shutting down. */
  onForcedStop(handler: () => void): void;
}

export function registerServeCommand(program: Command, io: CliIo, signals: ServeSignals): void {
  program
    .command('serve')
    .description('migrate the database and serve the API and web UI on one port / 启动服务')
    .option('--demo-data', 'load the demo data set if it was never loaded')
    .option('-p, --port <port>', 'TCP port (overrides PORT)')
    .option('--host <host>', 'interface to listen on (overrides HOST)')
    .action(async (options: { demoData?: boolean; port?: string; host?: string }) => {
      const config = configFrom(io, {
        ...(options.port === undefined ? {} : { port: options.port }),
        ...(options.host === undefined ? {} : { host: options.host }),
      });
      const logger = createLogger({ level: config.logLevel, pretty: config.prettyLogs });
      const platform = await startPlatform(config, logger, { loadDemoData: options.demoData === true });
      io.stdout(`Carapace is running at ${platform.url}  (${platform.database.description})`);
      io.stdout(`  API reference: ${platform.url}/api/reference    Press Ctrl-C to stop.`);
      const signal = await signals.waitForStop();
      signals.onForcedStop(() => {
        io.stderr('carapace: second stop request; exiting without waiting');
        process.exit(130);
      });
      logger.info({ signal }, 'shutting down: finishing in-flight requests');
      await platform.stop();
      logger.info('stopped cleanly');
    });
}
