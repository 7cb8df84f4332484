import { z } from 'zod';

import {
  isEcosystem,
  type AffectedPackage,
  type AffectedRange,
  type CvssVersion,
  type RangeEvent,
  type SeverityVector,
} from '../advisory.js';
import {
  cvssBaseScore,
  cvssVersionOf,
  CvssVectorError,
  type CvssVectorVersion,
} from '../priority/cvss-score.js';
import {
  describeFailure,
  describeSchemaProblem,
  type AdvisoryRecordResult,
} from './advisory-record-result.js';
import { isoInstantFromFeedDate } from './feed-dates.js';
import type { RangeConverters } from './range-converters.js';

/**
 * One OSV record (https://ossf.github.io/osv-schema/, schema 1.x) to an Advisory. Also reads the RustSec
 * export, which is OSV-shaped but keeps RustSec's requirement strings under `affected[].rustsec_versions`
 * instead of `ranges`; those go through the injected RustSec converter.
 */

const feedDate = z.string().refine((text) => isoInstantFromFeedDate(text) !== undefined, {
  message: 'not an RFC 3339 date-time or YYYY-MM-DD date',
});

const rangeEvent = z
  .looseObject({
    introduced: z.string().min(1).optional(),
    fixed: z.string().min(1).optional(),
    last_affected: z.string().min(1).optional(),
    limit: z.string().min(1).optional(),
  })
  .refine(
    (event) =>
      [event.introduced, event.fixed, event.last_affected, event.limit].filter((value) => value !== undefined)
        .length === 1,
    { message: 'an event has exactly one of introduced, fixed, last_affected, limit' },
  );

const affectedEntry = z.looseObject({
  package: z
    .looseObject({ ecosystem: z.string().min(1), name: z.string().min(1), purl: z.string().optional() })
    .optional(),
  ranges: z
    .array(
      z.looseObject({
        type: z.enum(['SEMVER', 'ECOSYSTEM', 'GIT']),
        events: z.array(rangeEvent).min(1),
      }),
    )
    .optional(),
  versions: z.array(z.string()).optional(),
  rustsec_versions: z
    .looseObject({ patched: z.array(z.string()), unaffected: z.array(z.string()) })
    .optional(),
});

const osvRecord = z.looseObject({
  id: z.string().min(1),
  aliases: z.array(z.string().min(1)).nullish(),
  summary: z.string().nullish(),
  details: z.string().nullish(),
  published: feedDate.nullish(),
  modified: feedDate.nullish(),
  withdrawn: feedDate.nullish(),
  affected: z.array(affectedEntry).nullish(),
  severity: z.array(z.looseObject({ type: z.string().min(1), score: z.string() })).nullish(),
  references: z.array(z.looseObject({ type: z.string().optional(), url: z.string().min(1) })).nullish(),
  database_specific: z.looseObject({ url: z.string().nullish() }).nullish(),
});

type OsvAffectedEntry = z.infer<typeof affectedEntry>;
type OsvRangeEvent = z.infer<typeof rangeEvent>;

/** Go's vulndb writes the zero time.Time when an entry has no modification date. */
const GO_ZERO_TIME = '0001-01-01T00:00:00.000Z';

/** An OSV date to an ISO instant; Go's zero time means "no date". */
function instant(text: string | null | undefined): string | undefined {
  if (text === null || text === undefined) return undefined;
  const iso = isoInstantFromFeedDate(text);
  return iso === GO_ZERO_TIME ? undefined : iso;
}

function rangeEventOf(event: OsvRangeEvent): RangeEvent {
  if (event.introduced !== undefined) return { introduced: event.introduced };
  if (event.fixed !== undefined) return { fixed: event.fixed };
  if (event.last_affected !== undefined) return { lastAffected: event.last_affected };
  // The schema lets exactly one of the four through.
  return { limit: event.limit ?? '' };
}

const CVSS_TYPES: readonly string[] = ['CVSS_V2', 'CVSS_V3', 'CVSS_V4'] satisfies readonly CvssVersion[];

function isCvssType(type: string): type is CvssVersion {
  return CVSS_TYPES.includes(type);
}

const CVSS_TYPE_OF_VERSION: Readonly<Record<CvssVectorVersion, CvssVersion>> = {
  '2.0': 'CVSS_V2',
  '3.0': 'CVSS_V3',
  '3.1': 'CVSS_V3',
  '4.0': 'CVSS_V4',
};

/** The ids an advisory is also known by, without its own id and without repeats. */
export function distinctAliases(id: string, aliases: readonly string[]): string[] {
  const seen = new Set<string>([id]);
  const result: string[] = [];
  for (const alias of aliases) {
    const trimmed = alias.trim();
    if (trimmed.length > 0 && !seen.has(trimmed)) {
      seen.add(trimmed);
      result.push(trimmed);
    }
  }
  return result;
}

/**
 * Severity entries we score (CVSS v2, v3, v4). A vector that does not read is dropped with a note. A vector
 * labelled with the wrong version (RustSec's export labels its CVSS 4.0 vectors CVSS_V3) is kept under the
 * version its own prefix declares, with a note.
 */
export function readSeverities(
  entries: readonly { readonly type: string; readonly score: string }[],
  notes: string[],
  fieldName: (index: number) => string = (index) => `severity[${String(index)}]`,
): SeverityVector[] {
  const severities: SeverityVector[] = [];
  entries.forEach((entry, index) => {
    if (!isCvssType(entry.type)) return;
    const vector = entry.score.trim();
    try {
      cvssBaseScore(vector);
    } catch (error) {
      if (!(error instanceof CvssVectorError)) throw error;
      notes.push(`${fieldName(index)}: ${error.message}; dropped`);
      return;
    }
    const type = CVSS_TYPE_OF_VERSION[cvssVersionOf(vector)];
    if (type !== entry.type) {
      notes.push(`${fieldName(index)}: labelled ${entry.type} but the vector is ${type}; kept as ${type}`);
    }
    severities.push({ type, vector });
  });
  return severities;
}

/** A record-level problem found after the schema check (a converter that could not read a range). */
class RecordProblem extends Error {}

function affectedPackageOf(
  entry: OsvAffectedEntry & { package: { ecosystem: string; name: string } },
  index: number,
  converters: RangeConverters,
): AffectedPackage | string {
  const ecosystem = entry.package.ecosystem;
  if (!isEcosystem(ecosystem)) return ecosystem;
  let ranges: AffectedRange[];
  if (entry.rustsec_versions !== undefined) {
    try {
      ranges = [...converters.rustsec(entry.rustsec_versions.patched, entry.rustsec_versions.unaffected)];
    } catch (error) {
      throw new RecordProblem(`affected[${String(index)}].rustsec_versions: ${describeFailure(error)}`);
    }
  } else {
    ranges = (entry.ranges ?? []).map((range) => ({
      type: range.type,
      events: range.events.map(rangeEventOf),
    }));
  }
  return { ecosystem, name: entry.package.name, ranges, versions: entry.versions ?? [] };
}

/**
 * Reads one OSV (or RustSec OSV-like) record. Affected packages outside our five ecosystems are dropped and
 * their ecosystems listed; a record left with none is `skipped`. Affected entries without a package (OSV
 * allows GIT-only entries) are dropped too, listed as ecosystem `(none)`.
 */
export function advisoryFromOsvRecord(record: unknown, converters: RangeConverters): AdvisoryRecordResult {
  const parsed = osvRecord.safeParse(record);
  if (!parsed.success) {
    const id = typeof record === 'object' && record !== null && 'id' in record ? record.id : undefined;
    return {
      kind: 'rejected',
      id: typeof id === 'string' ? id : undefined,
      reason: describeSchemaProblem(parsed.error),
    };
  }
  const osv = parsed.data;
  const skipped = new Set<string>();
  const affected: AffectedPackage[] = [];
  try {
    (osv.affected ?? []).forEach((entry, index) => {
      if (entry.package === undefined) {
        skipped.add('(none)');
        return;
      }
      const result = affectedPackageOf({ ...entry, package: entry.package }, index, converters);
      if (typeof result === 'string') skipped.add(result);
      else affected.push(result);
    });
  } catch (error) {
    if (error instanceof RecordProblem) return { kind: 'rejected', id: osv.id, reason: error.message };
    throw error;
  }
  const skippedEcosystems = [...skipped].sort();
  if (affected.length === 0 && skippedEcosystems.length > 0) {
    return { kind: 'skipped', id: osv.id, skippedEcosystems };
  }
  const notes: string[] = [];
  const references = (osv.references ?? []).map((reference) => reference.url.trim());
  const advisoryUrl = osv.database_specific?.url;
  if (
    advisoryUrl !== undefined &&
    advisoryUrl !== null &&
    advisoryUrl.length > 0 &&
    osv.references === undefined
  ) {
    // RustSec's export has no references list; its database_specific.url is the advisory's own link.
    references.push(advisoryUrl);
  }
  return {
    kind: 'accepted',
    advisory: {
      id: osv.id,
      source: 'osv',
      aliases: distinctAliases(osv.id, osv.aliases ?? []),
      summary: osv.summary ?? '',
      details: osv.details ?? '',
      published: instant(osv.published),
      modified: instant(osv.modified),
      withdrawn: instant(osv.withdrawn),
      affected,
      severity: readSeverities(osv.severity ?? [], notes),
      references: [...new Set(references)],
    },
    skippedEcosystems,
    notes,
  };
}
