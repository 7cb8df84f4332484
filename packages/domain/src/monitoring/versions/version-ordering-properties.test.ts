import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ecosystem } from '../advisory.js';
import { versionOrderingFor } from './version-ordering-for.js';

const smallNumber = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 12 }));
const numberText = smallNumber.map(String);

/** SemVer 2.0 texts, dense in ties and near-ties so that the interesting comparisons happen. */
const semverCore = fc.tuple(numberText, numberText, numberText).map((parts) => parts.join('.'));
const prereleaseIdentifier = fc.oneof(numberText, fc.constantFrom('alpha', 'beta', 'rc', 'pre', 'x-y', '0a'));
const prerelease = fc.option(
  fc
    .array(prereleaseIdentifier, { minLength: 1, maxLength: 3 })
    .map((identifiers) => `-${identifiers.join('.')}`),
  { nil: '' },
);
const build = fc.option(fc.constantFrom('+build.1', '+incompatible', '+001'), { nil: '' });
const semverText = fc.tuple(semverCore, prerelease, build).map((parts) => parts.join(''));

const pseudoVersion = fc
  .tuple(
    semverCore,
    fc.integer({ min: 20180101000000, max: 20251231235959 }),
    fc.constantFrom('abcdef012345', 'daa7c04131f5'),
  )
  .map(([core, timestamp, commit]) => `v${core}-0.${timestamp}-${commit}`);

const pep440Text = fc
  .tuple(
    fc.option(
      numberText.map((epoch) => `${epoch}!`),
      { nil: '' },
    ),
    fc.array(numberText, { minLength: 1, maxLength: 4 }).map((release) => release.join('.')),
    fc.option(
      fc.tuple(
        fc.constantFrom('a', 'alpha', 'b', 'beta', 'rc', 'c', 'pre', 'preview', '-rc', '.a'),
        fc.option(numberText, { nil: '' }),
      ),
      { nil: undefined },
    ),
    fc.option(fc.constantFrom('.post1', '.post', '-1', '-2', 'r3', '.rev0', '_post2'), { nil: '' }),
    fc.option(fc.constantFrom('.dev0', '.dev', '-dev1', 'dev2'), { nil: '' }),
    fc.option(fc.constantFrom('+local', '+ubuntu.1', '+ubuntu-2', '+1', '+01', '+a.1'), { nil: '' }),
  )
  .map(
    ([epoch, release, pre, post, dev, local]) =>
      `${epoch}${release}${pre === undefined ? '' : pre.join('')}${post}${dev}${local}`,
  );

const mavenToken = fc.oneof(
  numberText,
  fc.constantFrom(
    'alpha',
    'a',
    'beta',
    'b',
    'm',
    'milestone',
    'rc',
    'cr',
    'SNAPSHOT',
    'ga',
    'Final',
    'RELEASE',
    'sp',
    'foo',
    'SEC',
    'jbossorg',
    '_',
  ),
);
const mavenText = fc
  .tuple(numberText, fc.array(fc.tuple(fc.constantFrom('.', '-', ''), mavenToken), { maxLength: 5 }))
  .map(([first, rest]) => first + rest.map(([separator, token]) => separator + token).join(''));

const VERSION_TEXTS: Readonly<Record<Ecosystem, fc.Arbitrary<string>>> = {
  npm: fc.tuple(fc.constantFrom('', 'v', '='), semverText).map((parts) => parts.join('')),
  'crates.io': semverText,
  Go: fc.oneof(
    fc.tuple(fc.constantFrom('', 'v'), semverText).map((parts) => parts.join('')),
    pseudoVersion,
  ),
  PyPI: pep440Text,
  Maven: mavenText,
};

describe.each(Object.keys(VERSION_TEXTS) as Ecosystem[])('the %s version ordering', (ecosystem) => {
  const ordering = versionOrderingFor(ecosystem);
  const versionText = VERSION_TEXTS[ecosystem];
  const key = (text: string): string =>
    ordering.equalityKey(ordering.parse(text) ?? expect.unreachable(text));

  it('reads every generated version', () => {
    fc.assert(
      fc.property(versionText, (text) => {
        expect(ordering.parse(text)).toBeDefined();
      }),
    );
  });

  it('is antisymmetric and reflexive', () => {
    fc.assert(
      fc.property(versionText, versionText, (a, b) => {
        expect(Math.sign(ordering.compare(a, b))).toBe(-Math.sign(ordering.compare(b, a)) || 0);
        expect(ordering.compare(a, a)).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('is transitive', () => {
    fc.assert(
      fc.property(versionText, versionText, versionText, (a, b, c) => {
        const [low, middle, high] = [a, b, c].sort((x, y) => ordering.compare(x, y)) as [
          string,
          string,
          string,
        ];
        expect(ordering.compare(low, middle)).toBeLessThanOrEqual(0);
        expect(ordering.compare(middle, high)).toBeLessThanOrEqual(0);
        expect(ordering.compare(low, high)).toBeLessThanOrEqual(0);
        if (ordering.compare(low, middle) === 0 && ordering.compare(middle, high) === 0) {
          expect(ordering.compare(low, high)).toBe(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with its equality and its equality key', () => {
    fc.assert(
      fc.property(versionText, versionText, (a, b) => {
        const equal = ordering.compare(a, b) === 0;
        expect(ordering.equals(a, b)).toBe(equal);
        expect(key(a) === key(b)).toBe(equal);
      }),
      { numRuns: 500 },
    );
  });

  it('sorts to the same order whatever order the versions come in', () => {
    fc.assert(
      fc.property(
        fc
          .array(versionText, { minLength: 2, maxLength: 25 })
          .chain((versions) =>
            fc.tuple(fc.constant(versions), fc.shuffledSubarray(versions, { minLength: versions.length })),
          ),
        ([versions, shuffled]) => {
          const sortedKeys = (list: readonly string[]): string[] =>
            [...list].sort((x, y) => ordering.compare(x, y)).map(key);
          expect(sortedKeys(shuffled)).toEqual(sortedKeys(versions));
        },
      ),
    );
  });
});
