import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from './config.js';

export type { Logger } from 'pino';

/**
 * JSON lines for machines; a synchronous pretty stream for people at a terminal. The pretty stream is
 * synchronous so the last lines before an exit are never lost.
 */
export function createLogger(options: { level: LogLevel; pretty: boolean }): Logger {
  const base = {
    level: options.level,
    base: { service: 'carapace' },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password'],
      censor: '<redacted>',
    },
  };
  if (options.pretty) {
    return pino(
      base,
      pretty({ sync: true, colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' }),
    );
  }
  return pino(base, pino.destination({ sync: true }));
}
