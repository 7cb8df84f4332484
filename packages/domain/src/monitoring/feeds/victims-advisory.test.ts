import { describe, expect, it } from 'vitest';

import { recordingRangeConverters } from './testing/recording-range-converters.js';
import { advisoryFromVictimsRecord } from './victims-advisory.js';

/** Shaped like victims' CVE-2008-6504 (Struts 2 / XWork), trimmed. */
function victimsRecord(): Record<string, unknown> {
  return {
    _pack: {
      ecosystem: 'Maven',
      id: 'CVE-2008-6504',
      source_path: 'database/java/2008/6504.yaml',
      range_syntax: "victims: '<=X,Y' = versions <=X within series Y",
    },
    cve: '2008-6504',
    title:
      'Apache Struts2/WebWorks/XWork: XWork ParameterInterceptors bypass allows OGNL statement execution',
    references: ['http://struts.apache.org/release/2.2.x/docs/s2-003.html'],
    affected: [
      {
        groupId: 'org.apache.struts',
        artifactId: 'struts2-core',
        version: ['<=2.0.11.2,2.0', '<=2.1.2,2.1'],
        fixedin: ['>=2.0.12,2.0', '>=2.1.3,2.1'],
      },
      {
        groupId: 'opensymphony',
        artifactId: 'xwork',
        version: ['<=1.0.3,1.0'],
        fixedin: ['>=1.0.3.1,1.0.3'],
      },
    ],
    cvss_v2: 5.0,
  };
}

describe('advisoryFromVictimsRecord', () => {
  it('uses the CVE as the id and converts each Maven package with the victims converter', () => {
    const { converters, calls } = recordingRangeConverters();
    const result = advisoryFromVictimsRecord(victimsRecord(), converters);
    expect(calls.victims).toEqual([['<=2.0.11.2,2.0', '<=2.1.2,2.1'], ['<=1.0.3,1.0']]);
    expect(result).toEqual({
      kind: 'accepted',
      advisory: {
        id: 'CVE-2008-6504',
        source: 'victims',
        aliases: [],
        summary:
          'Apache Struts2/WebWorks/XWork: XWork ParameterInterceptors bypass allows OGNL statement execution',
        details: '',
        published: undefined,
        modified: undefined,
        withdrawn: undefined,
        affected: [
          {
            ecosystem: 'Maven',
            name: 'org.apache.struts:struts2-core',
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '<=2.0.11.2,2.0 | <=2.1.2,2.1' }] }],
            versions: [],
          },
          {
            ecosystem: 'Maven',
            name: 'opensymphony:xwork',
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '<=1.0.3,1.0' }] }],
            versions: [],
          },
        ],
        severity: [],
        references: ['http://struts.apache.org/release/2.2.x/docs/s2-003.html'],
      },
      skippedEcosystems: [],
      notes: [],
    });
  });

  it('rejects the record when one package’s versions do not read, naming the package', () => {
    const { converters } = recordingRangeConverters((text) => text.startsWith('<=1.0.3'));
    expect(advisoryFromVictimsRecord(victimsRecord(), converters)).toEqual({
      kind: 'rejected',
      id: 'CVE-2008-6504',
      reason: "affected[1].version: cannot read range '<=1.0.3,1.0'",
    });
  });

  it('rejects a record whose cve is not YEAR-NUMBER', () => {
    const { converters } = recordingRangeConverters();
    expect(advisoryFromVictimsRecord({ ...victimsRecord(), cve: 'CVE-2008-6504' }, converters)).toEqual({
      kind: 'rejected',
      id: undefined,
      reason: 'cve: expected YYYY-NNNN (the CVE id without CVE-)',
    });
  });
});
