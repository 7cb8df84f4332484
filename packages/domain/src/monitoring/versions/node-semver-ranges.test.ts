import semver from 'semver';
import { describe, expect, it } from 'vitest';
import type { AffectedRange } from '../advisory.js';
import { isVersionAffected } from './affected-version-matching.js';
import { rangesFromNodeSemver } from './node-semver-ranges.js';
import { RangeSyntaxError } from './range-syntax-error.js';
import { readFeedRecords } from './testing/osv-feed-files.js';

function affectedUnder(ranges: readonly AffectedRange[], version: string): boolean {
  return isVersionAffected({ ecosystem: 'npm', name: 'example', ranges, versions: [] }, version);
}

/** The versions a range names, and each with its patch one up and one down: where a bound could be off by one. */
function versionsNear(range: string): string[] {
  const samples = new Set(['0.0.0', '0.0.1', '1.0.0', '99.999.99999', '100.0.0']);
  for (const comparators of new semver.Range(range, { includePrerelease: true }).set) {
    for (const comparator of comparators) {
      if (comparator.value === '') {
        continue;
      }
      const { major, minor, patch, version } = comparator.semver;
      samples.add(version);
      samples.add(`${major}.${minor}.${patch}`);
      samples.add(`${major}.${minor}.${patch + 1}`);
      if (patch > 0) {
        samples.add(`${major}.${minor}.${patch - 1}`);
      }
    }
  }
  return [...samples];
}

describe('node-semver ranges as OSV ranges', () => {
  it.each([
    ['<=1.5.1', [{ introduced: '0' }, { lastAffected: '1.5.1' }]],
    ['<13.0.8', [{ introduced: '0' }, { fixed: '13.0.8' }]],
    ['*', [{ introduced: '0' }]],
    ['>=4.17.15 <4.17.19', [{ introduced: '4.17.15' }, { fixed: '4.17.19' }]],
    [
      '>=1.0.0 <1.2.3 || >=2.0.0 <2.1.0',
      [{ introduced: '1.0.0' }, { fixed: '1.2.3' }, { introduced: '2.0.0' }, { fixed: '2.1.0' }],
    ],
    ['^1.2.3', [{ introduced: '1.2.3' }, { fixed: '2.0.0-0' }]],
    ['~1.2', [{ introduced: '1.2.0-0' }, { fixed: '1.3.0-0' }]],
    ['2.0.x || 2.1.x', [{ introduced: '2.0.0-0' }, { fixed: '2.2.0-0' }]],
    ['1.2.3 - 2.3.4', [{ introduced: '1.2.3-0' }, { fixed: '2.3.5-0' }]],
    ['>1.2.3', [{ introduced: '1.2.4-0' }]],
    ['=3.0.0-rc.1', [{ introduced: '3.0.0-rc.1' }, { lastAffected: '3.0.0-rc.1' }]],
    ['<=v2.0.0-alpha7', [{ introduced: '0' }, { lastAffected: '2.0.0-alpha7' }]],
    ['>= 5.2.1 <= 6.0.0 || >=6.0.0 <= 6.0.2', [{ introduced: '5.2.1' }, { lastAffected: '6.0.2' }]],
    [
      '<2.0.18 || <3.0.16 || <3.1.6 || <4.0.8 || <5.0.0-beta.5',
      [{ introduced: '0' }, { fixed: '5.0.0-beta.5' }],
    ],
  ] as const)('reads %j as one range', (range, events) => {
    expect(rangesFromNodeSemver(range)).toEqual([{ type: 'ECOSYSTEM', events }]);
  });

  it('writes one range per interval when fixed and last_affected would otherwise meet in one range', () => {
    expect(rangesFromNodeSemver('>=2.2.6 <2.47.0 || >2.51.0 <=2.67.0')).toEqual([
      { type: 'ECOSYSTEM', events: [{ introduced: '2.2.6' }, { fixed: '2.47.0' }] },
      { type: 'ECOSYSTEM', events: [{ introduced: '2.51.1-0' }, { lastAffected: '2.67.0' }] },
    ]);
  });

  it('gives no range for a range that admits nothing', () => {
    expect(rangesFromNodeSemver('>=1 <0')).toEqual([]);
  });

  it.each(['foo', '>=1.2.3.4', '1.2.3 - ', '>=x.y'])(
    'refuses %j with a RangeSyntaxError naming it',
    (range) => {
      expect(() => rangesFromNodeSemver(range)).toThrow(RangeSyntaxError);
      try {
        rangesFromNodeSemver(range);
      } catch (error) {
        expect(error).toMatchObject({ code: 'range_syntax_invalid', text: range });
        expect((error as Error).message).toContain(JSON.stringify(range));
      }
    },
  );

  describe('over every advisory of the Node.js security WG', () => {
    const records = readFeedRecords('npm_nodejs_security_wg.jsonl') as {
      _pack: { id: string };
      vulnerable_versions: string;
    }[];

    it('reads all of them', () => {
      expect(records).toHaveLength(467);
      for (const record of records) {
        expect(() => rangesFromNodeSemver(record.vulnerable_versions), record._pack.id).not.toThrow();
      }
    });

    it('affects a version exactly when node-semver says the range admits it', () => {
      const disagreements: string[] = [];
      for (const record of records) {
        const range = record.vulnerable_versions;
        const ranges = rangesFromNodeSemver(range);
        for (const version of versionsNear(range)) {
          // Releases are judged as npm judges them; prereleases as npm does with includePrerelease, the
          // reading OSV's ordering implies (see rangesFromNodeSemver).
          const expected = semver.satisfies(version, range, {
            includePrerelease: semver.prerelease(version) !== null,
          });
          if (affectedUnder(ranges, version) !== expected) {
            disagreements.push(`${record._pack.id} ${range} ${version}: expected ${expected}`);
          }
        }
      }
      expect(disagreements).toEqual([]);
    });
  });
});
