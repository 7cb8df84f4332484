import fc from 'fast-check';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { NPM_VERSION_ORDERING } from './npm-version-ordering.js';
import { smallestSemVerAbove } from './semver-successor.js';
import {
  complementIntervals,
  EVERY_VERSION,
  isEmptyInterval,
  mergeIntervals,
  rangesFromIntervals,
  UNBOUNDED,
  type VersionInterval,
} from './version-intervals.js';

const ordering = NPM_VERSION_ORDERING;
const from = (version: string): VersionInterval['lower'] => ({ kind: 'inclusive', version });
const after = (version: string): VersionInterval['lower'] => ({ kind: 'exclusive', version });
const upTo = (version: string): VersionInterval['upper'] => ({ kind: 'inclusive', version });
const below = (version: string): VersionInterval['upper'] => ({ kind: 'exclusive', version });

describe('version intervals', () => {
  it('knows an interval with no version in it', () => {
    expect(isEmptyInterval(ordering, { lower: from('2.0.0'), upper: below('1.0.0') })).toBe(true);
    expect(isEmptyInterval(ordering, { lower: after('1.0.0'), upper: upTo('1.0.0') })).toBe(true);
    expect(isEmptyInterval(ordering, { lower: from('1.0.0'), upper: upTo('1.0.0') })).toBe(false);
    expect(isEmptyInterval(ordering, EVERY_VERSION)).toBe(false);
  });

  it('merges overlapping and touching intervals, and keeps apart those with a version between them', () => {
    expect(
      mergeIntervals(ordering, [
        { lower: from('3.0.0'), upper: below('4.0.0') },
        { lower: from('1.0.0'), upper: below('2.0.0') },
        { lower: from('2.0.0'), upper: upTo('2.5.0') },
        { lower: after('2.5.0'), upper: below('2.8.0') },
        { lower: from('3.5.0'), upper: below('3.6.0') },
        { lower: after('4.0.0'), upper: UNBOUNDED },
      ]),
    ).toEqual([
      { lower: from('1.0.0'), upper: below('2.8.0') },
      { lower: from('3.0.0'), upper: below('4.0.0') },
      { lower: after('4.0.0'), upper: UNBOUNDED },
    ]);
  });

  it('takes the complement with the opposite inclusiveness at each bound', () => {
    expect(
      complementIntervals(ordering, [
        { lower: from('1.0.0'), upper: upTo('1.5.0') },
        { lower: after('2.0.0'), upper: below('3.0.0') },
      ]),
    ).toEqual([
      { lower: UNBOUNDED, upper: below('1.0.0') },
      { lower: after('1.5.0'), upper: upTo('2.0.0') },
      { lower: from('3.0.0'), upper: UNBOUNDED },
    ]);
    expect(complementIntervals(ordering, [])).toEqual([EVERY_VERSION]);
    expect(complementIntervals(ordering, [EVERY_VERSION])).toEqual([]);
  });

  it('finds every version outside the intervals in the complement, and none inside', () => {
    const version = fc
      .tuple(
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom('', '-0', '-rc.1'),
      )
      .map(([minor, patch, prerelease]) => `1.${minor}.${patch}${prerelease}`);
    const lower = fc.oneof(fc.constant(UNBOUNDED), version.map(from), version.map(after));
    const upper = fc.oneof(fc.constant(UNBOUNDED), version.map(upTo), version.map(below));
    const contains = (interval: VersionInterval, candidate: string): boolean => {
      const { lower: low, upper: high } = interval;
      const aboveLow =
        low.kind === 'unbounded' ||
        (low.kind === 'inclusive' ? semver.gte(candidate, low.version) : semver.gt(candidate, low.version));
      const belowHigh =
        high.kind === 'unbounded' ||
        (high.kind === 'inclusive'
          ? semver.lte(candidate, high.version)
          : semver.lt(candidate, high.version));
      return aboveLow && belowHigh;
    };
    fc.assert(
      fc.property(
        fc.array(fc.record({ lower, upper }), { maxLength: 4 }),
        version,
        (intervals, candidate) => {
          const inside = intervals.some((interval) => contains(interval, candidate));
          expect(mergeIntervals(ordering, intervals).some((interval) => contains(interval, candidate))).toBe(
            inside,
          );
          expect(
            complementIntervals(ordering, intervals).some((interval) => contains(interval, candidate)),
          ).toBe(!inside);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('writes intervals as one range when valid OSV allows, else one range per interval', () => {
    expect(
      rangesFromIntervals('SEMVER', ordering, [
        { lower: UNBOUNDED, upper: below('1.0.0') },
        { lower: from('2.0.0'), upper: UNBOUNDED },
      ]),
    ).toEqual([
      { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.0' }, { introduced: '2.0.0' }] },
    ]);
    expect(
      rangesFromIntervals('ECOSYSTEM', ordering, [
        { lower: UNBOUNDED, upper: below('1.0.0') },
        { lower: from('2.0.0'), upper: upTo('2.5.0') },
      ]),
    ).toEqual([
      { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0.0' }] },
      { type: 'ECOSYSTEM', events: [{ introduced: '2.0.0' }, { lastAffected: '2.5.0' }] },
    ]);
    expect(
      rangesFromIntervals('ECOSYSTEM', ordering, [
        { lower: from('2.0.0'), upper: { kind: 'limit', version: '3.0.0' } },
      ]),
    ).toEqual([{ type: 'ECOSYSTEM', events: [{ introduced: '2.0.0' }, { limit: '3.0.0' }] }]);
    expect(rangesFromIntervals('SEMVER', ordering, [])).toEqual([]);
  });

  it('needs the smallest version above for an exclusive lower bound', () => {
    const interval = { lower: after('1.2.3'), upper: UNBOUNDED };
    expect(() => rangesFromIntervals('SEMVER', ordering, [interval])).toThrow(RangeError);
    expect(rangesFromIntervals('SEMVER', ordering, [interval], smallestSemVerAbove)).toEqual([
      { type: 'SEMVER', events: [{ introduced: '1.2.4-0' }] },
    ]);
  });
});

describe('the smallest SemVer version above another', () => {
  it.each([
    ['1.2.3', '1.2.4-0'],
    ['1.2.3+build', '1.2.4-0'],
    ['1.2.3-rc.1', '1.2.3-rc.1.0'],
    ['0.0.0-0', '0.0.0-0.0'],
  ])('after %s comes %s', (version, next) => {
    expect(smallestSemVerAbove(version)).toBe(next);
    expect(semver.gt(next, version)).toBe(true);
  });

  it('leaves no SemVer version between the two', () => {
    const identifier = fc.oneof(fc.integer({ min: 0, max: 3 }).map(String), fc.constantFrom('a', 'rc', '0a'));
    const version = fc
      .tuple(
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 2 }),
        fc.array(identifier, { maxLength: 3 }),
      )
      .map(
        ([major, minor, patch, pre]) =>
          `${major}.${minor}.${patch}${pre.length > 0 ? `-${pre.join('.')}` : ''}`,
      );
    fc.assert(
      fc.property(version, version, (base, other) => {
        const next = smallestSemVerAbove(base);
        expect(semver.gt(other, base) && semver.lt(other, next)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a text that is not SemVer', () => {
    expect(() => smallestSemVerAbove('1.2')).toThrow(RangeError);
  });
});
