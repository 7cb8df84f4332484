import type { Logger } from 'pino';

/** What middleware puts on each request's context for the handlers after it. */
export interface ApiEnv {
  Variables: {
    requestId: string;
    logger: Logger;
  };
}
