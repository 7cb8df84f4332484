import { describe, expect, it } from 'vitest';

import { advisoryFromNodejsSecurityWgRecord } from './nodejs-security-wg-advisory.js';
import { recordingRangeConverters } from './testing/recording-range-converters.js';

/** Shaped like the WG's advisory 1 (bassmaster), as our export writes it. */
function wgRecord(): Record<string, unknown> {
  return {
    _pack: { ecosystem: 'npm', id: 'NSWG-ECO-1', package: 'bassmaster', range_syntax: 'node-semver' },
    id: 1,
    created_at: '2015-10-17',
    updated_at: '2016-04-28',
    title: 'Arbitrary JavaScript Execution',
    author: { name: 'Jarda Kotěšovec', website: null, username: null },
    module_name: 'bassmaster',
    publish_date: '2014-09-27',
    cves: ['CVE-2014-7205'],
    vulnerable_versions: '<=1.5.1',
    patched_versions: '>=1.5.2',
    overview:
      'A vulnerability exists in bassmaster <= 1.5.1 that allows arbitrary JavaScript to run server side.',
    recommendation: 'Update to bassmaster version 1.5.2 or greater.',
    references: ['https://www.npmjs.org/package/bassmaster'],
    cvss_vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N',
    cvss_score: 6.5,
    coordinating_vendor: '^Lift Security',
  };
}

describe('advisoryFromNodejsSecurityWgRecord', () => {
  it('maps the legacy record to an npm advisory with the node-semver range converted', () => {
    const { converters, calls } = recordingRangeConverters();
    const result = advisoryFromNodejsSecurityWgRecord(wgRecord(), converters);
    expect(calls.nodeSemver).toEqual(['<=1.5.1']);
    expect(result).toEqual({
      kind: 'accepted',
      advisory: {
        id: 'NSWG-ECO-1',
        source: 'nodejs-security-wg',
        aliases: ['CVE-2014-7205'],
        summary: 'Arbitrary JavaScript Execution',
        details:
          'A vulnerability exists in bassmaster <= 1.5.1 that allows arbitrary JavaScript to run server side.\n\n' +
          'Recommendation: Update to bassmaster version 1.5.2 or greater.',
        published: '2014-09-27T00:00:00.000Z',
        modified: '2016-04-28T00:00:00.000Z',
        withdrawn: undefined,
        affected: [
          {
            ecosystem: 'npm',
            name: 'bassmaster',
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '<=1.5.1' }] }],
            versions: [],
          },
        ],
        severity: [{ type: 'CVSS_V3', vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N' }],
        references: ['https://www.npmjs.org/package/bassmaster'],
      },
      skippedEcosystems: [],
      notes: [],
    });
  });

  it('builds the id from the numeric id when the record has no _pack', () => {
    const { converters } = recordingRangeConverters();
    const record = { ...wgRecord(), _pack: undefined, id: 42, references: null, cvss_vector: null };
    const result = advisoryFromNodejsSecurityWgRecord(record, converters);
    expect(result).toMatchObject({
      kind: 'accepted',
      advisory: { id: 'NSWG-ECO-42', references: [], severity: [] },
    });
  });

  it('drops a CVE entry that is not a CVE id, and an unreadable vector, with notes', () => {
    const { converters } = recordingRangeConverters();
    const record = {
      ...wgRecord(),
      cves: ['CVE-2014-4671A', 'CVE-2014-4671'],
      cvss_vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:U/A:U',
    };
    const result = advisoryFromNodejsSecurityWgRecord(record, converters);
    expect(result).toMatchObject({
      kind: 'accepted',
      advisory: { aliases: ['CVE-2014-4671'], severity: [] },
      notes: [
        "cves: 'CVE-2014-4671A' is not a CVE id; dropped",
        expect.stringMatching(/^cvss_vector: CVSS vector .*base metric I has value U/),
      ],
    });
  });

  it('rejects the record when the range converter cannot read vulnerable_versions', () => {
    const { converters } = recordingRangeConverters(() => true);
    expect(advisoryFromNodejsSecurityWgRecord(wgRecord(), converters)).toEqual({
      kind: 'rejected',
      id: 'NSWG-ECO-1',
      reason: "vulnerable_versions: cannot read range '<=1.5.1'",
    });
  });

  it('rejects a record whose _pack id contradicts its id', () => {
    const { converters } = recordingRangeConverters();
    const record = { ...wgRecord(), id: 2 };
    expect(advisoryFromNodejsSecurityWgRecord(record, converters)).toMatchObject({
      kind: 'rejected',
      id: 'NSWG-ECO-1',
      reason: '_pack.id: NSWG-ECO-1 does not match id 2',
    });
  });

  it('rejects a record without module_name, naming the field', () => {
    const { converters } = recordingRangeConverters();
    const record = wgRecord();
    delete record.module_name;
    expect(advisoryFromNodejsSecurityWgRecord(record, converters)).toMatchObject({
      kind: 'rejected',
      reason: expect.stringMatching(/^module_name: /) as unknown,
    });
  });
});
