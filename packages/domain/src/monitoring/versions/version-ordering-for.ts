import type { Ecosystem } from '../advisory.js';
import { CRATES_VERSION_ORDERING } from './crates-version-ordering.js';
import { GO_VERSION_ORDERING } from './go-version-ordering.js';
import { MAVEN_VERSION_ORDERING } from './maven-version-ordering.js';
import { NPM_VERSION_ORDERING } from './npm-version-ordering.js';
import { PYPI_VERSION_ORDERING } from './pypi-version-ordering.js';
import type { VersionOrdering } from './version-ordering.js';

const ORDERING_OF_ECOSYSTEM: Readonly<Record<Ecosystem, VersionOrdering>> = {
  npm: NPM_VERSION_ORDERING,
  PyPI: PYPI_VERSION_ORDERING,
  Maven: MAVEN_VERSION_ORDERING,
  Go: GO_VERSION_ORDERING,
  'crates.io': CRATES_VERSION_ORDERING,
};

/** The ordering of an ecosystem's own versions: what OSV ranges of type ECOSYSTEM compare by. */
export function versionOrderingFor(ecosystem: Ecosystem): VersionOrdering {
  return ORDERING_OF_ECOSYSTEM[ecosystem];
}
