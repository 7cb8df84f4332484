import { z } from 'zod';

import type { KevEntry } from '../advisory.js';
import { describeSchemaProblem } from './advisory-record-result.js';
import { isCveId } from './cve-id.js';
import { isCalendarDate, isoInstantFromFeedDate } from './feed-dates.js';
import { FeedFormatError } from './feed-format-error.js';

/**
 * CISA's Known Exploited Vulnerabilities catalogue (https://www.cisa.gov/known-exploited-vulnerabilities-catalog),
 * the JSON feed described by CISA's schema (`known_exploited_vulnerabilities_schema.json` in
 * cisagov/kev-data). The catalogue as a whole must be readable; a single entry that breaks the schema is
 * left out and reported, so one bad entry does not hide the other thousand.
 */

const calendarDate = z.string().refine(isCalendarDate, { message: 'expected a YYYY-MM-DD date' });

const catalogueShape = z.looseObject({
  catalogVersion: z.string().min(1),
  dateReleased: z.string().refine((text) => isoInstantFromFeedDate(text) !== undefined, {
    message: 'expected an ISO-8601 date-time',
  }),
  count: z.number().int().nonnegative().optional(),
  vulnerabilities: z.array(z.unknown()),
});

const kevVulnerability = z.looseObject({
  cveID: z.string().refine(isCveId, { message: 'expected a CVE id (CVE-YYYY-NNNN)' }),
  vendorProject: z.string(),
  product: z.string(),
  vulnerabilityName: z.string(),
  dateAdded: calendarDate,
  shortDescription: z.string(),
  dueDate: calendarDate.nullish(),
  knownRansomwareCampaignUse: z.string().nullish(),
  cwes: z.array(z.string().regex(/^CWE-\d+$/, { message: 'expected CWE-<number>' })).nullish(),
});

export interface KevRejection {
  /** Index in `vulnerabilities`. */
  readonly index: number;
  readonly cveId: string | undefined;
  readonly reason: string;
}

export interface KevCatalogue {
  readonly catalogVersion: string;
  /** ISO-8601 instant. */
  readonly dateReleased: string;
  readonly entries: readonly KevEntry[];
  /** Entries left out, each with its index and reason. */
  readonly rejected: readonly KevRejection[];
}

/**
 * Reads the parsed KEV JSON. `knownRansomwareUse` is true exactly when CISA wrote "Known".
 * @throws FeedFormatError if the document is not a KEV catalogue (no version, release date or
 * vulnerability list).
 */
export function readKevCatalogue(json: unknown): KevCatalogue {
  const catalogue = catalogueShape.safeParse(json);
  if (!catalogue.success) {
    throw new FeedFormatError('KEV catalogue', describeSchemaProblem(catalogue.error));
  }
  const entries: KevEntry[] = [];
  const rejected: KevRejection[] = [];
  const firstIndexOfCve = new Map<string, number>();
  catalogue.data.vulnerabilities.forEach((item, index) => {
    const parsed = kevVulnerability.safeParse(item);
    if (!parsed.success) {
      const cveId =
        typeof item === 'object' && item !== null && 'cveID' in item && typeof item.cveID === 'string'
          ? item.cveID
          : undefined;
      rejected.push({
        index,
        cveId,
        reason: describeSchemaProblem(parsed.error, ['vulnerabilities', index]),
      });
      return;
    }
    const entry = parsed.data;
    const firstIndex = firstIndexOfCve.get(entry.cveID);
    if (firstIndex !== undefined) {
      rejected.push({
        index,
        cveId: entry.cveID,
        reason: `vulnerabilities[${String(index)}]: ${entry.cveID} already listed at index ${String(firstIndex)}`,
      });
      return;
    }
    firstIndexOfCve.set(entry.cveID, index);
    entries.push({
      cveId: entry.cveID,
      vendorProject: entry.vendorProject.trim(),
      product: entry.product.trim(),
      vulnerabilityName: entry.vulnerabilityName.trim(),
      dateAdded: entry.dateAdded,
      dueDate: entry.dueDate ?? undefined,
      shortDescription: entry.shortDescription.trim(),
      knownRansomwareUse: entry.knownRansomwareCampaignUse === 'Known',
      cwes: entry.cwes ?? [],
    });
  });
  return {
    catalogVersion: catalogue.data.catalogVersion,
    dateReleased: isoInstantFromFeedDate(catalogue.data.dateReleased) ?? catalogue.data.dateReleased,
    entries,
    rejected,
  };
}
