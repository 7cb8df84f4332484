import { describe, expect, it } from 'vitest';
import { GO_VERSION_ORDERING } from './go-version-ordering.js';
import { chainSteps, expectStep } from './testing/version-chains.js';

describe('Go module version ordering', () => {
  const chain = [
    'v0.0.0-20191109021931-daa7c04131f5',
    '<',
    'v0.0.0-20200101000000-000000000000',
    '<',
    'v0.0.1',
    '<',
    'v1.2.3',
    '<',
    'v1.2.4-0.20191109021931-daa7c04131f5',
    '<',
    'v1.2.4-pre',
    '<',
    'v1.2.4-pre.0.20191109021931-daa7c04131f5',
    '<',
    'v1.2.4',
    '=',
    '1.2.4',
    '<',
    'v2.0.0+incompatible',
    '=',
    'v2.0.0',
    '=',
    'v2',
    '=',
    'v2.0',
    '<',
    'v2.1',
    '=',
    'v2.1.0',
    '<',
    'v2.1.1+incompatible',
  ];

  it.each(chainSteps(chain))('orders %s %s %s', (left, relation, right) => {
    expectStep(GO_VERSION_ORDERING, left, relation, right);
  });

  it('orders a pseudo-version before the release it precedes, as Go does', () => {
    expect(GO_VERSION_ORDERING.compare('v1.2.4-0.20191109021931-daa7c04131f5', 'v1.2.4')).toBeLessThan(0);
    expect(GO_VERSION_ORDERING.compare('v1.2.4-0.20191109021931-daa7c04131f5', 'v1.2.3')).toBeGreaterThan(0);
  });

  it.each(['', 'v', 'v1.2.3.4', 'v01.2.3', 'v1.2-pre', ' v1.2.3', 'vv1.2.3', 'master', 'V1.2.3'])(
    'rejects %j',
    (text) => {
      expect(GO_VERSION_ORDERING.parse(text)).toBeUndefined();
    },
  );
});
