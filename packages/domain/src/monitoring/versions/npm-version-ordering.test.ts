import { describe, expect, it } from 'vitest';
import { NPM_VERSION_ORDERING } from './npm-version-ordering.js';
import { chainSteps, expectStep } from './testing/version-chains.js';

describe('npm version ordering (SemVer 2.0 via the semver package)', () => {
  // SemVer 2.0 section 11's own example, then the cases npm users meet.
  const chain = [
    '1.0.0-alpha',
    '<',
    '1.0.0-alpha.1',
    '<',
    '1.0.0-alpha.beta',
    '<',
    '1.0.0-beta',
    '<',
    '1.0.0-beta.2',
    '<',
    '1.0.0-beta.11',
    '<',
    '1.0.0-rc.1',
    '<',
    '1.0.0',
    '=',
    '1.0.0+build.5',
    '=',
    'v1.0.0',
    '=',
    '=1.0.0',
    '<',
    '1.0.1-0',
    '<',
    '1.0.1',
    '<',
    '1.2.0',
    '<',
    '1.10.0',
    '<',
    '2.0.0-0',
    '<',
    '2.0.0',
    '<',
    '10.0.0',
    '<',
    '99.999.99999',
  ];

  it.each(chainSteps(chain))('orders %s %s %s', (left, relation, right) => {
    expectStep(NPM_VERSION_ORDERING, left, relation, right);
  });

  it('accepts the spellings npm cleans: a leading v or =, surrounding spaces', () => {
    for (const text of ['v1.2.3', '=1.2.3', 'v=1.2.3', ' 1.2.3 ']) {
      expect(NPM_VERSION_ORDERING.parse(text)?.text).toBe(text);
      expect(NPM_VERSION_ORDERING.equals(text, '1.2.3')).toBe(true);
    }
  });

  it.each(['', '1.2', '1', '1.2.3.4', '01.2.3', '1.2.3-01', 'latest', '^1.2.3', '1.2.x', 'V1.2.3'])(
    'rejects %j, which is not a version (partial versions and ranges are ranges in npm)',
    (text) => {
      expect(NPM_VERSION_ORDERING.parse(text)).toBeUndefined();
    },
  );

  it('names the invalid text when asked to compare it', () => {
    expect(() => NPM_VERSION_ORDERING.compare('1.2.3', 'latest')).toThrow(RangeError);
    expect(() => NPM_VERSION_ORDERING.compare('1.2.3', 'latest')).toThrow(/"latest" is not a valid npm/);
    expect(() => NPM_VERSION_ORDERING.equals('nope', '1.2.3')).toThrow(/"nope"/);
  });
});
