import { describe, expect, it } from 'vitest';

import {
  assetComponentKey,
  normaliseNameText,
  normaliseProductName,
  normaliseVendorName,
  productNameVariants,
  vendorNameVariants,
} from './vendor-product-names.js';

describe('normaliseNameText', () => {
  it.each([
    ['  Microsoft   Windows ', 'microsoft windows'],
    ['D-Link', 'd link'],
    ['Spreadsheet::ParseExcel', 'spreadsheet parseexcel'],
    ["Airflow's Experimental API", 'airflows experimental api'],
    ['Airflow’s Experimental API', 'airflows experimental api'],
    ['.NET Core and Visual Studio', 'net core and visual studio'],
    ['Notepad++', 'notepad++'],
    // NFKC folds compatibility forms: full-width letters and the "ﬁ" ligature.
    ['ＭＩＣＲＯＳＯＦＴ', 'microsoft'],
    ['Conﬁg Server', 'config server'],
    // Case folding maps ß to ss, as Unicode full case folding does.
    ['Straße GmbH', 'strasse gmbh'],
    ['华为技术有限公司', '华为技术有限公司'],
  ])('%s → %s', (text, normalised) => {
    expect(normaliseNameText(text)).toBe(normalised);
  });
});

describe('normaliseVendorName', () => {
  it.each([
    // Vendor names as KEV writes them, and as an insured might.
    ['Microsoft', 'microsoft'],
    ['Microsoft Corporation', 'microsoft'],
    ['Microsoft Corp.', 'microsoft'],
    ['Apache', 'apache'],
    ['Apache Software Foundation', 'apache'],
    ['The Apache Software Foundation', 'apache'],
    ['Cisco Systems, Inc.', 'cisco'],
    ['QNAP Systems', 'qnap'],
    ['PHP Group', 'php'],
    ['Array Networks ', 'array networks'],
    ['SAP SE', 'sap se'],
    ['Siemens AG', 'siemens'],
    ['Zoho Corp. Pvt. Ltd.', 'zoho'],
    ['Huawei Technologies Co., Ltd.', 'huawei technologies'],
    ['Trend Micro Incorporated', 'trend micro'],
    ['Telefónica S.A.', 'telefónica'],
    ['ASML Holding N.V.', 'asml holding'],
    // Never down to nothing.
    ['Group', 'group'],
    ['The', 'the'],
    ['Systems Inc.', 'systems'],
  ])('%s → %s', (vendor, normalised) => {
    expect(normaliseVendorName(vendor)).toBe(normalised);
  });

  it('reads a parenthesised abbreviation as another name for the vendor', () => {
    expect(vendorNameVariants('Hewlett Packard (HP)')).toEqual([
      'hewlett packard hp',
      'hewlett packard',
      'hp',
    ]);
    expect(vendorNameVariants('DotNetNuke (DNN)')).toEqual(['dotnetnuke dnn', 'dotnetnuke', 'dnn']);
    expect(vendorNameVariants('Microsoft Corporation')).toEqual(['microsoft']);
  });
});

describe('normaliseProductName', () => {
  it.each([
    ['Exchange Server', 'Microsoft', 'exchange server'],
    ['Microsoft Exchange Server', 'Microsoft', 'exchange server'],
    ['Microsoft Exchange Server', 'Microsoft Corporation', 'exchange server'],
    ['Microsoft Windows Server', 'Microsoft', 'windows server'],
    ['Windows ', 'Microsoft', 'windows'],
    ['Cisco IOS XE Web UI', 'Cisco', 'ios xe web ui'],
    ['IOS XE Web UI', 'Cisco Systems, Inc.', 'ios xe web ui'],
    ['QNAP Network-Attached Storage (NAS)', 'QNAP', 'network attached storage nas'],
    ['Network Attached Storage (NAS)', 'QNAP', 'network attached storage nas'],
    ['VMware ESXi and Horizon DaaS', 'VMware', 'esxi and horizon daas'],
    ['Apache Struts', 'Apache Software Foundation', 'struts'],
    ['Roundcube Webmail', 'Roundcube', 'webmail'],
    ['Android Kernel', 'Android', 'kernel'],
    // A product named like its vendor keeps its name.
    ['Apache', 'Apache', 'apache'],
    ['PHP', 'PHP Group', 'php'],
    ['Git', 'Git', 'git'],
  ])('%s by %s → %s', (product, vendor, normalised) => {
    expect(normaliseProductName(product, vendor)).toBe(normalised);
  });

  it('reads a parenthesised abbreviation as another name for the product', () => {
    expect(productNameVariants('Internet Information Services (IIS)', 'Microsoft')).toEqual([
      'internet information services iis',
      'internet information services',
      'iis',
    ]);
  });
});

describe('assetComponentKey', () => {
  it('gives one key to the same product written two ways', () => {
    expect(assetComponentKey('Microsoft Corporation', 'Microsoft Exchange Server')).toBe(
      'asset:microsoft/exchange-server',
    );
    expect(assetComponentKey('Microsoft', 'Exchange Server')).toBe('asset:microsoft/exchange-server');
  });
});
