export { buildProgram, runCli, EXIT_FAILURE, EXIT_USAGE } from './program.js';
export type { CliIo } from './cli-context.js';
