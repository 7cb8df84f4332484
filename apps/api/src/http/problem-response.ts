import type { Context, Input } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { PROBLEM_CONTENT_TYPE, type InvalidParam, type Problem } from '@carapace/contracts';
import { ConflictError, DomainError, RuleViolationError } from '@carapace/domain';
import { PROBLEM_CATALOGUE, type ProblemCode } from './problem-catalogue.js';
import type { ApiEnv } from './api-env.js';

export interface ProblemInput {
  readonly code: ProblemCode;
  readonly detail?: string;
  readonly invalidParams?: readonly InvalidParam[];
}

/** The caller's most preferred language by RFC 9110 Accept-Language weights: Chinese or English. */
export function preferredLanguage(acceptLanguage: string | undefined): 'zh-CN' | 'en' {
  let best: { language: string; weight: number } = { language: 'en', weight: 0 };
  for (const entry of (acceptLanguage ?? '').split(',')) {
    const [tag = '', ...parameters] = entry.trim().split(';');
    const weightParameter = parameters
      .map((parameter) => parameter.trim())
      .find((parameter) => parameter.startsWith('q='));
    const weight = weightParameter === undefined ? 1 : Number(weightParameter.slice(2));
    if (tag !== '' && Number.isFinite(weight) && weight > best.weight)
      best = { language: tag.toLowerCase(), weight };
  }
  return best.language.startsWith('zh') ? 'zh-CN' : 'en';
}

export function problemJson<Path extends string, RequestInput extends Input>(
  c: Context<ApiEnv, Path, RequestInput>,
  input: ProblemInput,
): Response {
  const entry = PROBLEM_CATALOGUE[input.code];
  const language = preferredLanguage(c.req.header('accept-language'));
  const body: Problem = {
    type: `/problems/${input.code}`,
    title: language === 'zh-CN' ? entry.titleZh : entry.title,
    status: entry.status,
    ...(input.detail === undefined ? {} : { detail: input.detail }),
    instance: c.req.path,
    code: input.code,
    requestId: c.get('requestId'),
    ...(input.invalidParams === undefined ? {} : { invalidParams: [...input.invalidParams] }),
  };
  return c.body(JSON.stringify(body), entry.status as ContentfulStatusCode, {
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-language': language,
    vary: 'Accept-Language',
  });
}

/** Names the part of the request as a client sees it: `body.kind`, not the validator's `json.kind`. */
const TARGET_NAMES: Readonly<Record<string, string>> = {
  json: 'body',
  param: 'path',
  query: 'query',
  header: 'header',
};

export function invalidParamsOf(error: ZodError, target: string): InvalidParam[] {
  return error.issues.map((issue) => ({
    name: [TARGET_NAMES[target] ?? target, ...issue.path.map(String)].join('.'),
    reason: issue.message,
  }));
}

const STATE_PROBLEMS: ReadonlySet<ProblemCode> = new Set([
  'transition_not_allowed',
  'quote_expired',
  'contingencies_outstanding',
]);

/** The one place a thrown error becomes an HTTP answer. Unknown errors never show their internals. */
export function problemForError(c: Context<ApiEnv>, error: unknown): Response {
  if (error instanceof DomainError) {
    // Assigning a DomainErrorCode to a ProblemCode fails to compile if the catalogue misses a domain code.
    const code: ProblemCode = error.code;
    // A field is named only for errors about the request's input; a refused step (the quote is bound, expired,
    // still has contingencies) is about stored state, which has no request path.
    const field =
      (error instanceof RuleViolationError || error instanceof ConflictError) && !STATE_PROBLEMS.has(code)
        ? error.field
        : undefined;
    return problemJson(c, {
      code,
      detail: error.message,
      ...(field === undefined ? {} : { invalidParams: [{ name: `body.${field}`, reason: error.message }] }),
    });
  }
  if (error instanceof HTTPException) {
    return problemForHttpException(c, error);
  }
  c.get('logger').error({ err: error }, 'unhandled error');
  return problemJson(c, {
    code: 'internal_error',
    detail: `Quote request id ${c.get('requestId')} when reporting this.`,
  });
}

function problemForHttpException(c: Context<ApiEnv>, error: HTTPException): Response {
  if (error.status === 413) return problemJson(c, { code: 'payload_too_large', detail: error.message });
  if (error.status === 415) return problemJson(c, { code: 'unsupported_media_type' });
  // Hono's JSON body parser throws a 400 HTTPException for an unparseable body.
  if (error.status === 400) return problemJson(c, { code: 'malformed_json', detail: error.message });
  c.get('logger').error({ err: error }, 'unexpected HTTP exception');
  return problemJson(c, { code: 'internal_error' });
}
