import { beforeAll, describe, expect, it } from 'vitest';
import { AdvisoryIndex } from './advisory-index.js';
import { collectAdvisoryFeed } from './feeds/index.js';
import { readCycloneDxSbom } from './inventory/index.js';
import { readSharedText } from './feeds/testing/shared-data.js';
import { RANGE_CONVERTERS } from './range-converters.js';

async function victimsIndex(): Promise<AdvisoryIndex> {
  const text = readSharedText('osv/maven_victims.jsonl');
  const feed = await collectAdvisoryFeed([text], RANGE_CONVERTERS, { format: 'victims' });
  expect(feed.rejected).toEqual([]);
  return new AdvisoryIndex(
    feed.advisories.map((advisory) => ({ ...advisory, aliasGroup: advisory.id })),
    'test',
  );
}

/**
 * Dependency-Track 4.5.0 (Maven) against the victims set. Checked by hand: six components share a package
 * with victims advisories, and every one of them is newer than the last affected version, so nothing matches
 * (commons-collections4 4.4 > 4.0; jackson-databind 2.13.2.2 > 2.9.x; logback-core 1.2.11 > 1.1.10;
 * jackson-dataformat-xml 2.13.2 > 2.7.3; mysql-connector-java 8.0.29 > 5.1.40; xercesImpl 2.12.2 > 2.11.0).
 * Rolled back to versions inside those ranges, the same components do match.
 */
describe('Dependency-Track 4.5.0 SBOM against the victims Maven advisories', () => {
  let index: AdvisoryIndex;
  let sbomText: string;
  beforeAll(async () => {
    index = await victimsIndex();
    sbomText = readSharedText('sboms/dependency-track-apiserver-4.5.0.cdx.json');
  });

  it('finds nothing: every overlapping component is past its advisories', async () => {
    const sbom = await readCycloneDxSbom(sbomText);
    const outcome = index.match(sbom.components);
    expect(outcome.componentsCompared).toBe(132);
    expect(outcome.versionsUnreadable).toEqual([]);
    expect(outcome.matches).toEqual([]);
  });

  it('finds the advisories once the components are rolled back into the affected ranges', async () => {
    const rolledBack = sbomText
      .replaceAll('jackson-databind@2.13.2.2', 'jackson-databind@2.9.3')
      .replaceAll('"version" : "2.13.2.2"', '"version" : "2.9.3"')
      .replaceAll('logback-core@1.2.11', 'logback-core@1.1.10')
      .replaceAll('"version" : "1.2.11"', '"version" : "1.1.10"');
    const sbom = await readCycloneDxSbom(rolledBack);
    const found = index
      .match(sbom.components)
      .matches.map(
        ({ component, advisory }) => `${component.packageName}@${component.version} ${advisory.id}`,
      );
    // jackson-databind 2.9.3 is the last affected version of CVE-2017-17485 (2.9-alpha … 2.9.3) and inside
    // none of the ranges that end at 2.9.0 or below; logback-core 1.1.10 is CVE-2017-5929's last affected.
    expect(found).toContain('com.fasterxml.jackson.core:jackson-databind@2.9.3 CVE-2017-17485');
    expect(found).not.toContain('com.fasterxml.jackson.core:jackson-databind@2.9.3 CVE-2017-7525');
    expect(found).toContain('ch.qos.logback:logback-core@1.1.10 CVE-2017-5929');
  });
});
