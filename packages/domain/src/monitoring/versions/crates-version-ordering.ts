import { semverBackedOrdering } from './semver-version-ordering.js';

/**
 * crates.io versions: SemVer 2.0 exactly as Cargo requires it (https://doc.rust-lang.org/cargo/reference/
 * semver.html). Cargo refuses a `v` prefix, partial versions and surrounding spaces in a published
 * version, so this ordering refuses them too.
 */
export const CRATES_VERSION_ORDERING = semverBackedOrdering('crates.io (SemVer 2.0)', (text) =>
  /^[0-9]/.test(text) && text.trim() === text ? text : undefined,
);
