import { describe, expect, it } from 'vitest';

import type { AdvisoryRecordResult } from './advisory-record-result.js';
import { advisoryFromOsvRecord } from './osv-advisory.js';
import { recordingRangeConverters } from './testing/recording-range-converters.js';

/** A record shaped like Go's GO-2020-0001 (golang/vulndb), trimmed. */
function goRecord(): Record<string, unknown> {
  return {
    schema_version: '1.3.1',
    id: 'GO-2020-0001',
    modified: '0001-01-01T00:00:00Z',
    published: '2021-04-14T20:04:52Z',
    aliases: ['CVE-2020-36567', 'GHSA-6vm3-jj99-7229'],
    summary: 'Arbitrary log line injection in github.com/gin-gonic/gin',
    details: 'The default Formatter for the Logger middleware allows attackers to inject log entries.',
    affected: [
      {
        package: { name: 'github.com/gin-gonic/gin', ecosystem: 'Go' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.6.0' }] }],
        ecosystem_specific: { imports: [{ path: 'github.com/gin-gonic/gin', symbols: ['Default'] }] },
      },
    ],
    references: [
      { type: 'FIX', url: 'https://github.com/gin-gonic/gin/pull/2237' },
      {
        type: 'FIX',
        url: 'https://github.com/gin-gonic/gin/commit/a71af9c144f9579f6dbe945341c1df37aaf09c0d',
      },
    ],
    database_specific: { url: 'https://pkg.go.dev/vuln/GO-2020-0001', review_status: 'REVIEWED' },
  };
}

/** A record shaped like PyPA's PYSEC-2022-42969, trimmed, with a GIT range added. */
function pypiRecord(): Record<string, unknown> {
  return {
    id: 'PYSEC-2022-42969',
    details: 'The py library through 1.11.0 for Python allows remote attackers to conduct a ReDoS.',
    affected: [
      {
        package: { name: 'py', ecosystem: 'PyPI', purl: 'pkg:pypi/py' },
        ranges: [
          { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { last_affected: '1.11.0' }] },
          {
            type: 'GIT',
            repo: 'https://github.com/pytest-dev/py',
            events: [{ introduced: '0' }, { limit: 'abc123' }],
          },
        ],
        versions: ['1.10.0', '1.11.0'],
      },
    ],
    references: [
      { type: 'ADVISORY', url: 'https://github.com/advisories/GHSA-w596-4wvx-j9j6' },
      { type: 'WEB', url: 'https://nvd.nist.gov/vuln/detail/CVE-2022-42969' },
      { type: 'WEB', url: 'https://nvd.nist.gov/vuln/detail/CVE-2022-42969' },
    ],
    aliases: ['CVE-2022-42969', 'GHSA-w596-4wvx-j9j6', 'PYSEC-2022-42969', 'CVE-2022-42969'],
    modified: '2024-02-16T13:47:54.655573Z',
    published: '2022-11-04',
    withdrawn: '2023-11-08T00:54:24+01:00',
  };
}

function accepted(result: AdvisoryRecordResult) {
  if (result.kind !== 'accepted') throw new Error(`expected accepted, got ${JSON.stringify(result)}`);
  return result;
}

describe('advisoryFromOsvRecord', () => {
  const { converters } = recordingRangeConverters();

  it('reads a Go record: SEMVER ranges, aliases, dates, references', () => {
    const { advisory, skippedEcosystems, notes } = accepted(advisoryFromOsvRecord(goRecord(), converters));
    expect(advisory).toEqual({
      id: 'GO-2020-0001',
      source: 'osv',
      aliases: ['CVE-2020-36567', 'GHSA-6vm3-jj99-7229'],
      summary: 'Arbitrary log line injection in github.com/gin-gonic/gin',
      details: 'The default Formatter for the Logger middleware allows attackers to inject log entries.',
      published: '2021-04-14T20:04:52.000Z',
      // Go's vulndb writes the zero time for "no modification date".
      modified: undefined,
      withdrawn: undefined,
      affected: [
        {
          ecosystem: 'Go',
          name: 'github.com/gin-gonic/gin',
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.6.0' }] }],
          versions: [],
        },
      ],
      severity: [],
      references: [
        'https://github.com/gin-gonic/gin/pull/2237',
        'https://github.com/gin-gonic/gin/commit/a71af9c144f9579f6dbe945341c1df37aaf09c0d',
      ],
    });
    expect(skippedEcosystems).toEqual([]);
    expect(notes).toEqual([]);
  });

  it('reads a PyPI record: last_affected, limit, GIT ranges, versions, withdrawn, dates to ISO', () => {
    const { advisory } = accepted(advisoryFromOsvRecord(pypiRecord(), converters));
    expect(advisory.affected).toEqual([
      {
        ecosystem: 'PyPI',
        name: 'py',
        ranges: [
          { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { lastAffected: '1.11.0' }] },
          { type: 'GIT', events: [{ introduced: '0' }, { limit: 'abc123' }] },
        ],
        versions: ['1.10.0', '1.11.0'],
      },
    ]);
    // Its own id and the repeated CVE are not aliases.
    expect(advisory.aliases).toEqual(['CVE-2022-42969', 'GHSA-w596-4wvx-j9j6']);
    expect(advisory.summary).toBe('');
    expect(advisory.published).toBe('2022-11-04T00:00:00.000Z');
    expect(advisory.modified).toBe('2024-02-16T13:47:54.655Z');
    expect(advisory.withdrawn).toBe('2023-11-07T23:54:24.000Z');
    expect(advisory.references).toEqual([
      'https://github.com/advisories/GHSA-w596-4wvx-j9j6',
      'https://nvd.nist.gov/vuln/detail/CVE-2022-42969',
    ]);
  });

  it('keeps only our five ecosystems and lists the ones it dropped', () => {
    const record = goRecord();
    record.affected = [
      { package: { ecosystem: 'Debian:11', name: 'golang-github-gin-gonic-gin' }, ranges: [] },
      ...(record.affected as unknown[]),
      { package: { ecosystem: 'NuGet', name: 'Gin' }, versions: ['1.0'] },
      { ranges: [{ type: 'GIT', events: [{ introduced: '0' }] }] },
    ];
    const result = accepted(advisoryFromOsvRecord(record, converters));
    expect(result.advisory.affected.map((entry) => entry.ecosystem)).toEqual(['Go']);
    expect(result.skippedEcosystems).toEqual(['(none)', 'Debian:11', 'NuGet']);
  });

  it('skips a record none of whose packages is in our ecosystems', () => {
    const record = goRecord();
    record.affected = [{ package: { ecosystem: 'Packagist', name: 'laravel/framework' } }];
    expect(advisoryFromOsvRecord(record, converters)).toEqual({
      kind: 'skipped',
      id: 'GO-2020-0001',
      skippedEcosystems: ['Packagist'],
    });
  });

  it('keeps CVSS v2, v3 and v4 vectors, ignores other severity types and drops unreadable vectors with a note', () => {
    const record = goRecord();
    record.severity = [
      { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
      { type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:C/I:C/A:C' },
      { type: 'Ubuntu', score: 'high' },
      { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H' },
      // RustSec's export labels its CVSS 4.0 vectors CVSS_V3.
      { type: 'CVSS_V3', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N' },
    ];
    const { advisory, notes } = accepted(advisoryFromOsvRecord(record, converters));
    expect(advisory.severity).toEqual([
      { type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
      { type: 'CVSS_V2', vector: 'AV:N/AC:L/Au:N/C:C/I:C/A:C' },
      { type: 'CVSS_V4', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N' },
    ]);
    expect(notes).toEqual([
      expect.stringMatching(/^severity\[3\]: CVSS vector .*base metric A missing; dropped$/),
      'severity[4]: labelled CVSS_V3 but the vector is CVSS_V4; kept as CVSS_V4',
    ]);
  });

  it('rejects a record that breaks the schema, naming the field', () => {
    const record = goRecord();
    (record.affected as { ranges: { events: unknown[] }[] }[])[0]!.ranges[0]!.events.push({
      introduced: '1.7.0',
      fixed: '1.8.0',
    });
    expect(advisoryFromOsvRecord(record, converters)).toEqual({
      kind: 'rejected',
      id: 'GO-2020-0001',
      reason:
        'affected[0].ranges[0].events[2]: an event has exactly one of introduced, fixed, last_affected, limit',
    });
  });

  const variants: [string, () => unknown, string | undefined, RegExp][] = [
    [
      'no id',
      () => ({ ...goRecord(), id: undefined }),
      undefined,
      /^id: Invalid input: expected string, received undefined$/,
    ],
    [
      'a date that names no day',
      () => ({ ...goRecord(), published: '2021-13-45' }),
      'GO-2020-0001',
      /^published: not an RFC 3339 date-time or YYYY-MM-DD date$/,
    ],
    [
      'an unknown range type',
      () => ({
        ...goRecord(),
        affected: [
          {
            package: { ecosystem: 'Go', name: 'x' },
            ranges: [{ type: 'SEMVER2', events: [{ introduced: '0' }] }],
          },
        ],
      }),
      'GO-2020-0001',
      /^affected\[0\]\.ranges\[0\]\.type: /,
    ],
    ['text where a record should be', () => 'not an object', undefined, /^\(record\): /],
  ];

  it.each(variants)('rejects a record with %s', (_, record, id, reason) => {
    const result = advisoryFromOsvRecord(record(), converters);
    expect(result).toMatchObject({ kind: 'rejected', id });
    expect(result.kind === 'rejected' ? result.reason : '').toMatch(reason);
  });
});

describe('advisoryFromOsvRecord on RustSec records', () => {
  /** Shaped like the RustSec export's RUSTSEC-2020-0105 (OSV keys, RustSec version requirements). */
  function rustsecRecord(): Record<string, unknown> {
    return {
      id: 'RUSTSEC-2020-0105',
      published: '2020-12-21',
      aliases: ['CVE-2020-36212', 'GHSA-vq23-5h4f-vwpv'],
      summary: 'Update unsound DrainFilter and RString::retain',
      withdrawn: null,
      affected: [
        {
          package: { ecosystem: 'crates.io', name: 'abi_stable' },
          rustsec_versions: { patched: ['>= 0.9.1'], unaffected: ['< 0.2.0'] },
        },
      ],
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }],
      database_specific: {
        informational: null,
        url: 'https://github.com/rodrimati1992/abi_stable_crates/issues/44',
      },
    };
  }

  it('converts rustsec_versions with the injected RustSec converter', () => {
    const { converters, calls } = recordingRangeConverters();
    const { advisory } = accepted(advisoryFromOsvRecord(rustsecRecord(), converters));
    expect(calls.rustsec).toEqual([{ patched: ['>= 0.9.1'], unaffected: ['< 0.2.0'] }]);
    expect(advisory.affected).toEqual([
      {
        ecosystem: 'crates.io',
        name: 'abi_stable',
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: 'patched >= 0.9.1; unaffected < 0.2.0' }] }],
        versions: [],
      },
    ]);
    expect(advisory.withdrawn).toBeUndefined();
    expect(advisory.published).toBe('2020-12-21T00:00:00.000Z');
    // The export has no references list; the advisory's own link stands in.
    expect(advisory.references).toEqual(['https://github.com/rodrimati1992/abi_stable_crates/issues/44']);
  });

  it('rejects the record when the converter cannot read its requirements, naming the field', () => {
    const { converters } = recordingRangeConverters((text) => text.includes('>= 0.9.1'));
    expect(advisoryFromOsvRecord(rustsecRecord(), converters)).toEqual({
      kind: 'rejected',
      id: 'RUSTSEC-2020-0105',
      reason: "affected[0].rustsec_versions: cannot read range 'patched >= 0.9.1; unaffected < 0.2.0'",
    });
  });
});
