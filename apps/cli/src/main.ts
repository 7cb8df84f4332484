#!/usr/bin/env node
import { once } from 'node:events';
import { runCli } from './program.js';

const stopSignals = ['SIGINT', 'SIGTERM'] as const;

// A reader that stops early (`carapace simulate … --csv | head`) closes the pipe: that is the reader's
// choice, not a failure, so exit quietly instead of dying on EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

const exitCode = await runCli(
  process.argv,
  {
    env: process.env,
    workingDirectory: process.cwd(),
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    stdoutRaw: (text) => process.stdout.write(text),
    stderrRaw: (text) => process.stderr.write(text),
    isTty: process.stdout.isTTY,
    stderrIsTty: process.stderr.isTTY,
  },
  {
    waitForStop: () => Promise.race(stopSignals.map((signal) => once(process, signal).then(() => signal))),
    onForcedStop: (handler) => {
      for (const signal of stopSignals) process.once(signal, handler);
    },
  },
);
process.exitCode = exitCode;
