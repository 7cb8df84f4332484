import { semverBackedOrdering } from './semver-version-ordering.js';

/**
 * npm versions: SemVer 2.0. npm cleans a version before it stores or compares it (`semver.clean`), which
 * drops surrounding whitespace and any leading `=` or `v` (`v1.2.3`, `=1.2.3`), so those spellings are
 * accepted here too. Partial versions (`1.2`) are ranges in npm, not versions, and are rejected.
 */
export const NPM_VERSION_ORDERING = semverBackedOrdering('npm (SemVer 2.0)', (text) =>
  text.trim().replace(/^[=v]+/, ''),
);
