import { describe, expect, it } from 'vitest';
import type { AffectedRange } from '../advisory.js';
import { isVersionAffected } from './affected-version-matching.js';
import { RangeSyntaxError } from './range-syntax-error.js';
import { readFeedRecords } from './testing/osv-feed-files.js';
import { rangesFromVictims } from './victims-ranges.js';

function affectedAmong(ranges: readonly AffectedRange[], versions: readonly string[]): string[] {
  const affected = { ecosystem: 'Maven' as const, name: 'group:artifact', ranges, versions: [] };
  return versions.filter((version) => isVersionAffected(affected, version));
}

interface VictimsRecord {
  readonly _pack: { readonly id: string };
  readonly affected: readonly {
    readonly groupId: string;
    readonly artifactId: string;
    readonly version: readonly string[];
    readonly fixedin?: readonly string[];
  }[];
}

const records = readFeedRecords('maven_victims.jsonl') as VictimsRecord[];

describe('victims version lists as OSV ranges', () => {
  it.each([
    [['<=1.2.3'], [[{ introduced: '0' }, { lastAffected: '1.2.3' }]]],
    [['>=1.2.3'], [[{ introduced: '1.2.3' }]]],
    [['==1.2.3'], [[{ introduced: '1.2.3' }, { lastAffected: '1.2.3' }]]],
    [['<=2.0.11.2,2.0'], [[{ introduced: '2.0-alpha' }, { lastAffected: '2.0.11.2' }]]],
    [['<2.8.11.1,2.8'], [[{ introduced: '2.8-alpha' }, { fixed: '2.8.11.1' }]]],
    [['>=0.5,0'], [[{ introduced: '0.5' }, { limit: '1-alpha' }]]],
    [['>=4.1.0,4.1', '<=4.1.4,4.1'], [[{ introduced: '4.1.0' }, { lastAffected: '4.1.4' }]]],
    [['<=7.0.1', '>=5.5.0'], [[{ introduced: '5.5.0' }, { lastAffected: '7.0.1' }]]],
    [
      ['>=2.0.0,2', '>=3.0.0.RELEASE,3.0'],
      [
        [{ introduced: '2.0.0' }, { limit: '3-alpha' }],
        [{ introduced: '3.0.0.RELEASE' }, { limit: '3.1-alpha' }],
      ],
    ],
  ] as const)('reads %j', (entries, rangeEvents) => {
    expect(rangesFromVictims(entries)).toEqual(rangeEvents.map((events) => ({ type: 'ECOSYSTEM', events })));
  });

  it('reads "within series" by Maven order: 2.0.11.2 and the prereleases of 2.0 are in 2.0, 2.1-beta1 is in 2.1', () => {
    const ranges = rangesFromVictims(['<=2.0.11.2,2.0', '<=2.1.2,2.1']);
    const versions = [
      '1.9',
      '2.0-beta-1',
      '2.0.0.M1',
      '2.0',
      '2.0.11.2',
      '2.0.12',
      '2.1-beta1',
      '2.1.0',
      '2.1.2',
      '2.1.3',
    ];
    expect(affectedAmong(ranges, versions)).toEqual([
      '2.0-beta-1',
      '2.0.0.M1',
      '2.0',
      '2.0.11.2',
      '2.1-beta1',
      '2.1.0',
      '2.1.2',
    ]);
  });

  it('ends an open series where the next one starts, below its prereleases', () => {
    const ranges = rangesFromVictims(['>=3.0.0.RELEASE,3.0']);
    expect(affectedAmong(ranges, ['2.9', '3.0.0.M1', '3.0.0.RELEASE', '3.0.7', '3.1.0.M1', '3.1.0'])).toEqual(
      ['3.0.0.RELEASE', '3.0.7'],
    );
  });

  it('reads a series that ends in a qualifier as the versions that start with it', () => {
    const ranges = rangesFromVictims(['<=2.9.1', '<=2.9.1-jbossas-1,2.9.1-jbossas-']);
    expect(affectedAmong(ranges, ['2.9.0', '2.9.1', '2.9.1-jbossas-1', '2.9.1-jbossas-2', '2.10.0'])).toEqual(
      ['2.9.0', '2.9.1', '2.9.1-jbossas-1'],
    );
  });

  it.each([
    ['>1.0', /">" has no OSV form/],
    ['1.0', /expected <=X/],
    ['<=1.0,2', /does not belong to series "2"/],
    ['<=[1.0,2.0)', /not a Maven version/],
    ['>=2.9.1-jbossas-3,2.9.1-jbossas-', /no number to step/],
  ])('refuses %j with a RangeSyntaxError naming it', (entry, reason) => {
    expect(() => rangesFromVictims([entry])).toThrow(RangeSyntaxError);
    expect(() => rangesFromVictims([entry])).toThrow(reason);
    expect(() => rangesFromVictims([entry])).toThrow(JSON.stringify(entry));
  });

  // Records worked through by hand against their entries and fixedin lists.
  it.each([
    // Struts 2 XWork: <=2.0.11.2 in 2.0, <=2.1.2 in 2.1; fixed in 2.0.12 and 2.1.3.
    [
      'CVE-2008-6504',
      'struts2-core',
      ['2.0.5', '2.0.11.2', '2.0.12', '2.1.0', '2.1.2', '2.1.3'],
      ['2.0.5', '2.0.11.2', '2.1.0', '2.1.2'],
    ],
    // jackson-databind: <2.8.11.1 in 2.8, <=2.9.4 in 2.9; 2.7 is not named.
    [
      'CVE-2018-7489',
      'jackson-databind',
      ['2.7.9', '2.8.11', '2.8.11.1', '2.9.4', '2.9.5'],
      ['2.8.11', '2.9.4'],
    ],
    // mod-cluster: three exact versions; 1.0.10 is 1.0.10.GA in Maven's order.
    [
      'CVE-2012-1154',
      'mod-cluster',
      ['1.0.10', '1.0.10.GA_CP02', '1.0.10.GA_CP03'],
      ['1.0.10', '1.0.10.GA_CP02'],
    ],
    // Groovy: >=1.7.0 in 1, <=2.4.3 in 2, a two-sided range across series.
    [
      'CVE-2015-3253',
      'groovy-all',
      ['1.6.9', '1.7.0', '1.8.9', '2.0.0', '2.4.3', '2.4.4'],
      ['1.7.0', '1.8.9', '2.0.0', '2.4.3'],
    ],
    // Solr: 1.4.0 to 5.5.3 and 6.0.0 to 6.4.0, each written as a >= and a <= entry.
    [
      'CVE-2017-3163',
      'solr-core',
      ['1.3.0', '1.4.0', '4.10.4', '5.5.3', '5.5.4', '6.0.0', '6.4.0', '6.4.1'],
      ['1.4.0', '4.10.4', '5.5.3', '6.0.0', '6.4.0'],
    ],
  ] as const)('matches %s (%s) as the record reads', (id, artifactId, versions, expected) => {
    const record = records.find((candidate) => candidate._pack.id === id) ?? expect.unreachable(id);
    const affected =
      record.affected.find((candidate) => candidate.artifactId === artifactId) ?? expect.unreachable();
    expect(affectedAmong(rangesFromVictims(affected.version), versions)).toEqual(expected);
  });

  describe('over every victims record', () => {
    const entries = records.flatMap((record) =>
      record.affected.map((affected) => ({ id: `${record._pack.id} ${affected.artifactId}`, ...affected })),
    );

    it('reads all of them, and every version an entry names is affected (or, after <, not)', () => {
      expect(records).toHaveLength(177);
      const misread: string[] = [];
      for (const entry of entries) {
        const ranges = rangesFromVictims(entry.version);
        for (const text of entry.version) {
          const [, operator = '', version = ''] = /^([<>=]=?)([^,]+)/.exec(text) ?? [];
          if ((affectedAmong(ranges, [version]).length === 1) !== (operator !== '<')) {
            misread.push(`${entry.id} ${text}`);
          }
        }
      }
      expect(misread).toEqual([]);
    });

    it('leaves the fixedin versions unaffected, except where the record contradicts itself', () => {
      const contradictions: string[] = [];
      for (const entry of entries) {
        const ranges = rangesFromVictims(entry.version);
        for (const text of entry.fixedin ?? []) {
          const version = /^(?:>=|==)([^,]+)/.exec(text)?.[1];
          if (version !== undefined && affectedAmong(ranges, [version]).length === 1) {
            contradictions.push(`${entry.id} ${version}`);
          }
        }
      }
      expect(contradictions).toEqual([
        // <=2.6.1 has no series, so it covers the 2.4 and 2.5 fixes too.
        'CVE-2012-3451 cxf-rt-bindings-soap 2.4.9',
        'CVE-2012-3451 cxf-rt-bindings-soap 2.5.5',
        'CVE-2012-3451 cxf-api 2.4.9',
        'CVE-2012-3451 cxf-api 2.5.5',
        // Only >= entries (the first affected version of each series), so whole series.
        'CVE-2012-5055 spring-security-core 2.0.8.RELEASE',
        'CVE-2012-5055 spring-security-core 3.0.8.RELEASE',
        'CVE-2012-5055 spring-security-core 3.1.3.RELEASE',
        // Downstream rebuilds inside an affected span.
        'CVE-2013-2035 jansi 1.9.redhat-3',
        'CVE-2013-2165 richfaces-impl 3.3.1.SP3-patch-01',
        'CVE-2013-2165 richfaces-ui 3.3.1.SP3-patch-01',
        'CVE-2013-2185 jbossweb 7.2.0.Final-redhat-2',
        // The same version is named affected and fixed.
        'CVE-2013-5823 xmlsec 1.5.2',
        // <=4.5.1 without series covers the 3.6.3 backport.
        'CVE-2013-6397 solr-core 3.6.3',
        'CVE-2013-6397 solr-velocity 3.6.3',
        'CVE-2013-6407 solr-core 3.6.3',
        'CVE-2013-6408 solr-core 3.6.3',
        // >=2.3.2.Final in series 2 has no upper entry; the fixes are later 2.3.8 builds.
        'CVE-2014-3490 resteasy-jaxb-provider 2.3.8.SP2',
        'CVE-2014-3490 resteasy-jaxb-provider 2.3.8.SP1-redhat-1',
        // <=2.1.10.Final without series covers the patched 2.1.9 and 2.1.5 builds.
        'CVE-2014-3530 picketlink-core 2.1.9.SP3-redhat-2',
        'CVE-2014-3530 picketlink-core 2.1.5.Final-patch-01',
        // The same version is named affected and fixed.
        'CVE-2015-0225 cassandra-all 1.2.19',
        // Backports inside 5.5.0 to 7.0.1, which victims cannot leave out.
        'CVE-2017-12629 solr-core 5.5.5',
        'CVE-2017-12629 solr-core 6.6.2',
      ]);
    });
  });
});
