import { describe, expect, it } from 'vitest';

import { readAssetListCsv, readAssetListJson } from './asset-list.js';
import { InventoryRejectedError } from './inventory-rejected-error.js';

function rejectionOf(read: () => unknown): InventoryRejectedError {
  try {
    read();
  } catch (error) {
    if (error instanceof InventoryRejectedError) return error;
    throw error;
  }
  throw new Error('the asset list was accepted');
}

describe('readAssetListCsv', () => {
  it('reads assets with normalised keys, quoted fields and an empty version', () => {
    const csv = [
      'vendor,product,version',
      'Microsoft Corporation,Microsoft Exchange Server,15.2.1118',
      '"Cisco Systems, Inc.","IOS XE Web UI",17.9.3',
      'Fortinet,FortiOS,',
      '"Acme ""Labs""",Widget,1',
    ].join('\n');
    expect(readAssetListCsv(csv)).toEqual([
      {
        componentKey: 'asset:microsoft/exchange-server',
        name: 'Microsoft Exchange Server',
        version: '15.2.1118',
        purl: undefined,
        ecosystem: undefined,
        packageName: undefined,
        vendor: 'Microsoft Corporation',
        product: 'Microsoft Exchange Server',
        bomRef: undefined,
      },
      expect.objectContaining({
        componentKey: 'asset:cisco/ios-xe-web-ui',
        vendor: 'Cisco Systems, Inc.',
        version: '17.9.3',
      }),
      expect.objectContaining({ componentKey: 'asset:fortinet/fortios', version: undefined }),
      expect.objectContaining({ componentKey: 'asset:acme-labs/widget', vendor: 'Acme "Labs"' }),
    ]);
  });

  it('finds the columns by name in any order and case, ignores other columns, blank lines, CRLF and a BOM', () => {
    const csv =
      '\ufeffProduct,Notes,VERSION,Vendor\r\n\r\nExchange Server,"mail, on premises",2019,Microsoft\r\n';
    expect(readAssetListCsv(csv)).toEqual([
      expect.objectContaining({ componentKey: 'asset:microsoft/exchange-server', version: '2019' }),
    ]);
  });

  it('reads a quoted field that spans lines and counts lines after it correctly', () => {
    const csv = 'vendor,product,version\n"Acme\nInc.",Widget,1\nAcme,,2\n';
    expect(rejectionOf(() => readAssetListCsv(csv)).message).toBe(
      "asset list rejected: line 4: product '' has no letters or digits",
    );
  });

  it.each([
    [
      'a header without the product column',
      'vendor,name,version\nMicrosoft,Windows,11\n',
      'line 1: the header must name the columns vendor, product and version; missing product',
    ],
    [
      'a row with too few fields',
      'vendor,product,version\nMicrosoft,Windows\n',
      'line 2: expected 3 fields as in the header, found 2',
    ],
    [
      'an empty vendor',
      'vendor,product,version\n\n ,Windows,11\n',
      "line 3: vendor '' has no letters or digits",
    ],
    [
      'a vendor of punctuation only',
      'vendor,product,version\n---,Windows,11\n',
      "line 2: vendor '---' has no letters or digits",
    ],
    [
      'an unclosed quote',
      'vendor,product,version\n"Microsoft,Windows,11\n',
      'line 2: a quoted field is not closed',
    ],
    [
      'text after a closing quote',
      'vendor,product,version\n"Micro"soft,Windows,11\n',
      'line 2: text after a closing quote',
    ],
    [
      'a stray quote',
      'vendor,product,version\nMicro"soft,Windows,11\n',
      'line 2: a quote inside an unquoted field',
    ],
    ['no header at all', '\n\n', 'no header line (vendor,product,version)'],
  ])('rejects %s, naming the line', (_, csv, message) => {
    expect(rejectionOf(() => readAssetListCsv(csv)).message).toContain(`asset list rejected: ${message}`);
  });
});

describe('readAssetListJson', () => {
  it('reads the JSON array form', () => {
    expect(
      readAssetListJson([
        { vendor: 'Microsoft', product: 'Exchange Server', version: '2019' },
        { vendor: 'Apache Software Foundation', product: 'Apache Tomcat', version: null, site: 'Shanghai' },
        { vendor: 'Ivanti', product: 'Connect Secure' },
      ]),
    ).toEqual([
      expect.objectContaining({ componentKey: 'asset:microsoft/exchange-server', version: '2019' }),
      expect.objectContaining({
        componentKey: 'asset:apache/tomcat',
        version: undefined,
        product: 'Apache Tomcat',
      }),
      expect.objectContaining({ componentKey: 'asset:ivanti/connect-secure', version: undefined }),
    ]);
  });

  it.each([
    [
      'not an array',
      { vendor: 'Microsoft' },
      'asset list rejected: expected a JSON array of { vendor, product, version }',
    ],
    [
      'a missing product',
      [{ vendor: 'Microsoft', product: 'Windows' }, { vendor: 'Microsoft' }],
      'asset list rejected: [1].product: ',
    ],
    [
      'a number as version',
      [{ vendor: 'Microsoft', product: 'Windows', version: 11 }],
      'asset list rejected: [0].version: ',
    ],
    ['an entry that is not an object', ['Microsoft Windows'], 'asset list rejected: [0]: '],
  ])('rejects %s, naming the entry', (_, json, message) => {
    expect(rejectionOf(() => readAssetListJson(json)).message).toContain(message);
  });
});
