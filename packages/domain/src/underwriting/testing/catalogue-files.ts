// Tests read the catalogue files the product ships; the domain's production code never does I/O.
// eslint-disable-next-line no-restricted-imports -- test support only: reads committed catalogue files
import { existsSync, readFileSync } from 'node:fs';

const REPOSITORY_ROOT = new URL('../../../../../', import.meta.url);

export const REAL_PRODUCT_PATH = 'catalogue/products/cyber-sme/2026.1.json';
export const REAL_RATE_PLAN_PATH = 'catalogue/rate-plans/cyber-sme-rates/2026.11.json';

export function repositoryFileExists(relativePath: string): boolean {
  return existsSync(new URL(relativePath, REPOSITORY_ROOT));
}

/** A JSON file of the repository, parsed afresh on each call (callers may mutate the result). */
export function readRepositoryJson(relativePath: string): unknown {
  return JSON.parse(readFileSync(new URL(relativePath, REPOSITORY_ROOT), 'utf8')) as unknown;
}

/** The real product file as a mutable JSON object, to build invalid variants from. */
export function realProductJson(): Record<string, unknown> {
  return readRepositoryJson(REAL_PRODUCT_PATH) as Record<string, unknown>;
}
