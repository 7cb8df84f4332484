import { semverBackedOrdering } from './semver-version-ordering.js';

/**
 * Go module versions (https://go.dev/ref/mod#versions): SemVer 2.0 with a mandatory `v` in go.mod, while
 * the Go vulnerability database writes its OSV ranges without it, so both spellings are accepted.
 *
 * - `+incompatible` (a v2+ module without a go.mod) is build metadata and therefore ignored for ordering.
 * - Pseudo-versions (`v0.0.0-20191109021931-daa7c04131f5`, `v1.2.4-0.20191109021931-daa7c04131f5`) are
 *   SemVer prereleases by construction and sort as such: before the release they precede.
 * - Go's `semver` package also accepts the shorthands `v1` and `v1.2` for `v1.0.0` and `v1.2.0`, with no
 *   prerelease or build; they are accepted the same way.
 */
export const GO_VERSION_ORDERING = semverBackedOrdering('Go (SemVer 2.0)', (text) => {
  if (text.trim() !== text) {
    return undefined;
  }
  const withoutPrefix = text.startsWith('v') ? text.slice(1) : text;
  const shorthand = /^(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*))?$/.exec(withoutPrefix);
  if (shorthand !== null) {
    return `${shorthand[1] ?? '0'}.${shorthand[2] ?? '0'}.0`;
  }
  return /^[0-9]/.test(withoutPrefix) ? withoutPrefix : undefined;
});
