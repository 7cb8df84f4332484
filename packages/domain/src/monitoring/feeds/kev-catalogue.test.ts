import { describe, expect, it } from 'vitest';

import { FeedFormatError } from './feed-format-error.js';
import { readKevCatalogue } from './kev-catalogue.js';
import { readSharedJson } from './testing/shared-data.js';

function entry(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cveID: 'CVE-2021-44228',
    vendorProject: 'Apache',
    product: 'Log4j2',
    vulnerabilityName: 'Apache Log4j2 Remote Code Execution Vulnerability',
    dateAdded: '2021-12-10',
    shortDescription:
      'Apache Log4j2 contains a vulnerability where JNDI features do not protect against injection.',
    requiredAction: 'Apply updates per vendor instructions.',
    dueDate: '2021-12-24',
    knownRansomwareCampaignUse: 'Known',
    notes: '',
    cwes: ['CWE-20', 'CWE-400', 'CWE-502'],
    ...overrides,
  };
}

function catalogue(vulnerabilities: unknown[]): Record<string, unknown> {
  return {
    title: 'CISA Catalog of Known Exploited Vulnerabilities',
    catalogVersion: '2025.08.25',
    dateReleased: '2025-08-25T17:04:19.9796Z',
    count: vulnerabilities.length,
    vulnerabilities,
  };
}

describe('readKevCatalogue', () => {
  it('reads the real catalogue: version 2025.08.25, 1404 entries, 293 with known ransomware use', () => {
    const kev = readKevCatalogue(readSharedJson('kev/known_exploited_vulnerabilities.json'));
    expect(kev.catalogVersion).toBe('2025.08.25');
    expect(kev.dateReleased).toBe('2025-08-25T17:04:19.979Z');
    expect(kev.entries).toHaveLength(1404);
    expect(kev.rejected).toEqual([]);
    expect(kev.entries.filter((item) => item.knownRansomwareUse)).toHaveLength(293);
    expect(kev.entries[0]).toEqual({
      cveId: 'CVE-2025-48384',
      vendorProject: 'Git',
      product: 'Git',
      vulnerabilityName: 'Git Link Following Vulnerability',
      dateAdded: '2025-08-25',
      dueDate: '2025-09-15',
      shortDescription:
        'Git contains a link following vulnerability that stems from Git’s inconsistent handling of carriage return characters in configuration files.',
      knownRansomwareUse: false,
      cwes: ['CWE-59', 'CWE-436'],
    });
  });

  it('trims names, reads "Known" as ransomware use and anything else as not', () => {
    const kev = readKevCatalogue(
      catalogue([
        entry({ vendorProject: 'Array Networks ', product: 'Windows ' }),
        entry({ cveID: 'CVE-2021-0001', knownRansomwareCampaignUse: 'Unknown', cwes: [] }),
      ]),
    );
    expect(kev.entries.map((item) => [item.vendorProject, item.product, item.knownRansomwareUse])).toEqual([
      ['Array Networks', 'Windows', true],
      ['Apache', 'Log4j2', false],
    ]);
  });

  it('leaves out a broken entry, naming its index and field, and keeps the others', () => {
    const kev = readKevCatalogue(
      catalogue([
        entry({ cveID: 'CVE-2021-0001' }),
        entry({ cveID: 'CVE-21-44228' }),
        entry({ cveID: 'CVE-2021-0002', dateAdded: '2021-02-30' }),
        entry({ cveID: 'CVE-2021-0001', product: 'again' }),
        'not an entry',
      ]),
    );
    expect(kev.entries.map((item) => item.cveId)).toEqual(['CVE-2021-0001']);
    expect(kev.rejected).toEqual([
      {
        index: 1,
        cveId: 'CVE-21-44228',
        reason: 'vulnerabilities[1].cveID: expected a CVE id (CVE-YYYY-NNNN)',
      },
      {
        index: 2,
        cveId: 'CVE-2021-0002',
        reason: 'vulnerabilities[2].dateAdded: expected a YYYY-MM-DD date',
      },
      {
        index: 3,
        cveId: 'CVE-2021-0001',
        reason: 'vulnerabilities[3]: CVE-2021-0001 already listed at index 0',
      },
      {
        index: 4,
        cveId: undefined,
        reason: 'vulnerabilities[4]: Invalid input: expected object, received string',
      },
    ]);
  });

  it('refuses a document that is not a KEV catalogue', () => {
    expect(() => readKevCatalogue({ vulnerabilities: [] })).toThrow(FeedFormatError);
    expect(() => readKevCatalogue({ vulnerabilities: [] })).toThrow(
      'KEV catalogue: catalogVersion: Invalid input: expected string, received undefined (and 1 more problem)',
    );
    expect(() => readKevCatalogue([])).toThrow(FeedFormatError);
    expect(() => readKevCatalogue({ ...catalogue([]), vulnerabilities: {} })).toThrow(
      'KEV catalogue: vulnerabilities: ',
    );
  });
});
