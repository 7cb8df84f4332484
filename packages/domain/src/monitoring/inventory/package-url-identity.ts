import { PackageURL } from 'packageurl-js';

import type { Ecosystem } from '../advisory.js';

/**
 * What a package URL (https://github.com/package-url/purl-spec) says about a component for matching: the
 * ecosystem its type maps to, the package name as that ecosystem's advisories spell it, and a component key
 * that stays the same from one SBOM version to the next.
 *
 * | purl type | ecosystem | package name                                             |
 * | --------- | --------- | -------------------------------------------------------- |
 * | npm       | npm       | `@scope/name` (namespace/name) or `name`                 |
 * | pypi      | PyPI      | the PEP 503 normalised name (`django-rest-framework`)    |
 * | maven     | Maven     | `group:artifact` (namespace:name)                        |
 * | golang    | Go        | the module path, namespace/name (`github.com/gin-gonic/gin`) |
 * | cargo     | crates.io | `name`                                                   |
 * | others    | —         | —                                                        |
 */

export interface PackageUrlIdentity {
  /** The purl without version, qualifiers and subpath, in canonical form: `pkg:npm/%40babel/core`. */
  readonly componentKey: string;
  readonly ecosystem: Ecosystem | undefined;
  readonly packageName: string | undefined;
  /** The purl's version, when it has one. */
  readonly version: string | undefined;
}

/** PEP 503 name normalisation (https://peps.python.org/pep-0503/#normalized-names): runs of -, _ and . become one -, lower case. */
export function pep503Name(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

function ecosystemName(purl: PackageURL): { ecosystem: Ecosystem; packageName: string } | undefined {
  const namespace = purl.namespace ?? '';
  switch (purl.type) {
    case 'npm':
      return {
        ecosystem: 'npm',
        packageName: namespace.length > 0 ? `${namespace}/${purl.name}` : purl.name,
      };
    case 'pypi':
      return { ecosystem: 'PyPI', packageName: pep503Name(purl.name) };
    case 'maven':
      return { ecosystem: 'Maven', packageName: `${namespace}:${purl.name}` };
    case 'golang':
      return { ecosystem: 'Go', packageName: namespace.length > 0 ? `${namespace}/${purl.name}` : purl.name };
    case 'cargo':
      return { ecosystem: 'crates.io', packageName: purl.name };
    default:
      return undefined;
  }
}

/**
 * Parses a purl. packageurl-js normalises it as the purl spec asks per type (npm and PyPI names in lower
 * case, PyPI `_` as `-`); PyPI names are further PEP 503 normalised, so `Django_REST.framework` and
 * `django-rest-framework` have one key.
 * @throws Error (packageurl-js's) naming what does not parse.
 */
export function packageUrlIdentity(text: string): PackageUrlIdentity {
  const purl = PackageURL.fromString(text);
  const mapped = ecosystemName(purl);
  const keyName = purl.type === 'pypi' ? pep503Name(purl.name) : purl.name;
  const componentKey = new PackageURL(
    purl.type,
    purl.namespace,
    keyName,
    undefined,
    undefined,
    undefined,
  ).toString();
  return {
    componentKey,
    ecosystem: mapped?.ecosystem,
    packageName: mapped?.packageName,
    version: purl.version,
  };
}
