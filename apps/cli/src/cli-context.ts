import { availableParallelism } from 'node:os';
import {
  DEFAULT_CATALOGUE_DIR,
  DEFAULT_WEB_ROOT,
  createLogger,
  loadConfig,
  type Logger,
  type PlatformConfig,
} from '@carapace/api';

/** What every command needs from the outside world; tests and main.ts supply it. */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly workingDirectory: string;
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  /** Text as is, without a line break: for CSV bodies and progress bars redrawn in place. */
  readonly stdoutRaw: (text: string) => void;
  readonly stderrRaw: (text: string) => void;
  /** Whether stdout is a terminal (pretty logs). */
  readonly isTty: boolean;
  /** Whether stderr is a terminal (progress bars). */
  readonly stderrIsTty: boolean;
}

/** Overrides that command-line options make to the environment's configuration. */
export interface ConfigOverrides {
  readonly port?: string;
  readonly host?: string;
}

export function configFrom(io: CliIo, overrides: ConfigOverrides = {}): PlatformConfig {
  return loadConfig({
    env: {
      ...io.env,
      ...(overrides.port === undefined ? {} : { PORT: overrides.port }),
      ...(overrides.host === undefined ? {} : { HOST: overrides.host }),
    },
    workingDirectory: io.workingDirectory,
    isTty: io.isTty,
    defaultWebRoot: DEFAULT_WEB_ROOT,
    defaultCatalogueDir: DEFAULT_CATALOGUE_DIR,
    defaultSimulationWorkers: availableParallelism(),
  });
}

/** Short commands log only warnings unless LOG_LEVEL asks for more: their own output is the report. */
export function commandLogger(config: PlatformConfig, io: CliIo): Logger {
  const level = io.env['LOG_LEVEL'] === undefined ? 'warn' : config.logLevel;
  return createLogger({ level, pretty: config.prettyLogs });
}
