// Writes catalogue/schemas/*.schema.json from the zod schemas in @carapace/domain (see catalogue-json-schemas.ts).
import { writeFile } from 'node:fs/promises';
import { catalogueJsonSchemas } from '@carapace/domain';

for (const [name, schema] of Object.entries(catalogueJsonSchemas())) {
  const path = new URL(`../../catalogue/schemas/${name}.schema.json`, import.meta.url);
  await writeFile(path, `${JSON.stringify(schema, null, 2)}\n`);
  process.stdout.write(`wrote catalogue/schemas/${name}.schema.json\n`);
}
