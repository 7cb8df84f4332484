/**
 * Whether a package version is affected by an advisory, by the OSV evaluation rules
 * (https://ossf.github.io/osv-schema/#evaluation): a version is affected when it is listed in `versions`
 * or lies in any range. Within a range, the events sorted by version form a timeline: `introduced`
 * (inclusive) switches "affected" on, `fixed` (exclusive) and `last_affected` (inclusive) switch it off,
 * and `limit` events bound the whole range from above (a version is only in the range when it is below
 * at least one limit; `*` is infinity).
 *
 * The matcher checks every component of an inventory against every advisory for its package, so the
 * advisory side is compiled once (`compileAffectedPackage`) and a component's version can be parsed once
 * (`parseCandidate`) and checked against many compiled advisories.
 */
import type { AffectedPackage, AffectedRange, Ecosystem } from '../advisory.js';
import { SEMVER_RANGE_ORDERING } from './semver-version-ordering.js';
import { versionOrderingFor } from './version-ordering-for.js';
import type { ParsedVersion, VersionOrdering } from './version-ordering.js';

/** A component's version, read once by its ecosystem's ordering. */
export interface CandidateVersion {
  readonly ecosystem: Ecosystem;
  readonly text: string;
  readonly version: ParsedVersion;
  /** The ordering's equality key, worked out on first use and kept: listed versions are looked up by it. */
  readonly equalityKey: string;
}

class ParsedCandidate implements CandidateVersion {
  #equalityKey: string | undefined;

  constructor(
    readonly ecosystem: Ecosystem,
    readonly text: string,
    readonly version: ParsedVersion,
    private readonly ordering: VersionOrdering,
  ) {}

  get equalityKey(): string {
    this.#equalityKey ??= this.ordering.equalityKey(this.version);
    return this.#equalityKey;
  }
}

/**
 * Reads a component's version for matching. Parse each component's version once and pass the result to
 * every compiled advisory of its package: the predicates then neither parse nor build keys again.
 * @returns undefined when the text is not a valid version of the ecosystem. Such a version is affected
 *   by no range (only an explicitly listed identical text matches it), so callers count it as "could not
 *   compare" rather than as "not affected".
 */
export function parseCandidate(ecosystem: Ecosystem, text: string): CandidateVersion | undefined {
  const ordering = versionOrderingFor(ecosystem);
  const version = ordering.parse(text);
  return version === undefined ? undefined : new ParsedCandidate(ecosystem, text, version, ordering);
}

/** True when the version is affected. A text that is not a valid version is affected only if listed verbatim. */
export type AffectedVersionPredicate = (version: string | CandidateVersion) => boolean;

/** Ecosystems whose own ordering is SemVer, so their ordering also reads the SEMVER ranges they publish. */
const SEMVER_ECOSYSTEMS: ReadonlySet<Ecosystem> = new Set<Ecosystem>(['npm', 'Go', 'crates.io']);

type EventKind = 'introduced' | 'fixed' | 'lastAffected';

interface CompiledEvent {
  readonly kind: EventKind;
  /** Undefined for `introduced: "0"`, which sorts before every version. */
  readonly version: ParsedVersion | undefined;
}

interface CompiledRange {
  readonly ordering: VersionOrdering;
  /** False when the range's ordering is not the ecosystem's, so the candidate must be read again. */
  readonly readsCandidateAsEcosystem: boolean;
  /** Sorted by version; at equal versions in the record's order (see `compareEvents`). */
  readonly events: readonly CompiledEvent[];
  /** Undefined when the range has no finite limit. */
  readonly limits: readonly ParsedVersion[] | undefined;
}

function eventOf(event: AffectedRange['events'][number]): { kind: EventKind | 'limit'; text: string } {
  if ('introduced' in event) {
    return { kind: 'introduced', text: event.introduced };
  }
  if ('fixed' in event) {
    return { kind: 'fixed', text: event.fixed };
  }
  if ('lastAffected' in event) {
    return { kind: 'lastAffected', text: event.lastAffected };
  }
  return { kind: 'limit', text: event.limit };
}

/**
 * Version order, `introduced: "0"` first. At equal versions the record's own order stands (the sort is
 * stable): the schema leaves ties open, and only the record knows whether `last_affected: X` next to
 * `introduced: X` closes the single version X (`introduced` first) or joins two intervals at X
 * (`last_affected` first).
 */
function compareEvents(ordering: VersionOrdering, a: CompiledEvent, b: CompiledEvent): number {
  if (a.version === undefined || b.version === undefined) {
    return (a.version === undefined ? 0 : 1) - (b.version === undefined ? 0 : 1);
  }
  return ordering.compareParsed(a.version, b.version);
}

function compileRange(ecosystem: Ecosystem, range: AffectedRange): CompiledRange | undefined {
  if (range.type === 'GIT') {
    // Commit hashes: only a repository's commit graph orders them, and inventories name versions.
    return undefined;
  }
  const ecosystemOrdering = versionOrderingFor(ecosystem);
  const ordering =
    range.type === 'ECOSYSTEM' || SEMVER_ECOSYSTEMS.has(ecosystem)
      ? ecosystemOrdering
      : SEMVER_RANGE_ORDERING;
  const events: CompiledEvent[] = [];
  let limits: ParsedVersion[] | undefined;
  let unlimited = false;
  for (const event of range.events) {
    const { kind, text } = eventOf(event);
    if (kind === 'limit') {
      if (text.includes('*')) {
        unlimited = true;
        continue;
      }
      const limit = ordering.parse(text);
      if (limit !== undefined) {
        limits ??= [];
        limits.push(limit);
      }
      continue;
    }
    if (kind === 'introduced' && text === '0') {
      events.push({ kind, version: undefined });
      continue;
    }
    const version = ordering.parse(text);
    // An event this ordering cannot read is left out rather than failing the whole advisory.
    if (version !== undefined) {
      events.push({ kind, version });
    }
  }
  events.sort((a, b) => compareEvents(ordering, a, b));
  return {
    ordering,
    readsCandidateAsEcosystem: ordering === ecosystemOrdering,
    events,
    limits: unlimited ? undefined : limits,
  };
}

function isInRange(range: CompiledRange, version: ParsedVersion): boolean {
  const { ordering } = range;
  if (
    range.limits !== undefined &&
    !range.limits.some((limit) => ordering.compareParsed(version, limit) < 0)
  ) {
    return false;
  }
  let affected = false;
  for (const event of range.events) {
    const order = event.version === undefined ? 1 : ordering.compareParsed(version, event.version);
    if (order < 0) {
      // Events are sorted, so no later event is at or below this version either.
      break;
    }
    if (event.kind === 'introduced') {
      affected = true;
    } else if (event.kind === 'fixed' || order > 0) {
      affected = false;
    }
  }
  return affected;
}

/**
 * Compiles an advisory's affected package once: every event and listed version is parsed here, so the
 * returned predicate only parses the candidate (or nothing, given a `CandidateVersion`). Events whose
 * version the range's ordering cannot read are skipped; GIT ranges never match a version.
 */
export function compileAffectedPackage(affected: AffectedPackage): AffectedVersionPredicate {
  const { ecosystem } = affected;
  const ordering = versionOrderingFor(ecosystem);
  const ranges = affected.ranges
    .map((range) => compileRange(ecosystem, range))
    .filter((range): range is CompiledRange => range !== undefined && range.events.length > 0);
  const listedTexts = new Set(affected.versions);
  const listedKeys = new Set<string>();
  for (const listed of affected.versions) {
    const parsed = ordering.parse(listed);
    if (parsed !== undefined) {
      listedKeys.add(ordering.equalityKey(parsed));
    }
  }

  return (version) => {
    let candidate: CandidateVersion | undefined;
    if (typeof version === 'string') {
      if (listedTexts.has(version)) {
        return true;
      }
      candidate = parseCandidate(ecosystem, version);
      if (candidate === undefined) {
        return false;
      }
    } else {
      if (version.ecosystem !== ecosystem) {
        throw new TypeError(
          `version: a ${version.ecosystem} version cannot be matched against a ${ecosystem} package`,
        );
      }
      if (listedTexts.has(version.text)) {
        return true;
      }
      candidate = version;
    }
    if (listedKeys.size > 0 && listedKeys.has(candidate.equalityKey)) {
      return true;
    }
    for (const range of ranges) {
      const parsed = range.readsCandidateAsEcosystem
        ? candidate.version
        : range.ordering.parse(candidate.text);
      if (parsed !== undefined && isInRange(range, parsed)) {
        return true;
      }
    }
    return false;
  };
}

const compiledPackages = new WeakMap<AffectedPackage, AffectedVersionPredicate>();

/**
 * Whether `version` of the package is affected, by the OSV evaluation rules. Compiles the affected package
 * on first use and keeps the compiled form for as long as the same object lives, so repeated calls with
 * one advisory stay cheap; use `compileAffectedPackage` and `parseCandidate` directly in bulk matching.
 * A version that is not valid in the ecosystem is not affected unless listed verbatim in `versions`.
 */
export function isVersionAffected(affected: AffectedPackage, version: string): boolean {
  let predicate = compiledPackages.get(affected);
  if (predicate === undefined) {
    predicate = compileAffectedPackage(affected);
    compiledPackages.set(affected, predicate);
  }
  return predicate(version);
}
