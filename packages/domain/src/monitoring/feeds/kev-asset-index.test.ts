import { describe, expect, it } from 'vitest';

import { compareCveIds } from './cve-id.js';
import { buildKevAssetIndex, kevEntriesForAsset } from './kev-asset-index.js';
import { readKevCatalogue } from './kev-catalogue.js';
import { readSharedJson } from './testing/shared-data.js';

const kev = readKevCatalogue(readSharedJson('kev/known_exploited_vulnerabilities.json'));
const index = buildKevAssetIndex(kev.entries);

/** The CVEs CISA lists under exactly these vendor and product strings (after trimming). */
function listedAs(...names: readonly (readonly [string, string])[]): string[] {
  return kev.entries
    .filter((entry) =>
      names.some(([vendor, product]) => entry.vendorProject === vendor && entry.product === product),
    )
    .map((entry) => entry.cveId)
    .sort();
}

function cvesFor(vendor: string, product: string): string[] {
  return kevEntriesForAsset(index, vendor, product)
    .map((entry) => entry.cveId)
    .sort();
}

describe('kevEntriesForAsset on the real KEV catalogue', () => {
  it.each([
    // An asset list's names → KEV's names they must meet.
    ['Microsoft Corporation', 'Microsoft Exchange Server', [['Microsoft', 'Exchange Server']], 16],
    ['Microsoft', 'Exchange Server', [['Microsoft', 'Exchange Server']], 16],
    ['Microsoft', 'Exchange', [['Microsoft', 'Exchange']], 1],
    // KEV writes "Windows" 150 times and "Windows " (trailing space) twice; the reader trims both.
    ['Microsoft Corp.', 'Microsoft Windows', [['Microsoft', 'Windows']], 152],
    ['Apache Software Foundation', 'Apache Struts', [['Apache', 'Struts']], 5],
    ['The Apache Software Foundation', 'Log4j2', [['Apache', 'Log4j2']], 2],
    ['Apache', 'Apache', [['Apache', 'Apache']], 1],
    [
      'Cisco Systems, Inc.',
      'IOS XE Web UI',
      [
        ['Cisco', 'IOS XE Web UI'],
        ['Cisco', 'Cisco IOS XE Web UI'],
      ],
      2,
    ],
    [
      'QNAP Systems, Inc.',
      'NAS',
      [
        ['QNAP', 'Network Attached Storage (NAS)'],
        ['QNAP', 'QNAP Network-Attached Storage (NAS)'],
      ],
      5,
    ],
    [
      'PHP',
      'PHP',
      [
        ['PHP', 'PHP'],
        ['PHP Group', 'PHP'],
      ],
      2,
    ],
    ['HP', 'OpenView Network Node Manager', [['Hewlett Packard (HP)', 'OpenView Network Node Manager']], 1],
    ['Microsoft', 'IIS', [['Microsoft', 'Internet Information Services (IIS)']], 1],
    [
      'Drupal',
      'Drupal Core',
      [
        ['Drupal', 'Core'],
        ['Drupal', 'Drupal core'],
        ['Drupal', 'Drupal Core'],
      ],
      4,
    ],
    [
      'Roundcube',
      'Webmail',
      [
        ['Roundcube', 'Webmail'],
        ['Roundcube', 'Roundcube Webmail'],
      ],
      9,
    ],
  ] as const)('%s / %s meets KEV %j (%d entries)', (vendor, product, kevNames, count) => {
    const expected = listedAs(...kevNames);
    expect(expected).toHaveLength(count);
    expect(cvesFor(vendor, product)).toEqual(expected);
  });

  it('finds nothing for a product KEV does not list, or a vendor it does not know', () => {
    expect(cvesFor('Microsoft', 'Minesweeper')).toEqual([]);
    expect(cvesFor('Contoso Ltd.', 'Exchange Server')).toEqual([]);
  });

  it('returns each entry once, in CVE order', () => {
    const entries = kevEntriesForAsset(index, 'Microsoft', 'Windows');
    const ids = entries.map((entry) => entry.cveId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort(compareCveIds));
    expect([...ids].sort()).toEqual(listedAs(['Microsoft', 'Windows']));
  });
});
