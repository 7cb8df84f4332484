import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { InventoryScanResult, Problem } from '@carapace/contracts';
import { importFeed, systemContext, type FeedKind } from '@carapace/domain';
import { createUnitOfWorkFactory, type DatabaseHandle } from '@carapace/store';
import { describeEachDatabase } from '@carapace/store/testing';
import { startApiTestServer, type ApiTestServer } from '../testing/api-test-server.js';

/** Real public data shared by the project's machines (SOURCE.md beside each file names its origin). */
const DATA = new URL('../../../../../shared/data/', import.meta.url);
const NPM_ADVISORIES = new URL('osv/npm_nodejs_security_wg.jsonl', DATA);
const KEV_CATALOGUE = new URL('kev/known_exploited_vulnerabilities.json', DATA);
const JUICE_SHOP_SBOM = new URL('sboms/juice-shop-16.0.0.cdx.json', DATA);

interface Sbom {
  components: { name: string; version?: string }[];
  dependencies?: unknown;
}

/**
 * Juice Shop's own SBOM cut to the components some npm advisory names, so it stays under the 1 MiB a JSON
 * request may carry and still holds every package that could match.
 */
async function juiceShopSlice(): Promise<Sbom> {
  const sbom = JSON.parse(await readFile(JUICE_SHOP_SBOM, 'utf8')) as Sbom;
  const advisories = await readFile(NPM_ADVISORIES, 'utf8');
  const kept = sbom.components.filter((component) => advisories.includes(`"${component.name}"`));
  // The dependency graph would name components left out; the scan does not need it.
  return { ...sbom, components: kept, dependencies: [] };
}

async function* linesOf(source: URL): AsyncGenerator<string> {
  for await (const chunk of createReadStream(source, { encoding: 'utf8' })) yield chunk as string;
}

async function importFeeds(database: DatabaseHandle): Promise<void> {
  const feeds: [FeedKind, URL][] = [
    ['nodejs-security-wg', NPM_ADVISORIES],
    ['kev', KEV_CATALOGUE],
  ];
  for (const [feed, source] of feeds) {
    const outcome = await importFeed(
      createUnitOfWorkFactory(database.db),
      systemContext('test-fixture', 'feed.import'),
      feed,
      { location: source.pathname, chunks: linesOf(source) },
      () => new Date(),
    );
    expect(outcome.run.status).toBe('succeeded');
  }
}

describeEachDatabase('inventory scan API', ({ handle }) => {
  let server: ApiTestServer;
  beforeEach(async () => {
    server = await startApiTestServer(handle());
  });
  afterEach(async () => {
    await server.close();
  });

  async function scan(token: string, body: string, contentType = 'application/vnd.cyclonedx+json') {
    return fetch(`${server.url}/api/v1/inventory-scans`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body,
    });
  }

  it('counts the critical and known-exploited vulnerabilities of an SBOM against real feeds, storing nothing', async () => {
    const sbom = await juiceShopSlice();
    const underwriter = await server.tokenFor('underwriter');

    // Before any feed is imported nothing can match, and the components are still compared.
    const empty = InventoryScanResult.parse(await (await scan(underwriter, JSON.stringify(sbom))).json());
    expect(empty.openFindings).toEqual({ critical: 0, knownExploited: 0 });
    expect(empty.topFindings).toEqual([]);
    expect(empty.componentsCompared).toBeGreaterThanOrEqual(sbom.components.length);

    await importFeeds(handle());
    const response = await scan(await server.tokenFor('broker'), JSON.stringify(sbom), 'application/json');
    expect(response.status).toBe(200);
    const result = InventoryScanResult.parse(await response.json());
    expect(result.componentsCompared).toBe(empty.componentsCompared);
    const jwt = result.topFindings.find((finding) => finding.componentName === 'jsonwebtoken');
    expect(jwt, 'jsonwebtoken 0.1.0/0.4.0 is deliberately vulnerable in Juice Shop').toBeDefined();
    expect(result.topFindings.length).toBeGreaterThan(0);
    expect(result.topFindings.length).toBeLessThanOrEqual(10);
    expect(result.topFindings.map((finding) => finding.priority)).toEqual(
      [...result.topFindings.map((finding) => finding.priority)].sort((a, b) => b - a),
    );
    const shownCritical = result.topFindings.filter((finding) => finding.severityBand === 'critical').length;
    const shownKev = result.topFindings.filter((finding) => finding.kev).length;
    expect(result.openFindings.critical).toBeGreaterThanOrEqual(shownCritical);
    expect(result.openFindings.knownExploited).toBeGreaterThanOrEqual(shownKev);
    // This slice has fewer findings than the answer lists, so the counts are exactly those shown.
    expect(result.topFindings.length, 'all findings listed').toBeGreaterThanOrEqual(5);
    expect(result.topFindings.length, 'all findings listed').toBeLessThan(10);
    expect(result.openFindings).toEqual({ critical: shownCritical, knownExploited: shownKev });
    expect(jwt?.severityBand).toBe('medium');
  });

  it('names the bad component of a broken SBOM, and refuses a role that runs no assessments', async () => {
    const sbom = await juiceShopSlice();
    const broken = { ...sbom, components: [...sbom.components, { type: 'library' }] };
    const response = await scan(await server.tokenFor('underwriter'), JSON.stringify(broken));
    expect(response.status).toBe(422);
    const problem = Problem.parse(await response.json());
    expect(problem.code).toBe('inventory_invalid');

    const refused = await scan(await server.tokenFor('security_admin'), JSON.stringify(sbom));
    expect(refused.status).toBe(403);
  });
});
