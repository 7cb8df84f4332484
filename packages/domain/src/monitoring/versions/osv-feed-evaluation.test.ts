import { describe, expect, it } from 'vitest';
import { compileAffectedPackage, isVersionAffected } from './affected-version-matching.js';
import { GO_VERSION_ORDERING } from './go-version-ordering.js';
import { PYPI_VERSION_ORDERING } from './pypi-version-ordering.js';
import { affectedPackagesOf, readFeedRecords, type RawOsvRecord } from './testing/osv-feed-files.js';

/**
 * The PyPA feed lists, beside its ranges, the versions osv.dev found affected. Those lists come from
 * osv.dev's own enumeration (and partly from Git history), so they check our PEP 440 ordering and range
 * walk against an independent implementation on about 140,000 versions.
 */
describe('the PyPA advisory feed', () => {
  const records = readFeedRecords('pypi_pypa.jsonl') as RawOsvRecord[];

  it('places every listed PEP 440 version in the ranges of its record, except in four records that disagree with themselves', () => {
    const disagreeing = new Set<string>();
    let checked = 0;
    for (const record of records) {
      for (const affected of affectedPackagesOf(record, 'PyPI')) {
        const rangesOnly = compileAffectedPackage({ ...affected, versions: [] });
        for (const version of affected.versions) {
          if (PYPI_VERSION_ORDERING.parse(version) === undefined) {
            continue;
          }
          checked += 1;
          if (!rangesOnly(version)) {
            disagreeing.add(record.id);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(140_000);
    expect([...disagreeing].sort()).toEqual([
      // Overlapping pairs (introduced 2.11 / fixed 2.11.7 and introduced 0 / fixed 2.11.6): the sorted
      // walk the OSV schema prescribes closes at 2.11.6, while the list has 2.11.6.
      'PYSEC-2021-114',
      // Lists 23.9.0, the fixed version (the list came from the GIT range).
      'PYSEC-2023-177',
      // Lists 3.2a1…4.2rc1, pre-releases below the introduced versions 3.2 and 4.2.
      'PYSEC-2023-61',
      // Has a versions list and no ranges at all.
      'PYSEC-2024-1',
    ]);
  });

  it('reports every listed version affected once the list is consulted too, readable or not', () => {
    for (const record of records) {
      for (const affected of affectedPackagesOf(record, 'PyPI')) {
        const unaffectedListed = affected.versions.filter((version) => !isVersionAffected(affected, version));
        expect({ id: record.id, unaffectedListed }).toEqual({ id: record.id, unaffectedListed: [] });
      }
    }
  });
});

describe('the Go vulnerability database', () => {
  const records = readFeedRecords('go_vulndb.jsonl') as RawOsvRecord[];

  it('writes every range event in a form the Go ordering reads', () => {
    const unreadable: string[] = [];
    for (const record of records) {
      for (const affected of affectedPackagesOf(record, 'Go')) {
        for (const range of affected.ranges) {
          for (const event of range.events) {
            const version = Object.values(event)[0] as string;
            if (version !== '0' && GO_VERSION_ORDERING.parse(version) === undefined) {
              unreadable.push(`${record.id} ${version}`);
            }
          }
        }
      }
    }
    expect(unreadable).toEqual([]);
  });

  it('matches GO-2022-0969 (net/http and x/net/http2 denial of service) as the advisory reads', () => {
    const record = records.find((candidate) => candidate.id === 'GO-2022-0969') ?? expect.unreachable();
    const [stdlib, xNet] = affectedPackagesOf(record, 'Go');
    const affectedOf = (affected: typeof stdlib, versions: string[]): string[] =>
      versions.filter((version) => isVersionAffected(affected ?? expect.unreachable(), version));
    // stdlib: introduced 0, fixed 1.18.6; introduced 1.19.0-0, fixed 1.19.1.
    expect(
      affectedOf(stdlib, ['v1.17.0', 'v1.18.5', 'v1.18.6', 'v1.19.0-rc.1', 'v1.19.0', 'v1.19.1']),
    ).toEqual(['v1.17.0', 'v1.18.5', 'v1.19.0-rc.1', 'v1.19.0']);
    // x/net: fixed at the pseudo-version 0.0.0-20220906165146-f3363e06e74c.
    expect(
      affectedOf(xNet, [
        'v0.0.0-20220826154423-83b083e8dc8b',
        'v0.0.0-20220906165146-f3363e06e74c',
        'v0.0.0-20221004154528-8021a29435af',
        'v0.1.0',
      ]),
    ).toEqual(['v0.0.0-20220826154423-83b083e8dc8b']);
  });
});
