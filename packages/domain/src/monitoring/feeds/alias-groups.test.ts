import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { collectAdvisoryFeed } from './advisory-feed.js';
import { aliasKeyChanges, groupAliases, type AliasGrouping } from './alias-groups.js';
import { compareCveIds, isCveId } from './cve-id.js';
import { readKevCatalogue } from './kev-catalogue.js';
import { recordingRangeConverters } from './testing/recording-range-converters.js';
import { readSharedJson, streamSharedText } from './testing/shared-data.js';

function groupsOf(grouping: AliasGrouping): Record<string, readonly string[]> {
  return Object.fromEntries(grouping.keys().map((key) => [key, grouping.membersOf(key) ?? []]));
}

describe('groupAliases', () => {
  it('joins advisories that share an alias and keys each group by its lowest CVE id', () => {
    const grouping = groupAliases([
      ['PYSEC-2022-42969', 'CVE-2022-42969', 'GHSA-w596-4wvx-j9j6'],
      ['GHSA-w596-4wvx-j9j6', 'CVE-2022-42969'],
      ['GO-2020-0001', 'CVE-2020-36567', 'GHSA-6vm3-jj99-7229'],
      ['RUSTSEC-2020-0105', 'CVE-2020-36213', 'CVE-2020-36212'],
      ['CVE-2021-44228'],
    ]);
    expect(groupsOf(grouping)).toEqual({
      'CVE-2020-36212': ['CVE-2020-36212', 'CVE-2020-36213', 'RUSTSEC-2020-0105'],
      'CVE-2020-36567': ['CVE-2020-36567', 'GHSA-6vm3-jj99-7229', 'GO-2020-0001'],
      'CVE-2021-44228': ['CVE-2021-44228'],
      'CVE-2022-42969': ['CVE-2022-42969', 'GHSA-w596-4wvx-j9j6', 'PYSEC-2022-42969'],
    });
    expect(grouping.keyOf('GHSA-w596-4wvx-j9j6')).toBe('CVE-2022-42969');
    expect(grouping.keyOf('CVE-1999-0001')).toBeUndefined();
    expect(grouping.size).toBe(4);
  });

  it('orders CVE ids by year, then by number, not as text', () => {
    const grouping = groupAliases([['CVE-2021-10000', 'CVE-2021-9999', 'CVE-2022-0001', 'GHSA-x']]);
    expect(grouping.keyOf('GHSA-x')).toBe('CVE-2021-9999');
    expect(compareCveIds('CVE-2021-9999', 'CVE-2021-10000')).toBeLessThan(0);
    expect(compareCveIds('CVE-2020-99999', 'CVE-2021-0001')).toBeLessThan(0);
  });

  it('keys a group without a CVE by its lowest id', () => {
    const grouping = groupAliases([['RUSTSEC-2021-0120', 'GHSA-5vwc-r48g-wj6c'], ['NSWG-ECO-7']]);
    expect(grouping.keys()).toEqual(['GHSA-5vwc-r48g-wj6c', 'NSWG-ECO-7']);
  });

  it('ignores blank ids and trims the others', () => {
    const grouping = groupAliases([[' CVE-2021-44228 ', '', '  '], []]);
    expect(grouping.keys()).toEqual(['CVE-2021-44228']);
    expect(grouping.keyOf(' CVE-2021-44228')).toBe('CVE-2021-44228');
  });

  it('gives the same groups whatever the order of the statements and of the ids in them', () => {
    const id = fc.constantFrom(
      'CVE-2020-1',
      'CVE-2020-0002',
      'CVE-2019-12345',
      'GHSA-a',
      'GHSA-b',
      'GO-1',
      'PYSEC-1',
      'X',
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(id, { maxLength: 4 }), { maxLength: 8 }),
        fc.nat(),
        (statements, seed) => {
          const shuffled = [...statements]
            .map((statement, index) => ({
              statement: [...statement].reverse(),
              order: (index * 7919 + seed) % 101,
            }))
            .sort((left, right) => left.order - right.order)
            .map((entry) => entry.statement);
          expect(groupsOf(groupAliases(shuffled))).toEqual(groupsOf(groupAliases(statements)));
        },
      ),
      { seed: 20261122 },
    );
  });

  it('keys every group by a CVE whenever it holds one', () => {
    const id = fc.oneof(
      fc.integer({ min: 1, max: 99_999 }).map((number) => `CVE-2021-${String(number).padStart(4, '0')}`),
      fc.stringMatching(/^GHSA-[a-z]{2}$/),
    );
    fc.assert(
      fc.property(fc.array(fc.array(id, { maxLength: 4 }), { maxLength: 10 }), (statements) => {
        const grouping = groupAliases(statements);
        for (const key of grouping.keys()) {
          const members = grouping.membersOf(key) ?? [];
          const cves = members.filter(isCveId).sort(compareCveIds);
          expect(key).toBe(cves[0] ?? [...members].sort()[0]);
        }
      }),
      { seed: 20261122 },
    );
  });
});

describe('aliasKeyChanges', () => {
  it('lists the key that moves when a new advisory merges two groups', () => {
    const before = groupAliases([
      ['GHSA-aaaa', 'CVE-2023-2000'],
      ['PYSEC-2023-1', 'CVE-2023-1000'],
    ]);
    const after = groupAliases([
      ['GHSA-aaaa', 'CVE-2023-2000'],
      ['PYSEC-2023-1', 'CVE-2023-1000'],
      ['GO-2023-7', 'CVE-2023-2000', 'CVE-2023-1000'],
    ]);
    expect(aliasKeyChanges(before, after)).toEqual([{ from: 'CVE-2023-2000', to: 'CVE-2023-1000' }]);
  });

  it('lists a key that moves when a CVE joins a group keyed by another id', () => {
    const before = groupAliases([['GHSA-aaaa', 'PYSEC-2023-1']]);
    const after = groupAliases([['GHSA-aaaa', 'PYSEC-2023-1', 'CVE-2023-5']]);
    expect(aliasKeyChanges(before, after)).toEqual([{ from: 'GHSA-aaaa', to: 'CVE-2023-5' }]);
  });

  it('follows the remaining members when the key id itself has gone from the feeds', () => {
    const before = groupAliases([
      ['GHSA-aaaa', 'CVE-2023-1'],
      ['GO-1', 'CVE-2023-1'],
      ['PYSEC-1', 'CVE-2023-1', 'CVE-2023-9'],
    ]);
    const after = groupAliases([['GHSA-aaaa'], ['GO-1'], ['PYSEC-1', 'CVE-2023-9']]);
    expect(aliasKeyChanges(before, after)).toEqual([
      { from: 'CVE-2023-1', to: 'CVE-2023-9' },
      { from: 'CVE-2023-1', to: 'GHSA-aaaa' },
      { from: 'CVE-2023-1', to: 'GO-1' },
    ]);
  });

  it('lists nothing when the grouping is unchanged or only grew', () => {
    const before = groupAliases([['GHSA-aaaa', 'CVE-2023-1']]);
    const after = groupAliases([['GHSA-aaaa', 'CVE-2023-1', 'GO-1'], ['CVE-2024-1']]);
    expect(aliasKeyChanges(before, after)).toEqual([]);
    expect(aliasKeyChanges(before, before)).toEqual([]);
  });
});

describe('groupAliases on the real feeds', () => {
  it('groups the PyPI, Go and RustSec advisories with the KEV CVEs, keying every group with a CVE by a CVE', async () => {
    const { converters } = recordingRangeConverters();
    const statements: string[][] = [];
    for (const file of ['osv/pypi_pypa.jsonl', 'osv/go_vulndb.jsonl', 'osv/crates_rustsec.jsonl']) {
      const { advisories } = await collectAdvisoryFeed(streamSharedText(file), converters);
      for (const advisory of advisories) statements.push([advisory.id, ...advisory.aliases]);
    }
    const kev = readKevCatalogue(readSharedJson('kev/known_exploited_vulnerabilities.json'));
    for (const entry of kev.entries) statements.push([entry.cveId]);
    const grouping = groupAliases(statements);

    for (const key of grouping.keys()) {
      const members = grouping.membersOf(key) ?? [];
      if (members.some(isCveId)) expect(isCveId(key)).toBe(true);
    }
    // Log4Shell is in KEV; no advisory of these three feeds is about it, so it stays alone.
    expect(grouping.membersOf('CVE-2021-44228')).toEqual(['CVE-2021-44228']);
    // The same vulnerability reported by PyPA and by the GitHub advisory it aliases is one group.
    expect(grouping.keyOf('PYSEC-2022-42969')).toBe('CVE-2022-42969');
    expect(grouping.keyOf('GHSA-w596-4wvx-j9j6')).toBe('CVE-2022-42969');
  });
});
