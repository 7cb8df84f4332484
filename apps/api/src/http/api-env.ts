import type { Logger } from 'pino';
import type { UserActor } from '@carapace/domain';

/** What middleware puts on each request's context for the handlers after it. */
export interface ApiEnv {
  Variables: {
    requestId: string;
    logger: Logger;
    /** Who is calling; null on the few routes that need no sign-in (sign-in itself, the public assessment). */
    actor: UserActor | null;
  };
}
