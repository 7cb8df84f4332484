import { NotFoundError } from '../shared/domain-error.js';
import { CatalogueFileError, type Product } from './product.js';
import type { RatePlan } from './rate-plan.js';

/**
 * Every product version on offer with the rate plan each one prices with. Old versions stay: a quote made on
 * version 2026.1 is re-read with 2026.1 even after 2026.2 is published.
 */
export interface ProductCatalogue {
  /** The given version, or the latest version of the product when none is given. */
  product(id: string, version?: string): Product;
  ratePlanFor(product: Product): RatePlan;
  /** The latest version of every product. */
  latestProducts(): readonly Product[];
}

function compareVersions(left: string, right: string): number {
  const [leftYear = 0, leftNumber = 0] = left.split('.').map(Number);
  const [rightYear = 0, rightNumber = 0] = right.split('.').map(Number);
  return leftYear - rightYear || leftNumber - rightNumber;
}

/** Builds the catalogue from parsed files, refusing a product whose rate plan is missing or does not fit. */
export function createProductCatalogue(
  products: readonly { readonly file: string; readonly product: Product }[],
  ratePlans: readonly RatePlan[],
): ProductCatalogue {
  const ratePlanKey = (id: string, version: string): string => `${id}@${version}`;
  const plans = new Map(ratePlans.map((plan) => [ratePlanKey(plan.id, plan.version), plan]));
  const byId = new Map<string, Product[]>();
  for (const { file, product } of products) {
    const plan = plans.get(ratePlanKey(product.ratePlan.id, product.ratePlan.version));
    if (plan === undefined) {
      throw new CatalogueFileError(file, [
        `ratePlan: no rate plan ${product.ratePlan.id} version ${product.ratePlan.version} in the catalogue`,
      ]);
    }
    if (plan.currency !== product.currency) {
      throw new CatalogueFileError(file, [
        `currency: the product is in ${product.currency} but its rate plan is in ${plan.currency}`,
      ]);
    }
    const versions = byId.get(product.id) ?? [];
    if (versions.some((existing) => existing.version === product.version)) {
      throw new CatalogueFileError(file, [`version: ${product.id} ${product.version} is defined twice`]);
    }
    versions.push(product);
    versions.sort((left, right) => compareVersions(left.version, right.version));
    byId.set(product.id, versions);
  }
  return {
    product(id, version) {
      const versions = byId.get(id) ?? [];
      const found = version === undefined ? versions.at(-1) : versions.find((p) => p.version === version);
      if (found === undefined) {
        throw new NotFoundError(
          'product_not_found',
          version === undefined ? `no product '${id}'` : `no product '${id}' version ${version}`,
        );
      }
      return found;
    },
    ratePlanFor(product) {
      const plan = plans.get(ratePlanKey(product.ratePlan.id, product.ratePlan.version));
      if (plan === undefined) throw new Error(`rate plan of ${product.id} ${product.version} vanished`);
      return plan;
    },
    latestProducts() {
      return [...byId.values()].map((versions) => versions.at(-1)).filter((p) => p !== undefined);
    },
  };
}
