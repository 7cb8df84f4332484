import type { Ecosystem, InventoryComponent } from './advisory.js';
import type { StoredAdvisory } from './feed-repository.js';
import { compileAffectedPackage, parseCandidate, type AffectedVersionPredicate } from './versions/index.js';

/**
 * How advisories and inventories spell the same package. PyPI names compare after PEP 503 normalisation;
 * crates.io treats `-` and `_` alike; every ecosystem's registry is case-insensitive in practice for the
 * names we see, so case is folded.
 */
export function packageKey(ecosystem: Ecosystem, name: string): string {
  const folded = name.trim().toLowerCase();
  switch (ecosystem) {
    case 'PyPI':
      return `PyPI:${folded.replace(/[-_.]+/g, '-')}`;
    case 'crates.io':
      return `crates.io:${folded.replace(/_/g, '-')}`;
    case 'npm':
    case 'Maven':
    case 'Go':
      return `${ecosystem}:${folded}`;
  }
}

interface IndexedPackage {
  readonly advisory: StoredAdvisory;
  readonly isAffected: AffectedVersionPredicate;
}

export interface AdvisoryMatch {
  readonly component: InventoryComponent;
  readonly advisory: StoredAdvisory;
}

export interface MatchOutcome {
  readonly matches: readonly AdvisoryMatch[];
  /** Components with an ecosystem and a package name (the ones that could match). */
  readonly componentsCompared: number;
  /** Components whose version the ecosystem's ordering could not read: never silently "not affected". */
  readonly versionsUnreadable: readonly InventoryComponent[];
}

/**
 * Every active advisory, indexed by package, with its version ranges compiled once. Matching a component is
 * a map lookup and a few compiled range checks, so a 10,000-component inventory is matched in memory.
 */
export class AdvisoryIndex {
  private readonly byPackage = new Map<string, IndexedPackage[]>();

  constructor(
    advisories: readonly StoredAdvisory[],
    /** Which feed state the index was built from (the store's advisories version). */
    readonly version: string,
  ) {
    for (const advisory of advisories) {
      if (advisory.withdrawn !== undefined) continue;
      for (const affected of advisory.affected) {
        const key = packageKey(affected.ecosystem, affected.name);
        const entries = this.byPackage.get(key) ?? [];
        entries.push({ advisory, isAffected: compileAffectedPackage(affected) });
        this.byPackage.set(key, entries);
      }
    }
  }

  get packageCount(): number {
    return this.byPackage.size;
  }

  match(components: readonly InventoryComponent[]): MatchOutcome {
    const matches: AdvisoryMatch[] = [];
    const versionsUnreadable: InventoryComponent[] = [];
    let componentsCompared = 0;
    for (const component of components) {
      if (component.ecosystem === undefined || component.packageName === undefined) continue;
      componentsCompared += 1;
      const candidates = this.byPackage.get(packageKey(component.ecosystem, component.packageName));
      if (candidates === undefined) continue;
      // Parsed once per component, not once per advisory range.
      const version =
        component.version === undefined ? undefined : parseCandidate(component.ecosystem, component.version);
      if (version === undefined) {
        versionsUnreadable.push(component);
        continue;
      }
      const seen = new Set<string>();
      for (const candidate of candidates) {
        if (seen.has(candidate.advisory.id)) continue;
        if (candidate.isAffected(version)) {
          seen.add(candidate.advisory.id);
          matches.push({ component, advisory: candidate.advisory });
        }
      }
    }
    return { matches, componentsCompared, versionsUnreadable };
  }
}
