/**
 * The `affected[].version` lists of the victims CVE database (https://github.com/victims/victims-cve-db,
 * Java records) as OSV ranges of type ECOSYSTEM under the Maven ordering.
 *
 * Each entry is `<op><version>[,<series>]` (the database's validator: `^[<>=]=[^, ]+(,[^, ]+)?$`, with the
 * series a prefix of the version). The file holds these forms:
 * - `==X`: exactly X (with or without a series, which adds nothing);
 * - `<=X,Y`: X and the versions below it within series Y; `<=X`: X and every version below it;
 * - `>=X,Y`: X and the versions above it within series Y; `>=X`: X and every version above it;
 * - `<X,Y` (once, CVE-2018-7489, outside the validator's grammar): as `<=` without X itself.
 * `>X` appears nowhere and is refused: an exclusive lower bound has no OSV form under Maven's ordering.
 *
 * "Within series Y" is read by Maven's ordering, not by text: series `2.0` runs from `2.0-alpha`, below
 * every prerelease of 2.0 (`2.0-beta-1`, `2.0.0.M1`), up to (a `limit` at) `2.1-alpha`, below every
 * prerelease of 2.1; so 2.0.11.2 is in it and 2.1.0 and 2.1-beta1 are not. (Maven has no least
 * version, so `Y-alpha` leaves out freak spellings such as `2.0-alpha-SNAPSHOT`.) Series that end in a
 * qualifier (`2.9.1-jbossas-`) start the same way; one cannot end them, which only a `>=` entry needs.
 *
 * Entries in one list are alternatives, but authors also wrote a two-sided range as two entries
 * (`>=4.1.0,4.1` and `<=4.1.4,4.1` for 4.1.0 to 4.1.4; `<=7.0.1` and `>=5.5.0` for 5.5.0 to 7.0.1). Read
 * as alternatives, those pairs would make whole series (or every version) affected, contradicting the
 * record's own `fixedin`. So the entries are swept in version order, and a `>=` entry followed by a `<=`
 * or `<` entry forms one interval between them; any other entry keeps its own reading above. A list that
 * was meant as pure alternatives reads the same, except that a `>=` directly below a `<=` in a higher
 * series now also covers the series between them.
 */
import type { AffectedRange } from '../advisory.js';
import { incrementDigitString } from './decimal-digit-strings.js';
import { MAVEN_VERSION_ORDERING } from './maven-version-ordering.js';
import { RangeSyntaxError } from './range-syntax-error.js';
import {
  rangesFromIntervals,
  UNBOUNDED,
  type LowerBound,
  type UpperBound,
  type VersionInterval,
} from './version-intervals.js';

const VICTIMS_ENTRY = /^(==|<=|>=|<|>)([^,\s]+)(?:,([^,\s]+))?$/;

interface VictimsBound {
  readonly entry: string;
  readonly side: 'lower' | 'upper' | 'exact';
  readonly version: string;
  readonly inclusive: boolean;
  readonly series: string | undefined;
}

function readEntry(entry: string): VictimsBound {
  const match = VICTIMS_ENTRY.exec(entry);
  const [, operator, version, series] = match ?? [];
  if (operator === undefined || version === undefined) {
    throw new RangeSyntaxError(entry, 'expected <=X, >=X, ==X or <X, optionally followed by ",series"');
  }
  if (MAVEN_VERSION_ORDERING.parse(version) === undefined) {
    throw new RangeSyntaxError(entry, `${JSON.stringify(version)} is not a Maven version`);
  }
  if (series !== undefined && !version.startsWith(series)) {
    throw new RangeSyntaxError(entry, `the version does not belong to series ${JSON.stringify(series)}`);
  }
  switch (operator) {
    case '==':
      return { entry, side: 'exact', version, inclusive: true, series };
    case '>=':
      return { entry, side: 'lower', version, inclusive: true, series };
    case '<=':
      return { entry, side: 'upper', version, inclusive: true, series };
    case '<':
      return { entry, side: 'upper', version, inclusive: false, series };
    default:
      throw new RangeSyntaxError(entry, '">" has no OSV form under the Maven ordering');
  }
}

/** The series text without the separators it may end in: `2.9.1-jbossas-` → `2.9.1-jbossas`. */
function seriesStem(series: string): string {
  return series.replace(/[.-]+$/, '');
}

/** Where a series starts: below every prerelease of its first version. */
function seriesStart(bound: VictimsBound): LowerBound {
  return bound.series === undefined
    ? UNBOUNDED
    : { kind: 'inclusive', version: `${seriesStem(bound.series)}-alpha` };
}

/** Where a series ends: a limit at the start of the next series (`2.0` → `2.1-alpha`). */
function seriesEnd(bound: VictimsBound): UpperBound {
  if (bound.series === undefined) {
    return UNBOUNDED;
  }
  const stem = seriesStem(bound.series);
  const lastNumber = /[0-9]+$/.exec(stem);
  if (lastNumber === null) {
    throw new RangeSyntaxError(
      bound.entry,
      `the series ${JSON.stringify(bound.series)} has no number to step`,
    );
  }
  const nextSeries = stem.slice(0, lastNumber.index) + incrementDigitString(lastNumber[0]);
  return { kind: 'limit', version: `${nextSeries}-alpha` };
}

function lowerOf(bound: VictimsBound): LowerBound {
  return { kind: 'inclusive', version: bound.version };
}

function upperOf(bound: VictimsBound): UpperBound {
  return { kind: bound.inclusive ? 'inclusive' : 'exclusive', version: bound.version };
}

/**
 * The versions a victims `version` list marks affected, as OSV ranges of type ECOSYSTEM (one range per
 * interval, since series ends are `limit` events, which bound a whole range). See the module comment for
 * how the entries are read.
 * @throws RangeSyntaxError naming the entry that cannot be read.
 */
export function rangesFromVictims(version: readonly string[]): readonly AffectedRange[] {
  const bounds = version.map(readEntry);
  const intervals: VersionInterval[] = bounds
    .filter((bound) => bound.side === 'exact')
    .map((bound) => ({ lower: lowerOf(bound), upper: upperOf(bound) }));

  // Lower bounds before upper bounds at one version, so `>=X` and `<=X` make the interval [X, X].
  const sweep = bounds
    .filter((bound) => bound.side !== 'exact')
    .sort(
      (a, b) =>
        MAVEN_VERSION_ORDERING.compare(a.version, b.version) ||
        (a.side === 'lower' ? 0 : 1) - (b.side === 'lower' ? 0 : 1),
    );
  let open: VictimsBound | undefined;
  for (const bound of sweep) {
    if (bound.side === 'lower') {
      if (open !== undefined) {
        intervals.push({ lower: lowerOf(open), upper: seriesEnd(open) });
      }
      open = bound;
    } else {
      intervals.push({
        lower: open === undefined ? seriesStart(bound) : lowerOf(open),
        upper: upperOf(bound),
      });
      open = undefined;
    }
  }
  if (open !== undefined) {
    intervals.push({ lower: lowerOf(open), upper: seriesEnd(open) });
  }
  return rangesFromIntervals('ECOSYSTEM', MAVEN_VERSION_ORDERING, intervals);
}
