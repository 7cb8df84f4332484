import { describe, expect, it } from 'vitest';
import type { AffectedPackage, AffectedRange, Ecosystem, RangeEvent } from '../advisory.js';
import { compileAffectedPackage, isVersionAffected, parseCandidate } from './affected-version-matching.js';

function affectedPackage(
  ecosystem: Ecosystem,
  ranges: readonly AffectedRange[],
  versions: readonly string[] = [],
): AffectedPackage {
  return { ecosystem, name: 'example', ranges, versions };
}

function ecosystemRange(...events: RangeEvent[]): AffectedRange {
  return { type: 'ECOSYSTEM', events };
}

function affectedVersions(affected: AffectedPackage, candidates: readonly string[]): string[] {
  return candidates.filter((candidate) => isVersionAffected(affected, candidate));
}

describe('OSV affected-range evaluation', () => {
  it('treats introduced "0" as the first version: everything is affected', () => {
    const affected = affectedPackage('npm', [ecosystemRange({ introduced: '0' })]);
    expect(affectedVersions(affected, ['0.0.0', '0.0.0-0', '1.2.3', '99.0.0'])).toHaveLength(4);
  });

  it('excludes the fixed version and includes the prereleases before it', () => {
    const affected = affectedPackage('npm', [ecosystemRange({ introduced: '0' }, { fixed: '1.0.2' })]);
    expect(
      affectedVersions(affected, ['0.1.0', '1.0.1', '1.0.2-rc.1', '1.0.2', '1.0.2+build', '1.0.3']),
    ).toEqual(['0.1.0', '1.0.1', '1.0.2-rc.1']);
  });

  it('includes the last affected version and nothing above it', () => {
    const affected = affectedPackage('PyPI', [
      ecosystemRange({ introduced: '0' }, { lastAffected: '2.1.214' }),
    ]);
    expect(
      affectedVersions(affected, ['2.1.213', '2.1.214', '2.1.214.0', '2.1.214.post1', '2.1.215']),
    ).toEqual(['2.1.213', '2.1.214', '2.1.214.0']);
  });

  it('bounds the whole range by its limits: below at least one limit, "*" meaning no bound', () => {
    const limited = affectedPackage('Maven', [ecosystemRange({ introduced: '1.0' }, { limit: '2.0' })]);
    expect(affectedVersions(limited, ['0.9', '1.0', '1.9.9', '2.0-alpha1', '2.0', '3.0'])).toEqual([
      '1.0',
      '1.9.9',
      '2.0-alpha1',
    ]);
    const twoLimits = affectedPackage('Maven', [
      ecosystemRange({ introduced: '1.0' }, { limit: '1.5' }, { limit: '3.0' }),
    ]);
    expect(affectedVersions(twoLimits, ['1.2', '2.0', '3.0'])).toEqual(['1.2', '2.0']);
    const unlimited = affectedPackage('Maven', [ecosystemRange({ introduced: '1.0' }, { limit: '*' })]);
    expect(affectedVersions(unlimited, ['0.9', '1.0', '99'])).toEqual(['1.0', '99']);
  });

  it('evaluates several introduced/fixed pairs in one range', () => {
    const affected = affectedPackage('npm', [
      ecosystemRange(
        { introduced: '1.0.0' },
        { fixed: '1.0.2' },
        { introduced: '3.0.0' },
        { fixed: '3.2.5' },
      ),
    ]);
    const candidates = ['0.9.9', '1.0.0', '1.0.1', '1.0.2', '2.5.0', '3.0.0', '3.2.4', '3.2.5', '4.0.0'];
    expect(affectedVersions(affected, candidates)).toEqual(['1.0.0', '1.0.1', '3.0.0', '3.2.4']);
  });

  it('sorts the events first, so their order in the record does not matter', () => {
    const events: RangeEvent[] = [
      { fixed: '3.2.5' },
      { introduced: '1.0.0' },
      { introduced: '3.0.0' },
      { fixed: '1.0.2' },
    ];
    const affected = affectedPackage('npm', [ecosystemRange(...events)]);
    const candidates = ['0.9.9', '1.0.0', '1.0.1', '1.0.2', '2.5.0', '3.0.0', '3.2.4', '3.2.5', '4.0.0'];
    expect(affectedVersions(affected, candidates)).toEqual(['1.0.0', '1.0.1', '3.0.0', '3.2.4']);
  });

  it('keeps the record order at equal versions: adjacent intervals join, a single version stays single', () => {
    const adjacent = affectedPackage('npm', [
      ecosystemRange(
        { introduced: '1.0.0' },
        { fixed: '2.0.0' },
        { introduced: '2.0.0' },
        { fixed: '3.0.0' },
      ),
      ecosystemRange(
        { introduced: '5.0.0' },
        { lastAffected: '6.0.0' },
        { introduced: '6.0.0' },
        { fixed: '7.0.0' },
      ),
    ]);
    expect(
      affectedVersions(adjacent, ['1.5.0', '2.0.0', '2.0.1', '3.0.0', '6.0.0', '6.0.1', '7.0.0']),
    ).toEqual(['1.5.0', '2.0.0', '2.0.1', '6.0.0', '6.0.1']);
    const single = affectedPackage('npm', [
      ecosystemRange(
        { introduced: '1.0.0' },
        { lastAffected: '1.4.0' },
        { introduced: '2.0.0' },
        { lastAffected: '2.0.0' },
      ),
    ]);
    expect(affectedVersions(single, ['1.4.0', '1.5.0', '2.0.0', '2.0.1'])).toEqual(['1.4.0', '2.0.0']);
  });

  it('matches a listed version by the ecosystem equality, and unreadable ones by their exact text', () => {
    const affected = affectedPackage('PyPI', [], ['1.0', 'trunk', '2.0rc1']);
    expect(
      affectedVersions(affected, ['1.0', '1.0.0', 'v1.0', '1.0.post0', 'trunk', 'TRUNK', '2.0-RC-1', '2.0']),
    ).toEqual(['1.0', '1.0.0', 'v1.0', 'trunk', '2.0-RC-1']);
  });

  it('never matches a GIT range by version', () => {
    const commit = 'b42dd4badf803bb9fb71ac34cd9cb0c249262f2c';
    const affected = affectedPackage('PyPI', [
      { type: 'GIT', events: [{ introduced: '0' }, { fixed: commit }] },
    ]);
    expect(affectedVersions(affected, ['0.1', '4.2', commit])).toEqual([]);
  });

  it('reports a version the ecosystem cannot read as not affected, and lets the caller tell why', () => {
    const affected = affectedPackage('PyPI', [ecosystemRange({ introduced: '0' })]);
    expect(isVersionAffected(affected, '0.5m1')).toBe(false);
    expect(parseCandidate('PyPI', '0.5m1')).toBeUndefined();
    expect(parseCandidate('PyPI', '0.5')).toMatchObject({ ecosystem: 'PyPI', text: '0.5' });
  });

  it('skips an event whose version cannot be read instead of failing the advisory', () => {
    const affected = affectedPackage('npm', [
      ecosystemRange(
        { introduced: 'not-a-version' },
        { introduced: '1.0.0' },
        { fixed: '1.x' },
        { fixed: '2.0.0' },
      ),
    ]);
    expect(affectedVersions(affected, ['0.9.0', '1.0.0', '1.9.9', '2.0.0'])).toEqual(['1.0.0', '1.9.9']);
  });

  it('compares SEMVER ranges as SemVer: with or without v for Go, SemVer precedence for other ecosystems', () => {
    const go = affectedPackage('Go', [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.6.0' }] }]);
    expect(
      affectedVersions(go, [
        'v1.5.0',
        '1.5.0',
        'v0.0.0-20191109021931-daa7c04131f5',
        'v1.6.0',
        'v1.6.0-rc.1',
      ]),
    ).toEqual(['v1.5.0', '1.5.0', 'v0.0.0-20191109021931-daa7c04131f5', 'v1.6.0-rc.1']);
    const pypi = affectedPackage('PyPI', [
      { type: 'SEMVER', events: [{ introduced: '1.0.0' }, { fixed: '1.2.0' }] },
    ]);
    // 1.1 is a PyPI version but not a SemVer one, so a SEMVER range cannot place it.
    expect(affectedVersions(pypi, ['1.0.0', '1.1.0', '1.1', '1.2.0'])).toEqual(['1.0.0', '1.1.0']);
  });

  it('is affected when any one range or the versions list says so', () => {
    const affected = affectedPackage(
      'Maven',
      [
        ecosystemRange({ introduced: '1.0' }, { fixed: '1.1' }),
        ecosystemRange({ introduced: '2.0' }, { fixed: '2.1' }),
      ],
      ['3.0.0.GA'],
    );
    expect(affectedVersions(affected, ['1.0.RELEASE', '1.1', '2.0.5', '2.1', '3.0', '3.1'])).toEqual([
      '1.0.RELEASE',
      '2.0.5',
      '3.0',
    ]);
  });

  it('gives the same answer for a text and for the candidate parsed from it', () => {
    const predicate = compileAffectedPackage(
      affectedPackage('npm', [ecosystemRange({ introduced: '1.0.0' }, { lastAffected: '1.4.0' })], ['2.0.0']),
    );
    for (const text of ['0.9.0', '1.0.0', '1.4.0', '1.4.1', '2.0.0', 'v2.0.0']) {
      const candidate = parseCandidate('npm', text) ?? expect.unreachable(text);
      expect(predicate(candidate)).toBe(predicate(text));
    }
  });

  it('refuses a candidate of another ecosystem', () => {
    const predicate = compileAffectedPackage(affectedPackage('npm', [ecosystemRange({ introduced: '0' })]));
    const pypiCandidate = parseCandidate('PyPI', '1.0') ?? expect.unreachable();
    expect(() => predicate(pypiCandidate)).toThrow(TypeError);
  });

  it('affects nothing when a range has no introduced event', () => {
    const affected = affectedPackage('npm', [ecosystemRange({ fixed: '1.0.0' })]);
    expect(affectedVersions(affected, ['0.1.0', '1.0.0', '2.0.0'])).toEqual([]);
  });
});
