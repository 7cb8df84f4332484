import { PROBLEM_CONTENT_TYPE, Problem } from '@carapace/contracts';
import { ApiProblemError, NetworkError, UnexpectedResponseError } from './api-errors';

export interface RequestOptions {
  readonly signal?: AbortSignal;
  /** Sent as Accept-Language so the server can word problem details in the reader's language. */
  readonly language?: string;
}

/** What the client needs of a contract schema; every zod schema in @carapace/contracts fits. */
export interface ResponseSchema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: unknown };
}

interface GetJsonOptions extends RequestOptions {
  /** Statuses whose body is the normal response, e.g. 503 for a readiness report that says "not ready". */
  readonly successStatuses?: readonly number[];
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * GET a JSON resource and validate it against its contract. Resolves with the parsed value; rejects with an
 * ApiError (or the AbortError of a cancelled request, which callers ignore).
 */
export async function getJson<T>(
  path: string,
  schema: ResponseSchema<T>,
  options: GetJsonOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: `application/json, ${PROBLEM_CONTENT_TYPE}` };
  if (options.language !== undefined) headers['accept-language'] = options.language;

  let response: Response;
  try {
    response = await fetch(path, {
      headers,
      // Health must be measured now, never read from a cache on the way.
      cache: 'no-store',
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } catch (error) {
    if (options.signal?.aborted === true) throw error;
    throw new NetworkError(path, { cause: error });
  }

  const requestId = response.headers.get('x-request-id');
  const body = await readJson(response);
  const successStatuses = options.successStatuses ?? [200];

  if (successStatuses.includes(response.status)) {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    throw new UnexpectedResponseError('invalid_body', response.status, requestId, { cause: parsed.error });
  }

  const problem = Problem.safeParse(body);
  if (problem.success) throw new ApiProblemError(problem.data);
  throw new UnexpectedResponseError('unexpected_status', response.status, requestId);
}
