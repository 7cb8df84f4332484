import { Command, CommanderError } from 'commander';
import { CARAPACE_VERSION, ConfigError, KeyringError, KeyVaultError, ServerStartError } from '@carapace/api';
import { CatalogueFileError, DomainError } from '@carapace/domain';
import { DatabaseUnavailableError, MigrationError } from '@carapace/store';
import type { CliIo } from './cli-context.js';
import { registerAssessCommand } from './commands/assess-command.js';
import { AuditVerificationFailedError, registerAuditCommand } from './commands/audit-command.js';
import { registerFeedsCommand } from './commands/feeds-command.js';
import { registerKeysCommand } from './commands/keys-command.js';
import { registerUserCommand } from './commands/user-command.js';
import { registerMigrateCommand } from './commands/migrate-command.js';
import { CliInputError } from './json-input-file.js';
import { registerSeedDemoCommand } from './commands/seed-demo-command.js';
import { SimulationInputError, registerSimulateCommand } from './commands/simulate-command.js';
import { registerServeCommand, type ServeSignals } from './commands/serve-command.js';
import { registerVersionCommand } from './commands/version-command.js';

/** Exit codes: 0 success, 1 the operation failed, 2 the command line was wrong. */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

const EXPECTED_FAILURES = [
  ConfigError,
  DatabaseUnavailableError,
  MigrationError,
  ServerStartError,
  SimulationInputError,
  CliInputError,
  CatalogueFileError,
  DomainError,
  AuditVerificationFailedError,
  KeyringError,
  KeyVaultError,
];

export function buildProgram(io: CliIo, signals: ServeSignals): Command {
  const program = new Command('carapace')
    .description('Carapace — cyber-insurance risk platform / 网络安全保险风险平台')
    .version(CARAPACE_VERSION, '-v, --version', 'print the version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => {
        io.stdout(text.trimEnd());
      },
      writeErr: (text) => {
        io.stderr(text.trimEnd());
      },
      // One line: what was wrong and where to read more.
      outputError: (text, write) => {
        write(`carapace: ${text.trim().replace(/^error: /, '')} (see carapace --help)\n`);
      },
    });
  registerServeCommand(program, io, signals);
  registerMigrateCommand(program, io);
  registerSeedDemoCommand(program, io);
  registerSimulateCommand(program, io);
  registerAssessCommand(program, io);
  registerUserCommand(program, io);
  registerAuditCommand(program, io);
  registerKeysCommand(program, io);
  registerFeedsCommand(program, io);
  registerVersionCommand(program, io);
  for (const command of program.commands) {
    command.exitOverride();
    for (const subcommand of command.commands) subcommand.exitOverride();
  }
  return program;
}

/** Runs the CLI and returns the exit code. Failures are one line on stderr, never a stack trace. */
export async function runCli(argv: readonly string[], io: CliIo, signals: ServeSignals): Promise<number> {
  const program = buildProgram(io, signals);
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its one-line message; help and version are successes.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (EXPECTED_FAILURES.some((failure) => error instanceof failure)) {
      io.stderr(`carapace: ${(error as Error).message}`);
      return EXIT_FAILURE;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(
      `carapace: unexpected error: ${message.split('\n')[0] ?? ''} (set LOG_LEVEL=debug for details)`,
    );
    if (io.env['LOG_LEVEL'] === 'debug' || io.env['LOG_LEVEL'] === 'trace') {
      io.stderr(error instanceof Error ? (error.stack ?? message) : message);
    }
    return EXIT_FAILURE;
  }
}
