import { PROBLEM_CONTENT_TYPE, Problem } from '@carapace/contracts';
import { navigate } from '../app/navigation';
import { SIGN_IN_PATH, signInPath } from '../app/paths';
import { ApiProblemError, NetworkError, UnexpectedResponseError } from './api-errors';
import { clearSession, currentSession } from './session-store';

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

interface SendOptions extends RequestOptions {
  /**
   * Send the session's bearer token (the default). Sign-in turns it off: it must work whatever an old tab
   * still holds, and its 401 means a wrong password, not an ended session.
   */
  readonly authenticate?: boolean;
  /**
   * What a 401 to an authenticated call does. `sign_in` (the default): the session has ended on the server
   * (expired, signed out elsewhere, account disabled), so clear it and take the reader to the sign-in page,
   * remembering this page. `leave_to_caller`: only reject; the caller is ending the session itself.
   */
  readonly onSessionRejected?: 'sign_in' | 'leave_to_caller';
}

interface SendRequest extends SendOptions {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as it is, e.g. an uploaded SBOM file; takes the place of `body`. */
  readonly rawBody?: { readonly content: Blob | string; readonly contentType: string };
  /** What the caller accepts on success, e.g. application/pdf; problem+json is always accepted too. */
  readonly accept?: string;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

function endRejectedSession(): void {
  clearSession();
  const { pathname, search } = window.location;
  if (pathname === SIGN_IN_PATH) return;
  navigate(signInPath(`${pathname}${search}`, 'session_ended'), { replace: true });
}

/** Sends one request; resolves with the response whatever its status, rejects with a NetworkError. */
async function send(path: string, request: SendRequest): Promise<Response> {
  const headers: Record<string, string> = {
    accept: `${request.accept ?? 'application/json'}, ${PROBLEM_CONTENT_TYPE}`,
  };
  if (request.language !== undefined) headers['accept-language'] = request.language;
  let body: BodyInit | undefined;
  if (request.rawBody !== undefined) {
    headers['content-type'] = request.rawBody.contentType;
    body = request.rawBody.content;
  } else if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.body);
  }
  const session = request.authenticate === false ? null : currentSession();
  if (session !== null) headers.authorization = `Bearer ${session.token}`;

  let response: Response;
  try {
    response = await fetch(path, {
      method: request.method,
      headers,
      ...(body === undefined ? {} : { body }),
      // Health must be measured now, and answers that depend on who asks must never come from a cache.
      cache: 'no-store',
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    });
  } catch (error) {
    if (request.signal?.aborted === true) throw error;
    throw new NetworkError(path, { cause: error });
  }
  if (response.status === 401 && session !== null && request.onSessionRejected !== 'leave_to_caller') {
    endRejectedSession();
  }
  return response;
}

/** Reads a JSON answer: the contract's value on a success status, else the ApiError that explains it. */
async function readAnswer<T>(
  response: Response,
  schema: ResponseSchema<T>,
  successStatuses: readonly number[],
): Promise<T> {
  const requestId = response.headers.get('x-request-id');
  const body = await readJson(response);

  if (successStatuses.includes(response.status)) {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    throw new UnexpectedResponseError('invalid_body', response.status, requestId, { cause: parsed.error });
  }
  throw problemFor(response.status, requestId, body);
}

function problemFor(status: number, requestId: string | null, body: unknown): Error {
  const problem = Problem.safeParse(body);
  if (problem.success) return new ApiProblemError(problem.data);
  return new UnexpectedResponseError('unexpected_status', status, requestId);
}

/**
 * GET a JSON resource and validate it against its contract. Resolves with the parsed value; rejects with an
 * ApiError (or the AbortError of a cancelled request, which callers ignore).
 */
export async function getJson<T>(
  path: string,
  schema: ResponseSchema<T>,
  options: GetJsonOptions & SendOptions = {},
): Promise<T> {
  const response = await send(path, { ...options, method: 'GET' });
  return readAnswer(response, schema, options.successStatuses ?? [200]);
}

/** POST a JSON body and validate the answer (201 by default) against its contract. Rejects like getJson. */
export async function postJson<T>(
  path: string,
  body: unknown,
  schema: ResponseSchema<T>,
  options: GetJsonOptions & SendOptions = {},
): Promise<T> {
  const response = await send(path, { ...options, method: 'POST', body });
  return readAnswer(response, schema, options.successStatuses ?? [201]);
}

/** PUT a JSON body (a full replacement, e.g. a submission's draft profile); 200 by default. */
export async function putJson<T>(
  path: string,
  body: unknown,
  schema: ResponseSchema<T>,
  options: GetJsonOptions & SendOptions = {},
): Promise<T> {
  const response = await send(path, { ...options, method: 'PUT', body });
  return readAnswer(response, schema, options.successStatuses ?? [200]);
}

/** POST a file's bytes as they are (e.g. a CycloneDX SBOM or a CSV asset list) and validate the answer. */
export async function postFile<T>(
  path: string,
  file: { readonly content: Blob | string; readonly contentType: string },
  schema: ResponseSchema<T>,
  options: GetJsonOptions & SendOptions = {},
): Promise<T> {
  const response = await send(path, { ...options, method: 'POST', rawBody: file });
  return readAnswer(response, schema, options.successStatuses ?? [201]);
}

/**
 * GET a document (a PDF, say) with the session's token, which a plain link cannot send. Resolves with the
 * bytes and the file name the server suggested; rejects like getJson.
 */
export async function getDocument(
  path: string,
  accept: string,
  options: SendOptions = {},
): Promise<{ readonly blob: Blob; readonly fileName: string | null }> {
  const response = await send(path, { ...options, method: 'GET', accept });
  if (response.status !== 200) {
    throw problemFor(response.status, response.headers.get('x-request-id'), await readJson(response));
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? null;
  return { blob: await response.blob(), fileName };
}

/** DELETE a resource; resolves on 204 No Content, rejects like getJson otherwise. */
export async function deleteResource(path: string, options: SendOptions = {}): Promise<void> {
  const response = await send(path, { ...options, method: 'DELETE' });
  if (response.status === 204) return;
  throw problemFor(response.status, response.headers.get('x-request-id'), await readJson(response));
}
