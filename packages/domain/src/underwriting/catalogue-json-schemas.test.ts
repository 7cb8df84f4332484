import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogueJsonSchemas } from './catalogue-json-schemas.js';

const SCHEMA_DIRECTORY = new URL('../../../../catalogue/schemas/', import.meta.url);

describe('catalogue JSON Schemas', () => {
  it.each(Object.entries(catalogueJsonSchemas()))(
    'catalogue/schemas/%s.schema.json matches the zod schema (run npm run catalogue:schemas when it does not)',
    (name, generated) => {
      const committed: unknown = JSON.parse(
        readFileSync(new URL(`${name}.schema.json`, SCHEMA_DIRECTORY), 'utf8'),
      );
      expect(committed).toEqual(JSON.parse(JSON.stringify(generated)));
    },
  );

  it('lets editors check the real files: each names its schema', () => {
    const product = JSON.parse(
      readFileSync(new URL('../products/cyber-sme/2026.1.json', SCHEMA_DIRECTORY), 'utf8'),
    ) as { $schema: string };
    expect(product.$schema).toBe('../../schemas/product.schema.json');
  });
});
