import { describe, expect, it } from 'vitest';
import { CRATES_VERSION_ORDERING } from './crates-version-ordering.js';
import { chainSteps, expectStep } from './testing/version-chains.js';

describe('crates.io version ordering (SemVer 2.0 as Cargo requires it)', () => {
  const chain = [
    '0.0.1',
    '<',
    '0.1.0-alpha.1',
    '<',
    '0.1.0',
    '<',
    '0.9.1',
    '<',
    '0.10.0',
    '<',
    '1.0.0-rc.1',
    '<',
    '1.0.0',
    '=',
    '1.0.0+openssl-1.1.1',
    '<',
    '111.25.0+1.1.1t',
    '<',
    '300.0.0-0',
    '<',
    '300.0.12+3.1.2',
  ];

  it.each(chainSteps(chain))('orders %s %s %s', (left, relation, right) => {
    expectStep(CRATES_VERSION_ORDERING, left, relation, right);
  });

  it.each(['v1.2.3', '=1.2.3', ' 1.2.3', '1.2.3 ', '1.2', '1', '01.2.3', '1.2.3-', ''])(
    'rejects %j: Cargo publishes full SemVer versions without prefix',
    (text) => {
      expect(CRATES_VERSION_ORDERING.parse(text)).toBeUndefined();
    },
  );
});
