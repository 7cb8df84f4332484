import semver from 'semver';

/**
 * The smallest SemVer 2.0 version above `version`, so that an exclusive lower bound (`>1.2.3`) can be
 * written as OSV's inclusive `introduced`. By SemVer precedence (section 11):
 * - above a release `1.2.3` comes `1.2.4-0`: every `1.2.3-…` prerelease is below `1.2.3`, and `0` is the
 *   lowest prerelease identifier of `1.2.4`;
 * - above a prerelease `1.2.3-rc.1` comes `1.2.3-rc.1.0`: a longer identifier list with an equal prefix
 *   ranks higher, and `0` is the lowest identifier to add.
 * Build metadata does not count for precedence and is dropped.
 * @throws RangeError if `version` is not SemVer.
 */
export function smallestSemVerAbove(version: string): string {
  const parsed = semver.parse(version);
  if (parsed === null) {
    throw new RangeError(`version: ${JSON.stringify(version)} is not a SemVer version`);
  }
  if (parsed.prerelease.length > 0) {
    return `${parsed.version}.0`;
  }
  return `${parsed.major}.${parsed.minor}.${parsed.patch + 1}-0`;
}
