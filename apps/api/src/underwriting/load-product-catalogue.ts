import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  CatalogueFileError,
  createProductCatalogue,
  parseProduct,
  parseRatePlan,
  type ProductCatalogue,
} from '@carapace/domain';

/**
 * Reads the product catalogue directory: `products/<product>/<version>.json` and
 * `rate-plans/<plan>/<version>.json`. Every file is validated; the first bad file stops start-up with a
 * message naming it and each problem, so a typo in a product never reaches a customer.
 */
async function listJsonFiles(directory: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true, recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

async function readJson(path: string, shownAs: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CatalogueFileError(shownAs, [`not valid JSON (${(error as Error).message})`]);
  }
}

export async function loadProductCatalogue(directory: string): Promise<ProductCatalogue> {
  const shown = (path: string): string => relative(process.cwd(), path) || path;
  const productFiles = await listJsonFiles(join(directory, 'products'));
  const ratePlanFiles = await listJsonFiles(join(directory, 'rate-plans'));
  if (productFiles.length === 0) {
    throw new CatalogueFileError(shown(directory), [
      'no product files under products/ (is the catalogue directory right?)',
    ]);
  }
  const ratePlans = await Promise.all(
    ratePlanFiles.map(async (path) => parseRatePlan(await readJson(path, shown(path)), shown(path))),
  );
  const products = await Promise.all(
    productFiles.map(async (path) => ({
      file: shown(path),
      product: parseProduct(await readJson(path, shown(path)), shown(path)),
    })),
  );
  return createProductCatalogue(products, ratePlans);
}
