import { z } from 'zod';

import type { InventoryComponent } from '../advisory.js';
import {
  assetComponentKey,
  normaliseProductName,
  normaliseVendorName,
} from '../feeds/vendor-product-names.js';
import { InventoryRejectedError } from './inventory-rejected-error.js';

/**
 * A plain asset list: the products an insured runs that have no package URL (firewalls, mail servers,
 * operating systems), matched against KEV by vendor and product name. Two forms:
 *
 * - CSV (RFC 4180, https://www.rfc-editor.org/rfc/rfc4180): a header naming the columns `vendor`,
 *   `product` and `version` (any order, any case; other columns are ignored), then one asset per line.
 *   Fields may be quoted (`"Cisco Systems, Inc."`, with `""` for a quote). Blank lines are ignored.
 * - JSON: an array of `{ "vendor": …, "product": …, "version": … }`; `version` may be missing or null.
 *
 * Each asset's key is `asset:<normalised vendor>/<normalised product>` (vendor-product-names.ts), so the
 * same product written two ways ("Microsoft Corporation" / "Microsoft Exchange Server" and "Microsoft" /
 * "Exchange Server") has one key.
 */

const REQUIRED_COLUMNS = ['vendor', 'product', 'version'] as const;

function assetComponent(vendor: string, product: string, version: string | undefined): InventoryComponent {
  return {
    componentKey: assetComponentKey(vendor, product),
    name: product,
    version,
    purl: undefined,
    ecosystem: undefined,
    packageName: undefined,
    vendor,
    product,
    bomRef: undefined,
  };
}

function checkNames(vendor: string, product: string, where: string): void {
  if (normaliseVendorName(vendor).length === 0) {
    throw new InventoryRejectedError('asset_list', where, `vendor '${vendor}' has no letters or digits`);
  }
  if (normaliseProductName(product, vendor).length === 0) {
    throw new InventoryRejectedError('asset_list', where, `product '${product}' has no letters or digits`);
  }
}

/** One CSV record's fields, and where the next record starts. Quoted fields may span lines. */
function readCsvRecord(
  text: string,
  start: number,
  line: number,
): { fields: string[]; next: number; lines: number } {
  const fields: string[] = [];
  let index = start;
  let lines = 1;
  for (;;) {
    let field = '';
    if (text[index] === '"') {
      index += 1;
      for (;;) {
        const quote = text.indexOf('"', index);
        if (quote < 0) {
          throw new InventoryRejectedError(
            'asset_list',
            `line ${String(line)}`,
            'a quoted field is not closed',
          );
        }
        const piece = text.slice(index, quote);
        lines += piece.split('\n').length - 1;
        field += piece;
        if (text[quote + 1] === '"') {
          field += '"';
          index = quote + 2;
        } else {
          index = quote + 1;
          break;
        }
      }
      const after = text[index];
      if (after !== undefined && after !== ',' && after !== '\n' && after !== '\r') {
        throw new InventoryRejectedError(
          'asset_list',
          `line ${String(line)}`,
          'text after a closing quote (write "" for a quote inside a quoted field)',
        );
      }
    } else {
      let end = index;
      while (end < text.length && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') end += 1;
      field = text.slice(index, end);
      if (field.includes('"')) {
        throw new InventoryRejectedError(
          'asset_list',
          `line ${String(line)}`,
          'a quote inside an unquoted field (quote the whole field)',
        );
      }
      index = end;
    }
    fields.push(field);
    if (text[index] === ',') {
      index += 1;
      continue;
    }
    if (text[index] === '\r') index += 1;
    if (text[index] === '\n') index += 1;
    return { fields, next: index, lines };
  }
}

/**
 * Reads the CSV form of an asset list.
 * @throws InventoryRejectedError naming the line: a missing header column, a row with the wrong number
 * of fields, an empty vendor or product, or broken quoting.
 */
export function readAssetListCsv(text: string): InventoryComponent[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const assets: InventoryComponent[] = [];
  let columns: { vendor: number; product: number; version: number; count: number } | undefined;
  let index = 0;
  let line = 1;
  while (index < source.length) {
    const record = readCsvRecord(source, index, line);
    const recordLine = line;
    index = record.next;
    line += record.lines;
    const where = `line ${String(recordLine)}`;
    if (record.fields.every((field) => field.trim().length === 0)) continue;
    if (columns === undefined) {
      const names = record.fields.map((field) => field.trim().toLowerCase());
      const missing = REQUIRED_COLUMNS.filter((name) => !names.includes(name));
      if (missing.length > 0) {
        throw new InventoryRejectedError(
          'asset_list',
          where,
          `the header must name the columns vendor, product and version; missing ${missing.join(', ')}`,
        );
      }
      columns = {
        vendor: names.indexOf('vendor'),
        product: names.indexOf('product'),
        version: names.indexOf('version'),
        count: names.length,
      };
      continue;
    }
    if (record.fields.length !== columns.count) {
      throw new InventoryRejectedError(
        'asset_list',
        where,
        `expected ${String(columns.count)} fields as in the header, found ${String(record.fields.length)}`,
      );
    }
    const vendor = (record.fields[columns.vendor] ?? '').trim();
    const product = (record.fields[columns.product] ?? '').trim();
    const version = (record.fields[columns.version] ?? '').trim();
    checkNames(vendor, product, where);
    assets.push(assetComponent(vendor, product, version.length === 0 ? undefined : version));
  }
  if (columns === undefined) {
    throw new InventoryRejectedError('asset_list', undefined, 'no header line (vendor,product,version)');
  }
  return assets;
}

const assetJson = z.looseObject({
  vendor: z.string().trim().min(1),
  product: z.string().trim().min(1),
  version: z.string().trim().nullish(),
});

/**
 * Reads the JSON form of an asset list (already parsed).
 * @throws InventoryRejectedError naming the entry (`[3].product`) that is missing or not text.
 */
export function readAssetListJson(json: unknown): InventoryComponent[] {
  if (!Array.isArray(json)) {
    throw new InventoryRejectedError(
      'asset_list',
      undefined,
      'expected a JSON array of { vendor, product, version }',
    );
  }
  return json.map((entry: unknown, index) => {
    const parsed = assetJson.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path[0];
      throw new InventoryRejectedError(
        'asset_list',
        `[${String(index)}]${field === undefined ? '' : `.${String(field)}`}`,
        issue?.message ?? 'not an asset',
      );
    }
    const { vendor, product, version } = parsed.data;
    checkNames(vendor, product, `[${String(index)}]`);
    return assetComponent(
      vendor,
      product,
      version === null || version === undefined || version.length === 0 ? undefined : version,
    );
  });
}
