import type { Problem } from '@carapace/contracts';

/** The server answered with RFC 9457 problem details: its title and detail are written for people. */
export class ApiProblemError extends Error {
  override readonly name = 'ApiProblemError';
  constructor(readonly problem: Problem) {
    super(`${problem.status} ${problem.code}: ${problem.title}`);
  }
}

/** The request never got an HTTP answer: the server is down, the network is gone, or the browser blocked it. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(
    readonly url: string,
    options: { cause: unknown },
  ) {
    super(`No response from ${url}`, options);
  }
}

/**
 * The server answered, but not in a shape this UI knows: an error status without problem details (a proxy's
 * HTML error page, say), or a body that fails the contract (the UI and server are different versions).
 */
export class UnexpectedResponseError extends Error {
  override readonly name = 'UnexpectedResponseError';
  constructor(
    readonly reason: 'unexpected_status' | 'invalid_body',
    readonly status: number,
    readonly requestId: string | null,
    options?: { cause: unknown },
  ) {
    super(`${reason} (HTTP ${status})`, options);
  }
}

export type ApiError = ApiProblemError | NetworkError | UnexpectedResponseError;

export function isApiError(error: unknown): error is ApiError {
  return (
    error instanceof ApiProblemError ||
    error instanceof NetworkError ||
    error instanceof UnexpectedResponseError
  );
}
