import { describe, expect, it } from 'vitest';
import { PYPI_VERSION_ORDERING } from './pypi-version-ordering.js';
import { chainSteps, expectStep } from './testing/version-chains.js';

describe('PyPI version ordering (PEP 440)', () => {
  // PEP 440, "Summary of permitted suffixes and relative ordering", with a local version added.
  // prettier-ignore
  const specificationChain = [
    '1.0.dev0', '<', '1.0a1.dev0', '<', '1.0a1', '<', '1.0a1.post1', '<', '1.0b1', '<', '1.0rc1', '<', '1.0',
    '<', '1.0+local', '<', '1.0.post1.dev0', '<', '1.0.post1', '<', '1.1',
  ];
  // prettier-ignore
  const epochChain = ['2.0a1', '<', '2.0', '<', '2.0.post1', '<', '1!0.1', '<', '1!1.0', '<', '2!0.0.1'];
  // Alternate spellings from the "Normalization" section, each equal to its normal form.
  // prettier-ignore
  const spellingChain = [
    '1.0a0', '=', '1.0a', '=', '1.0alpha', '=', '1.0-a', '=', '1.0_ALPHA_0', '=', '1.0.a.0', '<',
    '1.0b2', '=', '1.0beta2', '=', '1.0-b-2', '<', '1.0rc1', '=', '1.0c1', '=', '1.0pre1', '=', '1.0preview1',
    '=', '1.0-RC-1', '<', '1.0', '=', '1.0.0', '=', '1', '=', 'v1.0', '=', ' 1.0\n', '=', '0!1.0', '=', '01.00',
    '<', '1.0.post0', '=', '1.0.post', '=', '1.0-post', '=', '1.0_rev0', '<', '1.0-1', '=', '1.0.post1', '=',
    '1.0r1', '=', '1.0rev1', '=', '1.0.POST.1', '<', '1.0.1',
  ];
  // prettier-ignore
  const devChain = [
    '1.0.dev', '=', '1.0.dev0', '=', '1.0-dev0', '=', '1.0dev', '<', '1.0.dev1', '<', '1.0.dev10',
    '<', '1.0a1.dev1', '<', '1.0a1', '<', '1.0a1-1', '<', '1.0a2.dev0',
  ];
  // PEP 440 "Local version identifiers": segments compare one by one, numbers above letters, and a
  // label that extends another sorts above it.
  // prettier-ignore
  const localChain = [
    '1.0', '<', '1.0+abc', '=', '1.0+ABC', '<', '1.0+abc.1', '<', '1.0+abc.5', '<', '1.0+abd', '<',
    '1.0+ubuntu.1', '=', '1.0+ubuntu-1', '=', '1.0+ubuntu_1', '<', '1.0+ubuntu.2', '<', '1.0+ubuntu.10',
    '<', '1.0+1', '=', '1.0+01', '<', '1.0+2', '<', '1.0+2.a', '<', '1.0+2.0',
  ];
  // prettier-ignore
  const releaseChain = [
    '0.9', '<', '0.9.1', '<', '0.10', '<', '1.0.0.0.1', '<', '1.1', '<', '1.10', '<', '2013.10',
    '<', '20191109021931.1', '<', '20191109021931.2',
  ];

  it.each([
    ...chainSteps(specificationChain),
    ...chainSteps(epochChain),
    ...chainSteps(spellingChain),
    ...chainSteps(devChain),
    ...chainSteps(localChain),
    ...chainSteps(releaseChain),
  ])('orders %j %s %j', (left, relation, right) => {
    expectStep(PYPI_VERSION_ORDERING, left, relation, right);
  });

  it.each([
    '',
    'a3',
    '0.5m1',
    '1.0beta6.1',
    '1.0+',
    '1.0+a..b',
    '1.0.post1.post2',
    '1.0-',
    '1.0 1',
    '1!',
    'vv1.0',
    '1.0.dev.dev',
    'latest',
  ])('rejects %j, which is not a PEP 440 version', (text) => {
    expect(PYPI_VERSION_ORDERING.parse(text)).toBeUndefined();
  });

  it('names the invalid text when asked to compare it', () => {
    expect(() => PYPI_VERSION_ORDERING.compare('0.5m1', '1.0')).toThrow(/"0\.5m1" is not a valid PyPI/);
  });
});
