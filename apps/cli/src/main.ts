#!/usr/bin/env node
import { once } from 'node:events';
import { runCli } from './program.js';

const stopSignals = ['SIGINT', 'SIGTERM'] as const;

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
