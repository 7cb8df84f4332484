import type { UnitOfWork } from '../platform/unit-of-work.js';
import { DEMO_ORGANISATIONS } from './demo-organisations.js';

export type SeedDemoDataOutcome =
  | { readonly kind: 'loaded'; readonly organisationsAdded: number }
  | { readonly kind: 'already_loaded'; readonly loadedAt: string };

/**
 * Loads the demo data set once per database. The marker is written in the same transaction as the data,
 * so a crash half-way leaves neither, and a later run neither duplicates the data nor re-adds demo rows a
 * user has since removed.
 */
export async function seedDemoData(unitOfWork: UnitOfWork, now: Date): Promise<SeedDemoDataOutcome> {
  return unitOfWork.run(async (repositories) => {
    const wroteMarker = await repositories.platformSettings.setIfAbsent(
      'demo_data_loaded_at',
      now.toISOString(),
    );
    if (!wroteMarker) {
      const loadedAt = await repositories.platformSettings.get('demo_data_loaded_at');
      return { kind: 'already_loaded', loadedAt: String(loadedAt) };
    }
    let organisationsAdded = 0;
    for (const organisation of DEMO_ORGANISATIONS) {
      const result = await repositories.organisations.insert(organisation);
      // An organisation registered by hand before the demo load keeps its own row.
      if (result.kind === 'inserted') {
        organisationsAdded += 1;
      }
    }
    return { kind: 'loaded', organisationsAdded };
  });
}
