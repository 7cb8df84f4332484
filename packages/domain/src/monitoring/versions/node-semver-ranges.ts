/**
 * The Node.js security working group's `vulnerable_versions` (node-semver range syntax,
 * https://github.com/npm/node-semver#ranges) as OSV ranges. `semver`'s own `Range` reads the syntax
 * (`||`, hyphen ranges, `^`, `~`, `x`/`*`, partial versions), so every form npm understands is read the
 * way npm reads it; each `||` alternative is one comparator set, which is one interval.
 */
import semver from 'semver';
import type { AffectedRange } from '../advisory.js';
import { NPM_VERSION_ORDERING } from './npm-version-ordering.js';
import { RangeSyntaxError } from './range-syntax-error.js';
import { smallestSemVerAbove } from './semver-successor.js';
import {
  EVERY_VERSION,
  rangesFromIntervals,
  tighterLowerBound,
  tighterUpperBound,
  type LowerBound,
  type UpperBound,
  type VersionInterval,
} from './version-intervals.js';

/** One comparator set (comparators joined by "and") as the interval they all admit. */
function intervalOfComparatorSet(comparators: readonly semver.Comparator[]): VersionInterval {
  let lower: LowerBound = EVERY_VERSION.lower;
  let upper: UpperBound = EVERY_VERSION.upper;
  for (const comparator of comparators) {
    // `*` and the empty range read as the comparator that admits every version; its `semver` is a symbol
    // (despite the type declarations), and its text is empty.
    if (comparator.value === '') {
      continue;
    }
    const version = comparator.semver.version;
    switch (comparator.operator) {
      case '>=':
        lower = tighterLowerBound(NPM_VERSION_ORDERING, lower, { kind: 'inclusive', version });
        break;
      case '>':
        lower = tighterLowerBound(NPM_VERSION_ORDERING, lower, { kind: 'exclusive', version });
        break;
      case '<=':
        upper = tighterUpperBound(NPM_VERSION_ORDERING, upper, { kind: 'inclusive', version });
        break;
      case '<':
        upper = tighterUpperBound(NPM_VERSION_ORDERING, upper, { kind: 'exclusive', version });
        break;
      case '':
      case '=':
        lower = tighterLowerBound(NPM_VERSION_ORDERING, lower, { kind: 'inclusive', version });
        upper = tighterUpperBound(NPM_VERSION_ORDERING, upper, { kind: 'inclusive', version });
        break;
    }
  }
  return { lower, upper };
}

/** node-semver writes a set that admits nothing (`>=1 <0`) as `<0.0.0-0`, below the smallest version. */
function admitsNothing(interval: VersionInterval): boolean {
  return interval.upper.kind === 'exclusive' && interval.upper.version === '0.0.0-0';
}

/**
 * The versions a node-semver range admits, as OSV ranges of type ECOSYSTEM (npm ordering):
 * `<=X` becomes `last_affected: X`, `<X` `fixed: X`, no lower bound `introduced: "0"`, and `>X`
 * `introduced` at the smallest version above X (`>1.2.3` → `1.2.4-0`, see `smallestSemVerAbove`).
 *
 * OSV orders prereleases like any other version, while node-semver admits a prerelease only when a
 * comparator of its set names the same `major.minor.patch` with a prerelease. That rule has no OSV form,
 * so the range is read with `includePrerelease`: prereleases inside an interval count as affected
 * (`1.x` becomes `>=1.0.0-0 <2.0.0-0`). For releases the result is exactly node-semver's.
 *
 * Overlapping alternatives are merged; a range that admits nothing gives no range.
 * @throws RangeSyntaxError if node-semver cannot read the range.
 */
export function rangesFromNodeSemver(range: string): readonly AffectedRange[] {
  let parsed: semver.Range;
  try {
    parsed = new semver.Range(range, { includePrerelease: true });
  } catch (error) {
    throw new RangeSyntaxError(range, error instanceof Error ? error.message : 'not a node-semver range');
  }
  const intervals = parsed.set.map(intervalOfComparatorSet).filter((interval) => !admitsNothing(interval));
  return rangesFromIntervals('ECOSYSTEM', NPM_VERSION_ORDERING, intervals, smallestSemVerAbove);
}
