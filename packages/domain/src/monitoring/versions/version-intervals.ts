/**
 * Intervals of versions, the common ground between legacy range syntaxes (a node-semver comparator set, a
 * Cargo requirement, a victims bound) and OSV range events. Converters read their syntax into intervals;
 * this module merges them, takes complements and writes them out as OSV ranges.
 */
import type { AffectedRange, RangeEvent } from '../advisory.js';
import type { VersionOrdering } from './version-ordering.js';

export type LowerBound =
  { readonly kind: 'unbounded' } | { readonly kind: 'inclusive' | 'exclusive'; readonly version: string };

/** `limit` excludes its version like `exclusive`, but is written as an OSV `limit` event. */
export type UpperBound =
  | { readonly kind: 'unbounded' }
  | { readonly kind: 'inclusive' | 'exclusive' | 'limit'; readonly version: string };

export interface VersionInterval {
  readonly lower: LowerBound;
  readonly upper: UpperBound;
}

export const UNBOUNDED: { readonly kind: 'unbounded' } = { kind: 'unbounded' };

export const EVERY_VERSION: VersionInterval = { lower: UNBOUNDED, upper: UNBOUNDED };

function excludesItsVersion(bound: LowerBound | UpperBound): boolean {
  return bound.kind === 'exclusive' || bound.kind === 'limit';
}

/** Orders lower bounds: unbounded first; at one version the inclusive bound (the looser one) first. */
function compareLowerBounds(ordering: VersionOrdering, a: LowerBound, b: LowerBound): number {
  if (a.kind === 'unbounded' || b.kind === 'unbounded') {
    return (a.kind === 'unbounded' ? 0 : 1) - (b.kind === 'unbounded' ? 0 : 1);
  }
  return (
    ordering.compare(a.version, b.version) ||
    (a.kind === 'exclusive' ? 1 : 0) - (b.kind === 'exclusive' ? 1 : 0)
  );
}

/** Orders upper bounds: unbounded last; at one version the exclusive bound (the tighter one) first. */
function compareUpperBounds(ordering: VersionOrdering, a: UpperBound, b: UpperBound): number {
  if (a.kind === 'unbounded' || b.kind === 'unbounded') {
    return (a.kind === 'unbounded' ? 1 : 0) - (b.kind === 'unbounded' ? 1 : 0);
  }
  return (
    ordering.compare(a.version, b.version) ||
    (excludesItsVersion(a) ? 0 : 1) - (excludesItsVersion(b) ? 0 : 1)
  );
}

/** The tighter of two lower bounds, for intersecting comparators. */
export function tighterLowerBound(ordering: VersionOrdering, a: LowerBound, b: LowerBound): LowerBound {
  return compareLowerBounds(ordering, a, b) >= 0 ? a : b;
}

/** The tighter of two upper bounds, for intersecting comparators. */
export function tighterUpperBound(ordering: VersionOrdering, a: UpperBound, b: UpperBound): UpperBound {
  return compareUpperBounds(ordering, a, b) <= 0 ? a : b;
}

/** True when no version lies between the bounds (`>=2.0.0 <1.0.0`, `>1.0.0 <=1.0.0`). */
export function isEmptyInterval(ordering: VersionOrdering, interval: VersionInterval): boolean {
  const { lower, upper } = interval;
  if (lower.kind === 'unbounded' || upper.kind === 'unbounded') {
    return false;
  }
  const order = ordering.compare(lower.version, upper.version);
  return order > 0 || (order === 0 && (excludesItsVersion(lower) || excludesItsVersion(upper)));
}

/** True when the interval starting at `lower` overlaps or directly continues one that ends at `upper`. */
function continues(ordering: VersionOrdering, upper: UpperBound, lower: LowerBound): boolean {
  if (upper.kind === 'unbounded' || lower.kind === 'unbounded') {
    return true;
  }
  const order = ordering.compare(lower.version, upper.version);
  // At one version, the two meet unless both leave that version out.
  return order < 0 || (order === 0 && !(excludesItsVersion(upper) && excludesItsVersion(lower)));
}

/** The union of the intervals as disjoint intervals in ascending order; empty intervals disappear. */
export function mergeIntervals(
  ordering: VersionOrdering,
  intervals: readonly VersionInterval[],
): VersionInterval[] {
  const sorted = intervals
    .filter((interval) => !isEmptyInterval(ordering, interval))
    .sort((a, b) => compareLowerBounds(ordering, a.lower, b.lower));
  const merged: VersionInterval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && continues(ordering, last.upper, interval.lower)) {
      const upper =
        compareUpperBounds(ordering, last.upper, interval.upper) >= 0 ? last.upper : interval.upper;
      merged[merged.length - 1] = { lower: last.lower, upper };
    } else {
      merged.push(interval);
    }
  }
  return merged;
}

/** The versions in none of the intervals, as disjoint intervals in ascending order. */
export function complementIntervals(
  ordering: VersionOrdering,
  intervals: readonly VersionInterval[],
): VersionInterval[] {
  const gaps: VersionInterval[] = [];
  let gapStart: LowerBound | undefined = UNBOUNDED;
  for (const interval of mergeIntervals(ordering, intervals)) {
    if (gapStart === undefined) {
      break;
    }
    const { lower, upper } = interval;
    if (lower.kind !== 'unbounded') {
      const gap: VersionInterval = {
        lower: gapStart,
        upper: { kind: lower.kind === 'inclusive' ? 'exclusive' : 'inclusive', version: lower.version },
      };
      if (!isEmptyInterval(ordering, gap)) {
        gaps.push(gap);
      }
    }
    gapStart =
      upper.kind === 'unbounded'
        ? undefined
        : { kind: upper.kind === 'inclusive' ? 'exclusive' : 'inclusive', version: upper.version };
  }
  if (gapStart !== undefined) {
    gaps.push({ lower: gapStart, upper: UNBOUNDED });
  }
  return gaps;
}

/**
 * The intervals as OSV ranges: one range holding every interval when that is valid OSV, else one range
 * per interval. The schema forbids `fixed` and `last_affected` in one range, and a `limit` bounds its
 * whole range, so intervals that need either are written one range each.
 *
 * @param smallestVersionAbove the first version above a given one, for an exclusive lower bound (OSV's
 *   `introduced` is inclusive).
 * @throws RangeError for an exclusive lower bound when `smallestVersionAbove` is not given.
 */
export function rangesFromIntervals(
  type: AffectedRange['type'],
  ordering: VersionOrdering,
  intervals: readonly VersionInterval[],
  smallestVersionAbove?: (version: string) => string,
): AffectedRange[] {
  const merged = mergeIntervals(ordering, intervals);
  const eventsOf = (interval: VersionInterval): RangeEvent[] => {
    const { lower, upper } = interval;
    const events: RangeEvent[] = [];
    if (lower.kind === 'unbounded') {
      events.push({ introduced: '0' });
    } else if (lower.kind === 'inclusive') {
      events.push({ introduced: lower.version });
    } else {
      if (smallestVersionAbove === undefined) {
        throw new RangeError(
          `intervals: an exclusive lower bound (${lower.version}) needs smallestVersionAbove`,
        );
      }
      events.push({ introduced: smallestVersionAbove(lower.version) });
    }
    if (upper.kind === 'inclusive') {
      events.push({ lastAffected: upper.version });
    } else if (upper.kind === 'exclusive') {
      events.push({ fixed: upper.version });
    } else if (upper.kind === 'limit') {
      events.push({ limit: upper.version });
    }
    return events;
  };
  const upperKinds = new Set(merged.map((interval) => interval.upper.kind));
  upperKinds.delete('unbounded');
  if (upperKinds.size <= 1 && !upperKinds.has('limit')) {
    return merged.length === 0 ? [] : [{ type, events: merged.flatMap(eventsOf) }];
  }
  return merged.map((interval) => ({ type, events: eventsOf(interval) }));
}
