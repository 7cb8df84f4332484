/**
 * PyPI versions as PEP 440 defines them (https://peps.python.org/pep-0440/): the public version scheme
 * `[N!]N(.N)*[{a|b|rc}N][.postN][.devN]` with an optional local label `+label`, read with every spelling
 * the "Normalization" section allows and ordered as its "Summary of permitted suffixes and relative
 * ordering" says:
 *
 *   1.0.dev0 < 1.0a1.dev0 < 1.0a1 < 1.0a1.post1 < 1.0b1 < 1.0rc1 < 1.0 < 1.0+local < 1.0.post1.dev0 < 1.0.post1
 *
 * Versions that are not PEP 440 (setuptools' old "legacy" versions such as `0.5m1`) are not valid here:
 * pip no longer orders them either.
 */
import { compareDigitStrings, stripLeadingZeros } from './decimal-digit-strings.js';
import { defineVersionOrdering, type ParsedVersion } from './version-ordering.js';

/** Pre-release phases in PEP 440 order; every alternate spelling maps onto one of these. */
const PRE_RELEASE_PHASES = ['a', 'b', 'rc'] as const;
const PRE_RELEASE_PHASE_OF_SPELLING: Readonly<Record<string, number>> = {
  a: 0,
  alpha: 0,
  b: 1,
  beta: 1,
  rc: 2,
  c: 2,
  pre: 2,
  preview: 2,
};

/**
 * The grammar after the Normalization section: case-insensitive, a leading `v`, `.`/`-`/`_` (or nothing)
 * between the parts, implicit numbers (`1.0a` = `1.0a0`, `1.0.post` = `1.0.post0`), the implicit post
 * release `1.0-1`, and `-`/`_` as local separators. Longer spellings come first in each alternation so
 * that `alpha` is not read as `a` followed by garbage.
 */
const PEP_440_VERSION = new RegExp(
  [
    '^v?',
    '(?:(?<epoch>[0-9]+)!)?',
    '(?<release>[0-9]+(?:\\.[0-9]+)*)',
    '(?:[-_.]?(?<preSpelling>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preNumber>[0-9]+)?)?',
    '(?:-(?<impliedPostNumber>[0-9]+)|[-_.]?(?:post|rev|r)(?<hasPost>)[-_.]?(?<postNumber>[0-9]+)?)?',
    '(?:[-_.]?dev(?<hasDev>)[-_.]?(?<devNumber>[0-9]+)?)?',
    '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?',
    '$',
  ].join(''),
  'i',
);

interface LocalSegment {
  /** Numeric segments compare as integers and sort above alphanumeric ones. */
  readonly numeric: boolean;
  /** Digits without leading zeros, or the lower-cased alphanumeric text. */
  readonly value: string;
}

export interface ParsedPep440Version extends ParsedVersion {
  readonly epoch: string;
  /** Release numbers without trailing zeros: `1.0.0` and `1` are the same release. */
  readonly release: readonly string[];
  /** Index into PRE_RELEASE_PHASES, or undefined for no pre-release. */
  readonly prePhase: number | undefined;
  readonly preNumber: string;
  readonly postNumber: string | undefined;
  readonly devNumber: string | undefined;
  readonly local: readonly LocalSegment[] | undefined;
}

function parsePep440(text: string): ParsedPep440Version | undefined {
  const groups = PEP_440_VERSION.exec(text.trim())?.groups;
  if (groups === undefined) {
    return undefined;
  }
  const release = (groups.release ?? '0').split('.').map(stripLeadingZeros);
  while (release.length > 0 && release[release.length - 1] === '0') {
    release.pop();
  }
  const preSpelling = groups.preSpelling?.toLowerCase();
  const postDigits =
    groups.impliedPostNumber ?? groups.postNumber ?? (groups.hasPost === undefined ? undefined : '0');
  return {
    text,
    epoch: stripLeadingZeros(groups.epoch ?? '0'),
    release,
    prePhase: preSpelling === undefined ? undefined : PRE_RELEASE_PHASE_OF_SPELLING[preSpelling],
    preNumber: stripLeadingZeros(groups.preNumber ?? '0'),
    postNumber: postDigits === undefined ? undefined : stripLeadingZeros(postDigits),
    devNumber: groups.hasDev === undefined ? undefined : stripLeadingZeros(groups.devNumber ?? '0'),
    local: groups.local?.split(/[-_.]/).map((segment): LocalSegment => {
      const numeric = /^[0-9]+$/.test(segment);
      return { numeric, value: numeric ? stripLeadingZeros(segment) : segment.toLowerCase() };
    }),
  };
}

/** Release segments compare as if the shorter were padded with zeros. */
function compareReleases(a: readonly string[], b: readonly string[]): number {
  const length = Math.max(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const order = compareDigitStrings(a[index] ?? '0', b[index] ?? '0');
    if (order !== 0) {
      return order;
    }
  }
  return 0;
}

/**
 * Where a version stands before its pre-release number is looked at: a dev release of the release itself
 * (`1.0.dev0`) sorts below every pre-release of it, and a version without pre-release above all of them.
 */
function preReleaseStanding(version: ParsedPep440Version): number {
  if (version.prePhase !== undefined) {
    return 0;
  }
  return version.postNumber === undefined && version.devNumber !== undefined ? -1 : 1;
}

function comparePreReleases(a: ParsedPep440Version, b: ParsedPep440Version): number {
  const standing = preReleaseStanding(a) - preReleaseStanding(b);
  if (standing !== 0 || a.prePhase === undefined || b.prePhase === undefined) {
    return standing;
  }
  return a.prePhase - b.prePhase || compareDigitStrings(a.preNumber, b.preNumber);
}

/** No post release sorts below any post release. */
function comparePostReleases(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) {
    return (a === undefined ? 0 : 1) - (b === undefined ? 0 : 1);
  }
  return compareDigitStrings(a, b);
}

/** A dev release sorts below the same version without one. */
function compareDevReleases(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) {
    return (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0);
  }
  return compareDigitStrings(a, b);
}

/**
 * PEP 440 "Local version identifiers": segment by segment, numbers as integers above any alphanumeric
 * segment, alphanumeric segments lexically without regard to case; a label that extends another sorts
 * above it. No label sorts below any label.
 */
function compareLocalLabels(
  a: readonly LocalSegment[] | undefined,
  b: readonly LocalSegment[] | undefined,
): number {
  if (a === undefined || b === undefined) {
    return (a === undefined ? 0 : 1) - (b === undefined ? 0 : 1);
  }
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const left = a[index];
    const right = b[index];
    if (left === undefined || right === undefined) {
      break;
    }
    if (left.numeric !== right.numeric) {
      return left.numeric ? 1 : -1;
    }
    const order = left.numeric
      ? compareDigitStrings(left.value, right.value)
      : left.value === right.value
        ? 0
        : left.value < right.value
          ? -1
          : 1;
    if (order !== 0) {
      return order;
    }
  }
  return a.length - b.length;
}

function comparePep440(a: ParsedPep440Version, b: ParsedPep440Version): number {
  return (
    compareDigitStrings(a.epoch, b.epoch) ||
    compareReleases(a.release, b.release) ||
    comparePreReleases(a, b) ||
    comparePostReleases(a.postNumber, b.postNumber) ||
    compareDevReleases(a.devNumber, b.devNumber) ||
    compareLocalLabels(a.local, b.local)
  );
}

/** The PEP 440 normal form, with the release's trailing zeros dropped so that `1.0` and `1.0.0` agree. */
function pep440EqualityKey(version: ParsedPep440Version): string {
  const pre =
    version.prePhase === undefined ? '' : `${PRE_RELEASE_PHASES[version.prePhase] ?? ''}${version.preNumber}`;
  const post = version.postNumber === undefined ? '' : `.post${version.postNumber}`;
  const dev = version.devNumber === undefined ? '' : `.dev${version.devNumber}`;
  const local =
    version.local === undefined ? '' : `+${version.local.map((segment) => segment.value).join('.')}`;
  return `${version.epoch}!${version.release.join('.')}${pre}${post}${dev}${local}`;
}

export const PYPI_VERSION_ORDERING = defineVersionOrdering<ParsedPep440Version>({
  name: 'PyPI (PEP 440)',
  parse: parsePep440,
  compareParsed: comparePep440,
  equalityKey: pep440EqualityKey,
});
