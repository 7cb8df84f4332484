import { InvalidArgumentError, type Command } from 'commander';
import { createLogger, startPlatform } from '@carapace/api';
import { configFrom, type CliIo } from '../cli-context.js';

export interface ServeSignals {
  /**
   * Starts listening for the operator's stop request (Ctrl-C, SIGTERM) and resolves with the signal's name.
   * Called before start-up, so a stop during migrations is not lost: it takes effect once start-up ends.
   */
  waitForStop(): Promise<NodeJS.Signals>;
  /** Called with the signal when a second stop request arrives while shutting down. */
  onForcedStop(handler: (signal: NodeJS.Signals) => void): void;
}

/** Shell convention: a process ended by a signal exits with 128 + the signal's number. */
const SIGNAL_EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

function parsePort(value: string): string {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('the port must be an integer from 0 to 65535');
  }
  return String(port);
}

export function registerServeCommand(program: Command, io: CliIo, signals: ServeSignals): void {
  program
    .command('serve')
    .description('migrate the database and serve the API and web UI on one port / 启动服务')
    .option('--demo-data', 'load the demo data set if it was never loaded')
    .option('-p, --port <port>', 'TCP port (overrides PORT)', parsePort)
    .option('--host <host>', 'interface to listen on (overrides HOST)')
    .action(async (options: { demoData?: boolean; port?: string; host?: string }) => {
      const config = configFrom(io, {
        ...(options.port === undefined ? {} : { port: options.port }),
        ...(options.host === undefined ? {} : { host: options.host }),
      });
      const logger = createLogger({ level: config.logLevel, pretty: config.prettyLogs });
      let started = false;
      const stopRequested = signals.waitForStop().then((signal) => {
        if (!started) logger.info({ signal }, 'stop requested: stopping as soon as start-up has finished');
        return signal;
      });
      const platform = await startPlatform(config, logger, { loadDemoData: options.demoData === true });
      started = true;
      io.stdout(`Carapace is running at ${platform.url}  (${platform.database.description})`);
      io.stdout(`  API reference: ${platform.url}/api/reference    Press Ctrl-C to stop.`);
      const signal = await stopRequested;
      signals.onForcedStop((second) => {
        io.stderr('carapace: second stop request; exiting without waiting');
        process.exit(SIGNAL_EXIT_CODES[second] ?? 1);
      });
      logger.info({ signal }, 'shutting down: finishing in-flight requests');
      await platform.stop();
      logger.info('stopped cleanly');
    });
}
