/**
 * Orderings built on SemVer 2.0 (https://semver.org/spec/v2.0.0.html, precedence in section 11), read by
 * the `semver` package that npm itself uses. npm, Go and crates.io differ only in how a version may be
 * spelt, so each supplies a spelling rule and shares the comparison here.
 */
import semver from 'semver';
import { defineVersionOrdering, type ParsedVersion, type VersionOrdering } from './version-ordering.js';

export interface ParsedSemVer extends ParsedVersion {
  readonly semver: semver.SemVer;
}

/**
 * An ordering that rewrites a text into plain SemVer (`1.2.3-rc.1+build`) and compares by SemVer
 * precedence: prereleases before their release, build metadata ignored.
 * @param toPlainSemVer the plain SemVer text for a spelling, or undefined when the spelling is not allowed.
 */
export function semverBackedOrdering(
  name: string,
  toPlainSemVer: (text: string) => string | undefined,
): VersionOrdering<ParsedSemVer> {
  return defineVersionOrdering<ParsedSemVer>({
    name,
    parse(text) {
      const plain = toPlainSemVer(text);
      if (plain === undefined) {
        return undefined;
      }
      const parsed = semver.parse(plain);
      return parsed === null ? undefined : { text, semver: parsed };
    },
    compareParsed: (a, b) => a.semver.compare(b.semver),
    // `version` leaves out build metadata, which SemVer precedence ignores.
    equalityKey: (parsed) => parsed.semver.version,
  });
}

/**
 * The ordering of OSV ranges of type SEMVER, whatever the ecosystem. The schema says those versions carry
 * no `v`, but Go tooling and some feeds write one, so a single leading `v` is accepted.
 */
export const SEMVER_RANGE_ORDERING = semverBackedOrdering('SemVer 2.0', (text) => {
  const trimmed = text.trim();
  return trimmed.startsWith('v') ? trimmed.slice(1) : trimmed;
});
