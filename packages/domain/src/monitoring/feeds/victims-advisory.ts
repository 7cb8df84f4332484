import { z } from 'zod';

import type { AffectedPackage } from '../advisory.js';
import {
  describeFailure,
  describeSchemaProblem,
  type AdvisoryRecordResult,
} from './advisory-record-result.js';
import type { RangeConverters } from './range-converters.js';

/**
 * One victims-cve-db Java record (https://github.com/victims/victims-cve-db, `database/java/<year>/<n>.yaml`)
 * to an Advisory. The record is about one CVE, so the CVE id is the advisory's id and there are no aliases.
 * Affected packages are Maven `groupId:artifactId`; their `version` lists (`<=2.0.11.2,2.0`) go through the
 * injected victims converter. The records carry a CVSS v2 score but no vector, so `severity` stays empty.
 */

const victimsRecord = z.looseObject({
  _pack: z.looseObject({ id: z.string() }).optional(),
  cve: z.string().regex(/^\d{4}-\d{4,}$/, { message: 'expected YYYY-NNNN (the CVE id without CVE-)' }),
  title: z.string(),
  description: z.string().nullish(),
  references: z.array(z.string().min(1)).nullish(),
  affected: z
    .array(
      z.looseObject({
        groupId: z.string().min(1),
        artifactId: z.string().min(1),
        version: z.array(z.string().min(1)).min(1),
      }),
    )
    .min(1),
});

/** Reads one victims record; an affected entry whose versions do not read rejects the record. */
export function advisoryFromVictimsRecord(
  record: unknown,
  converters: RangeConverters,
): AdvisoryRecordResult {
  const parsed = victimsRecord.safeParse(record);
  if (!parsed.success) {
    return { kind: 'rejected', id: undefined, reason: describeSchemaProblem(parsed.error) };
  }
  const victims = parsed.data;
  const id = `CVE-${victims.cve}`;
  if (victims._pack !== undefined && victims._pack.id !== id) {
    return {
      kind: 'rejected',
      id,
      reason: `_pack.id: ${victims._pack.id} does not match cve ${victims.cve}`,
    };
  }
  const affected: AffectedPackage[] = [];
  for (const [index, entry] of victims.affected.entries()) {
    try {
      affected.push({
        ecosystem: 'Maven',
        name: `${entry.groupId.trim()}:${entry.artifactId.trim()}`,
        ranges: converters.victims(entry.version),
        versions: [],
      });
    } catch (error) {
      return {
        kind: 'rejected',
        id,
        reason: `affected[${String(index)}].version: ${describeFailure(error)}`,
      };
    }
  }
  return {
    kind: 'accepted',
    advisory: {
      id,
      source: 'victims',
      aliases: [],
      summary: victims.title.trim(),
      details: victims.description?.trim() ?? '',
      published: undefined,
      modified: undefined,
      withdrawn: undefined,
      affected,
      severity: [],
      references: [...new Set((victims.references ?? []).map((reference) => reference.trim()))],
    },
    skippedEcosystems: [],
    notes: [],
  };
}
