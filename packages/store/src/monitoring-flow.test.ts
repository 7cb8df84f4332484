import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import {
  AdvisoryIndexCache,
  enrolInsured,
  importFeed,
  readCycloneDxSbom,
  systemContext,
  triageFinding,
  uploadInventory,
  type AccessContext,
  type FeedKind,
  type MonitoringServices,
  type PersonalDataProtection,
  type Role,
  type UnderwritingServices,
} from '@carapace/domain';
import type { Database } from './schema.js';
import { describeEachDatabase } from './testing/describe-each-database.js';
import { createUnitOfWorkFactory } from './unit-of-work.js';

const SHARED_DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const NOW = new Date('2026-11-22T08:00:00Z');

async function organisation(
  db: Kysely<Database>,
  kind: 'insurer' | 'insured',
  nameZh: string,
  registeredBy: string | null = null,
) {
  const row = await db
    .insertInto('organisations')
    .values({ kind, nameZh, nameEn: null, creditCode: null, registeredBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function userContext(tenantId: string, tenantKind: 'insurer' | 'insured', role: Role): AccessContext {
  return {
    actor: {
      kind: 'user',
      userId: randomUUID(),
      tenantId,
      tenantKind,
      roles: [role],
      sessionId: null,
      apiTokenId: null,
      scopes: null,
    },
    purpose: 'test',
    requestId: null,
    approvalId: null,
  };
}

async function* fileChunks(path: string): AsyncIterable<string> {
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    yield chunk as string;
  }
}

function textChunks(text: string): AsyncIterable<string> {
  return (async function* () {
    await Promise.resolve();
    yield text;
  })();
}

/** The services a rescan needs here: no rule in this test has a target, and no insured has a policy. */
function monitoringServices(): MonitoringServices {
  const cache = new AdvisoryIndexCache();
  const unused = (what: string) => () => Promise.reject(new Error(`${what} is not used by this test`));
  return {
    advisoryIndex: (feeds) => cache.indexFor(feeds),
    protection: {
      ensureSubjectKey: unused('field encryption'),
      encrypt: unused('field encryption'),
      decrypt: unused('field encryption'),
      blindIndex: () => {
        throw new Error('blind indexes are not used by this test');
      },
      destroySubjectKey: unused('field encryption'),
    } satisfies PersonalDataProtection,
    underwriting: {} as UnderwritingServices,
    clock: () => NOW,
  };
}

/**
 * Juice Shop 16.0.0 against the Node.js security WG advisories. Checked by hand, component by component:
 * each version lies in the advisory's `vulnerable_versions` (node-semver) and the advisory names the package.
 * The SBOM holds jsonwebtoken twice (0.1.0 and 0.4.0, both < 4.2.2): one component, one vulnerability, so one
 * finding.
 */
const JUICE_SHOP_EXPECTED = [
  'jsonwebtoken NSWG-ECO-17',
  'moment@2.0.0 CVE-2016-4055',
  'jws@0.2.6 CVE-2016-1000223',
  'base64url@0.0.6 NSWG-ECO-428',
  'sanitize-html@1.4.2 CVE-2016-1000237',
  'sanitize-html@1.4.2 NSWG-ECO-154',
  'lodash@2.4.2 CVE-2018-3721',
  'lodash@2.4.2 CVE-2018-16487',
].sort();

describeEachDatabase('monitoring: feeds × inventories → findings that survive rescans', ({ handle }) => {
  async function importShared(feed: FeedKind, file: string) {
    const unitOfWorkFor = createUnitOfWorkFactory(handle().db);
    return importFeed(
      unitOfWorkFor,
      systemContext('test', 'feed.import'),
      feed,
      { location: file, chunks: fileChunks(`${SHARED_DATA}${file}`) },
      () => NOW,
    );
  }

  it('imports the legacy npm advisories idempotently: a second import changes nothing', async () => {
    const first = await importShared('nodejs-security-wg', 'osv/npm_nodejs_security_wg.jsonl');
    expect(first.run.status).toBe('succeeded');
    expect(first.run.recordsRead).toBe(467);
    expect(first.run.added + first.run.rejected + first.run.skipped).toBe(467);
    expect(first.run.added).toBeGreaterThan(400);
    const second = await importShared('nodejs-security-wg', 'osv/npm_nodejs_security_wg.jsonl');
    expect(second.run).toMatchObject({ added: 0, changed: 0, unchanged: first.run.added });
  });

  it('matches the real Juice Shop SBOM, keeps a triage decision across a rescan and resolves what was upgraded', async () => {
    const { db } = handle();
    await importShared('nodejs-security-wg', 'osv/npm_nodejs_security_wg.jsonl');
    await importShared('kev', 'kev/known_exploited_vulnerabilities.json');
    const unitOfWorkFor = createUnitOfWorkFactory(db, () => NOW);
    const insurerId = await organisation(db, 'insurer', '甲保险');
    const companyId = await organisation(db, 'insured', '果汁店公司', insurerId);
    const underwriter = userContext(insurerId, 'insurer', 'underwriter');
    const policyholder = userContext(companyId, 'insured', 'policyholder');
    const insured = await enrolInsured(
      unitOfWorkFor(underwriter),
      underwriter,
      { organisationId: companyId },
      NOW,
    );
    const services = monitoringServices();
    const sbomText = await readFile(`${SHARED_DATA}sboms/juice-shop-16.0.0.cdx.json`, 'utf8');
    const sbom = await readCycloneDxSbom(sbomText);
    const read = {
      kind: 'cyclonedx' as const,
      serialNumber: sbom.metadata.serialNumber ?? null,
      specVersion: sbom.metadata.specVersion,
      describedComponent: sbom.metadata.describedComponent?.name ?? null,
      components: sbom.components,
    };
    const first = await uploadInventory(
      unitOfWorkFor(policyholder),
      services,
      policyholder,
      insured.id,
      read,
    );
    expect(first.inventory.version).toBe(1);
    expect(first.rescan.newFindings).toBe(first.rescan.observed);

    const findings = await unitOfWorkFor(policyholder).run(({ monitoring }) =>
      monitoring.listAllFindings(insured.id),
    );
    const seen = findings
      .flatMap((finding) =>
        finding.advisoryIds.map(
          (advisoryId) =>
            `${finding.componentName}${finding.componentName === 'jsonwebtoken' ? '' : `@${finding.componentVersion}`} ${
              finding.aliasGroup.startsWith('CVE-') ? finding.aliasGroup : advisoryId
            }`,
        ),
      )
      .sort();
    expect(seen).toEqual(JUICE_SHOP_EXPECTED);
    expect(findings.every((finding) => finding.state === 'NEW')).toBe(true);

    // The insured decides moment is not affected; lodash is upgraded past both advisories in the next SBOM.
    const moment = findings.find((finding) => finding.componentName === 'moment');
    expect(moment).toBeDefined();
    await triageFinding(unitOfWorkFor(policyholder), services, policyholder, moment!.id, {
      state: 'NOT_AFFECTED',
      justification: 'code_not_reachable',
      note: 'Only used to format dates server side; no user input reaches it.',
    });
    const upgraded = sbomText
      .replaceAll('pkg:npm/lodash@2.4.2', 'pkg:npm/lodash@4.17.21')
      .replaceAll(
        /"name"\s*:\s*"lodash",\s*"version"\s*:\s*"2\.4\.2"/g,
        '"name": "lodash", "version": "4.17.21"',
      );
    const second = await uploadInventory(unitOfWorkFor(policyholder), services, policyholder, insured.id, {
      ...read,
      components: (await readCycloneDxSbom(upgraded)).components,
    });
    expect(second.inventory.version).toBe(2);
    expect(second.rescan.newFindings).toBe(0);
    expect(second.rescan.resolved).toBe(2);

    const after = await unitOfWorkFor(policyholder).run(({ monitoring }) =>
      monitoring.listAllFindings(insured.id),
    );
    expect(after).toHaveLength(findings.length);
    const decided = after.find((finding) => finding.id === moment!.id);
    expect(decided?.state).toBe('NOT_AFFECTED');
    expect(decided?.justification).toMatch(/^code_not_reachable: /);
    const lodash = after.filter((finding) => finding.componentName === 'lodash');
    expect(lodash.map((finding) => finding.state)).toEqual(['RESOLVED', 'RESOLVED']);
    expect(lodash.every((finding) => finding.resolutionConfirmedAt !== null)).toBe(true);

    // History: detected, then triaged, for moment; a later upload of the old SBOM reopens lodash.
    const events = await unitOfWorkFor(policyholder).run(({ monitoring }) =>
      monitoring.listFindingEvents(moment!.id),
    );
    expect(events.map((event) => event.kind)).toEqual(['detected', 'triaged']);
    const third = await uploadInventory(
      unitOfWorkFor(policyholder),
      services,
      policyholder,
      insured.id,
      read,
    );
    expect(third.rescan.reopened).toBe(2);

    // Another insurer sees none of it.
    const otherInsurer = await organisation(db, 'insurer', '乙保险');
    const stranger = userContext(otherInsurer, 'insurer', 'underwriter');
    await expect(
      unitOfWorkFor(stranger).run(({ monitoring }) => monitoring.findMonitoredInsured(insured.id)),
    ).resolves.toBeUndefined();
    await expect(
      unitOfWorkFor(stranger).run(({ monitoring }) => monitoring.listAllFindings(insured.id)),
    ).resolves.toEqual([]);
  });

  it('rejects a feed whose every record is unreadable, and records the failed run', async () => {
    const unitOfWorkFor = createUnitOfWorkFactory(handle().db);
    await expect(
      importFeed(
        unitOfWorkFor,
        systemContext('test', 'feed.import'),
        'osv',
        { location: 'broken.jsonl', chunks: textChunks('{"id": 1}\nnot json\n') },
        () => NOW,
      ),
    ).rejects.toMatchObject({ code: 'feed_invalid' });
    const runs = await unitOfWorkFor(systemContext('test')).run(({ feeds }) => feeds.listFeedRuns(5));
    expect(runs[0]).toMatchObject({ location: 'broken.jsonl', status: 'failed', rejected: 2 });
  });
});
