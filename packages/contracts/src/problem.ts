import { z } from 'zod';

/** One field-level complaint inside a validation problem. */
export const InvalidParam = z
  .object({
    name: z
      .string()
      .meta({ description: 'Where the bad value is, e.g. `body.creditCode` or `query.limit`.' }),
    reason: z.string(),
  })
  .meta({ id: 'InvalidParam' });

/**
 * RFC 9457 problem details. `code` is Carapace's stable, machine-readable error code; `type` is a URI
 * built from it; `title` and `detail` are for people.
 */
export const Problem = z
  .object({
    type: z.string().meta({ example: '/problems/validation_failed' }),
    title: z.string().meta({ example: 'The request is not valid' }),
    status: z.number().int().min(400).max(599),
    detail: z.string().optional(),
    instance: z.string().optional().meta({ description: 'The request path.' }),
    code: z.string().meta({ example: 'validation_failed' }),
    requestId: z
      .string()
      .meta({ description: 'Quote this when reporting a problem: it finds the log lines.' }),
    invalidParams: z.array(InvalidParam).optional(),
  })
  .meta({ id: 'Problem', description: 'An error, as RFC 9457 problem details (application/problem+json).' });

export type Problem = z.infer<typeof Problem>;
export type InvalidParam = z.infer<typeof InvalidParam>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
