import { describe, expect, it } from 'vitest';

import { packageUrlIdentity, pep503Name } from './package-url-identity.js';

describe('packageUrlIdentity', () => {
  it.each([
    ['pkg:npm/lodash@4.17.21', 'pkg:npm/lodash', 'npm', 'lodash', '4.17.21'],
    ['pkg:npm/%40babel/core@7.23.0', 'pkg:npm/%40babel/core', 'npm', '@babel/core', '7.23.0'],
    ['pkg:npm/%40Babel/Core@7.0.0?vcs_url=x#lib', 'pkg:npm/%40babel/core', 'npm', '@babel/core', '7.0.0'],
    [
      'pkg:pypi/Django_REST.framework@3.0',
      'pkg:pypi/django-rest-framework',
      'PyPI',
      'django-rest-framework',
      '3.0',
    ],
    [
      'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar',
      'pkg:maven/org.apache.logging.log4j/log4j-core',
      'Maven',
      'org.apache.logging.log4j:log4j-core',
      '2.14.1',
    ],
    [
      'pkg:golang/github.com/gin-gonic/gin@v1.6.0#binding',
      'pkg:golang/github.com/gin-gonic/gin',
      'Go',
      'github.com/gin-gonic/gin',
      'v1.6.0',
    ],
    [
      'pkg:golang/golang.org/x/net@v0.17.0',
      'pkg:golang/golang.org/x/net',
      'Go',
      'golang.org/x/net',
      'v0.17.0',
    ],
    ['pkg:cargo/abi_stable@0.9.0', 'pkg:cargo/abi_stable', 'crates.io', 'abi_stable', '0.9.0'],
    ['pkg:nuget/Newtonsoft.Json@13.0.1', 'pkg:nuget/Newtonsoft.Json', undefined, undefined, '13.0.1'],
    ['pkg:deb/debian/openssl@3.0.11?arch=amd64', 'pkg:deb/debian/openssl', undefined, undefined, '3.0.11'],
    ['pkg:generic/openssl', 'pkg:generic/openssl', undefined, undefined, undefined],
  ])('%s → key %s, %s %s %s', (purl, componentKey, ecosystem, packageName, version) => {
    expect(packageUrlIdentity(purl)).toEqual({ componentKey, ecosystem, packageName, version });
  });

  it('gives the same key to the same package in another version, with other qualifiers or subpath', () => {
    const keys = [
      'pkg:maven/org.slf4j/slf4j-api@1.7.36?type=jar',
      'pkg:maven/org.slf4j/slf4j-api@2.0.9',
      'pkg:maven/org.slf4j/slf4j-api@2.0.9?classifier=sources#META-INF',
    ].map((purl) => packageUrlIdentity(purl).componentKey);
    expect(new Set(keys)).toEqual(new Set(['pkg:maven/org.slf4j/slf4j-api']));
  });

  it.each([
    ['pkg:npm', '"name" is a required component'],
    ['npm/lodash@1', 'missing required "pkg" scheme component'],
    ['pkg:maven/slf4j-api@1.7.36', 'maven requires a "namespace" component'],
  ])('refuses %s', (purl, problem) => {
    expect(() => packageUrlIdentity(purl)).toThrow(problem);
  });
});

describe('pep503Name', () => {
  it.each([
    ['Django', 'django'],
    ['zope.interface', 'zope-interface'],
    ['Foo__Bar--Baz..Qux', 'foo-bar-baz-qux'],
  ])('%s → %s', (name, normalised) => {
    expect(pep503Name(name)).toBe(normalised);
  });
});
