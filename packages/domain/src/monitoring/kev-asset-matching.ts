import type { InventoryComponent, KevEntry } from './advisory.js';
import { buildKevAssetIndex, kevEntriesForAsset } from './feeds/index.js';

/**
 * Plain assets (software without a purl) against CISA KEV by normalised vendor and product name. KEV lists
 * no affected versions, so a match says "this product has a known-exploited vulnerability": triage decides
 * whether the installed version is affected.
 */
export function kevMatchesForAssets(
  entries: readonly KevEntry[],
  assets: readonly InventoryComponent[],
): { readonly component: InventoryComponent; readonly entry: KevEntry }[] {
  const index = buildKevAssetIndex(entries);
  return assets.flatMap((component) =>
    kevEntriesForAsset(index, component.vendor ?? '', component.product ?? '').map((entry) => ({
      component,
      entry,
    })),
  );
}
