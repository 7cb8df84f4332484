export type { ParsedVersion, VersionOrdering } from './version-ordering.js';
export { NPM_VERSION_ORDERING } from './npm-version-ordering.js';
export { PYPI_VERSION_ORDERING } from './pypi-version-ordering.js';
export { MAVEN_VERSION_ORDERING } from './maven-version-ordering.js';
export { GO_VERSION_ORDERING } from './go-version-ordering.js';
export { CRATES_VERSION_ORDERING } from './crates-version-ordering.js';
export { SEMVER_RANGE_ORDERING } from './semver-version-ordering.js';
export { versionOrderingFor } from './version-ordering-for.js';
export {
  compileAffectedPackage,
  isVersionAffected,
  parseCandidate,
  type AffectedVersionPredicate,
  type CandidateVersion,
} from './affected-version-matching.js';
export { rangesFromNodeSemver } from './node-semver-ranges.js';
export { rangesFromRustsecRequirements } from './rustsec-requirement-ranges.js';
export { rangesFromVictims } from './victims-ranges.js';
export { RangeSyntaxError } from './range-syntax-error.js';
