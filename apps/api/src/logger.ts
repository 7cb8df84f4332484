import pino, { type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from './config.js';

export type { Logger } from 'pino';

// user:password@ inside any scheme://… URL, e.g. a connection string quoted in a driver's error message.
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/[^:@/\s]+):[^@/\s]+@/gi;

export function scrubCredentials(text: string): string {
  return text.replace(URL_CREDENTIALS, '$1:<redacted>@');
}

/**
 * The options every Carapace logger uses: secrets in headers and password fields are censored, and errors
 * are serialised with any URL password removed from their message and stack.
 */
export function loggerOptions(level: LogLevel): LoggerOptions {
  return {
    level,
    base: { service: 'carapace' },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password'],
      censor: '<redacted>',
    },
    serializers: {
      err: (error: Error) => {
        const serialised = pino.stdSerializers.err(error);
        return {
          ...serialised,
          message: scrubCredentials(serialised.message),
          stack: scrubCredentials(serialised.stack),
        };
      },
    },
  };
}

/**
 * JSON lines for machines; a synchronous pretty stream for people at a terminal. The pretty stream is
 * synchronous so the last lines before an exit are never lost.
 */
export function createLogger(options: { level: LogLevel; pretty: boolean }): Logger {
  if (options.pretty) {
    return pino(
      loggerOptions(options.level),
      pretty({ sync: true, colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' }),
    );
  }
  return pino(loggerOptions(options.level), pino.destination({ sync: true }));
}
