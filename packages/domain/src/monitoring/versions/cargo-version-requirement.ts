/**
 * Cargo version requirements (https://doc.rust-lang.org/cargo/reference/specifying-dependencies.html),
 * the syntax RustSec advisories use for `patched` and `unaffected`: comparators joined by commas, each
 * `=`, `>`, `>=`, `<`, `<=`, `~`, `^` or nothing (which means `^`) before a version that may be partial
 * (`1`, `1.2`) or a wildcard (`*`, `1.*`, `1.2.*`).
 *
 * A requirement is read as the interval of versions it admits. Where a partial version or an operator
 * implies an upper bound at the next release series (`^1.2.3` → below 2.0.0, `<=1.2` → below 1.3.0), the
 * bound is placed at that series' first prerelease (`2.0.0-0`), as Cargo does not let `^1.2.3` match
 * `2.0.0-alpha`. Prereleases are otherwise ordinary versions here: Cargo's rule that a prerelease matches
 * only a comparator naming the same `major.minor.patch` with a prerelease has no interval form.
 */
import semver from 'semver';
import { CRATES_VERSION_ORDERING } from './crates-version-ordering.js';
import { incrementDigitString } from './decimal-digit-strings.js';
import { RangeSyntaxError } from './range-syntax-error.js';
import {
  EVERY_VERSION,
  tighterLowerBound,
  tighterUpperBound,
  UNBOUNDED,
  type LowerBound,
  type UpperBound,
  type VersionInterval,
} from './version-intervals.js';

const COMPARATOR = /^(=|>=|>|<=|<|~|\^)?\s*(.+)$/;
const NUMBER = /^(?:0|[1-9][0-9]*)$/;
const WILDCARD = /^[*xX]$/;

interface PartialVersion {
  readonly major: string;
  readonly minor: string | undefined;
  readonly patch: string | undefined;
  /** `-pre+build` after a full version, kept as written. */
  readonly suffix: string;
}

/** Reads `1`, `1.2`, `1.2.3`, `1.2.3-pre+build` and the wildcards `*`, `1.*`, `1.2.*`; undefined for `*`. */
function readPartialVersion(requirement: string, text: string): PartialVersion | undefined {
  const suffixStart = text.search(/[-+]/);
  const core = suffixStart < 0 ? text : text.slice(0, suffixStart);
  const suffix = suffixStart < 0 ? '' : text.slice(suffixStart);
  const parts = core.split('.');
  const wildcardAt = parts.findIndex((part) => WILDCARD.test(part));
  const numbers = wildcardAt < 0 ? parts : parts.slice(0, wildcardAt);
  if (
    parts.length > 3 ||
    (wildcardAt >= 0 && (wildcardAt !== parts.length - 1 || suffix !== '')) ||
    !numbers.every((part) => NUMBER.test(part))
  ) {
    throw new RangeSyntaxError(requirement, `${JSON.stringify(text)} is not a version`);
  }
  const [major, minor, patch] = numbers;
  if (major === undefined) {
    return undefined;
  }
  if (suffix !== '' && (patch === undefined || semver.valid(`${core}${suffix}`) === null)) {
    throw new RangeSyntaxError(requirement, `${JSON.stringify(text)} is not a version`);
  }
  return { major, minor, patch, suffix };
}

const inclusive = (version: string): LowerBound & UpperBound => ({ kind: 'inclusive', version });
const exclusive = (version: string): LowerBound & UpperBound => ({ kind: 'exclusive', version });
/** The first version of a release series: below every prerelease of `major.minor.patch`. */
const seriesStart = (major: string, minor: string, patch: string): UpperBound =>
  exclusive(`${major}.${minor}.${patch}-0`);

/** The lowest version the partial version stands for: `1.2` → `1.2.0`. */
function lowestOf(version: PartialVersion): string {
  return `${version.major}.${version.minor ?? '0'}.${version.patch ?? '0'}${version.suffix}`;
}

/** The start of the series after the one a partial version names: `1` → 2.0.0, `1.2` → 1.3.0. */
function nextSeriesStart(version: PartialVersion): UpperBound {
  if (version.minor === undefined) {
    return seriesStart(incrementDigitString(version.major), '0', '0');
  }
  return seriesStart(version.major, incrementDigitString(version.minor), '0');
}

/** `>1.2` admits 1.3.0 and up, `>1` 2.0.0 and up. */
function nextSeriesFirstRelease(version: PartialVersion): LowerBound {
  return version.minor === undefined
    ? inclusive(`${incrementDigitString(version.major)}.0.0`)
    : inclusive(`${version.major}.${incrementDigitString(version.minor)}.0`);
}

/** Where `^` stops: at the next change of the leftmost non-zero part (`^0.2.3` → below 0.3.0). */
function caretUpperBound(version: PartialVersion): UpperBound {
  const { major, minor, patch } = version;
  if (major !== '0' || minor === undefined) {
    return seriesStart(incrementDigitString(major), '0', '0');
  }
  if (minor !== '0' || patch === undefined) {
    return seriesStart('0', incrementDigitString(minor), '0');
  }
  return seriesStart('0', '0', incrementDigitString(patch));
}

function intervalOfComparator(requirement: string, comparator: string): VersionInterval {
  const match = COMPARATOR.exec(comparator);
  const versionText = match?.[2]?.trim();
  if (match === null || versionText === undefined || versionText === '') {
    throw new RangeSyntaxError(requirement, `${JSON.stringify(comparator)} is not a comparator`);
  }
  const operator = match[1] ?? '^';
  const version = readPartialVersion(requirement, versionText);
  if (version === undefined) {
    if (match[1] !== undefined && match[1] !== '=') {
      throw new RangeSyntaxError(requirement, `a wildcard cannot follow ${match[1]}`);
    }
    return EVERY_VERSION;
  }
  const isFull = version.patch !== undefined;
  const lowest = lowestOf(version);
  // A bare wildcard (`1.*`) means what the partial version (`1`) means with `=`.
  const effectiveOperator = match[1] === undefined && /[*xX]/.test(versionText) ? '=' : operator;
  switch (effectiveOperator) {
    case '=':
      return { lower: inclusive(lowest), upper: isFull ? inclusive(lowest) : nextSeriesStart(version) };
    case '>':
      return { lower: isFull ? exclusive(lowest) : nextSeriesFirstRelease(version), upper: UNBOUNDED };
    case '>=':
      return { lower: inclusive(lowest), upper: UNBOUNDED };
    case '<':
      return {
        lower: UNBOUNDED,
        upper: isFull ? exclusive(lowest) : seriesStart(version.major, version.minor ?? '0', '0'),
      };
    case '<=':
      return { lower: UNBOUNDED, upper: isFull ? inclusive(lowest) : nextSeriesStart(version) };
    case '~':
      // `~1.2.3` and `~1.2` stay within 1.2, `~1` within 1.
      return { lower: inclusive(lowest), upper: nextSeriesStart(version) };
    default:
      return { lower: inclusive(lowest), upper: caretUpperBound(version) };
  }
}

/**
 * The versions a Cargo requirement admits (`">= 1.2.3, < 1.3"`), as one interval, possibly empty.
 * @throws RangeSyntaxError naming the requirement if it cannot be read.
 */
export function intervalOfCargoRequirement(requirement: string): VersionInterval {
  const comparators = requirement.split(',').map((comparator) => comparator.trim());
  if (comparators.some((comparator) => comparator === '')) {
    throw new RangeSyntaxError(requirement, 'an empty comparator');
  }
  let lower: LowerBound = EVERY_VERSION.lower;
  let upper: UpperBound = EVERY_VERSION.upper;
  for (const comparator of comparators) {
    const interval = intervalOfComparator(requirement, comparator);
    lower = tighterLowerBound(CRATES_VERSION_ORDERING, lower, interval.lower);
    upper = tighterUpperBound(CRATES_VERSION_ORDERING, upper, interval.upper);
  }
  return { lower, upper };
}
