import { describe, expect, it } from 'vitest';
import { catalogueJsonSchemas } from './catalogue-json-schemas.js';
import { REAL_PRODUCT_PATH, readRepositoryJson } from './testing/catalogue-files.js';

describe('catalogue JSON Schemas', () => {
  it.each(Object.entries(catalogueJsonSchemas()))(
    'catalogue/schemas/%s.schema.json matches the zod schema (run npm run catalogue:schemas when it does not)',
    (name, generated) => {
      const committed = readRepositoryJson(`catalogue/schemas/${name}.schema.json`);
      expect(committed).toEqual(JSON.parse(JSON.stringify(generated)));
    },
  );

  it('lets editors check the real files: each names its schema', () => {
    const product = readRepositoryJson(REAL_PRODUCT_PATH) as { $schema: string };
    expect(product.$schema).toBe('../../schemas/product.schema.json');
  });
});
