/**
 * RustSec advisories (https://github.com/rustsec/advisory-db) say which versions are safe, not which are
 * affected: `patched` and `unaffected` are lists of Cargo version requirements, and a version is affected
 * exactly when it satisfies none of them. This module turns that into OSV SEMVER ranges by taking the
 * complement of the union of the requirements' intervals.
 */
import type { AffectedRange } from '../advisory.js';
import { intervalOfCargoRequirement } from './cargo-version-requirement.js';
import { CRATES_VERSION_ORDERING } from './crates-version-ordering.js';
import { smallestSemVerAbove } from './semver-successor.js';
import { complementIntervals, rangesFromIntervals } from './version-intervals.js';

/**
 * The affected versions of a RustSec advisory as OSV ranges of type SEMVER: every version outside all of
 * `patched` ∪ `unaffected` (`[">= 1.2.3, < 1.3", ">= 1.3.1"]` → introduced 0, fixed 1.2.3, introduced
 * 1.3.0-0, fixed 1.3.1). With both lists empty every version is affected; when they cover every version
 * there is no range. How requirements become intervals is described in `cargo-version-requirement.ts`.
 * @throws RangeSyntaxError naming the requirement that cannot be read.
 */
export function rangesFromRustsecRequirements(
  patched: readonly string[],
  unaffected: readonly string[],
): readonly AffectedRange[] {
  const safe = [...patched, ...unaffected].map(intervalOfCargoRequirement);
  return rangesFromIntervals(
    'SEMVER',
    CRATES_VERSION_ORDERING,
    complementIntervals(CRATES_VERSION_ORDERING, safe),
    smallestSemVerAbove,
  );
}
