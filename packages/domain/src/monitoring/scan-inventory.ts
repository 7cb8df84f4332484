import type { UnitOfWork } from '../platform/unit-of-work.js';
import type { InventoryComponent } from './advisory.js';
import type { FindingEvidence } from './finding.js';
import { kevMatchesForAssets } from './kev-asset-matching.js';
import type { MonitoringServices } from './monitoring-services.js';
import { cveIdsOf, evidenceFor, groupMatches } from './observed-vulnerability.js';

/** What an inventory would show against today's feeds, nothing of it stored. */
export interface InventoryScan {
  readonly componentsCompared: number;
  /** Components whose version could not be compared (reported, never silently "not affected"). */
  readonly versionsUnreadable: number;
  /** Counted as a monitored insured's risk snapshot counts its open findings: critical band, and on KEV. */
  readonly critical: number;
  readonly knownExploited: number;
  /** Every vulnerability found, highest priority first. */
  readonly findings: readonly FindingEvidence[];
}

/**
 * Matches an applicant's inventory (a CycloneDX SBOM, say) against the current advisory, KEV and EPSS feeds
 * the way a rescan does, and counts the open findings an underwriting profile asks for. Stateless: the
 * company need not be monitored, and nothing is written.
 */
export async function scanInventory(
  unitOfWork: UnitOfWork,
  services: Pick<MonitoringServices, 'advisoryIndex'>,
  components: readonly InventoryComponent[],
): Promise<InventoryScan> {
  return unitOfWork.run(async (repositories) => {
    const index = await services.advisoryIndex(repositories.feeds);
    const outcome = index.match(components);
    const grouped = groupMatches(outcome.matches);
    const assets = components.filter(
      (component) => component.vendor !== undefined && component.product !== undefined,
    );
    const kevForAssets =
      assets.length === 0 ? [] : kevMatchesForAssets(await repositories.feeds.listKevEntries(), assets);
    const cveIds = [
      ...new Set([
        ...grouped.flatMap((group) => cveIdsOf(group.advisories)),
        ...kevForAssets.map(({ entry }) => entry.cveId),
      ]),
    ];
    const [kev, epss] = await Promise.all([
      repositories.feeds.findKevEntries(cveIds),
      repositories.feeds.findEpssScores(cveIds),
    ]);
    const intelligence = {
      kev: new Map(kev.map((entry) => [entry.cveId, entry])),
      epss: new Map(epss.map((score) => [score.cveId, score])),
    };
    const findings = [
      ...grouped.map(({ component, aliasGroup, advisories }) =>
        evidenceFor(
          component,
          advisories,
          cveIdsOf(advisories),
          intelligence,
          advisories[0]?.summary || aliasGroup,
        ),
      ),
      ...kevForAssets.map(({ component, entry }) =>
        evidenceFor(component, [], [entry.cveId], intelligence, entry.vulnerabilityName),
      ),
    ].sort((a, b) => b.priority - a.priority);
    return {
      componentsCompared: outcome.componentsCompared + assets.length,
      versionsUnreadable: outcome.versionsUnreadable.length,
      critical: findings.filter((finding) => finding.severityBand === 'critical').length,
      knownExploited: findings.filter((finding) => finding.kev).length,
      findings,
    };
  });
}
