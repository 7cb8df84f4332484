import type { z } from 'zod';

import type { Advisory } from '../advisory.js';

/**
 * What reading one feed record gave. Bad or unusable records are expected in real feeds, so they are
 * values, not exceptions: the feed reader reports them with their line and goes on.
 */
export type AdvisoryRecordResult =
  | {
      readonly kind: 'accepted';
      readonly advisory: Advisory;
      /** Ecosystems of affected packages that were dropped because we do not match them (`Debian:11`, `NuGet`). */
      readonly skippedEcosystems: readonly string[];
      /** Parts of the record that were dropped while the rest was kept (an unreadable CVSS vector, a malformed CVE id). */
      readonly notes: readonly string[];
    }
  | {
      /** Readable, but no affected package is in an ecosystem we match: nothing to match it against. */
      readonly kind: 'skipped';
      readonly id: string;
      readonly skippedEcosystems: readonly string[];
    }
  | {
      readonly kind: 'rejected';
      /** The record's id when it has a readable one. */
      readonly id: string | undefined;
      /** One line: the field and what is wrong with it. */
      readonly reason: string;
    };

function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    text +=
      typeof key === 'number' ? `[${String(key)}]` : text.length === 0 ? String(key) : `.${String(key)}`;
  }
  return text.length === 0 ? '(record)' : text;
}

/**
 * The first schema problem as `field.path[0]: message`, with a count of the others; `within` is the path of
 * the checked value inside a larger document.
 */
export function describeSchemaProblem(error: z.ZodError, within: readonly PropertyKey[] = []): string {
  const [first, ...others] = error.issues;
  if (first === undefined) return `${formatPath(within)}: does not match the schema`;
  const more =
    others.length > 0 ? ` (and ${String(others.length)} more problem${others.length > 1 ? 's' : ''})` : '';
  return `${formatPath([...within, ...first.path])}: ${first.message}${more}`;
}

/** A converter or parser failure as one line. */
export function describeFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const newline = text.indexOf('\n');
  return newline < 0 ? text : text.slice(0, newline);
}
