import type { Advisory } from '../advisory.js';
import type { AdvisoryRecordResult } from './advisory-record-result.js';
import { readJsonRecords, type JsonLayout } from './json-record-stream.js';
import { advisoryFromNodejsSecurityWgRecord } from './nodejs-security-wg-advisory.js';
import { advisoryFromOsvRecord } from './osv-advisory.js';
import type { RangeConverters } from './range-converters.js';
import { advisoryFromVictimsRecord } from './victims-advisory.js';

/**
 * Reads an advisory feed record by record. Which adapter reads a record is decided per record from its
 * content (docs/monitoring.md, "Feeds and adapters", has the table), or fixed by the caller:
 *
 * | record shape                                                                | format               |
 * | --------------------------------------------------------------------------- | -------------------- |
 * | `_pack.range_syntax` `node-semver`, or `module_name` + `vulnerable_versions` | `nodejs-security-wg` |
 * | `_pack.range_syntax` starting `victims`, or `cve` + `affected[].groupId`     | `victims`            |
 * | anything else (OSV, with or without `schema_version`; RustSec's export)     | `osv`                |
 *
 * RustSec's export is OSV-shaped; the OSV adapter sees `affected[].rustsec_versions` and converts them.
 */

export const ADVISORY_RECORD_FORMATS = ['osv', 'nodejs-security-wg', 'victims'] as const;
export type AdvisoryRecordFormat = (typeof ADVISORY_RECORD_FORMATS)[number];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The adapter for a record, from its content (see the module comment). */
export function detectAdvisoryRecordFormat(record: unknown): AdvisoryRecordFormat {
  if (!isObject(record)) return 'osv';
  const pack = record._pack;
  if (isObject(pack) && typeof pack.range_syntax === 'string') {
    if (pack.range_syntax === 'node-semver') return 'nodejs-security-wg';
    if (pack.range_syntax.startsWith('victims')) return 'victims';
  }
  if ('module_name' in record && 'vulnerable_versions' in record) return 'nodejs-security-wg';
  const affected = record.affected;
  if (
    typeof record.cve === 'string' &&
    Array.isArray(affected) &&
    affected.some((e) => isObject(e) && 'groupId' in e)
  ) {
    return 'victims';
  }
  return 'osv';
}

/** Reads one record with the named adapter. */
export function readAdvisoryRecord(
  record: unknown,
  format: AdvisoryRecordFormat,
  converters: RangeConverters,
): AdvisoryRecordResult {
  switch (format) {
    case 'osv':
      return advisoryFromOsvRecord(record, converters);
    case 'nodejs-security-wg':
      return advisoryFromNodejsSecurityWgRecord(record, converters);
    case 'victims':
      return advisoryFromVictimsRecord(record, converters);
  }
}

export interface AdvisoryFeedOptions {
  /** Read every record with this adapter instead of detecting it per record. */
  readonly format?: AdvisoryRecordFormat;
  /** How the records are laid out; `auto` (the default) tells JSON Lines, an array and one object apart. */
  readonly layout?: JsonLayout;
}

/** One record's result, with the 1-based line it starts on. */
export type AdvisoryFeedItem = AdvisoryRecordResult & { readonly line: number };

/**
 * Reads advisories from a feed's text, arriving in chunks, yielding each record's result in order. A bad
 * record is yielded as `rejected` with its line and id; reading goes on. A record whose id was already read
 * earlier in the feed is rejected too (the first one counts).
 */
export async function* readAdvisoryFeed(
  chunks: AsyncIterable<string> | Iterable<string>,
  converters: RangeConverters,
  options: AdvisoryFeedOptions = {},
): AsyncGenerator<AdvisoryFeedItem> {
  const firstLineOfId = new Map<string, number>();
  for await (const item of readJsonRecords(chunks, options.layout)) {
    if (item.kind === 'unreadable') {
      yield { kind: 'rejected', line: item.line, id: item.idHint, reason: item.reason };
      continue;
    }
    const format = options.format ?? detectAdvisoryRecordFormat(item.value);
    const result = readAdvisoryRecord(item.value, format, converters);
    const id = result.kind === 'accepted' ? result.advisory.id : result.id;
    if (result.kind !== 'rejected' && id !== undefined) {
      const firstLine = firstLineOfId.get(id);
      if (firstLine !== undefined) {
        yield {
          kind: 'rejected',
          line: item.line,
          id,
          reason: `id already read on line ${String(firstLine)}`,
        };
        continue;
      }
      firstLineOfId.set(id, item.line);
    }
    yield { ...result, line: item.line };
  }
}

export interface AdvisoryFeedRejection {
  readonly line: number;
  readonly id: string | undefined;
  readonly reason: string;
}

export interface AdvisoryFeedSummary {
  readonly accepted: number;
  readonly rejected: number;
  /** Records whose affected packages are all outside our ecosystems. */
  readonly skipped: number;
  /** For each ecosystem we do not match: how many records had affected packages in it. */
  readonly skippedEcosystems: Readonly<Record<string, number>>;
  /** Accepted records that lost a part (see AdvisoryRecordResult's `notes`). */
  readonly acceptedWithNotes: number;
}

export interface AdvisoryFeedContents {
  readonly advisories: readonly Advisory[];
  readonly rejected: readonly AdvisoryFeedRejection[];
  readonly summary: AdvisoryFeedSummary;
}

/** Reads a whole feed into memory: the accepted advisories, every rejection and the counts. */
export async function collectAdvisoryFeed(
  chunks: AsyncIterable<string> | Iterable<string>,
  converters: RangeConverters,
  options: AdvisoryFeedOptions = {},
): Promise<AdvisoryFeedContents> {
  const advisories: Advisory[] = [];
  const rejected: AdvisoryFeedRejection[] = [];
  const skippedEcosystems: Record<string, number> = {};
  let skipped = 0;
  let acceptedWithNotes = 0;
  for await (const item of readAdvisoryFeed(chunks, converters, options)) {
    switch (item.kind) {
      case 'accepted':
        advisories.push(item.advisory);
        if (item.notes.length > 0) acceptedWithNotes += 1;
        break;
      case 'skipped':
        skipped += 1;
        break;
      case 'rejected':
        rejected.push({ line: item.line, id: item.id, reason: item.reason });
        break;
    }
    if (item.kind !== 'rejected') {
      for (const ecosystem of item.skippedEcosystems) {
        skippedEcosystems[ecosystem] = (skippedEcosystems[ecosystem] ?? 0) + 1;
      }
    }
  }
  return {
    advisories,
    rejected,
    summary: {
      accepted: advisories.length,
      rejected: rejected.length,
      skipped,
      skippedEcosystems,
      acceptedWithNotes,
    },
  };
}

/** A rejection as one line for a log or report: `line 12 (GO-2020-0001): affected[0].package.name: …`. */
export function describeAdvisoryRejection(rejection: AdvisoryFeedRejection): string {
  return `line ${String(rejection.line)}${rejection.id === undefined ? '' : ` (${rejection.id})`}: ${rejection.reason}`;
}
