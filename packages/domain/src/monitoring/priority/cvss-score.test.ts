import { describe, expect, it } from 'vitest';

import { advisoryBaseScore, cvssBaseScore, cvssVersionOf, CvssVectorError } from './cvss-score.js';

describe('cvssBaseScore', () => {
  it.each([
    // CVSS v3.1 specification, the common "network, no privileges, full impact" vector.
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    // The same with a changed scope reaches the top of the scale.
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10.0],
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 8.8],
    ['CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H', 5.5],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0.0],
    // CVSS v3.0 (the Node.js WG's bassmaster advisory).
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N', 6.5],
    // CVSS v2: complete compromise over the network.
    ['AV:N/AC:L/Au:N/C:C/I:C/A:C', 10.0],
    ['AV:N/AC:M/Au:N/C:P/I:P/A:P', 6.8],
    // CVSS v4.0: the specification's example of a network vulnerability with high impact on the system
    // (CVSS-B 9.3, as FIRST's calculator gives), with low privileges (8.7), and the top of the scale.
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.3],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 8.7],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', 10.0],
  ])('scores %s as %d', (vector, score) => {
    expect(cvssBaseScore(vector)).toBe(score);
  });

  it('ignores temporal, threat and environmental metrics: the result is the base score', () => {
    expect(cvssBaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C')).toBe(9.8);
    expect(cvssBaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U')).toBe(9.3);
    expect(cvssBaseScore('AV:N/AC:L/Au:N/C:C/I:C/A:C/E:U/RL:OF/RC:C')).toBe(10.0);
  });

  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', 'base metric A missing'],
    ['CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'metric AV appears twice'],
    ['CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'base metric AV has value X (allowed: N, A, L, P)'],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:U/A:U', 'base metric I has value U (allowed: H, L, N)'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1', 'Unknown component ZZ when setting value 1'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:Q', 'Unknown component value Q for component E'],
    ['CVSS:2.0/AV:N/AC:L/Au:N/C:C/I:C/A:C', 'unknown CVSS version'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N', 'base metric SA missing'],
    ['AV:N/AC:L/Au:N/C:C/I:C', 'base metric A missing'],
    ['garbage', "'garbage' is not a METRIC:VALUE pair"],
    ['', "'' is not a METRIC:VALUE pair"],
  ])('refuses %s: %s', (vector, problem) => {
    expect(() => cvssBaseScore(vector)).toThrow(CvssVectorError);
    expect(() => cvssBaseScore(vector)).toThrow(problem);
  });

  it('names the version a vector declares', () => {
    expect(cvssVersionOf('CVSS:3.0/AV:N')).toBe('3.0');
    expect(cvssVersionOf('CVSS:3.1/AV:N')).toBe('3.1');
    expect(cvssVersionOf('CVSS:4.0/AV:N')).toBe('4.0');
    expect(cvssVersionOf('AV:N/AC:L')).toBe('2.0');
  });
});

describe('advisoryBaseScore', () => {
  it('takes the newest CVSS version, the highest score within it, and passes over vectors that do not read', () => {
    expect(
      advisoryBaseScore([
        { type: 'CVSS_V2', vector: 'AV:N/AC:L/Au:N/C:C/I:C/A:C' },
        { type: 'CVSS_V3', vector: 'CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H' },
        { type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H' },
        { type: 'CVSS_V4', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N' },
      ]),
    ).toBe(8.8);
  });

  it('is undefined when no vector reads', () => {
    expect(advisoryBaseScore([])).toBeUndefined();
    expect(advisoryBaseScore([{ type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N' }])).toBeUndefined();
  });
});
