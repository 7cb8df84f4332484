import { describe, expect, it } from 'vitest';
import { MAVEN_VERSION_ORDERING } from './maven-version-ordering.js';
import { chainSteps, expectStep } from './testing/version-chains.js';

/**
 * Unless a test says otherwise, every step below was checked against
 * `org.apache.maven.artifact.versioning.ComparableVersion` of Maven 3.8.7 (its `main` prints how each
 * pair compares).
 */
describe('Maven version ordering (ComparableVersion)', () => {
  // prettier-ignore
  const qualifierChain = [
    '1.0-alpha', '<', '1.0-beta', '<', '1.0-rc1', '=', '1.0-cr1', '<', '1.0-SNAPSHOT', '<', '1.0', '=', '1.0.0',
    '=', '1.0-ga', '=', '1.0.RELEASE', '=', '1.0-FINAL', '<', '1.0-sp1', '<', '1.0-jbossorg-1', '<', '1.0.1',
  ];
  // The examples of the Version Order Specification that Maven 3.8.7 agrees with.
  // prettier-ignore
  const specificationChain = [
    '1-snapshot', '<', '1', '=', '1.ga', '=', '1-ga', '=', '1-0', '=', '1.0', '<', '1-sp', '<', '1.foo', '=',
    '1-foo', '<', '1-foo2', '<', '1-foo10', '<', '1-1', '<', '1.1',
  ];
  // prettier-ignore
  const releaseChain = [
    '2.0.11.2', '<', '2.0.12', '<', '2.9.10.4', '<', '2.9.10.5', '<', '2.10', '<', '2.99',
    '<', '2.20191109021931', '<', '2.20191109021932',
  ];
  // Spellings seen in Maven Central and the victims database.
  // prettier-ignore
  const realWorldChain = [
    '2.0b5', '=', '2.0-beta-5', '<', '2.0b6', '<', '2.0', '<', '2.5.6', '<', '2.5.6.SEC01', '<',
    '2.5.6.SEC02', '<', '2.5.7', '<', '3.0-alpha', '<', '3.0.0.M1', '=', '3.0.0-M1', '=', '3.0.0.m1', '<',
    '3.0.0.M2', '<', '3.0.0.RC1', '<', '3.0.0.RELEASE', '<', '3.0.1', '<', '4.1.0.Beta1', '<', '4.1.0.CR1',
    '<', '4.1.0.Final', '<', '4.1.0.SP1',
  ];
  // prettier-ignore
  const shorthandChain = ['1-a1', '=', '1-alpha-1', '=', '1.0-Alpha1', '<', '1-b1', '=', '1-beta-1', '<', '1-m1', '=', '1-milestone-1'];

  it.each([
    ...chainSteps(qualifierChain),
    ...chainSteps(specificationChain),
    ...chainSteps(releaseChain),
    ...chainSteps(realWorldChain),
    ...chainSteps(shorthandChain),
  ])('orders %s %s %s', (left, relation, right) => {
    expectStep(MAVEN_VERSION_ORDERING, left, relation, right);
  });

  it('puts 1-1 above 1: a number after a hyphen is above the missing item', () => {
    expect(MAVEN_VERSION_ORDERING.compare('1-1', '1')).toBeGreaterThan(0);
  });

  it('reads "a" as alpha only when a digit follows it', () => {
    expect(MAVEN_VERSION_ORDERING.equals('1-a', '1-alpha')).toBe(false);
    expect(MAVEN_VERSION_ORDERING.compare('1-a', '1')).toBeGreaterThan(0);
  });

  // Maven 3.8.7 orders these cyclically; the specification page (which this follows) does not.
  it('trims a null qualifier between hyphens, as the specification says: 1-sp-1 < 1-ga-1 = 1-1', () => {
    expectStep(MAVEN_VERSION_ORDERING, '1-sp-1', '<', '1-ga-1');
    expectStep(MAVEN_VERSION_ORDERING, '1-ga-1', '=', '1-1');
    expectStep(MAVEN_VERSION_ORDERING, '1-ga-alpha', '=', '1-alpha');
  });

  it('reads a word inside a list like one after a hyphen, so 1.foo.0 = 1-foo and the order has no cycle', () => {
    expectStep(MAVEN_VERSION_ORDERING, '1.foo.0', '=', '1-foo');
    expectStep(MAVEN_VERSION_ORDERING, '1.foo.1', '=', '1-foo.1');
    expectStep(MAVEN_VERSION_ORDERING, '1.alpha', '<', '1');
    expectStep(MAVEN_VERSION_ORDERING, '1', '<', '1.foo.0');
  });

  it('still drops a null word before a hyphen: 2.3.3.Final-redhat-1 = 2.3.3-redhat-1', () => {
    expectStep(MAVEN_VERSION_ORDERING, '2.3.3.Final-redhat-1', '=', '2.3.3-redhat-1');
    expectStep(MAVEN_VERSION_ORDERING, '2.3.3', '<', '2.3.3.Final-redhat-1');
  });

  it.each(['', ' 1.0', '1.0 ', '[1.0,2.0)', '1.0,2.0', '(,1.0]'])(
    'rejects %j, which is not a version',
    (text) => {
      expect(MAVEN_VERSION_ORDERING.parse(text)).toBeUndefined();
    },
  );
});
