import { describe, expect, it } from 'vitest';

import { isEcosystem } from '../advisory.js';
import {
  collectAdvisoryFeed,
  describeAdvisoryRejection,
  detectAdvisoryRecordFormat,
  readAdvisoryFeed,
  type AdvisoryFeedItem,
} from './advisory-feed.js';
import { recordingRangeConverters } from './testing/recording-range-converters.js';
import { readSharedText, streamSharedText } from './testing/shared-data.js';

describe('detectAdvisoryRecordFormat', () => {
  it.each([
    ['an OSV record', { schema_version: '1.3.1', id: 'GO-2020-0001', affected: [] }, 'osv'],
    ['a RustSec export record', { id: 'RUSTSEC-2020-0105', affected: [{ rustsec_versions: {} }] }, 'osv'],
    ['a WG record by _pack', { _pack: { range_syntax: 'node-semver' }, id: 1 }, 'nodejs-security-wg'],
    [
      'a WG record without _pack',
      { id: 1, module_name: 'x', vulnerable_versions: '*' },
      'nodejs-security-wg',
    ],
    [
      'a victims record by _pack',
      { _pack: { range_syntax: "victims: '<=X,Y'" }, cve: '2008-6504' },
      'victims',
    ],
    [
      'a victims record without _pack',
      { cve: '2008-6504', affected: [{ groupId: 'g', artifactId: 'a' }] },
      'victims',
    ],
    ['something else', 42, 'osv'],
  ] as const)('reads %s as %s', (_, record, format) => {
    expect(detectAdvisoryRecordFormat(record)).toBe(format);
  });
});

async function collectItems(chunks: Iterable<string> | AsyncIterable<string>): Promise<AdvisoryFeedItem[]> {
  const { converters } = recordingRangeConverters((text) => text.includes('UNREADABLE'));
  const items: AdvisoryFeedItem[] = [];
  for await (const item of readAdvisoryFeed(chunks, converters)) items.push(item);
  return items;
}

describe('readAdvisoryFeed', () => {
  const osv = { id: 'GHSA-aaaa-bbbb-cccc', affected: [{ package: { ecosystem: 'npm', name: 'left-pad' } }] };
  const wg = {
    _pack: { id: 'NSWG-ECO-7', range_syntax: 'node-semver' },
    id: 7,
    title: 't',
    module_name: 'm',
    vulnerable_versions: 'UNREADABLE',
  };
  const victims = {
    cve: '2017-5638',
    title: 'Struts',
    affected: [{ groupId: 'g', artifactId: 'a', version: ['<=1'] }],
  };

  it('reads a mixed feed record by record, reporting bad records with their line and id and going on', async () => {
    const lines = [
      JSON.stringify(osv),
      '{"id":"PYSEC-BROKEN", "affected": [',
      JSON.stringify(wg),
      '',
      JSON.stringify(victims),
      JSON.stringify({ ...osv, summary: 'the same id again' }),
      JSON.stringify({
        id: 'DEBIAN-1',
        affected: [{ package: { ecosystem: 'Debian:12', name: 'openssl' } }],
      }),
    ];
    const items = await collectItems([lines.join('\n')]);
    expect(items.map((item) => [item.line, item.kind])).toEqual([
      [1, 'accepted'],
      [2, 'rejected'],
      [3, 'rejected'],
      [5, 'accepted'],
      [6, 'rejected'],
      [7, 'skipped'],
    ]);
    const rejections = items.flatMap((item) =>
      item.kind === 'rejected' ? [describeAdvisoryRejection(item)] : [],
    );
    expect(rejections).toEqual([
      expect.stringMatching(/^line 2 \(PYSEC-BROKEN\): not valid JSON: /),
      "line 3 (NSWG-ECO-7): vulnerable_versions: cannot read range 'UNREADABLE'",
      'line 6 (GHSA-aaaa-bbbb-cccc): id already read on line 1',
    ]);
  });

  it('collects the accepted advisories and counts every outcome', async () => {
    const { converters } = recordingRangeConverters();
    const text = [osv, victims, { id: 'X', affected: [{ package: { ecosystem: 'NuGet', name: 'n' } }] }]
      .map((record) => JSON.stringify(record))
      .join('\n');
    const contents = await collectAdvisoryFeed([text], converters);
    expect(contents.advisories.map((advisory) => advisory.id)).toEqual([
      'GHSA-aaaa-bbbb-cccc',
      'CVE-2017-5638',
    ]);
    expect(contents.summary).toEqual({
      accepted: 2,
      rejected: 0,
      skipped: 1,
      skippedEcosystems: { NuGet: 1 },
      acceptedWithNotes: 0,
    });
  });

  it('reads every record with the adapter the caller names', async () => {
    const { converters } = recordingRangeConverters();
    const contents = await collectAdvisoryFeed([JSON.stringify(osv)], converters, { format: 'victims' });
    expect(contents.summary.rejected).toBe(1);
  });
});

/**
 * The five real feeds (SOURCE.md gives the record counts). With test-double converters every record is
 * readable: no record is malformed JSON or breaks its schema, and each file holds one ecosystem, so none is
 * skipped. With the real converters a record whose version text they cannot read would be rejected instead.
 */
describe('the real advisory feeds in shared/data/osv', () => {
  it('reads all 2661 PyPA records, none rejected or skipped, every CVSS vector readable', async () => {
    const { converters } = recordingRangeConverters();
    const contents = await collectAdvisoryFeed(streamSharedText('osv/pypi_pypa.jsonl'), converters);
    expect(contents.summary).toEqual({
      accepted: 2661,
      rejected: 0,
      skipped: 0,
      skippedEcosystems: {},
      acceptedWithNotes: 0,
    });
    expect(
      contents.advisories.every((advisory) => advisory.affected.every((entry) => entry.ecosystem === 'PyPI')),
    ).toBe(true);
    expect(contents.advisories.filter((advisory) => advisory.withdrawn !== undefined)).toHaveLength(10);
    expect(contents.advisories.filter((advisory) => advisory.severity.length > 0)).toHaveLength(202);
  });

  it('reads all 4291 Go records with SEMVER ranges only', async () => {
    const { converters } = recordingRangeConverters();
    const contents = await collectAdvisoryFeed(streamSharedText('osv/go_vulndb.jsonl'), converters);
    expect(contents.summary).toMatchObject({ accepted: 4291, rejected: 0, skipped: 0 });
    const ranges = contents.advisories.flatMap((advisory) =>
      advisory.affected.flatMap((entry) => entry.ranges),
    );
    expect(ranges).toHaveLength(6125);
    expect(new Set(ranges.map((range) => range.type))).toEqual(new Set(['SEMVER']));
    expect(contents.advisories.filter((advisory) => advisory.withdrawn !== undefined)).toHaveLength(17);
    // Every Go record carries the zero time as `modified`, which means "no date".
    expect(contents.advisories.every((advisory) => advisory.modified === undefined)).toBe(true);
  });

  it('reads all 1205 RustSec records, passing each requirement list to the RustSec converter once', async () => {
    const { converters, calls } = recordingRangeConverters();
    const contents = await collectAdvisoryFeed(streamSharedText('osv/crates_rustsec.jsonl'), converters);
    // 57 records label CVSS 4.0 vectors as CVSS_V3; they are kept as CVSS_V4 with a note.
    expect(contents.summary).toEqual({
      accepted: 1205,
      rejected: 0,
      skipped: 0,
      skippedEcosystems: {},
      acceptedWithNotes: 57,
    });
    expect(calls.rustsec).toHaveLength(1205);
    expect(calls.rustsec[0]).toEqual({ patched: ['>= 0.9.1'], unaffected: [] });
    expect(contents.advisories.filter((advisory) => advisory.withdrawn !== undefined)).toHaveLength(13);
    expect(
      contents.advisories.flatMap((advisory) => advisory.severity).filter((s) => s.type === 'CVSS_V4'),
    ).toHaveLength(57);
  });

  it('rejects the RustSec records whose requirements the converter refuses and reads the rest', async () => {
    const { converters } = recordingRangeConverters((text) => text.includes('^'));
    const contents = await collectAdvisoryFeed(streamSharedText('osv/crates_rustsec.jsonl'), converters);
    // 25 records have a caret requirement (`^0.10.4`) among their patched or unaffected versions.
    expect(contents.summary).toMatchObject({ accepted: 1180, rejected: 25 });
    expect(
      contents.rejected.every((rejection) => rejection.reason.startsWith('affected[0].rustsec_versions: ')),
    ).toBe(true);
  });

  it('reads all 467 Node.js security WG records as npm advisories with NSWG-ECO ids', async () => {
    const { converters, calls } = recordingRangeConverters();
    const contents = await collectAdvisoryFeed(
      streamSharedText('osv/npm_nodejs_security_wg.jsonl'),
      converters,
    );
    // Two records lose a part: NSWG-ECO-12 lists "CVE-2014-4671A", NSWG-ECO-504 has I:U/A:U in its vector.
    expect(contents.summary).toEqual({
      accepted: 467,
      rejected: 0,
      skipped: 0,
      skippedEcosystems: {},
      acceptedWithNotes: 2,
    });
    expect(calls.nodeSemver).toHaveLength(467);
    expect(contents.advisories.every((advisory) => /^NSWG-ECO-\d+$/.test(advisory.id))).toBe(true);
    expect(contents.advisories[0]?.affected[0]?.name).toBe('bassmaster');
  });

  it('reads all 177 victims records with the CVE as the id and 232 Maven packages', async () => {
    const { converters, calls } = recordingRangeConverters();
    const contents = await collectAdvisoryFeed(streamSharedText('osv/maven_victims.jsonl'), converters);
    expect(contents.summary).toMatchObject({ accepted: 177, rejected: 0, skipped: 0 });
    expect(calls.victims).toHaveLength(232);
    const packages = contents.advisories.flatMap((advisory) => advisory.affected);
    expect(packages).toHaveLength(232);
    expect(packages.every((entry) => entry.ecosystem === 'Maven' && /^[^:]+:[^:]+$/.test(entry.name))).toBe(
      true,
    );
    expect(contents.advisories.every((advisory) => /^CVE-\d{4}-\d{4,}$/.test(advisory.id))).toBe(true);
  });

  it('reads a real feed as a pretty-printed JSON array, cut into small chunks, the same as JSON Lines', async () => {
    const { converters } = recordingRangeConverters();
    const text = readSharedText('osv/crates_rustsec.jsonl');
    const records = text
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as unknown);
    const asArray = JSON.stringify(records, null, 2);
    const chunks = Array.from({ length: Math.ceil(asArray.length / 4093) }, (_, index) =>
      asArray.slice(index * 4093, (index + 1) * 4093),
    );
    const fromArray = await collectAdvisoryFeed(chunks, converters);
    const fromLines = await collectAdvisoryFeed([text], converters);
    expect(fromArray.advisories).toEqual(fromLines.advisories);
    expect(
      fromArray.advisories.every((advisory) =>
        advisory.affected.every((entry) => isEcosystem(entry.ecosystem)),
      ),
    ).toBe(true);
  });
});
