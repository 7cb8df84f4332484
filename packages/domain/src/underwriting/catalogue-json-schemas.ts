import { z } from 'zod';

import { ProductFileSchema } from './product.js';
import { RatePlanFileSchema } from './rate-plan.js';

/**
 * JSON Schemas of the catalogue files, generated from the zod schemas that validate them at load, so an
 * editor can check a product file as it is typed. `npm run catalogue:schemas` writes them to
 * catalogue/schemas; a test fails when the committed files are stale. Checks that a JSON Schema cannot
 * express (a default among its options, expense + profit below 0.9) are only made at load.
 */
export function catalogueJsonSchemas(): Record<'product' | 'rate-plan', unknown> {
  const generate = (schema: z.ZodType, title: string, description: string) => ({
    ...z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      unrepresentable: 'any',
      io: 'input',
      reused: 'ref',
    }),
    title,
    description,
  });
  return {
    product: generate(
      ProductFileSchema,
      'Carapace product file',
      'A product an insurer sells: coverage sections with limit and retention options, pricing loads, contingencies, referral and decline rules.',
    ),
    'rate-plan': generate(
      RatePlanFileSchema,
      'Carapace rate-plan file',
      'Parameters of the risk model, each with its basis (fitted, published, judgement), source and date.',
    ),
  };
}
