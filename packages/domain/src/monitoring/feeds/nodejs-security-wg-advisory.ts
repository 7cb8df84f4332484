import { z } from 'zod';

import type { AffectedRange, CvssVersion } from '../advisory.js';
import {
  describeFailure,
  describeSchemaProblem,
  type AdvisoryRecordResult,
} from './advisory-record-result.js';
import { isCveId } from './cve-id.js';
import { isoInstantFromFeedDate } from './feed-dates.js';
import { readSeverities } from './osv-advisory.js';
import type { RangeConverters } from './range-converters.js';

/**
 * One Node.js security working group ecosystem advisory (https://github.com/nodejs/security-wg, the frozen
 * `vuln/npm/<n>.json` set) to an Advisory. Our export adds `_pack` with the advisory's id
 * (`NSWG-ECO-<n>`). The affected versions are a node-semver range, read by the injected converter.
 */

const feedDate = z.string().refine((text) => isoInstantFromFeedDate(text) !== undefined, {
  message: 'not a YYYY-MM-DD date',
});

const nodejsSecurityWgRecord = z.looseObject({
  _pack: z.looseObject({ id: z.string().regex(/^NSWG-ECO-\d+$/) }).optional(),
  id: z.number().int().nonnegative(),
  title: z.string(),
  module_name: z.string().min(1),
  publish_date: feedDate.nullish(),
  updated_at: feedDate.nullish(),
  cves: z.array(z.string()).nullish(),
  vulnerable_versions: z.string().min(1),
  overview: z.string().nullish(),
  recommendation: z.string().nullish(),
  references: z.array(z.string().min(1)).nullish(),
  cvss_vector: z.string().nullish(),
});

function cvssTypeOf(vector: string): CvssVersion {
  if (vector.startsWith('CVSS:4.')) return 'CVSS_V4';
  return vector.startsWith('CVSS:') ? 'CVSS_V3' : 'CVSS_V2';
}

function instant(text: string | null | undefined): string | undefined {
  return text === null || text === undefined ? undefined : isoInstantFromFeedDate(text);
}

/**
 * Reads one Node.js security WG record. A CVE entry that is not a CVE id is dropped with a note (one real
 * record lists `CVE-2014-4671A`); an unreadable `vulnerable_versions` rejects the record.
 */
export function advisoryFromNodejsSecurityWgRecord(
  record: unknown,
  converters: RangeConverters,
): AdvisoryRecordResult {
  const parsed = nodejsSecurityWgRecord.safeParse(record);
  if (!parsed.success) {
    return { kind: 'rejected', id: undefined, reason: describeSchemaProblem(parsed.error) };
  }
  const wg = parsed.data;
  const id = `NSWG-ECO-${String(wg.id)}`;
  if (wg._pack !== undefined && wg._pack.id !== id) {
    return {
      kind: 'rejected',
      id: wg._pack.id,
      reason: `_pack.id: ${wg._pack.id} does not match id ${String(wg.id)}`,
    };
  }
  let ranges: readonly AffectedRange[];
  try {
    ranges = converters.nodeSemver(wg.vulnerable_versions);
  } catch (error) {
    return { kind: 'rejected', id, reason: `vulnerable_versions: ${describeFailure(error)}` };
  }
  const notes: string[] = [];
  const aliases: string[] = [];
  for (const cve of wg.cves ?? []) {
    const trimmed = cve.trim();
    if (isCveId(trimmed)) {
      if (!aliases.includes(trimmed)) aliases.push(trimmed);
    } else {
      notes.push(`cves: '${cve}' is not a CVE id; dropped`);
    }
  }
  const vector = wg.cvss_vector?.trim();
  const severity =
    vector === undefined || vector.length === 0
      ? []
      : readSeverities([{ type: cvssTypeOf(vector), score: vector }], notes, () => 'cvss_vector');
  const recommendation = wg.recommendation?.trim();
  const overview = wg.overview?.trim() ?? '';
  return {
    kind: 'accepted',
    advisory: {
      id,
      source: 'nodejs-security-wg',
      aliases,
      summary: wg.title.trim(),
      details:
        recommendation === undefined || recommendation.length === 0
          ? overview
          : `${overview}\n\nRecommendation: ${recommendation}`,
      published: instant(wg.publish_date),
      modified: instant(wg.updated_at),
      withdrawn: undefined,
      affected: [{ ecosystem: 'npm', name: wg.module_name.trim(), ranges, versions: [] }],
      severity,
      references: [...new Set((wg.references ?? []).map((reference) => reference.trim()))],
    },
    skippedEcosystems: [],
    notes,
  };
}
