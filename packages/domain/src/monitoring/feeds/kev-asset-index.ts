import type { KevEntry } from '../advisory.js';
import { compareCveIds } from './cve-id.js';
import { productNameVariants, vendorNameVariants } from './vendor-product-names.js';

/**
 * KEV entries by normalised vendor and product (see vendor-product-names.ts), to find the known exploited
 * vulnerabilities of a plain asset that has no package URL: a firewall, a mail server, an operating system.
 * Names must be equal after normalisation; there is no fuzzy matching, so "Exchange" and "Exchange Server"
 * stay different products, as CISA lists them. Entries for "Multiple Products" match only an asset
 * named that way.
 */
export interface KevAssetIndex {
  readonly entriesByName: ReadonlyMap<string, readonly KevEntry[]>;
}

function nameKey(vendor: string, product: string): string {
  return `${vendor}\u0000${product}`;
}

/** Builds the index over every entry, under every reading of its vendor and product names. */
export function buildKevAssetIndex(entries: readonly KevEntry[]): KevAssetIndex {
  const entriesByName = new Map<string, KevEntry[]>();
  for (const entry of entries) {
    const products = productNameVariants(entry.product, entry.vendorProject);
    for (const vendor of vendorNameVariants(entry.vendorProject)) {
      for (const product of products) {
        const key = nameKey(vendor, product);
        const list = entriesByName.get(key);
        if (list === undefined) entriesByName.set(key, [entry]);
        else if (!list.includes(entry)) list.push(entry);
      }
    }
  }
  return { entriesByName };
}

/** The KEV entries for an asset's vendor and product, in CVE order, each once. */
export function kevEntriesForAsset(
  index: KevAssetIndex,
  vendor: string,
  product: string,
): readonly KevEntry[] {
  const found = new Set<KevEntry>();
  const products = productNameVariants(product, vendor);
  for (const vendorVariant of vendorNameVariants(vendor)) {
    for (const productVariant of products) {
      for (const entry of index.entriesByName.get(nameKey(vendorVariant, productVariant)) ?? [])
        found.add(entry);
    }
  }
  return [...found].sort((left, right) => compareCveIds(left.cveId, right.cveId));
}
