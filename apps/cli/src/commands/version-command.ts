import type { Command } from 'commander';
import { CARAPACE_VERSION } from '@carapace/api';
import type { CliIo } from '../cli-context.js';

export function registerVersionCommand(program: Command, io: CliIo): void {
  program
    .command('version')
    .description('print the Carapace version / 显示版本')
    .option('--json', 'print as JSON')
    .action((options: { json?: boolean }) => {
      if (options.json === true) {
        io.stdout(JSON.stringify({ carapace: CARAPACE_VERSION, node: process.versions.node }));
      } else {
        io.stdout(`carapace ${CARAPACE_VERSION} (node ${process.versions.node})`);
      }
    });
}
