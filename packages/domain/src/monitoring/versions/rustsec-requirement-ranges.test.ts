import semver from 'semver';
import { describe, expect, it } from 'vitest';
import type { AffectedRange } from '../advisory.js';
import { isVersionAffected } from './affected-version-matching.js';
import { RangeSyntaxError } from './range-syntax-error.js';
import { rangesFromRustsecRequirements } from './rustsec-requirement-ranges.js';
import { readFeedRecords } from './testing/osv-feed-files.js';

function affectedAmong(ranges: readonly AffectedRange[], versions: readonly string[]): string[] {
  const affected = { ecosystem: 'crates.io' as const, name: 'example', ranges, versions: [] };
  return versions.filter((version) => isVersionAffected(affected, version));
}

interface RustsecRecord {
  readonly id: string;
  readonly affected: readonly {
    readonly package: { readonly name: string };
    readonly rustsec_versions: {
      readonly patched: readonly string[];
      readonly unaffected: readonly string[];
    };
  }[];
}

const records = readFeedRecords('crates_rustsec.jsonl') as RustsecRecord[];

function requirementsOf(id: string): { patched: readonly string[]; unaffected: readonly string[] } {
  const record = records.find((candidate) => candidate.id === id) ?? expect.unreachable(id);
  return record.affected[0]?.rustsec_versions ?? expect.unreachable(id);
}

/**
 * The same requirement in node-semver syntax, which agrees with Cargo on releases: commas become spaces,
 * a bare version gets Cargo's implied `^`, and the space Cargo allows after an operator goes.
 */
function asNodeSemverRange(requirement: string): string {
  return requirement
    .split(',')
    .map((comparator) => comparator.trim().replace(/^([<>=^~]*)\s+/, '$1'))
    .map((comparator) => (/^[0-9]/.test(comparator) ? `^${comparator}` : comparator))
    .join(' ');
}

/** Releases around every version a requirement names: the version, and its patch one up and one down. */
function releasesNear(requirements: readonly string[]): string[] {
  const samples = new Set(['0.0.0', '0.0.1', '0.1.0', '1.0.0', '999.0.0']);
  for (const requirement of requirements) {
    for (const [, major = '0', minor = '0', patch = '0'] of requirement.matchAll(
      /(\d+)(?:\.(\d+))?(?:\.(\d+))?/g,
    )) {
      const patchNumber = Number(patch);
      for (const nearby of [patchNumber - 1, patchNumber, patchNumber + 1]) {
        if (nearby >= 0) {
          samples.add(`${major}.${minor}.${nearby}`);
        }
      }
      samples.add(`${major}.${Number(minor) + 1}.0`);
    }
  }
  return [...samples];
}

describe('RustSec requirements as OSV ranges', () => {
  it('affects every version when nothing is patched or unaffected', () => {
    expect(rangesFromRustsecRequirements([], [])).toEqual([
      { type: 'SEMVER', events: [{ introduced: '0' }] },
    ]);
  });

  it('gives no range when the requirements cover every version', () => {
    expect(rangesFromRustsecRequirements(['*'], [])).toEqual([]);
    expect(rangesFromRustsecRequirements(['>= 1.0.0'], ['< 1.0.0'])).toEqual([]);
  });

  it.each([
    [['>= 0.9.1'], [], [{ introduced: '0' }, { fixed: '0.9.1' }]],
    [['^0.4.5'], [], [{ introduced: '0' }, { fixed: '0.4.5' }, { introduced: '0.5.0-0' }]],
    [['~1.2'], [], [{ introduced: '0' }, { fixed: '1.2.0' }, { introduced: '1.3.0-0' }]],
    [['1.2.3'], [], [{ introduced: '0' }, { fixed: '1.2.3' }, { introduced: '2.0.0-0' }]],
    [['> 1'], [], [{ introduced: '0' }, { fixed: '2.0.0' }]],
    [['<= 1.2.3'], [], [{ introduced: '1.2.4-0' }]],
    [['=0.2.3'], ['< 0.2.0'], [{ introduced: '0.2.0' }, { fixed: '0.2.3' }, { introduced: '0.2.4-0' }]],
    [['>= 300.0.12'], ['< 300.0.0'], [{ introduced: '300.0.0' }, { fixed: '300.0.12' }]],
  ] as const)('reads patched %j, unaffected %j', (patched, unaffected, events) => {
    expect(rangesFromRustsecRequirements(patched, unaffected)).toEqual([{ type: 'SEMVER', events }]);
  });

  it.each([['>= 1.2.3.4'], ['>= one'], ['1.2.*.3'], ['>= 1.2.3,'], ['=> 1.2.3'], ['^1.2-beta'], ['>= *']])(
    'refuses %j with a RangeSyntaxError naming it',
    (requirement) => {
      expect(() => rangesFromRustsecRequirements([requirement], [])).toThrow(RangeSyntaxError);
      expect(() => rangesFromRustsecRequirements([requirement], [])).toThrow(JSON.stringify(requirement));
    },
  );

  // Advisories whose requirements in the feed were worked through by hand.
  it.each([
    // abi_stable: patched >= 0.9.1.
    ['RUSTSEC-2020-0105', ['0.1.0', '0.9.0', '0.9.1', '0.10.0'], ['0.1.0', '0.9.0']],
    // abomonation: nothing patched, so every version.
    ['RUSTSEC-2021-0120', ['0.1.0', '0.7.3', '99.0.0'], ['0.1.0', '0.7.3', '99.0.0']],
    // cookie: patched < 0.6.0, ^0.6.2, >= 0.7.6.
    [
      'RUSTSEC-2017-0005',
      ['0.5.9', '0.6.0', '0.6.1', '0.6.2', '0.6.9', '0.7.0', '0.7.5', '0.7.6'],
      ['0.6.0', '0.6.1', '0.7.0', '0.7.5'],
    ],
    // openssl-src: patched >= 111.25, < 300.0 and >= 300.0.12 (build metadata names the OpenSSL release).
    [
      'RUSTSEC-2023-0006',
      ['111.24.0+1.1.1s', '111.25.0+1.1.1t', '299.0.0', '300.0.11+3.0.7', '300.0.12+3.0.8'],
      ['111.24.0+1.1.1s', '300.0.11+3.0.7'],
    ],
    // onering: unaffected < 1.4.1 and > 1.4.1, so 1.4.1 alone.
    ['RUSTSEC-2026-0175', ['1.4.0', '1.4.1', '1.4.2'], ['1.4.1']],
    // iced-x86: patched > 1.10.3.
    ['RUSTSEC-2021-0068', ['1.10.3', '1.10.4'], ['1.10.3']],
    // libp2p-core: patched ^0.30.2 and >= 0.31.1, unaffected < 0.30.0-rc.1.
    [
      'RUSTSEC-2022-0009',
      ['0.29.9', '0.30.0-rc.1', '0.30.0', '0.30.1', '0.30.2', '0.31.0', '0.31.1'],
      ['0.30.0-rc.1', '0.30.0', '0.30.1', '0.31.0'],
    ],
    // libp2p-core: patched ^0.7.1 and >= 0.8.1, unaffected < 0.3.
    [
      'RUSTSEC-2019-0004',
      ['0.2.9', '0.3.0', '0.7.0', '0.7.1', '0.8.0', '0.8.1'],
      ['0.3.0', '0.7.0', '0.8.0'],
    ],
  ] as const)('matches %s as the advisory reads', (id, versions, expected) => {
    const { patched, unaffected } = requirementsOf(id);
    expect(affectedAmong(rangesFromRustsecRequirements(patched, unaffected), versions)).toEqual(expected);
  });

  describe('over every RustSec advisory', () => {
    it('reads all of them', () => {
      expect(records).toHaveLength(1205);
      for (const record of records) {
        for (const { rustsec_versions: requirements } of record.affected) {
          expect(
            () => rangesFromRustsecRequirements(requirements.patched, requirements.unaffected),
            record.id,
          ).not.toThrow();
        }
      }
    });

    it('affects a release exactly when it satisfies no patched or unaffected requirement (node-semver as judge)', () => {
      const disagreements: string[] = [];
      for (const record of records) {
        for (const { rustsec_versions: requirements } of record.affected) {
          const safeRequirements = [...requirements.patched, ...requirements.unaffected];
          const ranges = rangesFromRustsecRequirements(requirements.patched, requirements.unaffected);
          for (const version of releasesNear(safeRequirements)) {
            const expected = !safeRequirements.some((requirement) =>
              semver.satisfies(version, asNodeSemverRange(requirement)),
            );
            if ((affectedAmong(ranges, [version]).length === 1) !== expected) {
              disagreements.push(
                `${record.id} ${JSON.stringify(safeRequirements)} ${version}: expected ${expected}`,
              );
            }
          }
        }
      }
      expect(disagreements).toEqual([]);
    });
  });
});
